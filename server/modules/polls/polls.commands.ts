import type { z } from 'zod';
import type { CastBallot, CreatePoll, DesignateTellers, EnterAnalogResult, RecordDeviceFailure, RecordOath } from '../../../contracts/polls.ts';
import type { PersonnelAct } from '../../../contracts/profile.ts';
import { type UserActor, actorUserId } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { GroupCommit } from '../../platform/group-commit.ts';
import type { MeetingTable, PollCandidateTable, PollTable } from '../../platform/schema.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { requirePerson } from '../people/people.repo.ts';
import { ballotKeysOf, openBallot, sealBallot } from './ballot-seal.ts';
import { pollsPolicy } from './polls.policy.ts';
import { meetingForActor, pollDto, pollForActor, resultOf } from './polls.queries.ts';
import {
  addToTallies,
  attendanceModes,
  candidatesOf,
  channelsOf,
  createTallies,
  deviceFailures,
  headcount,
  inPublicBusiness,
  insertSealedBallots,
  isTeller,
  lockMeeting,
  lockPollForClose,
  moveState,
  otherOpenPoll,
  peopleNamed,
  personName,
  lockPollForVote,
  type MeetingForVote,
  pollForBallots,
  readPollForVote,
  readTallies,
  recordDeviceFailure as insertDeviceFailure,
  recordNamedChoices,
  recordVoters,
  requireAgendaItem,
  requireMeeting,
  requirePoll,
  setTallies,
  setTellers,
  takeSealedBallots,
  toCandidateDto,
  votedCount,
  votersOf,
  voterStandings,
  votingBodyId,
} from './polls.repo.ts';
import {
  type CandidateRef,
  type Counts,
  RULE,
  channels,
  checkAnalogTotals,
  checkDistinctCandidates,
  checkNoDoubleCount,
  checkOath,
  checkPollShape,
  checkQuorumToOpen,
  checkTellerEntryAllowed,
  checkVoter,
  evaluatePoll,
  nextState,
  normalizeBallot,
  passingNumbers,
  pollErrors,
  recordsNames,
  resolveCandidate,
  toStored,
  type StoredResult,
} from './polls.rules.ts';

// Writes of the polls module: scoped look-up (404) → policy (403) → rules → one transaction with
// its audit entry and change events. A ballot's audit entry says who voted in which poll, never
// the choice (R-V8; see SECRECY.md).

const refs = (cands: readonly PollCandidateTable[]): CandidateRef[] => cands.map((c) => ({ id: c.id, personId: c.person_id, name: c.name }));
const isPerPerson = (p: PollTable, cands: readonly PollCandidateTable[]): boolean => cands.length > 0 && p.en_bloc === 0;
const tallyKeys = (p: PollTable, cands: readonly PollCandidateTable[]): string[] => (isPerPerson(p, cands) ? cands.map((c) => c.id) : ['']);

/** Today in Asia/Shanghai, as the local dates of meetings are kept. */
const localToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The change notice of a poll: ids only, scoped to its meeting's live channel. */
const pollChanged = (p: Pick<PollTable, 'id' | 'congress_id' | 'meeting_id'>, audience?: 'public') => ({
  topic: 'poll',
  congressId: p.congress_id,
  id: p.id,
  meetingId: p.meeting_id,
  ...(audience ? { audience } : {}),
});

/** One more ballot: a counter moved, merged by the live layer apart from the poll's state changes. */
const ballotCounted = (p: Pick<PollTable, 'id' | 'congress_id' | 'meeting_id'>) => ({ ...pollChanged(p), tally: true });

const meetingClosed = () => errors.conflict('MEETING_CLOSED', '会议已经闭会，不能再安排或进行表决', 'The meeting is closed; no polls can be added or run');
const notInSession = () => errors.conflict('MEETING_NOT_IN_SESSION', '会议不在举行中，不能进行表决', 'The meeting is not in session; no vote can be taken');

