import type { PersonnelAct } from '../../../contracts/profile.ts';
import { type Actor, authorize, belongsTo } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { MeetingTable, PollCandidateTable, PollTable } from '../../platform/schema.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { pollsPolicy } from './polls.policy.ts';
import {
  candidatesOf,
  findMeeting,
  findPoll,
  headcount,
  inPublicBusiness,
  type MyVote,
  myVotes,
  namedChoices,
  requireMeeting,
  tellerFacts,
  toCandidateDto,
  toPollDto,
  votedCount,
  votedCounts,
  votersOf,
} from './polls.repo.ts';
import type { PollAction } from '../../../contracts/polls.ts';
import { type CandidateInfo, type Choice, type StoredResult, announcementZh, channels, fromStored, passingNumbers } from './polls.rules.ts';

const pollNotFound = () => errors.notFound('Poll', '该表决');

/**
 * The poll a command is about: the public must log in; another congress's poll is not found (404,
 * never 403); an outside account of the congress (a handling unit) is refused (403).
 */
export async function pollForActor(ctx: Ctx, pollId: string): Promise<PollTable> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const p = await findPoll(ctx.db, pollId);
  if (!p) throw pollNotFound();
  authorize(ctx.actor, p.congress_id, pollsPolicy.see(ctx.actor, p.congress_id), pollNotFound);
  return p;
}

/** The meeting a command or a list is about, with the same scoping. */
export async function meetingForActor(ctx: Ctx, meetingId: string): Promise<MeetingTable> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  const notFound = () => errors.notFound('Meeting', '该会议');
  if (!m) throw notFound();
  authorize(ctx.actor, m.congress_id, pollsPolicy.see(ctx.actor, m.congress_id), notFound);
  return m;
}

/** Announced results of public meetings and items are public (R-P2, R-M10); anything else is internal. */
const isPublicResult = async (conn: Conn, p: PollTable): Promise<boolean> => p.state === 'announced' && (await inPublicBusiness(conn, p));

async function readablePoll(ctx: Ctx, pollId: string): Promise<PollTable> {
  const p = await findPoll(ctx.db, pollId);
  if (p && (pollsPolicy.see(ctx.actor, p.congress_id) || (await isPublicResult(ctx.db, p)))) return p;
  // An outside account of the congress knows the congress; it is refused rather than told "no such poll".
  throw p && belongsTo(ctx.actor, p.congress_id) ? errors.forbidden() : pollNotFound();
}


/**
 * Polls as the API gives them to this actor: candidates, how many have voted (never what), the
 * tellers and device failures (R-V4), what the actor may do with each poll, and — for a member of
 * the congress asking — how their own vote was recorded, so a member sees on the phone when a
 * teller entered a vote in their name.
 */
export async function pollDtos(conn: Conn, actor: Actor, congressId: string, polls: readonly PollTable[]) {
  const ids = polls.map((p) => p.id);
  const cands = ids.length === 0 ? [] : await conn.selectFrom('poll_candidates').selectAll().where('congress_id', '=', congressId).where('poll_id', 'in', ids).orderBy('position').execute();
  const byPoll = new Map<string, PollCandidateTable[]>();
  for (const c of cands) byPoll.set(c.poll_id, [...(byPoll.get(c.poll_id) ?? []), c]);
  const counts = await votedCounts(conn, congressId, ids);
  const insider = pollsPolicy.see(actor, congressId);
  const me = insider && actor.kind === 'user' ? actor.personId : null;
  const mine = me ? await myVotes(conn, congressId, ids, me) : null;
  const facts = await tellerFacts(conn, congressId, ids);
  const meetingIds = [...new Set(polls.map((p) => p.meeting_id))];
  const presiding = new Map(
    meetingIds.length === 0 ? [] : (await conn.selectFrom('meetings').select(['id', 'presiding_person_id']).where('congress_id', '=', congressId).where('id', 'in', meetingIds).execute()).map((m) => [m.id, m.presiding_person_id]),
  );
  const userId = actor.kind === 'user' ? actor.userId : null;
  return polls.map((p) => {
    const tellers = facts.tellers.get(p.id) ?? [];
    const myVote = mine ? (mine.get(p.id) ?? null) : undefined;
    const allowed = insider ? allowedPollActions(actor, p, presiding.get(p.meeting_id) ?? null, tellers.some((x) => x.userId === userId), myVote) : [];
    return {
      ...toPollDto(p, byPoll.get(p.id) ?? [], counts.get(p.id) ?? 0, {
        ...(myVote !== undefined ? { mine: myVote } : {}),
        tellers,
        deviceFailures: facts.failures.get(p.id) ?? [],
      }),
      allowedActions: allowed,
    };
  });
}

