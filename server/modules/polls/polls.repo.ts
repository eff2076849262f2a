import { sql } from 'kysely';
import type { PersonnelAct } from '../../../contracts/profile.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Conn, type Tx, isPostgres } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { AgendaItemTable, MeetingTable, PollCandidateTable, PollTable, VoteChoice } from '../../platform/schema.ts';
import { standingCommitteeOf } from '../congress/congress.repo.ts';
import { bodyMembers } from '../meetings/meetings.repo.ts';
import { ACT_ZH } from '../../../contracts/profile.ts';
import { type Channel, type Counts, ZERO } from './polls.rules.ts';

// Polls' queries. Every query filters by congress_id, except the first look-up of a poll or a
// meeting by id, which finds the congress the request is about.


export const findPoll = (conn: Conn, pollId: string): Promise<PollTable | undefined> => conn.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirst();

/** A batch of ballots' poll with what of its meeting judges them, in one round trip (after the vote lock). */
export async function pollForBallots(conn: Conn, pollId: string): Promise<(PollTable & { meeting: MeetingForVote & { state: MeetingTable['state'] } }) | undefined> {
  const row = await conn
    .selectFrom('polls as p')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'p.meeting_id').onRef('m.congress_id', '=', 'p.congress_id'))
    .selectAll('p')
    .select(['m.state as meeting_state', 'm.date as meeting_date', 'm.kind as meeting_kind', 'm.body_id as meeting_body_id'])
    .where('p.id', '=', pollId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { meeting_state, meeting_date, meeting_kind, meeting_body_id, ...poll } = row;
  return { ...poll, meeting: { id: poll.meeting_id, congress_id: poll.congress_id, state: meeting_state, date: meeting_date, kind: meeting_kind, body_id: meeting_body_id } };
}

export async function requirePoll(conn: Conn, congressId: string, pollId: string): Promise<PollTable> {
  const p = await conn.selectFrom('polls').selectAll().where('congress_id', '=', congressId).where('id', '=', pollId).executeTakeFirst();
  if (!p) throw errors.notFound('Poll', '该表决');
  return p;
}

// PostgreSQL advisory locks, scoped to the transaction, keyed by the poll: ballots take it shared,
// closing takes it exclusive. Unlike a share lock on the poll's row, the lock manager queues a
// new shared request behind a waiting exclusive one, so a close is not starved by a stream of
// ballots: it waits for the ballots in flight, and the ballots after it see the poll closed.
// SQLite runs one transaction at a time and needs none.
const LOCK_SPACE = 0x706f6c6c; // 'poll'

export async function lockPollForVote(tx: Tx, pollId: string): Promise<void> {
  if (isPostgres(tx)) await sql`select pg_advisory_xact_lock_shared(${LOCK_SPACE}::int4, hashtext(${pollId}))`.execute(tx);
}