/** A nominee by person id, or by name: one match is that person, none creates one, several are refused. */
async function resolveNominee(tx: Tx, congressId: string, c: { personId?: string | undefined; name?: string | undefined }, created: string[]): Promise<{ id: string; name: string }> {
  if (c.personId !== undefined) {
    const p = await requirePerson(tx, congressId, c.personId);
    return { id: p.id, name: p.name };
  }
  const name = c.name ?? '';
  const found = await peopleNamed(tx, congressId, name);
  const [only] = found;
  if (only && found.length === 1) return only;
  if (found.length > 1) {
    throw errors.invalid('AMBIGUOUS_NAME', `人员名册中有多人名为${name}，请给出 personId`, `Several people in the register are named ${name}; give personId`);
  }
  const id = newId();
  await tx.insertInto('people').values({ id, congress_id: congressId, name, gender: null, note: null, created_at: nowIso() }).execute();
  created.push(id);
  return { id, name };
}

export async function createPoll(ctx: Ctx, input: z.infer<typeof CreatePoll>) {
  const m = await meetingForActor(ctx, input.meetingId);
  const cid = m.congress_id;
  if (!pollsPolicy.prepare(ctx.actor, cid)) throw errors.forbidden();
  const profile = await loadProfile(ctx.db, cid);
  return runCommand(ctx, async (tx, rec) => {
    const meeting = await requireMeeting(tx, cid, m.id);
    if (meeting.state === 'closed') throw meetingClosed();
    const item = input.agendaItemId ? await requireAgendaItem(tx, cid, meeting.id, input.agendaItemId) : null;
    if (item?.status === 'removed') throw errors.conflict('ITEM_REMOVED', '该议程已从会议议程中删除', 'This item has been removed from the agenda');
    const candidates = input.candidates ?? [];
    const enBloc = input.enBloc ?? false;
    checkPollShape({ candidates, enBloc, agendaKind: item?.kind ?? null }, profile);
    const poll: PollTable = {
      id: newId(),
      congress_id: cid,
      meeting_id: meeting.id,
      agenda_item_id: item?.id ?? null,
      subject: input.subject,
      kind: input.kind,
      en_bloc: enBloc ? 1 : 0,
      state: 'draft',
      analog_entered: 0,
      result: null,
      created_at: nowIso(),
      created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      opened_at: null,
      closed_at: null,
      announced_at: null,
    };
    await tx.insertInto('polls').values(poll).execute();
    const createdPeople: string[] = [];
    const rows: PollCandidateTable[] = [];
    for (const [i, c] of candidates.entries()) {
      const person = await resolveNominee(tx, cid, c, createdPeople);
      rows.push({
        id: newId(),
        congress_id: cid,
        poll_id: poll.id,
        position: i + 1,
        person_id: person.id,
        name: person.name,
        act: c.act,
        post: c.post,
        oath_date: null,
        oath_note: null,
        oath_recorded_at: null,
        oath_recorded_by: null,
      });
    }
    checkDistinctCandidates(rows.map((r) => ({ personId: r.person_id, name: r.name, act: r.act as PersonnelAct, post: r.post })));
    if (rows.length > 0) await tx.insertInto('poll_candidates').values(rows).execute();
    rec.audit({
      congressId: cid,
      action: 'poll.created',
      targetType: 'poll',
      targetId: poll.id,
      data: {
        meetingId: meeting.id,
        agendaItemId: poll.agenda_item_id,
        subject: poll.subject,
        kind: poll.kind,
        enBloc,
        candidates: rows.map((r) => ({ candidateId: r.id, personId: r.person_id, name: r.name, act: r.act, post: r.post })),
        createdPeople,
      },
    });
    rec.emit(pollChanged(poll));
    return pollDto(tx, ctx.actor, poll);
  });
}

/** The presiding person (or the office) opens, closes and announces (R-M2, R-V7). */
async function presidedPoll(ctx: Ctx, pollId: string): Promise<{ p: PollTable; m: MeetingTable }> {
  const p = await pollForActor(ctx, pollId);
  const m = await requireMeeting(ctx.db, p.congress_id, p.meeting_id);
  if (!pollsPolicy.preside(ctx.actor, p.congress_id, m.presiding_person_id)) throw errors.forbidden();
  return { p, m };
}

