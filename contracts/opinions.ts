import { z } from 'zod';
import { Id } from './congress.ts';

// Citizens' opinions (domain.md §10; 河南省代表建议、批评和意见办理办法 art. 12–23; the station
// measures art. 13). Contract for scripted clients: submitOpinion {congressId, stationId?, name,
// phone, content, category?} → {trackingCode}; getOpinionStatus {trackingCode} → {status, class?,
// units?, dueDate?, history}; classifyOpinion, routeOpinion, replyOpinion, rateOpinion;
// listOverdue {congressId, unitId?}.

const Text = (max: number) => z.string().trim().min(1).max(max);
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const OpinionStatus = z.enum(['received', 'answered', 'explained', 'to_route', 'assigned', 'replied', 'rehandling', 'evaluation', 'closed']);
export type OpinionStatus = z.infer<typeof OpinionStatus>;
/** 代表建议 (economic and social development), 群众意见 (policy or legal consultation), 信访件 (litigation matters). */
export const OpinionClass = z.enum(['suggestion', 'mass_opinion', 'petition']);
export type OpinionClass = z.infer<typeof OpinionClass>;
/** Measures art. 13: answer on the spot, explain the route, or forward by class and level. */
export const Disposition = z.enum(['answer_on_spot', 'explain_route', 'forward']);
export type Disposition = z.infer<typeof Disposition>;
export const LegalRoute = z.enum(['litigation', 'arbitration', 'administrative_review', 'petition']);
export type LegalRoute = z.infer<typeof LegalRoute>;
export const AssignmentRole = z.enum(['lead', 'co', 'separate']);
export type AssignmentRole = z.infer<typeof AssignmentRole>;
export const Grade = z.enum(['A', 'B', 'C', 'D']);
export type Grade = z.infer<typeof Grade>;
export const Channel = z.enum(['online', 'station', 'deputy']);

export const TrackingCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'a 12-character tracking code'));

export const SubmitOpinion = z
  .object({
    congressId: Id,
    stationId: Id.optional(),
    name: Text(50),
    phone: z.string().trim().min(5).max(30),
    idNumber: z.string().trim().max(18).optional(),
    content: Text(5000),
    category: Text(50).optional(),
    /** The code sent to the phone (requestPhoneCode), when the congress requires phone verification. */
    verificationCode: z.string().trim().regex(/^\d{6}$/, '6 digits').optional(),
  })
  .strict();
export const Submitted = z.object({ trackingCode: z.string() });

export const HistoryEntry = z.object({ at: z.string(), kind: z.string(), text_zh: z.string(), text_en: z.string() });
export const PublicUnit = z.object({ name: z.string(), role: AssignmentRole });
export const OpinionStatusView = z.object({
  trackingCode: z.string(),
  status: OpinionStatus,
  statusZh: z.string(),
  class: OpinionClass.optional(),
  units: z.array(PublicUnit).optional(),
  dueDate: LocalDate.optional(),
  feedbackDue: LocalDate.optional(),
  canRate: z.boolean(),
  history: z.array(HistoryEntry),
});

export const RateOpinion = z
  .object({ trackingCode: TrackingCode, satisfied: z.boolean(), reason: z.string().trim().max(2000).optional() })
  .strict();

export const ClassifyOpinion = z
  .object({
    class: OpinionClass,
    disposition: Disposition,
    route: LegalRoute.optional(),
    /** The answer given on the spot, or the explanation of the route, as the citizen will read it. */
    answer: z.string().trim().max(5000).optional(),
    category: Text(50).optional(),
    /** 代表建议: the deputy who takes it up first (领衔), then co-signing deputies (联名). */
    deputyIds: z.array(Id).max(50).optional(),
  })
  .strict();

