import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';

// Bills (议案): registration, the council's decision, withdrawal, hold, vote and the history of actions.

export const BillPerson = z
  .object({ personId: Id.optional(), name: z.string().trim().min(1).max(50), post: z.string().max(200).optional(), particulars: z.string().max(5000), reasons: z.string().max(5000) })
  .strict();
export const BillKind = z.enum(['regulation', 'decision', 'personnel', 'plan_adjustment', 'budget_adjustment', 'final_accounts', 'other']);
export const BillState = z.enum(['awaiting_cosigners', 'submitted', 'referred', 'placed', 'not_placed', 'held', 'withdrawn', 'passed', 'failed', 'awaiting_approval', 'approved', 'promulgated']);
export const BillActionName = z.enum(['submit', 'place', 'refer', 'notPlace', 'hold', 'sendBack', 'withdraw', 'recordVote', 'reportForApproval', 'recordApproval', 'promulgate']);
export const ReadingStage = z.enum(['first_deliberation', 'legal_review', 'further_reading']);
export const PresenterRole = z.enum(['council_member', 'committee_head', 'government_head', 'delegated_department_head', 'principal_head', 'lead_signer']);
export const OutcomeKind = z.enum(['resolution', 'decision']);
/** Organs with the right to propose besides the council and joint members (R-B1, 议事规则 art. 17). */
export const ProposingOrgan = z.enum(['government', 'supervision_commission', 'court', 'procuratorate', 'special_committee']);
const Text = z.string().trim().min(1).max(2000);

export const CreateBill = z
  .object({
    congressId: Id,
    kind: BillKind,
    title: z.string().trim().min(1).max(300),
    proposer: z
      .object({
        type: z.enum(['council', 'organ', 'members']),
        organ: ProposingOrgan.optional(),
        cosigners: z.array(Id).max(200).optional(),
      })
      .strict(),
    targetMeetingId: Id.optional(),
    submittedOn: IsoDate.optional(),
    /** Personnel bills: each person's particulars and the reasons (R-B3). */
    persons: z.array(BillPerson).max(100).optional(),
  })
  .strict();

export const Cosigner = z.object({ personId: Id, name: z.string(), confirmed: z.boolean() });

export const Bill = z.object({
  id: Id,
  congressId: Id,
  kind: BillKind,
  title: z.string(),
  proposer: z.object({ type: z.enum(['council', 'organ', 'members']), organ: z.string().nullable(), name: z.string() }),
  cosigners: z.array(Cosigner),
  state: BillState,
  targetMeetingId: Id.nullable(),
  submittedOn: IsoDate.nullable(),
  deadline: IsoDate.nullable(),
  late: z.boolean(),
  lateOverride: z.boolean(),
  committee: z.string().nullable(),
  decisionNote: z.string().nullable(),
  persons: z.array(BillPerson),
  allowedActions: z.array(BillActionName),
  /** The agenda item the bill is on, and the vote read from the poll on it. */
  agendaItemId: Id.nullable(),
  pollId: Id.nullable(),
  votedOn: IsoDate.nullable(),
  presenter: z.object({ name: z.string(), post: z.string().nullable(), role: PresenterRole, mode: z.enum(['oral', 'written']) }).nullable(),
  /** Explained together with these related bills, by the same presenter in one explanation (R-B5). */
  jointExplanation: z.object({ id: Id, bills: z.array(z.object({ id: Id, title: z.string() })) }).nullable(),
  readings: z.array(z.object({ stage: ReadingStage, stageZh: z.string(), date: IsoDate, meetingId: Id.nullable(), body: z.string(), note: z.string().nullable() })),
  statements: z.array(z.object({ name: z.string(), date: IsoDate, meetingId: Id.nullable(), summary: z.string().nullable() })),
  /** Nominees who must speak before appointment and have no statement on record (R-B4). */
  statementsMissing: z.array(z.string()),
  outcomes: z.array(z.object({ id: Id, kind: OutcomeKind, docNo: z.string(), title: z.string(), date: IsoDate })),
  approval: z.object({ approvedOn: IsoDate.nullable(), body: z.string().nullable(), promulgatedOn: IsoDate.nullable(), announcementNo: z.string().nullable() }),
});
export type Bill = z.infer<typeof Bill>;

export const BillParams = z.object({ billId: Id }).strict();
export const ConfirmCosign = z.object({ personId: Id.optional() }).strict();

export const DecideBill = z
  .object({
    decision: z.enum(['place', 'refer', 'notPlace']),
    councilDate: IsoDate.optional(),
    /** A late bill is placed only with the council's recorded override (R-B2). */
    overrideLate: z.boolean().optional(),
    committee: z.string().trim().min(1).max(100).optional(),
    /** Not placing a joint bill: a report to the plenary or an explanation to the proposers (R-B1). */
    handling: z.enum(['report', 'explanation']).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const WithdrawBill = z.object({ councilConsentDate: IsoDate, reason: Text.optional() }).strict();
export const SendBackBill = z.object({ councilDate: IsoDate, note: Text.optional() }).strict();
export const HoldBill = z.object({ councilDate: IsoDate, reason: Text, committee: z.string().trim().min(1).max(100) }).strict();
/** The result is never typed in: it is read from the closed poll(s) on the bill's agenda item. */
export const RecordBillVote = z.object({ pollId: Id.optional() }).strict();
export const LinkAgendaItem = z.object({ agendaItemId: Id }).strict();
export const SetPresenter = z
  .object({
    name: z.string().trim().min(1).max(50),
    post: z.string().trim().max(200).optional(),
    role: PresenterRole,
    mode: z.enum(['oral', 'written']).optional(),
    /** Related bills explained together with this one (内容相关联的议案可以合并说明, R-B5): one explanation, one presenter. */
    jointWith: z.array(Id).max(20).optional(),
  })
  .strict();
export const RecordReading = z
  .object({ stage: ReadingStage, date: IsoDate, meetingId: Id.optional(), body: z.string().trim().min(1).max(100).optional(), note: z.string().trim().max(2000).optional() })
  .strict();
export const RecordStatement = z.object({ name: z.string().trim().min(1).max(50), date: IsoDate, meetingId: Id.optional(), summary: z.string().trim().max(5000).optional() }).strict();
export const IssueOutcome = z
  .object({ kind: OutcomeKind, series: z.string().trim().min(1).max(20).optional(), date: IsoDate, title: z.string().trim().min(1).max(300).optional() })
  .strict();
export const ReportForApproval = z.object({ date: IsoDate }).strict();
export const RecordApproval = z.object({ date: IsoDate, body: z.string().trim().min(1).max(200) }).strict();
export const Promulgate = z.object({ date: IsoDate, announcementNo: z.string().trim().min(1).max(100) }).strict();

export const BillAction = z.object({ date: IsoDate, organization: z.string(), classification: z.string(), description: z.string() });
export const BillsQuery = z.object({ state: BillState.optional(), meetingId: Id.optional() }).strict();