/** What this actor may do with a poll now: the server's policies and states, for the screens to offer only that. */
function allowedPollActions(actor: Actor, p: PollTable, presidingPersonId: string | null, designated: boolean, myVote: MyVote | null | undefined): PollAction[] {
  const cid = p.congress_id;
  const ch = channels(p.kind);
  const out: PollAction[] = [];
  const preside = pollsPolicy.preside(actor, cid, presidingPersonId);
  if (preside && p.state === 'draft') out.push('open');
  if (preside && p.state === 'open') out.push('close');
  if (preside && p.state === 'closed') out.push('announce');
  if (p.state === 'open' && ch.device && myVote === null) out.push('vote');
  if ((p.state === 'draft' || p.state === 'open') && pollsPolicy.designateTellers(actor, cid, presidingPersonId)) out.push('designateTellers');
  if (p.state === 'open' && (ch.entries || ch.totals) && pollsPolicy.tell(actor, cid, presidingPersonId, designated)) out.push('enterVotes');
  if (p.state === 'open' && ch.entries && pollsPolicy.recordDeviceFailure(actor, cid, presidingPersonId)) out.push('recordDeviceFailure');
  return out;
}

export async function pollDto(conn: Conn, actor: Actor, p: PollTable) {
  const [dto] = await pollDtos(conn, actor, p.congress_id, [p]);
  if (!dto) throw pollNotFound();
  return dto;
}

export async function getPoll(ctx: Ctx, pollId: string) {
  return pollDto(ctx.db, ctx.actor, await readablePoll(ctx, pollId));
}

/** The polls of a meeting, in the order they were created, with how many have voted in each. */
export async function listPolls(ctx: Ctx, meetingId: string) {
  const m = await meetingForActor(ctx, meetingId);
  const polls = await ctx.db.selectFrom('polls').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('created_at').orderBy('id').execute();
  return pollDtos(ctx.db, ctx.actor, m.congress_id, polls);
}

/** Who has voted and by which channel, never what (R-V8): for the presiding person's console and the tellers. */
export async function listPollVoters(ctx: Ctx, pollId: string) {
  const p = await pollForActor(ctx, pollId);
  const rows = await votersOf(ctx.db, p.congress_id, p.id);
  return rows.map((r) => ({ personId: r.person_id, name: r.name, channel: r.channel, enteredByUserId: r.entered_by }));
}

const infoOf = (c: PollCandidateTable): CandidateInfo => ({ id: c.id, personId: c.person_id, name: c.name, act: c.act as PersonnelAct, post: c.post });

/**
 * A poll's result. While it is in draft or open, no count of choices leaves the server, whoever
 * asks (R-V8): only the live members, present and required. From the close on, the stored result.
 */
export async function resultOf(conn: Conn, p: PollTable) {
  const cands = await candidatesOf(conn, p.congress_id, p.id);
  const base = { pollId: p.id, meetingId: p.meeting_id, subject: p.subject, kind: p.kind, status: p.state, closedAt: p.closed_at, announcedAt: p.announced_at };
  if (p.state === 'draft' || p.state === 'open' || p.result === null) {
    const m = await requireMeeting(conn, p.congress_id, p.meeting_id);
    const hc = await headcount(conn, m);
    const n = passingNumbers(await loadProfile(conn, p.congress_id), hc.members, hc.present);
    const voted = p.kind === 'analog' ? null : await votedCount(conn, p.congress_id, p.id);
    return { ...base, members: n.members, present: n.present, required: n.required, rule: n.rule, basis: n.basis, votedCount: voted };
  }
  const stored = JSON.parse(p.result) as StoredResult;
  const ev = fromStored(stored, cands.map(infoOf));
  const candDto = new Map(cands.map((c) => [c.id, toCandidateDto(c)]));
  const out = {
    ...base,
    members: stored.members,
    present: stored.present,
    required: stored.required,
    rule: stored.rule,
    basis: stored.basis,
    votedCount: stored.votedCount,
    ...(ev.whole ? { yes: ev.whole.yes, no: ev.whole.no, abstain: ev.whole.abstain, notVoted: ev.whole.notVoted, passed: ev.whole.passed } : {}),
    ...(cands.length > 0
      ? {
          candidates: ev.candidates.map((c) => {
            const dto = candDto.get(c.id);
            return {
              candidateId: c.id,
              personId: c.personId,
              name: c.name,
              act: c.act,
              actZh: dto?.actZh ?? c.act,
              post: c.post,
              yes: c.yes,
              no: c.no,
              abstain: c.abstain,
              notVoted: c.notVoted,
              passed: c.passed,
              oath: dto?.oath ?? null,
            };
          }),
        }
      : {}),
    announcementZh: announcementZh(ev),
  };
  if (p.kind !== 'named') return out;
  // A roll call's record is who voted what, by design.
  const rows = await namedChoices(conn, p.congress_id, p.id);
  const perPerson = cands.length > 0 && p.en_bloc === 0;
  const byPerson = new Map<string, { personId: string; name: string; channel: 'device' | 'teller'; choice?: Choice; choices?: { candidateId: string; personId: string; choice: Choice }[] }>();
  const candPerson = new Map(cands.map((c) => [c.id, c.person_id]));
  for (const r of rows) {
    const b = byPerson.get(r.person_id) ?? { personId: r.person_id, name: r.name, channel: r.channel };
    if (perPerson) b.choices = [...(b.choices ?? []), { candidateId: r.candidate_key, personId: candPerson.get(r.candidate_key) ?? '', choice: r.choice }];
    else b.choice = r.choice;
    byPerson.set(r.person_id, b);
  }
  return { ...out, ballots: [...byPerson.values()] };
}

export async function getPollResult(ctx: Ctx, pollId: string) {
  return resultOf(ctx.db, await readablePoll(ctx, pollId));
}