export async function lockPollForClose(tx: Tx, pollId: string): Promise<void> {
  if (isPostgres(tx)) await sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int4, hashtext(${pollId}))`.execute(tx);
}

/** Reads the poll for a ballot or a teller entry, after taking the vote lock. */
export async function readPollForVote(tx: Tx, congressId: string, pollId: string): Promise<PollTable> {
  await lockPollForVote(tx, pollId);
  return requirePoll(tx, congressId, pollId);
}

/** Moves the poll from one state to the next; undefined when it was not in `from` (a concurrent change). */
export async function moveState(tx: Tx, congressId: string, pollId: string, from: PollTable['state'], patch: Partial<Pick<PollTable, 'state' | 'opened_at' | 'closed_at' | 'announced_at'>>) {
  return tx.updateTable('polls').set(patch).where('congress_id', '=', congressId).where('id', '=', pollId).where('state', '=', from).returningAll().executeTakeFirst();
}

export const findMeeting = (conn: Conn, meetingId: string): Promise<MeetingTable | undefined> => conn.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();

export async function requireMeeting(conn: Conn, congressId: string, meetingId: string): Promise<MeetingTable> {
  const m = await conn.selectFrom('meetings').selectAll().where('congress_id', '=', congressId).where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw errors.notFound('Meeting', '该会议');
  return m;
}

/** The meeting, row-locked on PostgreSQL so that two polls of one meeting are not opened at once. */
export async function lockMeeting(tx: Tx, congressId: string, meetingId: string): Promise<MeetingTable> {
  let q = tx.selectFrom('meetings').selectAll().where('congress_id', '=', congressId).where('id', '=', meetingId);
  if (isPostgres(tx)) q = q.forUpdate();
  const m = await q.executeTakeFirst();
  if (!m) throw errors.notFound('Meeting', '该会议');
  return m;
}

export async function requireAgendaItem(conn: Conn, congressId: string, meetingId: string, itemId: string): Promise<AgendaItemTable> {
  const a = await conn.selectFrom('agenda_items').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).where('id', '=', itemId).executeTakeFirst();
  if (!a) throw errors.notFound('Agenda item', '该议程');
  return a;
}

/** Whether a poll sits in a public meeting and, if on an agenda item, a public item (R-M10). */
export async function inPublicBusiness(conn: Conn, p: Pick<PollTable, 'congress_id' | 'meeting_id' | 'agenda_item_id'>): Promise<boolean> {
  const m = await conn.selectFrom('meetings').select('is_public').where('congress_id', '=', p.congress_id).where('id', '=', p.meeting_id).executeTakeFirst();
  if (m?.is_public !== 1) return false;
  if (p.agenda_item_id === null) return true;
  const a = await conn.selectFrom('agenda_items').select('is_public').where('congress_id', '=', p.congress_id).where('id', '=', p.agenda_item_id).executeTakeFirst();
  return a?.is_public === 1;
}

/**
 * The body whose members vote: the standing committee for regular and special meetings, the
 * council for its meetings, the committee for committee meetings — as the meetings module counts
 * them for the quorum (bodyMembers), so a poll's "members" equal the quorum's.
 */
export async function votingBodyId(conn: Conn, m: Pick<MeetingTable, 'congress_id' | 'kind' | 'body_id'>): Promise<string | null> {
  if (m.kind === 'regular' || m.kind === 'special') return (await standingCommitteeOf(conn, m.congress_id))?.id ?? null;
  if (m.kind === 'chairpersons_council' && m.body_id === null) {
    return (await conn.selectFrom('bodies').select('id').where('congress_id', '=', m.congress_id).where('kind', '=', 'chairpersons_council').orderBy('created_at', 'desc').executeTakeFirst())?.id ?? null;
  }
  return m.body_id;
}

/** ALL members of the body on the meeting's date (全体组成人员), and how many of them are present (R-M3, R-M4). */
export async function headcount(conn: Conn, m: MeetingTable): Promise<{ members: number; present: number }> {
  const members = await bodyMembers(conn, m);
  const present = await conn
    .selectFrom('attendance')
    .select('person_id')
    .where('congress_id', '=', m.congress_id)
    .where('meeting_id', '=', m.id)
    .where('status', '=', 'present')
    .execute();
  const here = new Set(present.map((r) => r.person_id));
  return { members: members.length, present: members.filter((r) => here.has(r.id)).length };
}

/** Whether each person is a member of the voting body on the meeting's date and present at it (R-V3). */
export type MeetingForVote = Pick<MeetingTable, 'id' | 'congress_id' | 'date' | 'kind' | 'body_id'>;

/** Who among these people may vote (a member of the voting body on the meeting's date) and is present; `bodyId` when the caller knows it. */
export async function voterStandings(conn: Conn, m: MeetingForVote, personIds: readonly string[], knownBodyId?: string | null): Promise<Map<string, { member: boolean; present: boolean }>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const bodyId = knownBodyId !== undefined ? knownBodyId : await votingBodyId(conn, m);
  // One round trip: the members among them on the meeting's date, and those signed in as present.
  const members = bodyId
    ? conn
        .selectFrom('memberships')
        .select(['person_id', sql<string>`'member'`.as('fact')])
        .where('congress_id', '=', m.congress_id)
        .where('person_id', 'in', ids)
        .where('body_id', '=', bodyId)
        .where((eb) => eb.and([eb.or([eb('start_date', 'is', null), eb('start_date', '<=', m.date)]), eb.or([eb('end_date', 'is', null), eb('end_date', '>', m.date)])]))
    : null;
  const present = conn
    .selectFrom('attendance')
    .select(['person_id', sql<string>`'present'`.as('fact')])
    .where('congress_id', '=', m.congress_id)
    .where('meeting_id', '=', m.id)
    .where('person_id', 'in', ids)
    .where('status', '=', 'present');
  const facts = await (members ? members.unionAll(present) : present).execute();
  const isMember = new Set(facts.filter((r) => r.fact === 'member').map((r) => r.person_id));
  const isPresent = new Set(facts.filter((r) => r.fact === 'present').map((r) => r.person_id));
  return new Map(ids.map((id) => [id, { member: isMember.has(id), present: isPresent.has(id) }]));
}

export const personName = async (conn: Conn, congressId: string, personId: string): Promise<string | null> =>
  (await conn.selectFrom('people').select('name').where('congress_id', '=', congressId).where('id', '=', personId).executeTakeFirst())?.name ?? null;

export async function otherOpenPoll(conn: Conn, congressId: string, meetingId: string, exceptId: string): Promise<PollTable | undefined> {
  return conn.selectFrom('polls').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).where('state', '=', 'open').where('id', '!=', exceptId).executeTakeFirst();
}

export const candidatesOf = (conn: Conn, congressId: string, pollId: string): Promise<PollCandidateTable[]> =>
  conn.selectFrom('poll_candidates').selectAll().where('congress_id', '=', congressId).where('poll_id', '=', pollId).orderBy('position').execute();

/** People of the register with exactly this name. */
export const peopleNamed = (conn: Conn, congressId: string, name: string) => conn.selectFrom('people').select(['id', 'name']).where('congress_id', '=', congressId).where('name', '=', name).limit(2).execute();

export async function votedCount(conn: Conn, congressId: string, pollId: string): Promise<number> {
  const r = await conn.selectFrom('poll_voters').select((eb) => eb.fn.countAll<number>().as('n')).where('congress_id', '=', congressId).where('poll_id', '=', pollId).executeTakeFirstOrThrow();
  return r.n;
}

export async function votedCounts(conn: Conn, congressId: string, pollIds: string[]): Promise<Map<string, number>> {
  if (pollIds.length === 0) return new Map();
  const rows = await conn
    .selectFrom('poll_voters')
    .select(['poll_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('congress_id', '=', congressId)
    .where('poll_id', 'in', pollIds)
    .groupBy('poll_id')
    .execute();
  return new Map(rows.map((r) => [r.poll_id, r.n]));
}

/** How this person's vote in each of these polls was recorded, for those where it was: their own device, or a teller (named). */
export async function myVotes(conn: Conn, congressId: string, pollIds: readonly string[], personId: string): Promise<Map<string, MyVote>> {
  if (pollIds.length === 0) return new Map();
  const rows = await conn
    .selectFrom('poll_voters')
    .leftJoin('users', 'users.id', 'poll_voters.entered_by')
    .select(['poll_voters.poll_id', 'poll_voters.channel', 'users.display_name'])
    .where('poll_voters.congress_id', '=', congressId)
    .where('poll_voters.poll_id', 'in', pollIds)
    .where('poll_voters.person_id', '=', personId)
    .execute();
  return new Map(rows.map((r) => [r.poll_id, { channel: r.channel, enteredBy: r.display_name ?? null }]));
}
export interface MyVote {
  channel: Channel;
  enteredBy: string | null;
}

/** The tellers and the recorded device failures of these polls (R-V4). */
export async function tellerFacts(conn: Conn, congressId: string, pollIds: readonly string[]) {
  const tellers = new Map<string, { userId: string; name: string }[]>();
  const failures = new Map<string, string[]>();
  if (pollIds.length === 0) return { tellers, failures };
  const t = await conn
    .selectFrom('poll_tellers')
    .innerJoin('users', 'users.id', 'poll_tellers.user_id')
    .select(['poll_tellers.poll_id', 'poll_tellers.user_id', 'users.display_name'])
    .where('poll_tellers.congress_id', '=', congressId)
    .where('poll_tellers.poll_id', 'in', pollIds)
    .orderBy('users.display_name')
    .execute();
  for (const r of t) tellers.set(r.poll_id, [...(tellers.get(r.poll_id) ?? []), { userId: r.user_id, name: r.display_name }]);
  const f = await conn.selectFrom('poll_device_failures').select(['poll_id', 'person_id']).where('congress_id', '=', congressId).where('poll_id', 'in', pollIds).execute();
  for (const r of f) failures.set(r.poll_id, [...(failures.get(r.poll_id) ?? []), r.person_id]);
  return { tellers, failures };
}

/** Who has voted and how (never what), for a teller's entries and the presiding person's console. */
export async function votersOf(conn: Conn, congressId: string, pollId: string) {
  return conn
    .selectFrom('poll_voters')
    .innerJoin('people', 'people.id', 'poll_voters.person_id')
    .select(['poll_voters.person_id', 'people.name', 'poll_voters.channel', 'poll_voters.entered_by'])
    .where('poll_voters.congress_id', '=', congressId)
    .where('poll_voters.poll_id', '=', pollId)
    .orderBy('people.name')
    .execute();
}

/** Records who has voted; returns those recorded now (a person already recorded is left out: no double vote, R-V3). */
export async function recordVoters(tx: Tx, congressId: string, pollId: string, personIds: readonly string[], channel: Channel, enteredBy: string | null = null): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx
    .insertInto('poll_voters')
    .values(personIds.map((personId) => ({ congress_id: congressId, poll_id: pollId, person_id: personId, channel, entered_by: enteredBy })))
    .onConflict((oc) => oc.columns(['poll_id', 'person_id']).doNothing())
    .returning('person_id')
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Sealed ballots of an open poll (SECRECY.md), each under a random key: no member, no time, no order. */
export async function insertSealedBallots(tx: Tx, congressId: string, pollId: string, sealed: readonly string[]): Promise<void> {
  if (sealed.length === 0) return;
  await tx
    .insertInto('poll_sealed_ballots')
    .values(sealed.map((s) => ({ congress_id: congressId, poll_id: pollId, id: newId(), sealed: s })))
    .execute();
}

/** At the close: every sealed ballot of the poll, removed as it is read (the counters take over). */
export async function takeSealedBallots(tx: Tx, congressId: string, pollId: string): Promise<string[]> {
  const rows = await tx.deleteFrom('poll_sealed_ballots').where('congress_id', '=', congressId).where('poll_id', '=', pollId).returning('sealed').execute();
  return rows.map((r) => r.sealed);
}

export async function isTeller(conn: Conn, congressId: string, pollId: string, userId: string): Promise<boolean> {
  const r = await conn.selectFrom('poll_tellers').select('user_id').where('congress_id', '=', congressId).where('poll_id', '=', pollId).where('user_id', '=', userId).executeTakeFirst();
  return r !== undefined;
}

/** Replaces a poll's tellers. */
export async function setTellers(tx: Tx, congressId: string, pollId: string, userIds: readonly string[], by: string | null): Promise<void> {
  await tx.deleteFrom('poll_tellers').where('congress_id', '=', congressId).where('poll_id', '=', pollId).execute();
  if (userIds.length === 0) return;
  const at = nowIso();
  await tx
    .insertInto('poll_tellers')
    .values(userIds.map((userId) => ({ congress_id: congressId, poll_id: pollId, user_id: userId, designated_by: by, designated_at: at })))
    .execute();
}

/** How each of these people attends the meeting (on site or by video, R-M4), for those present. */
export async function attendanceModes(conn: Conn, m: Pick<MeetingTable, 'id' | 'congress_id'>, personIds: readonly string[]): Promise<Map<string, 'onsite' | 'video' | null>> {
  if (personIds.length === 0) return new Map();
  const rows = await conn
    .selectFrom('attendance')
    .select(['person_id', 'mode'])
    .where('congress_id', '=', m.congress_id)
    .where('meeting_id', '=', m.id)
    .where('status', '=', 'present')
    .where('person_id', 'in', personIds)
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.mode]));
}

/** Members whose voting device the presiding person recorded as failed in this poll (art. 43). */
export async function deviceFailures(conn: Conn, congressId: string, pollId: string): Promise<Set<string>> {
  const rows = await conn.selectFrom('poll_device_failures').select('person_id').where('congress_id', '=', congressId).where('poll_id', '=', pollId).execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function recordDeviceFailure(tx: Tx, row: { congressId: string; pollId: string; personId: string; note: string | null; by: string | null }): Promise<boolean> {
  const r = await tx
    .insertInto('poll_device_failures')
    .values({ congress_id: row.congressId, poll_id: row.pollId, person_id: row.personId, note: row.note, recorded_by: row.by, recorded_at: nowIso() })
    .onConflict((oc) => oc.columns(['poll_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** How each of these people has voted already (device or teller), for those who have. */
export async function channelsOf(conn: Conn, congressId: string, pollId: string, personIds: readonly string[]): Promise<Map<string, Channel>> {
  if (personIds.length === 0) return new Map();
  const rows = await conn.selectFrom('poll_voters').select(['person_id', 'channel']).where('congress_id', '=', congressId).where('poll_id', '=', pollId).where('person_id', 'in', personIds).execute();
  return new Map(rows.map((r) => [r.person_id, r.channel]));
}

/** The counters of a poll, all created at opening so that a ballot only ever updates rows in place. */
export async function createTallies(tx: Tx, congressId: string, pollId: string, keys: string[]): Promise<void> {
  const choices: VoteChoice[] = ['yes', 'no', 'abstain'];
  await tx
    .insertInto('poll_tallies')
    .values(keys.flatMap((k) => choices.map((choice) => ({ congress_id: congressId, poll_id: pollId, candidate_key: k, choice, n: 0 }))))
    .onConflict((oc) => oc.columns(['poll_id', 'candidate_key', 'choice']).doNothing())
    .execute();
}

/** Adds ballots to the counters: `pairs` holds one (question or nominee, choice) per ballot and question. */
export async function addToTallies(tx: Tx, congressId: string, pollId: string, pairs: readonly (readonly [string, VoteChoice])[]): Promise<void> {
  const counts = new Map<string, { key: string; choice: VoteChoice; n: number }>();
  for (const [key, choice] of pairs) {
    const k = `${key}\u0000${choice}`;
    const c = counts.get(k);
    if (c) c.n += 1;
    else counts.set(k, { key, choice, n: 1 });
  }
  if (counts.size === 0) return;
  // One statement for the batch: each counter moves by its own sum.
  const rows = [...counts.values()];
  const by = sql.join(rows.map((c) => sql`when candidate_key = ${c.key} and choice = ${c.choice} then cast(${c.n} as integer)`), sql` `);
  const r = await tx
    .updateTable('poll_tallies')
    .set({ n: sql<number>`n + case ${by} else 0 end` })
    .where('congress_id', '=', congressId)
    .where('poll_id', '=', pollId)
    .where((eb) => eb.or(rows.map((c) => eb.and([eb('candidate_key', '=', c.key), eb('choice', '=', c.choice)]))))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== rows.length) throw new Error(`poll ${pollId} lacks some of its counters`);
}

/** Tellers' totals (analog polls) replace the counters of one question or nominee. */
export async function setTallies(tx: Tx, congressId: string, pollId: string, key: string, c: Counts): Promise<void> {
  for (const choice of ['yes', 'no', 'abstain'] as const) {
    await tx.updateTable('poll_tallies').set({ n: c[choice] }).where('congress_id', '=', congressId).where('poll_id', '=', pollId).where('candidate_key', '=', key).where('choice', '=', choice).execute();
  }
}

export async function readTallies(conn: Conn, congressId: string, pollId: string): Promise<Map<string, Counts>> {
  const rows = await conn.selectFrom('poll_tallies').select(['candidate_key', 'choice', 'n']).where('congress_id', '=', congressId).where('poll_id', '=', pollId).execute();
  const out = new Map<string, Counts>();
  for (const r of rows) out.set(r.candidate_key, { ...(out.get(r.candidate_key) ?? ZERO), [r.choice]: r.n });
  return out;
}

/** Named polls only (R-V8 does not apply): who chose what, per question or nominee. */
export async function recordNamedChoices(tx: Tx, congressId: string, pollId: string, ballots: readonly { personId: string; pairs: readonly (readonly [string, VoteChoice])[] }[]): Promise<void> {
  const rows = ballots.flatMap((b) => b.pairs.map(([key, choice]) => ({ congress_id: congressId, poll_id: pollId, person_id: b.personId, candidate_key: key, choice })));
  if (rows.length > 0) await tx.insertInto('poll_named_choices').values(rows).execute();
}

export async function namedChoices(conn: Conn, congressId: string, pollId: string) {
  return conn
    .selectFrom('poll_named_choices')
    .innerJoin('people', 'people.id', 'poll_named_choices.person_id')
    .innerJoin('poll_voters', (j) => j.onRef('poll_voters.poll_id', '=', 'poll_named_choices.poll_id').onRef('poll_voters.person_id', '=', 'poll_named_choices.person_id'))
    .select(['poll_named_choices.person_id', 'people.name', 'poll_voters.channel', 'poll_named_choices.candidate_key', 'poll_named_choices.choice'])
    .where('poll_named_choices.congress_id', '=', congressId)
    .where('poll_named_choices.poll_id', '=', pollId)
    .orderBy('people.name')
    .execute();
}

export const toCandidateDto = (c: PollCandidateTable) => ({
  id: c.id,
  position: c.position,
  personId: c.person_id,
  name: c.name,
  act: c.act as PersonnelAct,
  actZh: ACT_ZH[c.act as PersonnelAct],
  post: c.post,
  oath: c.oath_date && c.oath_recorded_at ? { date: c.oath_date, note: c.oath_note, recordedAt: c.oath_recorded_at } : null,
});

export interface PollDtoFacts {
  /** The asking member's own vote: null when they have not voted, undefined when the asker is not a member. */
  mine?: MyVote | null;
  tellers?: { userId: string; name: string }[];
  deviceFailures?: string[];
}

export const toPollDto = (p: PollTable, candidates: PollCandidateTable[], voted: number | null, facts: PollDtoFacts = {}) => ({
  id: p.id,
  congressId: p.congress_id,
  meetingId: p.meeting_id,
  agendaItemId: p.agenda_item_id,
  subject: p.subject,
  kind: p.kind,
  status: p.state,
  perPerson: candidates.length > 0 && p.en_bloc === 0,
  enBloc: p.en_bloc === 1,
  candidates: candidates.map(toCandidateDto),
  votedCount: p.kind === 'analog' ? null : voted,
  hasVoted: facts.mine === undefined ? null : facts.mine !== null,
  myVote: facts.mine ?? null,
  tellers: facts.tellers ?? [],
  deviceFailures: facts.deviceFailures ?? [],
  createdAt: p.created_at,
  openedAt: p.opened_at,
  closedAt: p.closed_at,
  announcedAt: p.announced_at,
});
