import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';

// Bills (议案): registration, the council's decision, withdrawal, hold, vote and the history of actions.

export const BillPerson = z
  .object({ personId: Id.optional(), name: z.string().trim().min(1).max(50), post: z.string().max(200).optional(), particulars: z.string().max(5000), reasons: z.string().max(5000) })
  .strict();
export const BillKind = z.enum(['regulation', 'decision', 'personnel', 'plan_adjustment', 'budget_adjustment', 'final_accounts', 'other']);
export const BillState = z.enum(['awaiting_cosigners', 'submitted', 'referred', 'placed', 'not_placed', 'held', 'withdrawn', 'passed', 'failed']);
export const BillActionName = z.enum(['submit', 'place', 'refer', 'notPlace', 'hold', 'sendBack', 'withdraw', 'recordVote']);
const Text = z.string().trim().min(1).max(2000);

export const CreateBill = z
  .object({
    congressId: Id,
    kind: BillKind,
    title: z.string().trim().min(1).max(300),
    proposer: z
      .object({
        type: z.enum(['council', 'organ', 'members']),
        organ: z.string().min(1).max(100).optional(),
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
export const HoldBill = z.object({ councilDate: IsoDate, reason: Text, committee: z.string().trim().min(1).max(100) }).strict();
export const RecordBillVote = z.object({ date: IsoDate, result: z.enum(['passed', 'failed']), pollId: Id.optional() }).strict();

export const BillAction = z.object({ date: IsoDate, organization: z.string(), classification: z.string(), description: z.string() });
export const BillsQuery = z.object({ state: BillState.optional(), meetingId: Id.optional() }).strict();