/** Opens the vote: the meeting is in session and has its quorum (R-M3); one poll at a time per meeting. */
export async function openPoll(ctx: Ctx, pollId: string) {
  const { p } = await presidedPoll(ctx, pollId);
  const cid = p.congress_id;
  return runCommand(ctx, async (tx, rec) => {
    const meeting = await lockMeeting(tx, cid, p.meeting_id);
    const cur = await requirePoll(tx, cid, p.id);
    nextState(cur.state, 'open');
    if (meeting.state === 'closed') throw meetingClosed();
    if (meeting.state !== 'in_session') throw notInSession();
    const other = await otherOpenPoll(tx, cid, meeting.id, p.id);
    if (other) throw errors.conflict('ANOTHER_POLL_OPEN', `「${other.subject}」的表决尚未结束`, `The vote on "${other.subject}" is still open`);
    const hc = await headcount(tx, meeting);
    const q = checkQuorumToOpen(await loadProfile(tx, cid), hc.members, hc.present);
    const opened = await moveState(tx, cid, p.id, 'draft', { state: 'open', opened_at: nowIso() });
    if (!opened) throw pollErrors.badTransition(cur.state, 'open');
    const cands = await candidatesOf(tx, cid, p.id);
    await createTallies(tx, cid, p.id, tallyKeys(opened, cands));
    // The sealing key is durable before the opening commits: no ballot can be accepted without it (SECRECY.md).
    ballotKeysOf(ctx.db).create(p.id);
    rec.audit({ congressId: cid, action: 'poll.opened', targetType: 'poll', targetId: p.id, data: { members: hc.members, present: hc.present, quorumRequired: q.required, rule: RULE.quorum } });
    rec.emit(pollChanged(p));
    return pollDto(tx, ctx.actor, opened);
  });
}

/**
 * A member's own ballot (device or e-vote). In one transaction: the voter row (its key refuses a
 * second ballot, also two sent at once), and the counters — no row that holds both (R-V8).
 */
type BallotAck = { pollId: string; accepted: true; channel: 'device' };

interface PendingBallot {
  actor: UserActor;
  /** The member the account belongs to; an account that is nobody's cannot vote. */
  personId: string | null;
  pollId: string;
  input: z.infer<typeof CastBallot>;
  resolve(ack: BallotAck): void;
  reject(e: unknown): void;
}

/** Rolls back a batch in which every ballot was refused: there is nothing to write. */
class NothingAccepted extends Error {}

/**
 * What ballots are judged against that does not change once a poll exists: its candidates (fixed
 * at creation; only the oath is recorded on them later) and the body whose members vote at its
 * meeting. Read once per poll in this process rather than in every batch; bounded.
 */
interface BallotContext {
  candidates: CandidateRef[];
  bodyId: string | null;
}
const ballotContexts = new Map<string, BallotContext>();
const MAX_BALLOT_CONTEXTS = 256;

async function ballotContext(tx: Tx, poll: PollTable, meeting: MeetingForVote): Promise<BallotContext> {
  const known = ballotContexts.get(poll.id);
  if (known) return known;
  const ctx = { candidates: refs(await candidatesOf(tx, poll.congress_id, poll.id)), bodyId: await votingBodyId(tx, meeting) };
  if (ballotContexts.size >= MAX_BALLOT_CONTEXTS) ballotContexts.delete(ballotContexts.keys().next().value ?? '');
  ballotContexts.set(poll.id, ctx);
  return ctx;
}

/**
 * Writes the ballots that arrived together in one transaction (group commit): the poll, meeting,
 * membership and attendance are read once per poll; each ballot is still judged on its own and
 * a refused one (closed poll, absent, twice — R-V3) changes nothing; each accepted one gets its
 * own voter row and audit entry (who voted, never what: R-V8), and the counters move once per
 * batch. A ballot is acknowledged only after the transaction holding it has committed.
 */
