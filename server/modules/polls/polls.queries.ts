import type { PersonnelAct } from '../../../contracts/profile.ts';
import { authorize, belongsTo } from '../../platform/access.ts';
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
  namedChoices,
  requireMeeting,
  toCandidateDto,
  toPollDto,
  votedCount,
  votedCounts,
  votedPolls,
  votersOf,
} from './polls.repo.ts';
import { type CandidateInfo, type Choice, type StoredResult, announcementZh, fromStored, passingNumbers } from './polls.rules.ts';

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

const personOf = (ctx: Ctx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.personId : null);

export async function getPoll(ctx: Ctx, pollId: string) {
  const p = await readablePoll(ctx, pollId);
  const cands = await candidatesOf(ctx.db, p.congress_id, p.id);
  const me = personOf(ctx);
  const hasVoted = me && pollsPolicy.see(ctx.actor, p.congress_id) ? (await votedPolls(ctx.db, p.congress_id, [p.id], me)).has(p.id) : null;
  return toPollDto(p, cands, await votedCount(ctx.db, p.congress_id, p.id), hasVoted);
}

/** The polls of a meeting, in the order they were created, with how many have voted in each. */
export async function listPolls(ctx: Ctx, meetingId: string) {
  const m = await meetingForActor(ctx, meetingId);
  const polls = await ctx.db.selectFrom('polls').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('created_at').orderBy('id').execute();
  const ids = polls.map((p) => p.id);
  const cands = ids.length === 0 ? [] : await ctx.db.selectFrom('poll_candidates').selectAll().where('congress_id', '=', m.congress_id).where('poll_id', 'in', ids).orderBy('position').execute();
  const byPoll = new Map<string, PollCandidateTable[]>();
  for (const c of cands) byPoll.set(c.poll_id, [...(byPoll.get(c.poll_id) ?? []), c]);
  const counts = await votedCounts(ctx.db, m.congress_id, ids);
  const me = personOf(ctx);
  const mine = me ? await votedPolls(ctx.db, m.congress_id, ids, me) : null;
  return polls.map((p) => toPollDto(p, byPoll.get(p.id) ?? [], counts.get(p.id) ?? 0, mine ? mine.has(p.id) : null));
}

/** Who has voted and by which channel, never what (R-V8): for the presiding person's console and the tellers. */
export async function listPollVoters(ctx: Ctx, pollId: string) {
  const p = await pollForActor(ctx, pollId);
  const rows = await votersOf(ctx.db, p.congress_id, p.id);
  return rows.map((r) => ({ personId: r.person_id, name: r.name, channel: r.channel }));
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
