import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';

// Oversight: interpellations (质询案) and audit rectification follow-through.

export const InterpellationTarget = z.enum(['government', 'government_department', 'supervision_commission', 'court', 'procuratorate']);
const Long = z.string().max(20000);

/** Question and content (and a target left out) are checked by the rule (R-O6) so that a missing one is refused with the rule cited. */
export const CreateInterpellation = z
  .object({
    meetingId: Id,
    target: InterpellationTarget.optional(),
    targetName: z.string().max(200).optional(),
    question: Long.optional(),
    content: Long.optional(),
    signers: z.array(Id).max(200),
  })
  .strict();

export const Interpellation = z.object({
  id: Id,
  meetingId: Id,
  target: InterpellationTarget,
  targetName: z.string().nullable(),
  question: z.string(),
  content: z.string(),
  signers: z.array(z.object({ personId: Id, name: z.string() })),
  state: z.enum(['submitted', 'routed', 'answered']),
  route: z.enum(['committee', 'plenary']).nullable(),
  committee: z.string().nullable(),
  unitId: Id.nullable(),
  answer: z.object({ mode: z.enum(['oral', 'written']), text: z.string(), signedBy: z.string().nullable(), date: IsoDate.nullable() }).nullable(),
});

export const InterpellationParams = z.object({ interpellationId: Id }).strict();
export const RouteInterpellation = z.object({ route: z.enum(['committee', 'plenary']), committee: z.string().trim().max(100).optional(), unitId: Id.optional() }).strict();
export const AnswerInterpellation = z
  .object({ mode: z.enum(['oral', 'written']), text: z.string().max(50000).optional(), signedBy: z.string().max(100).optional(), date: IsoDate.optional() })
  .strict();

export const RectificationStatus = z.enum(['open', 'in_progress', 'rectified']);
export const RectificationItemInput = z
  .object({ title: z.string().trim().min(1).max(500), unit: z.string().max(200).optional(), dueDate: IsoDate, status: RectificationStatus.optional(), rectifiedOn: IsoDate.optional() })
  .strict();
export const CreateRectificationItems = z.object({ reportId: z.string().min(1).max(64).optional(), items: z.array(RectificationItemInput).min(1).max(2000) }).strict();
export const UpdateRectificationItem = z.object({ status: RectificationStatus, rectifiedOn: IsoDate.optional() }).strict();
export const RectificationItem = z.object({
  id: Id,
  reportId: z.string().nullable(),
  title: z.string(),
  unit: z.string().nullable(),
  dueDate: IsoDate,
  status: RectificationStatus,
  rectifiedOn: IsoDate.nullable(),
  overdue: z.boolean(),
});
export const RectificationSummaryQuery = z.object({ reportId: z.string().min(1).max(64).optional(), asOf: IsoDate.optional() }).strict();
export const RectificationSummary = z.object({ due: z.number().int(), rectified: z.number().int(), rate: z.number() });

export const ReportKind = z.enum([
  'plan_budget_execution',
  'final_accounts',
  'audit',
  'environment',
  'state_assets',
  'livelihood_projects',
  'law_enforcement_inspection',
  'deputies_suggestions',
  'filing_review',
  'other',
  'special_work',
]);
export const CreateReport = z
  .object({
    kind: ReportKind,
    title: z.string().trim().min(1).max(300),
    organ: z.string().trim().min(1).max(200),
    presenter: z.string().trim().max(100).optional(),
    presenterPost: z.string().trim().max(200).optional(),
    meetingId: Id.optional(),
    submittedOn: IsoDate.optional(),
  })
  .strict();
/** What the meeting did with a report (R-O4): heard, deliberated, deliberation opinions sent, adopted by vote, a resolution adopted on it. */
export const ReportOutcome = z.enum(['heard', 'deliberated', 'opinions_sent', 'adopted', 'resolution_adopted']);
export const Report = z.object({
  id: Id,
  kind: ReportKind,
  title: z.string(),
  organ: z.string(),
  presenter: z.string().nullable(),
  presenterPost: z.string().nullable(),
  meetingId: Id.nullable(),
  submittedOn: IsoDate,
  deadline: IsoDate.nullable(),
  late: z.boolean(),
  /** Null until recorded; sending an opinion letter on a heard or deliberated report makes it opinions_sent. */
  outcome: ReportOutcome.nullable(),
  /** The resolution's title when one was adopted, or another note. */
  outcomeNote: z.string().nullable(),
  /** Opinion letters sent on the report. */
  letters: z.number().int(),
});
export const RecordReportOutcome = z.object({ outcome: ReportOutcome, note: z.string().trim().max(300).optional() }).strict();
export const CreateOpinionLetter = z
  .object({
    reportId: Id.optional(),
    /** The handling unit (a body) the letter goes to: its users see and answer only their own letters. */
    unitId: Id.optional(),
    organ: z.string().trim().min(1).max(200).optional(),
    opinions: z.array(z.string().max(5000)).max(200), sentOn: IsoDate.optional(),
    /** The due date, or a period in working days from sending (counted on the congress's calendar, 调休 included). */
    dueDate: IsoDate.optional(),
    dueInWorkingDays: z.number().int().min(1).max(365).optional() })
  .strict()
  .refine((l) => (l.dueDate === undefined) !== (l.dueInWorkingDays === undefined), { error: 'give exactly one of dueDate and dueInWorkingDays' });
export const OpinionLetter = z.object({
  id: Id,
  reportId: Id.nullable(),
  unitId: Id.nullable(),
  organ: z.string(),
  opinions: z.array(z.string()),
  sentOn: IsoDate,
  dueDate: IsoDate,
  state: z.enum(['sent', 'answered']),
  answer: z.string().nullable(),
  answeredOn: IsoDate.nullable(),
  overdue: z.boolean(),
});
export const AnswerOpinionLetter = z.object({ text: z.string().max(50000).optional(), answeredOn: IsoDate.optional() }).strict();