async function writeBallots(ctx: Omit<Ctx, 'actor'>, batch: PendingBallot[]): Promise<void> {
  const refused = new Map<PendingBallot, unknown>();
  const accepted: PendingBallot[] = [];
  const refuse = (b: PendingBallot, e: unknown): void => {
    if (!(e instanceof DomainError)) throw e; // a fault, not a refusal: the whole batch fails
    refused.set(b, e);
  };
  const byPoll = new Map<string, PendingBallot[]>();
  for (const b of batch) byPoll.set(b.pollId, [...(byPoll.get(b.pollId) ?? []), b]);
  const keys = ballotKeysOf(ctx.db);
  try {
    await runCommand({ ...ctx, actor: { kind: 'public', ip: null } }, async (tx, rec) => { // each entry names its voter
      for (const [pollId, ballots] of byPoll) {
        await lockPollForVote(tx, pollId);
        const poll = await pollForBallots(tx, pollId);
        const seen = ballots.filter((b) => poll && pollsPolicy.see(b.actor, poll.congress_id));
        for (const b of ballots) if (!seen.includes(b)) refuse(b, errors.notFound('Poll', '该表决'));
        if (!poll || seen.length === 0) continue;
        const cid = poll.congress_id;
        try {
          if (poll.state !== 'open') {
            keys.forget(poll.id);
            throw pollErrors.notOpen(poll.state);
          }
          if (!channels(poll.kind).device) throw pollErrors.wrongChannel(poll.kind, 'device');
          const meeting = poll.meeting;
          if (meeting.state !== 'in_session') throw notInSession();
          const known = await ballotContext(tx, poll, meeting);
          const shape = { perPerson: known.candidates.length > 0 && poll.en_bloc === 0, candidates: known.candidates };
          const standings = await voterStandings(tx, meeting, seen.flatMap((b) => (b.personId === null ? [] : [b.personId])), known.bodyId);
          const valid: { b: PendingBallot; personId: string; pairs: ReturnType<typeof normalizeBallot> }[] = [];
          const inBatch = new Set<string>();
          for (const b of seen) {
            try {
              const personId = b.personId;
              if (personId === null) throw pollErrors.notMember();
              checkVoter(standings.get(personId) ?? { member: false, present: false });
              const pairs = normalizeBallot(shape, b.input);
              if (inBatch.has(personId)) throw pollErrors.alreadyVoted('device'); // the same member twice at once
              inBatch.add(personId);
              valid.push({ b, personId, pairs });
            } catch (e) {
              refuse(b, e);
            }
          }
          const recorded = await recordVoters(tx, cid, poll.id, valid.map((v) => v.personId), 'device');
          const twice = valid.filter((v) => !recorded.has(v.personId));
          const earlier = await channelsOf(tx, cid, poll.id, twice.map((v) => v.personId));
          for (const v of twice) refuse(v.b, pollErrors.alreadyVoted(earlier.get(v.personId) ?? null));
          const counted = valid.filter((v) => recorded.has(v.personId));
          if (counted.length === 0) continue;
          const key = keys.get(poll.id);
          await insertSealedBallots(tx, cid, poll.id, counted.map((v) => sealBallot(key, poll.id, v.pairs)));
          if (recordsNames(poll.kind)) await recordNamedChoices(tx, cid, poll.id, counted);
          for (const v of counted) {
            rec.audit({ congressId: cid, action: 'poll.ballot_cast', targetType: 'poll', targetId: poll.id, data: { channel: 'device' }, actorUserId: v.b.actor.userId });
            accepted.push(v.b);
          }
          rec.emit(ballotCounted(poll));
        } catch (e) {
          for (const b of seen) if (!refused.has(b)) refuse(b, e);
        }
      }
      if (accepted.length === 0) throw new NothingAccepted();
    });
  } catch (e) {
    if (!(e instanceof NothingAccepted)) throw e;
  }
  for (const b of accepted) b.resolve({ pollId: b.pollId, accepted: true, channel: 'device' });
  for (const [b, e] of refused) b.reject(e);
}

const ballotWriters = new WeakMap<Ctx['db'], GroupCommit<PendingBallot>>();

