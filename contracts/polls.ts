import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';
import { PersonnelAct } from './profile.ts';

// The polls API (议事规则 art. 42–44, R-V3…R-V8). Field names follow the contract for
// scripted clients: createPoll {meetingId, agendaItemId?, subject, kind, candidates?},
// castBallot {pollId, choice} or {pollId, choices: [{personId, choice}]}, getPollResult →
// {status, yes, no, abstain, notVoted, members, required, passed, ballots?}.

export const Choice = z.enum(['yes', 'no', 'abstain']);
export type Choice = z.infer<typeof Choice>;
/** secret: voting devices or e-vote (R-V4, R-V8); named: roll call; analog: tellers enter totals; mixed: devices plus per-person teller entries. */
export const PollKind = z.enum(['secret', 'named', 'analog', 'mixed']);
export type PollKind = z.infer<typeof PollKind>;
export const PollStatus = z.enum(['draft', 'open', 'closed', 'announced']);
export type PollStatus = z.infer<typeof PollStatus>;
export const VoteChannel = z.enum(['device', 'teller']);

const Counted = z.number().int().min(0).max(100000);

/**
 * A nominee (R-V5). Either `personId` (a person of the congress's register) or `name`: a name that
 * matches exactly one person of the register is that person; a name that matches nobody creates a
 * person in the register (nominees usually are not there yet); a name that matches several is
 * refused, and the caller gives `personId`.
 */
export const CandidateInput = z
  .object({
    personId: Id.optional(),
    name: z.string().trim().min(1).max(50).optional(),
    act: PersonnelAct,
    post: z.string().trim().min(1).max(200),
  })
  .strict()
  .refine((c) => (c.personId === undefined) !== (c.name === undefined), { error: 'give personId or name (one of them)' });

export const CreatePoll = z
  .object({
    meetingId: Id,
    agendaItemId: Id.nullable().optional(),
    subject: z.string().trim().min(1).max(500),
    kind: PollKind,
    /** Personnel acts: each nominee gets a choice of their own on the ballot (R-V5). One nominee = one poll per nominee. */
    candidates: z.array(CandidateInput).min(1).max(100).optional(),
    /** Vote the candidates together with one choice; only for acts the profile does not require person by person (R-V5). */
    enBloc: z.boolean().optional(),
  })
  .strict();

/** One choice on a per-person ballot. `candidateId` names the line; `personId` is enough when the person appears once on the ballot. */
export const CandidateChoice = z.object({ candidateId: Id.optional(), personId: Id.optional(), choice: Choice }).strict();

/** castBallot: by the logged-in member. `choice` for a single question (or a one-nominee poll), `choices` for a per-person ballot. */
export const CastBallot = z
  .object({
    pollId: Id.optional().describe('the poll in the path; when given here it must match'),
    choice: Choice.optional(),
    choices: z.array(CandidateChoice).min(1).max(100).optional(),
  })
  .strict();

export const Counts = z.object({ yes: Counted, no: Counted, abstain: Counted }).strict();
export const CandidateCounts = z.object({ candidateId: Id.optional(), personId: Id.optional(), yes: Counted, no: Counted, abstain: Counted }).strict();
/** A member's vote entered by a teller (mixed and named polls): video attendees, a failed device (R-V4). */
export const TellerEntry = z
  .object({ memberId: Id.describe('the person id of the member who voted'), choice: Choice.optional(), choices: z.array(CandidateChoice).min(1).max(100).optional() })
  .strict();

/**
 * enterAnalogResult, by tellers. Analog polls: `totals` (or `candidates` with totals per nominee),
 * replacing earlier entries until the poll closes. Mixed and named polls: `entries`, one per member,
 * never for a member who already voted by device, nor twice (R-V4).
 */
export const EnterAnalogResult = z
  .object({
    pollId: Id.optional(),
    totals: Counts.optional(),
    candidates: z.array(CandidateCounts).min(1).max(100).optional(),
    entries: z.array(TellerEntry).min(1).max(1000).optional(),
  })
  .strict();

/** designateTellers: the tellers (计票人) of a poll, replacing earlier ones (R-V4). */
export const DesignateTellers = z.object({ userIds: z.array(Id).max(20).describe('accounts of this congress that may enter members\' votes in this poll') }).strict();
export const PollTellers = z.object({ pollId: Id, tellers: z.array(z.object({ userId: Id, name: z.string() })) });

/** recordDeviceFailure: the presiding person records that a member's voting device failed (议事规则 art. 43). */
export const RecordDeviceFailure = z.object({ memberId: Id.describe('the person id of the member'), note: z.string().trim().max(200).optional() }).strict();
export const DeviceFailure = z.object({ pollId: Id, personId: Id, name: z.string() });

