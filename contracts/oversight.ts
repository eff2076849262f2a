import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';

// Oversight: interpellations (质询案) and audit rectification follow-through.

export const InterpellationTarget = z.enum(['government', 'government_department', 'supervision_commission', 'court', 'procuratorate']);
const Long = z.string().max(20000);

/** Target, question and content are checked by the rule (R-O6) so that a missing one is refused with the rule cited. */
export const CreateInterpellation = z
  .object({
    meetingId: Id,
    target: z.string().max(100).optional(),
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
  answer: z.object({ mode: z.enum(['oral', 'written']), text: z.string(), signedBy: z.string().nullable(), date: IsoDate.nullable() }).nullable(),
});

export const InterpellationParams = z.object({ interpellationId: Id }).strict();
export const RouteInterpellation = z.object({ route: z.enum(['committee', 'plenary']), committee: z.string().trim().max(100).optional() }).strict();
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
});
export const CreateOpinionLetter = z
  .object({ reportId: Id.optional(), organ: z.string().trim().min(1).max(200), opinions: z.array(z.string().max(5000)).max(200), sentOn: IsoDate.optional(), dueDate: IsoDate })
  .strict();
export const OpinionLetter = z.object({
  id: Id,
  reportId: Id.nullable(),
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