/** A member's ballot from a device (R-V3, R-V8): resolves once it is committed, or rejects with why it was refused. */
export async function castBallot(ctx: Ctx, actor: UserActor, pollId: string, input: z.infer<typeof CastBallot>): Promise<BallotAck> {
  if (input.pollId !== undefined && input.pollId !== pollId) throw errors.badRequest('请求中的表决与地址不一致', 'The pollId in the body does not match the address');
  const personId = actor.personId;
  let writer = ballotWriters.get(ctx.db);
  if (!writer) ballotWriters.set(ctx.db, (writer = new GroupCommit((batch) => writeBallots({ db: ctx.db, hub: ctx.hub }, batch))));
  const w = writer;
  return new Promise((resolve, reject) => {
    w.add({ actor, personId, pollId, input, resolve, reject });
  });
}

/**
 * Tellers' input (R-V4), by the presiding person or a teller designated for the poll. Analog polls:
 * totals, which replace earlier ones until the close and stay hidden like any count (the audit
 * entry records that totals were entered, the close records them). Mixed and named polls: one
 * entry per member, only for members attending by video or whose device failure the presiding
 * person recorded, never for a member who has voted; sealed like a device ballot.
 */
export async function enterAnalogResult(ctx: Ctx, pollId: string, input: z.infer<typeof EnterAnalogResult>) {
  if (input.pollId !== undefined && input.pollId !== pollId) throw errors.badRequest('请求中的表决与地址不一致', 'The pollId in the body does not match the address');
  const given = [input.totals, input.candidates, input.entries].filter((x) => x !== undefined).length;
  if (given !== 1) throw errors.badRequest('请给出 totals、candidates 或 entries 中的一项', 'Give one of totals, candidates or entries');
  const p = await pollForActor(ctx, pollId);
  const cid = p.congress_id;
  const teller = actorUserId(ctx.actor);
  return runCommand(ctx, async (tx, rec) => {
    const poll = await readPollForVote(tx, cid, p.id);
    const meeting = await requireMeeting(tx, cid, poll.meeting_id);
    const designated = teller !== null && (await isTeller(tx, cid, poll.id, teller));
    if (!pollsPolicy.tell(ctx.actor, cid, meeting.presiding_person_id, designated)) throw pollErrors.notTeller();
    if (poll.state !== 'open') throw pollErrors.notOpen(poll.state);
    if (meeting.state !== 'in_session') throw notInSession();
    const cands = await candidatesOf(tx, cid, poll.id);
    const shape = { perPerson: isPerPerson(poll, cands), candidates: refs(cands) };
    if (input.entries) {
      if (!channels(poll.kind).entries) throw pollErrors.wrongChannel(poll.kind, 'entries');
      const ids = input.entries.map((e) => e.memberId);
      const voted = new Map((await votersOf(tx, cid, poll.id)).map((r) => [r.person_id, r.channel]));
      const standings = await voterStandings(tx, meeting, ids);
      const modes = await attendanceModes(tx, meeting, ids);
      const failed = await deviceFailures(tx, cid, poll.id);
      const checked: { personId: string; name: string; pairs: ReturnType<typeof normalizeBallot> }[] = [];
      for (const e of input.entries) {
        const s = standings.get(e.memberId);
        const name = (await personName(tx, cid, e.memberId)) ?? e.memberId;
        if (!s?.member) throw pollErrors.memberNotMember(name);
        if (!s.present) throw pollErrors.memberNotPresent(name);
        checked.push({ personId: e.memberId, name, pairs: normalizeBallot(shape, e) });
      }
      checkNoDoubleCount(checked, voted);
      for (const e of checked) checkTellerEntryAllowed({ name: e.name, mode: modes.get(e.personId) ?? null, deviceFailed: failed.has(e.personId) });
      const recorded = await recordVoters(tx, cid, poll.id, checked.map((e) => e.personId), 'teller', teller);
      const late = checked.find((e) => !recorded.has(e.personId)); // voted by device since `voted` was read
      if (late) throw pollErrors.entryAlreadyVoted(late.name, (await channelsOf(tx, cid, poll.id, [late.personId])).get(late.personId) ?? 'teller');
      const key = ballotKeysOf(ctx.db).get(poll.id);
      await insertSealedBallots(tx, cid, poll.id, checked.map((e) => sealBallot(key, poll.id, e.pairs)));
      if (recordsNames(poll.kind)) await recordNamedChoices(tx, cid, poll.id, checked);
      rec.audit({ congressId: cid, action: 'poll.teller_entered', targetType: 'poll', targetId: poll.id, data: { channel: 'teller', members: checked.map((e) => e.personId) } });
    } else {
      if (!channels(poll.kind).totals) throw pollErrors.wrongChannel(poll.kind, 'totals');
      const { present } = await headcount(tx, meeting);
      const lines: [string, Counts][] = [];
      if (input.totals) {
        if (shape.perPerson) throw pollErrors.invalidBallot('逐人表决请按人员录入票数（candidates）', 'Person-by-person polls take totals per nominee (`candidates`)');
        lines.push(['', input.totals]);
      } else {
        if (!shape.perPerson) throw pollErrors.invalidBallot('本次表决只有一个表决事项，请录入 totals', 'This poll asks one question: enter `totals`');
        const seen = new Set<string>();
        for (const c of input.candidates ?? []) {
          const ref = resolveCandidate(shape.candidates, c);
          if (seen.has(ref.id)) throw pollErrors.invalidBallot(`${ref.name ?? ref.id}的票数录入了两次`, `Totals for ${ref.name ?? ref.id} given twice`);
          seen.add(ref.id);
          lines.push([ref.id, { yes: c.yes, no: c.no, abstain: c.abstain }]);
        }
        const missing = shape.candidates.filter((c) => !seen.has(c.id));
        if (missing.length > 0) {
          const names = missing.map((c) => c.name ?? c.id).join('、');
          throw pollErrors.invalidBallot(`请录入每一名人员的票数，缺少：${names}`, `Enter totals for every nominee; missing: ${names}`);
        }
      }
      for (const [key, c] of lines) {
        checkAnalogTotals(c, present);
        await setTallies(tx, cid, poll.id, key, c);
      }
      await tx.updateTable('polls').set({ analog_entered: 1 }).where('congress_id', '=', cid).where('id', '=', poll.id).execute();
      rec.audit({ congressId: cid, action: 'poll.totals_entered', targetType: 'poll', targetId: poll.id, data: { lines: lines.length } });
    }
    rec.emit(pollChanged(poll));
    return pollDto(tx, ctx.actor, await requirePoll(tx, cid, poll.id));
  });
}