export const RouteOpinion = z
  .object({
    /** lead: one lead unit with co-handlers (主办/协办); separate: several units each replying (分别承办); category: the office's table. */
    mode: z.enum(['lead', 'separate', 'category']),
    leadUnitId: Id.optional(),
    coUnitIds: z.array(Id).max(20).optional(),
    unitIds: z.array(Id).max(20).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const DeclineOpinion = z.object({ unitId: Id.optional(), reason: Text(2000) }).strict();
export const ExtendDeadline = z.object({ unitId: Id.optional(), explanation: Text(2000) }).strict();
export const ReplyOpinion = z
  .object({
    unitId: Id.optional(),
    text: Text(20000),
    /** Required for a lead or separate unit's reply; a co-handler's view to the lead unit has none. */
    grade: Grade.optional(),
  })
  .strict();
export const FollowThrough = z.object({ unitId: Id.optional(), text: Text(5000) }).strict();
/** H-22: how the deputy (or the station) brought the reply to the citizen. */
export const FeedbackMethod = z.enum(['phone', 'visit', 'sms', 'letter', 'at_station']);
export const RelayReply = z
  .object({
    note: z.string().trim().max(1000).optional(),
    method: FeedbackMethod.optional(),
    /** The day the citizen was reached (default today); never in the future. */
    contactedOn: LocalDate.optional(),
  })
  .strict();
export const Feedback = z.object({
  id: Id,
  round: z.number().int(),
  deputyId: Id.nullable(),
  deputyName: z.string().nullable(),
  method: FeedbackMethod,
  contactedOn: LocalDate,
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const MarkKey = z.object({ isKey: z.boolean() }).strict();
export const ConcludeEvaluation = z.object({ conclusion: Text(5000) }).strict();

export const Assignment = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  role: AssignmentRole,
  round: z.number().int(),
  assignedOn: LocalDate,
  declineBy: LocalDate,
  dueDate: LocalDate,
  state: z.enum(['active', 'replied', 'declined', 'withdrawn']),
  declinedOn: LocalDate.nullable(),
  declineReason: z.string().nullable(),
  repliedOn: LocalDate.nullable(),
  extended: z.boolean(),
  extensionNote: z.string().nullable(),
});
export const Reply = z.object({
  id: Id,
  groupId: Id,
  unitId: Id,
  unitName: z.string(),
  kind: z.enum(['reply', 'co_view', 'follow_up']),
  round: z.number().int(),
  grade: Grade.nullable(),
  text: z.string(),
  recipientDeputyId: Id.nullable(),
  recipientName: z.string().nullable(),
  status: z.enum(['draft', 'issued']),
  draftedAt: z.string(),
  signedAt: z.string().nullable(),
});
export const Rating = z.object({ round: z.number().int(), satisfied: z.boolean(), reason: z.string().nullable(), via: z.enum(['citizen', 'deputy']), ratedAt: z.string() });
export const InternalEvent = z.object({ at: z.string(), kind: z.string(), isPublic: z.boolean(), text_zh: z.string(), text_en: z.string() });

export const OpinionSummary = z.object({
  id: Id,
  trackingCode: z.string(),
  status: OpinionStatus,
  class: OpinionClass.nullable(),
  category: z.string().nullable(),
  channel: Channel,
  stationId: Id.nullable(),
  /** Masked: 张** / 138****5678. The full contact is read through getOpinionContact, which is audited. */
  name: z.string(),
  phone: z.string(),
  excerpt: z.string(),
  receivedOn: LocalDate,
  dueDate: LocalDate.nullable(),
  isKey: z.boolean(),
  round: z.number().int(),
});
export const OpinionDetail = OpinionSummary.extend({
  content: z.string(),
  disposition: Disposition.nullable(),
  route: LegalRoute.nullable(),
  answer: z.string().nullable(),
  deputies: z.array(z.object({ deputyId: Id, name: z.string(), role: z.enum(['lead', 'cosigner']) })),
  assignments: z.array(Assignment),
  replies: z.array(Reply),
  ratings: z.array(Rating),
  events: z.array(InternalEvent),
  routeDue: LocalDate.nullable(),
  feedbackDue: LocalDate.nullable(),
  closure: z.string().nullable(),
  relayedAt: z.string().nullable(),
  feedbacks: z.array(Feedback),
  attachments: z.array(z.object({ id: Id, filename: z.string(), mime: z.string(), size: z.number().int(), createdAt: z.string() })),
  /** Set when a deadline falls in a year whose holidays are not known yet (see the working calendar). */
  calendarNotice: z.string().nullable(),
});
export const OpinionContact = z.object({ name: z.string().nullable(), phone: z.string().nullable(), idNumber: z.string().nullable() });

export const ListOpinionsQuery = z
  .object({
    status: OpinionStatus.optional(),
    stationId: Id.optional(),
    class: OpinionClass.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export const OpinionPage = z.object({ total: z.number().int(), items: z.array(OpinionSummary) });

export const OverdueQuery = z
  .object({
    unitId: Id.optional(),
    /** The day to judge by; defaults to today (Asia/Shanghai). A later day previews what will be overdue. */
    asOf: LocalDate.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export const OverdueItem = z.object({
  opinionId: Id,
  trackingCode: z.string(),
  assignmentId: Id.nullable(),
  unitId: Id.nullable(),
  unitName: z.string(),
  role: z.enum(['lead', 'co', 'separate', 'office']),
  round: z.number().int(),
  dueDate: LocalDate,
  workingDaysOverdue: z.number().int(),
  escalated: z.boolean(),
  isKey: z.boolean(),
});
export const OverdueList = z.object({ asOf: LocalDate, total: z.number().int(), items: z.array(OverdueItem) });
export const OverdueByUnit = z.object({
  asOf: LocalDate,
  units: z.array(z.object({ unitId: Id.nullable(), unitName: z.string(), open: z.number().int(), overdue: z.number().int() })),
});

export const UnitQueueQuery = z.object({ state: z.enum(['active', 'replied', 'declined', 'withdrawn']).optional(), limit: z.coerce.number().int().min(1).max(200).optional() }).strict();
export const QueueItem = z.object({
  opinionId: Id,
  trackingCode: z.string(),
  assignment: Assignment,
  status: OpinionStatus,
  class: OpinionClass.nullable(),
  category: z.string().nullable(),
  excerpt: z.string(),
  isKey: z.boolean(),
  needsSignOff: z.boolean(),
});

export const Alert = z.object({
  id: Id,
  opinionId: Id,
  trackingCode: z.string(),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  kind: z.enum(['due_soon', 'overdue', 'escalated', 'route_overdue']),
  dueDate: LocalDate,
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export const AlertsQuery = z.object({ unitId: Id.optional(), open: z.enum(['true', 'false']).optional() }).strict();

export const DeadlineRun = z.object({ asOf: LocalDate.optional() }).strict();
export const DeadlineRunResult = z.object({ asOf: LocalDate, alertsCreated: z.number().int(), feedbackClosed: z.number().int(), anonymized: z.number().int() });

export const UnitUser = z.object({ unitId: Id, userId: Id, username: z.string(), displayName: z.string(), isHead: z.boolean() });
export const SetUnitUser = z.object({ isHead: z.boolean() }).strict();

export const RoutingCategory = z.object({ category: z.string(), leadUnitId: Id, coUnitIds: z.array(Id), updatedAt: z.string() });
export const SetRoutingCategory = z.object({ leadUnitId: Id, coUnitIds: z.array(Id).max(20) }).strict();

export const IntakeSettings = z.object({
  perIpPerHour: z.number().int(),
  perPhonePerDay: z.number().int(),
  retentionYears: z.number().int(),
  requirePhoneVerification: z.boolean(),
  /** Verification codes a network address may ask for per hour. */
  codesPerIpPerHour: z.number().int(),
  /** Verification codes the congress sends per day at most (what an SMS flood can cost). */
  codesPerDay: z.number().int(),
});
/** Fields left out (the switch, the code limits) keep their current values. */
export const SetIntakeSettings = z
  .object({
    perIpPerHour: z.number().int().min(1).max(1_000_000),
    perPhonePerDay: z.number().int().min(1).max(1_000_000),
    retentionYears: z.number().int().min(1).max(30),
    requirePhoneVerification: z.boolean().optional(),
    codesPerIpPerHour: z.number().int().min(1).max(1_000_000).optional(),
    codesPerDay: z.number().int().min(1).max(10_000_000).optional(),
  })
  .strict();

/** Phone verification for online submissions (opinions.phone.ts): a 6-digit code by SMS, or through the office. */
export const RequestPhoneCode = z.object({ congressId: Id, phone: z.string().trim().min(5).max(30) }).strict();
export const PhoneCodeIssued = z.object({ via: z.enum(['sms', 'office']), expiresAt: z.string() });
export const PendingPhoneCode = z.object({ id: Id, phone: z.string(), code: z.string(), createdAt: z.string(), expiresAt: z.string() });
export const IntakeBlock = z.object({ id: Id, kind: z.enum(['ip', 'phone']), masked: z.string(), note: z.string().nullable(), until: z.string().nullable(), createdAt: z.string() });
export const CreateIntakeBlock = z
  .object({ kind: z.enum(['ip', 'phone']), value: z.string().trim().min(3).max(64), note: z.string().trim().max(200).optional(), until: z.iso.datetime().optional() })
  .strict();

export const CitizenExportRequest = z.object({ phone: z.string().trim().min(5).max(30) }).strict();
export const CitizenExport = z.object({
  phone: z.string(),
  exportedAt: z.string(),
  opinions: z.array(OpinionDetail.extend({ contact: OpinionContact })),
});

export const StatisticsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
export const UnitStatistics = z.object({
  unitId: Id,
  unitName: z.string(),
  replies: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  rated: z.number().int(),
  satisfied: z.number().int(),
  satisfactionRate: z.number().nullable(),
  /** Only units with at least `minimumSample` replies (and ratings) are ranked. */
  onTimeRank: z.number().int().nullable(),
  satisfactionRank: z.number().int().nullable(),
});
export const OpinionStatistics = z.object({
  year: z.number().int(),
  minimumSample: z.number().int(),
  received: z.number().int(),
  byClass: z.record(z.string(), z.number().int()),
  byStatus: z.record(z.string(), z.number().int()),
  units: z.array(UnitStatistics),
});

/** What the signed-in user works on in this congress: handling units (with head flag), staffed stations, own deputy record. */
export const MyDesk = z.object({
  units: z.array(z.object({ unitId: Id, unitName: z.string(), isHead: z.boolean() })),
  stations: z.array(z.object({ stationId: Id, name: z.string() })),
  deputyId: Id.nullable(),
});