/** recordOath: the appointee took the constitutional oath after the appointment passed (R-V7). */
export const RecordOath = z
  .object({ pollId: Id.optional(), candidateId: Id.optional(), personId: Id.optional(), date: IsoDate.optional(), note: z.string().trim().max(500).optional() })
  .strict();

export const Oath = z.object({ date: IsoDate, note: z.string().nullable(), recordedAt: z.string() });

export const Candidate = z.object({
  id: Id,
  position: z.number().int(),
  personId: Id,
  name: z.string(),
  act: PersonnelAct,
  actZh: z.string(),
  post: z.string(),
  oath: Oath.nullable(),
});

/** What the asking user may do with a poll now (the screens offer only these). */
export const PollAction = z.enum(['open', 'close', 'announce', 'vote', 'designateTellers', 'enterVotes', 'recordDeviceFailure']);
export type PollAction = z.infer<typeof PollAction>;

export const Poll = z.object({
  id: Id,
  congressId: Id,
  meetingId: Id,
  agendaItemId: Id.nullable(),
  subject: z.string(),
  kind: PollKind,
  status: PollStatus,
  perPerson: z.boolean().describe('a choice per nominee (R-V5)'),
  enBloc: z.boolean(),
  candidates: z.array(Candidate),
  votedCount: z.number().int().nullable().describe('how many have voted, never what; null for analog polls'),
  hasVoted: z.boolean().nullable().describe('whether the asking member has voted; null when the asker is not a member'),
  myVote: z
    .object({ channel: VoteChannel, enteredBy: z.string().nullable().describe('the teller who entered it, for a teller entry') })
    .nullable()
    .describe("how the asking member's vote was recorded (never what): their device, or a teller in their name (R-V4)"),
  tellers: z.array(z.object({ userId: Id, name: z.string() })).describe('the tellers designated for this poll'),
  deviceFailures: z.array(Id).describe('members whose device failure the presiding person recorded (art. 43)'),
  allowedActions: z.array(PollAction),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  announcedAt: z.string().nullable(),
});
export type Poll = z.infer<typeof Poll>;

export const PassingBasis = z.object({ base: z.enum(['all_members', 'present_members']), num: z.number().int(), den: z.number().int(), strict: z.boolean() });

export const CandidateResult = z.object({
  candidateId: Id,
  personId: Id,
  name: z.string(),
  act: PersonnelAct,
  actZh: z.string(),
  post: z.string(),
  yes: z.number().int(),
  no: z.number().int(),
  abstain: z.number().int(),
  notVoted: z.number().int(),
  passed: z.boolean(),
  oath: Oath.nullable(),
});

/** Roll calls only: who voted what. */
export const NamedBallot = z.object({
  personId: Id,
  name: z.string(),
  channel: VoteChannel,
  choice: Choice.optional(),
  choices: z.array(z.object({ candidateId: Id, personId: Id, choice: Choice })).optional(),
});

/**
 * getPollResult. While the poll is in draft or open, the counts (yes, no, abstain, notVoted,
 * passed, candidates, ballots) are absent for everyone (R-V8); members, present and required are
 * the live numbers. From the close on, the numbers are those stored at close. Per-person polls
 * with several nominees give their counts in `candidates` only.
 */
export const PollResult = z.object({
  pollId: Id,
  meetingId: Id,
  subject: z.string(),
  kind: PollKind,
  status: PollStatus,
  members: z.number().int().describe('ALL members of the body (全体组成人员)'),
  present: z.number().int(),
  required: z.number().int().describe('yes votes needed to pass (R-V6)'),
  rule: z.string(),
  basis: PassingBasis,
  votedCount: z.number().int().nullable(),
  yes: z.number().int().optional(),
  no: z.number().int().optional(),
  abstain: z.number().int().optional(),
  notVoted: z.number().int().optional().describe('members who gave no vote: ALL members minus yes, no and abstain'),
  passed: z.boolean().optional(),
  candidates: z.array(CandidateResult).optional(),
  ballots: z.array(NamedBallot).optional(),
  announcementZh: z.string().optional().describe('表决结果：赞成××票，反对××票，弃权××票。通过。'),
  closedAt: z.string().nullable(),
  announcedAt: z.string().nullable(),
});
export type PollResult = z.infer<typeof PollResult>;

export const BallotAck = z.object({ pollId: Id, accepted: z.literal(true), channel: VoteChannel });
export const PollVoter = z.object({ personId: Id, name: z.string(), channel: VoteChannel, enteredByUserId: Id.nullable() });

export const PollParams = z.object({ pollId: Id }).strict();
export const MeetingPollsParams = z.object({ meetingId: Id }).strict();