/** Names the tellers (计票人) of a poll, replacing earlier ones, before or during the vote (R-V4). */
export async function designateTellers(ctx: Ctx, pollId: string, input: z.infer<typeof DesignateTellers>) {
  const p = await pollForActor(ctx, pollId);
  const cid = p.congress_id;
  return runCommand(ctx, async (tx, rec) => {
    const poll = await requirePoll(tx, cid, p.id);
    const meeting = await requireMeeting(tx, cid, poll.meeting_id);
    if (!pollsPolicy.designateTellers(ctx.actor, cid, meeting.presiding_person_id)) throw errors.forbidden();
    if (poll.state !== 'draft' && poll.state !== 'open') throw pollErrors.notOpen(poll.state);
    const userIds = [...new Set(input.userIds)];
    const users = await tellerAccounts(tx, cid, userIds);
    const unknown = userIds.filter((u) => !users.has(u));
    if (unknown.length > 0) {
      throw errors.invalid('TELLER_NOT_OF_CONGRESS', '计票人须为本级人大常委会的工作人员或组成人员', 'Tellers must be staff or members of this congress', RULE.channels, { userIds: unknown });
    }
    await setTellers(tx, cid, poll.id, userIds, actorUserId(ctx.actor));
    rec.audit({ congressId: cid, action: 'poll.tellers_designated', targetType: 'poll', targetId: poll.id, data: { userIds } });
    rec.emit(pollChanged(poll));
    return { pollId: poll.id, tellers: userIds.map((id) => ({ userId: id, name: users.get(id) ?? id })) };
  });
}