// ---- follow-through: the progress tree, reminders and the overdue dashboard ------------------------

export const CreateFollowupResult = z
  .object({
    parentId: Id.optional(),
    title: z.string().trim().min(1).max(500),
    sourceType: z.enum(['bill', 'report', 'opinion_letter', 'special_inquiry', 'rectification']).optional(),
    sourceId: Id.optional(),
    unitId: Id.optional(),
    dueDate: IsoDate.optional(),
    weight: z.number().int().min(1).max(100).optional(),
    progress: z.number().int().min(0).max(100).optional(),
  })
  .strict();
export const UpdateFollowupProgress = z.object({ progress: z.number().int().min(0).max(100) }).strict();
/** One node of the tree, flattened in depth-first order; a parent's progress is rolled up from its children. */
export const FollowupResult = z.object({
  id: Id,
  parentId: Id.nullable(),
  depth: z.number().int(),
  title: z.string(),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
  unitId: Id.nullable(),
  dueDate: IsoDate.nullable(),
  weight: z.number().int(),
  progress: z.number(),
  computed: z.boolean(),
  overdue: z.boolean(),
});
export const FollowupQuery = z.object({ rootId: Id.optional(), sourceId: Id.optional() }).strict();
/** `soonDays`: how many working days before its due date an item counts as due soon (default 5, as the reminders), on the congress's calendar. */
export const DashboardQuery = z.object({ asOf: IsoDate.optional(), soonDays: z.coerce.number().int().min(0).max(60).optional() }).strict();
export const OverdueDashboard = z.object({
  asOf: IsoDate,
  organs: z.array(
    z.object({
      organ: z.string(),
      overdue: z.number().int(),
      dueSoon: z.number().int(),
      byKind: z.object({ opinion_letter: z.number().int(), rectification: z.number().int(), special_inquiry: z.number().int(), result: z.number().int() }),
    }),
  ),
});
export const RunFollowups = z.object({ asOf: IsoDate.optional() }).strict();
export const FollowupRun = z.object({
  asOf: IsoDate,
  remindersCreated: z.number().int(),
  votesRecorded: z.number().int(),
  /** Reminders emailed in this run; 0 when SMTP is not configured. */
  emailsSent: z.number().int(),
  /** Reminders sent by text message in this run; 0 when no SMS gateway is configured. */
  smsSent: z.number().int(),
});
export const FollowupReminder = z.object({ id: Id, targetKey: z.string(), kind: z.enum(['due_soon', 'overdue']), dueDate: IsoDate, unitId: Id.nullable(), organ: z.string().nullable(), title: z.string(), createdAt: z.string() });

// ---- special inquiries and work evaluations (R-O5), investigation committees (R-B11) --------------

export const CreateSpecialInquiry = z
  .object({
    kind: z.enum(['inquiry', 'evaluation']),
    topic: z.string().trim().min(1).max(300),
    proposer: z
      .object({ type: z.enum(['council', 'committee', 'members', 'deputies']), name: z.string().trim().max(100).optional(), signers: z.array(z.string().trim().min(1).max(64)).max(500).optional() })
      .strict(),
    meetingId: Id.optional(),
    organs: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .strict();
export const RecordInquiryQa = z
  .object({ askedBy: z.string().trim().min(1).max(50), question: z.string().trim().min(1).max(5000), answeredBy: z.string().trim().min(1).max(100), answer: z.string().trim().max(20000) })
  .strict();
export const SendInquiryOpinions = z.object({ opinions: z.array(z.string().max(5000)).min(1).max(200), sentOn: IsoDate, dueDate: IsoDate }).strict();
export const ReportInquiry = z.object({ text: z.string().trim().min(1).max(50000), reportedOn: IsoDate }).strict();
export const SpecialInquiry = z.object({
  id: Id,
  kind: z.enum(['inquiry', 'evaluation']),
  topic: z.string(),
  proposer: z.object({ type: z.enum(['council', 'committee', 'members', 'deputies']), name: z.string().nullable(), signers: z.array(z.string()) }),
  meetingId: Id.nullable(),
  organs: z.array(z.string()),
  state: z.enum(['proposed', 'held', 'opinions_sent', 'reported']),
  qa: z.array(z.object({ askedBy: z.string(), question: z.string(), answeredBy: z.string(), answer: z.string() })),
  opinions: z.array(z.string()),
  dueDate: IsoDate.nullable(),
  report: z.object({ text: z.string(), reportedOn: IsoDate }).nullable(),
});
export const CreateInvestigation = z
  .object({
    question: z.string().trim().min(1).max(500),
    mandate: z.string().trim().min(1).max(5000),
    meetingId: Id.optional(),
    establishedOn: IsoDate,
    chairId: Id,
    memberIds: z.array(Id).min(1).max(50),
  })
  .strict();
export const ReportInvestigation = z.object({ text: z.string().trim().min(1).max(50000), reportedOn: IsoDate }).strict();
export const ConcludeInvestigation = z.object({ resolutionBillId: Id }).strict();
export const Investigation = z.object({
  id: Id,
  question: z.string(),
  mandate: z.string(),
  meetingId: Id.nullable(),
  establishedOn: IsoDate,
  chair: z.object({ personId: Id, name: z.string() }),
  members: z.array(z.object({ personId: Id, name: z.string() })),
  state: z.enum(['established', 'reported', 'concluded']),
  report: z.object({ text: z.string(), reportedOn: IsoDate }).nullable(),
  resolutionBillId: Id.nullable(),
});