/** Accounts of the congress that can act as tellers (any insider role), with their display names. */
async function tellerAccounts(tx: Tx, congressId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('users')
    .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
    .select(['users.id', 'users.display_name', 'role_grants.role'])
    .where('role_grants.congress_id', '=', congressId)
    .where('users.id', 'in', userIds)
    .execute();
  return new Map(rows.filter((r) => r.role !== 'handling_unit').map((r) => [r.id, r.display_name]));
}

/**
 * The presiding person records that a member's voting device failed in this poll (议事规则 art. 43):
 * from then on a teller may enter that member's vote. Only for a member present who has not voted.
 */
export async function recordDeviceFailure(ctx: Ctx, pollId: string, input: z.infer<typeof RecordDeviceFailure>) {
  const p = await pollForActor(ctx, pollId);
  const cid = p.congress_id;
  return runCommand(ctx, async (tx, rec) => {
    const poll = await readPollForVote(tx, cid, p.id);
    const meeting = await requireMeeting(tx, cid, poll.meeting_id);
    if (!pollsPolicy.recordDeviceFailure(ctx.actor, cid, meeting.presiding_person_id)) throw pollErrors.deviceFailureNotPresiding();
    if (poll.state !== 'open') throw pollErrors.notOpen(poll.state);
    if (!channels(poll.kind).entries) throw pollErrors.wrongChannel(poll.kind, 'entries');
    const name = (await personName(tx, cid, input.memberId)) ?? input.memberId;
    const s = (await voterStandings(tx, meeting, [input.memberId])).get(input.memberId);
    if (!s?.member) throw pollErrors.memberNotMember(name);
    if (!s.present) throw pollErrors.memberNotPresent(name);
    const ch = (await channelsOf(tx, cid, poll.id, [input.memberId])).get(input.memberId);
    if (ch) throw pollErrors.entryAlreadyVoted(name, ch);
    const added = await insertDeviceFailure(tx, { congressId: cid, pollId: poll.id, personId: input.memberId, note: input.note ?? null, by: actorUserId(ctx.actor) });
    if (!added) throw errors.conflict('DEVICE_FAILURE_RECORDED', `已记录${name}的表决器故障`, `A device failure is already recorded for ${name}`, RULE.channels);
    rec.audit({ congressId: cid, action: 'poll.device_failure_recorded', targetType: 'poll', targetId: poll.id, data: { personId: input.memberId, note: input.note ?? null, rule: RULE.channels } });
    rec.emit(pollChanged(poll));
    return { pollId: poll.id, personId: input.memberId, name };
  });
}

/**
 * Closes the vote and judges it by the congress's rule with the numbers of this moment, stored with
 * them (R-V6). The sealed ballots are opened and counted in the closing transaction and removed;
 * once that has committed the poll's key is destroyed, and nothing stored can be opened again.
 */
export async function closePoll(ctx: Ctx, pollId: string) {
  const { p } = await presidedPoll(ctx, pollId);
  const cid = p.congress_id;
  const keys = ballotKeysOf(ctx.db);
  const closed = await runCommand(ctx, async (tx, rec) => {
    // Waits for the ballots in flight; ballots arriving now wait for this close, then find the poll closed.
    await lockPollForClose(tx, p.id);
    const cur = await requirePoll(tx, cid, p.id);
    nextState(cur.state, 'close');
    if (cur.kind === 'analog' && cur.analog_entered !== 1) throw pollErrors.totalsMissing();
    const row = await moveState(tx, cid, p.id, 'open', { state: 'closed', closed_at: nowIso() });
    if (!row) throw pollErrors.badTransition((await requirePoll(tx, cid, p.id)).state, 'close');
    const sealed = await takeSealedBallots(tx, cid, p.id);
    if (sealed.length > 0) {
      const key = keys.get(p.id);
      await addToTallies(tx, cid, p.id, sealed.flatMap((s) => openBallot(key, p.id, s)));
    }
    const meeting = await requireMeeting(tx, cid, row.meeting_id);
    const hc = await headcount(tx, meeting);
    const numbers = passingNumbers(await loadProfile(tx, cid), hc.members, hc.present);
    const cands = await candidatesOf(tx, cid, p.id);
    const ev = evaluatePoll(
      { candidates: cands.map((c) => ({ id: c.id, personId: c.person_id, name: c.name, act: c.act as PersonnelAct, post: c.post })), enBloc: row.en_bloc === 1 },
      await readTallies(tx, cid, p.id),
      numbers,
    );
    const stored: StoredResult = toStored(ev, row.kind === 'analog' ? null : await votedCount(tx, cid, p.id));
    const result = JSON.stringify(stored);
    await tx.updateTable('polls').set({ result }).where('congress_id', '=', cid).where('id', '=', p.id).execute();
    rec.audit({ congressId: cid, action: 'poll.closed', targetType: 'poll', targetId: p.id, data: { result: stored } });
    rec.emit(pollChanged(p));
    return { ...row, result };
  });
  // The counts are committed: the key goes. Should this fail, the sweep at the next start removes it.
  try {
    keys.destroy(p.id);
  } catch {
    keys.forget(p.id);
  }
  return resultOf(ctx.db, closed);
}

/** The presiding person announces the result at once (R-V7); announced results of public items are public. */
export async function announcePoll(ctx: Ctx, pollId: string) {
  const { p } = await presidedPoll(ctx, pollId);
  const cid = p.congress_id;
  const row = await runCommand(ctx, async (tx, rec) => {
    const cur = await requirePoll(tx, cid, p.id);
    nextState(cur.state, 'announce');
    const moved = await moveState(tx, cid, p.id, 'closed', { state: 'announced', announced_at: nowIso() });
    if (!moved) throw pollErrors.badTransition((await requirePoll(tx, cid, p.id)).state, 'announce');
    rec.audit({ congressId: cid, action: 'poll.announced', targetType: 'poll', targetId: p.id, data: { rule: RULE.announce } });
    // From now on a public item's result is public: the notice reaches public watchers too.
    rec.emit(pollChanged(p, (await inPublicBusiness(tx, moved)) ? 'public' : undefined));
    return moved;
  });
  return resultOf(ctx.db, row);
}

/** R-V7: the appointee took the constitutional oath after the appointment passed and was announced. */
export async function recordOath(ctx: Ctx, pollId: string, input: z.infer<typeof RecordOath>) {
  if (input.pollId !== undefined && input.pollId !== pollId) throw errors.badRequest('请求中的表决与地址不一致', 'The pollId in the body does not match the address');
  const p = await pollForActor(ctx, pollId);
  const cid = p.congress_id;
  if (!pollsPolicy.recordOath(ctx.actor, cid)) throw errors.forbidden();
  return runCommand(ctx, async (tx, rec) => {
    const poll = await requirePoll(tx, cid, p.id);
    const cands = await candidatesOf(tx, cid, poll.id);
    if (cands.length === 0) throw pollErrors.oathNotAppointment();
    const ref = cands.length === 1 && input.candidateId === undefined && input.personId === undefined ? refs(cands)[0] : resolveCandidate(refs(cands), input);
    const cand = cands.find((c) => c.id === ref?.id);
    if (!cand) throw errors.notFound('Candidate', '该人员');
    const stored = poll.result === null ? null : (JSON.parse(poll.result) as StoredResult);
    const passed = stored?.candidates.find((c) => c.candidateId === cand.id)?.passed ?? false;
    checkOath({ act: cand.act as PersonnelAct, passed, state: poll.state, recorded: cand.oath_recorded_at !== null });
    const patch = { oath_date: input.date ?? localToday(), oath_note: input.note ?? null, oath_recorded_at: nowIso(), oath_recorded_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null };
    await tx.updateTable('poll_candidates').set(patch).where('congress_id', '=', cid).where('id', '=', cand.id).execute();
    rec.audit({ congressId: cid, action: 'poll.oath_recorded', targetType: 'poll', targetId: poll.id, data: { candidateId: cand.id, personId: cand.person_id, name: cand.name, date: patch.oath_date, rule: RULE.announce } });
    rec.emit(pollChanged(poll));
    return toCandidateDto({ ...cand, ...patch });
  });
}
