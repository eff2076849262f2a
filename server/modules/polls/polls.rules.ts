import { ACT_ZH } from '../../../contracts/profile.ts';
import type { PersonnelAct, RulesProfile } from '../../../contracts/profile.ts';
import { DomainError } from '../../platform/errors.ts';
import { quorumRequired, votesRequiredToPass } from '../congress/thresholds.rules.ts';

// Polls under the rules of procedure (议事规则 art. 42–44). Pure: every decision here is a function
// of its arguments, and each cites its rule id (../../../../shared/docs/domain.md §6).

export type Choice = 'yes' | 'no' | 'abstain';
export const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];
export type PollKind = 'secret' | 'named' | 'analog' | 'mixed';
export type PollState = 'draft' | 'open' | 'closed' | 'announced';
export type PollAction = 'open' | 'close' | 'announce';
export type Channel = 'device' | 'teller';

export const RULE = {
  quorum: 'R-M3 议事规则第八条',
  vote: 'R-V3 议事规则第四十二条',
  channels: 'R-V4 议事规则第四十三条',
  perPerson: 'R-V5 议事规则第四十三条',
  passing: 'R-V6 议事规则第四十四条',
  announce: 'R-V7 议事规则第四十四条',
  secrecy: 'R-V8',
} as const;


/** R-V7: after these acts pass, the appointee takes the constitutional oath (宪法宣誓). */
export const OATH_ACTS: ReadonlySet<PersonnelAct> = new Set<PersonnelAct>(['appoint', 'decide_appoint', 'decide_acting']);

const STATE_ZH: Record<PollState, string> = { draft: '尚未开始', open: '正在表决', closed: '已结束', announced: '已宣布结果' };

export const pollErrors = {
  badTransition: (state: PollState, action: PollAction) =>
    new DomainError(
      409,
      'POLL_STATE',
      `该表决${STATE_ZH[state]}，不能${action === 'open' ? '开始' : action === 'close' ? '结束' : '宣布结果'}`,
      `The poll is ${state}; it cannot be ${action === 'open' ? 'opened' : action === 'close' ? 'closed' : 'announced'}`,
      action === 'announce' ? RULE.announce : RULE.passing,
    ),
  notOpen: (state: PollState) =>
    new DomainError(
      409,
      'POLL_NOT_OPEN',
      state === 'draft' ? '表决尚未开始，不能投票' : '表决已经结束，不能再投票（议事规则第四十四条）',
      state === 'draft' ? 'The poll has not been opened yet' : 'The poll is closed; no more votes are taken (rules of procedure art. 44)',
      RULE.passing,
    ),
  notMember: () =>
    new DomainError(403, 'NOT_A_MEMBER', '只有常务委员会组成人员才能表决（议事规则第四十二条）', 'Only members of the standing committee vote (rules of procedure art. 42)', RULE.vote),
  notPresent: () =>
    new DomainError(403, 'NOT_PRESENT', '您未签到出席本次会议，不能表决（议事规则第四十二条）', 'You are not recorded as present at this meeting, so you cannot vote (rules of procedure art. 42)', RULE.vote),
  memberNotPresent: (name: string) =>
    new DomainError(403, 'NOT_PRESENT', `${name}未签到出席本次会议，不能录入其表决`, `${name} is not recorded as present, so no vote can be entered`, RULE.vote),
  memberNotMember: (name: string) =>
    new DomainError(403, 'NOT_A_MEMBER', `${name}不是常务委员会组成人员，不能录入其表决`, `${name} is not a member of the standing committee`, RULE.vote),
  alreadyVoted: (channel: Channel | null) =>
    new DomainError(
      409,
      'ALREADY_VOTED',
      channel === 'teller' ? '您的表决已由计票人录入，不能重复投票' : '您已经投过票，不能重复投票',
      channel === 'teller' ? 'A teller has already entered your vote; you cannot vote again' : 'You have already voted in this poll',
      channel === 'teller' ? RULE.channels : RULE.vote,
    ),
  entryAlreadyVoted: (name: string, channel: Channel) =>
    new DomainError(
      409,
      'ALREADY_VOTED',
      channel === 'device' ? `${name}已通过表决器投票，不能由计票人重复录入` : `${name}的表决已经录入，不能重复录入`,
      channel === 'device' ? `${name} has already voted by device; a teller cannot enter a second vote` : `${name}'s vote has already been entered`,
      RULE.channels,
    ),
  tellerEntryNotAllowed: (name: string) =>
    new DomainError(
      422,
      'TELLER_ENTRY_NOT_ALLOWED',
      `${name}在会场使用表决器表决；计票人只能为视频出席的组成人员，或经主持人确认表决器发生故障的组成人员录入表决（议事规则第四十三条）`,
      `${name} votes on the device in the hall; a teller may enter votes only for members attending by video, or whose device failure the presiding person has recorded (rules of procedure art. 43)`,
      RULE.channels,
    ),
  notTeller: () =>
    new DomainError(403, 'NOT_TELLER', '只有会议主持人或本次表决指定的计票人可以录入表决结果（议事规则第四十三条）', 'Only the presiding person or a teller designated for this poll may enter votes (rules of procedure art. 43)', RULE.channels),
  deviceFailureNotPresiding: () =>
    new DomainError(403, 'NOT_PRESIDING', '表决器故障由会议主持人确认（议事规则第四十三条）', 'Only the presiding person records a device failure (rules of procedure art. 43)', RULE.channels),
  duplicateEntry: (name: string) => new DomainError(422, 'DUPLICATE_ENTRY', `${name}在本次录入中出现了两次`, `${name} appears twice in these entries`, RULE.channels),
  noQuorum: (q: { members: number; present: number; required: number }) =>
    new DomainError(
      409,
      'NO_QUORUM',
      `出席人数${q.present}人，未过全体组成人员${q.members}人的半数（须${q.required}人），不能进行表决（议事规则第八条）`,
      `${q.present} of ${q.members} members present; ${q.required} are needed before a vote can be held (rules of procedure art. 8)`,
      RULE.quorum,
      q,
    ),
  wrongChannel: (kind: PollKind, what: 'device' | 'entries' | 'totals') =>
    new DomainError(
      409,
      'WRONG_CHANNEL',
      what === 'device'
        ? '本次表决由计票人录入结果，不接受表决器投票'
        : what === 'entries'
          ? '本次表决不接受计票人逐人录入'
          : '只有举手或纸质表决（analog）才能录入总数',
      what === 'device'
        ? `A ${kind} poll takes its results from tellers, not from devices`
        : what === 'entries'
          ? `A ${kind} poll takes no per-person teller entries`
          : 'Only analog polls take totals from tellers',
      RULE.channels,
    ),
  invalidBallot: (zh: string, en: string) => new DomainError(422, 'INVALID_BALLOT', zh, en, RULE.perPerson),
  tooManyVotes: (total: number, present: number) =>
    new DomainError(
      422,
      'TOO_MANY_VOTES',
      `录入的票数${total}超过了出席人数${present}`,
      `${total} votes entered, but only ${present} members are present`,
      RULE.vote,
      { total, present },
    ),
  totalsMissing: () => new DomainError(409, 'TOTALS_MISSING', '计票人尚未录入表决结果，不能结束表决', 'The tellers have not entered the totals yet', RULE.channels),
  perPersonRequired: () =>
    new DomainError(422, 'PER_PERSON_REQUIRED', '任免事项须逐人表决，请列出被任免人员（议事规则第四十三条）', 'Personnel acts are voted person by person: list the nominees (rules of procedure art. 43)', RULE.perPerson),
  enBlocNotAllowed: (act: PersonnelAct) =>
    new DomainError(
      422,
      'EN_BLOC_NOT_ALLOWED',
      `「${ACT_ZH[act]}」须逐人表决，不能合并表决（议事规则第四十三条）`,
      `"${act}" must be voted person by person, not together (rules of procedure art. 43)`,
      RULE.perPerson,
    ),
  duplicateCandidate: (name: string) => new DomainError(422, 'DUPLICATE_CANDIDATE', `${name}的同一任免事项重复列出`, `${name} is listed twice for the same act and post`, RULE.perPerson),
  enBlocNeedsCandidates: () => new DomainError(422, 'EN_BLOC_CANDIDATES', '合并表决须至少两名人员', 'Voting together needs at least two candidates', RULE.perPerson),
  oathNotAnnounced: () => new DomainError(409, 'NOT_ANNOUNCED', '表决结果宣布后才能进行宪法宣誓', 'The oath follows the announcement of the result', RULE.announce),
  oathNotAppointment: () => new DomainError(422, 'NOT_AN_APPOINTMENT', '只有任命（决定任命、决定代理）的人员进行宪法宣誓', 'Only appointees take the oath', RULE.announce),
  oathNotPassed: () => new DomainError(409, 'NOT_PASSED', '该任命未获通过，不进行宪法宣誓', 'The appointment did not pass; no oath is taken', RULE.announce),
  oathRecorded: () => new DomainError(409, 'OATH_RECORDED', '该人员的宪法宣誓已经记录', "This appointee's oath is already recorded", RULE.announce),
};

const NEXT: Record<PollAction, { from: PollState; to: PollState }> = {
  open: { from: 'draft', to: 'open' },
  close: { from: 'open', to: 'closed' },
  announce: { from: 'closed', to: 'announced' },
};

/** draft → open → closed → announced; the presiding person announces at once (R-V7). */
export function nextState(state: PollState, action: PollAction): PollState {
  const t = NEXT[action];
  if (state !== t.from) throw pollErrors.badTransition(state, action);
  return t.to;
}

/** Which channels a kind of poll takes (R-V4). */
export const channels = (kind: PollKind) => ({
  device: kind === 'secret' || kind === 'named' || kind === 'mixed',
  entries: kind === 'mixed' || kind === 'named',
  totals: kind === 'analog',
});

/** Whether the stored record may link a member to a choice: only for a roll call. */
export const recordsNames = (kind: PollKind): boolean => kind === 'named';

/** R-M3 (art. 8): a vote is held only while more than half of ALL members are present. */
export function checkQuorumToOpen(profile: RulesProfile, members: number, present: number): { required: number } {
  const required = quorumRequired(profile, members);
  if (present < required) throw pollErrors.noQuorum({ members, present, required });
  return { required };
}

/** R-V3: only members of the body vote, and only while present at the meeting (on site or by video, R-M4). */
export function checkVoter(v: { member: boolean; present: boolean }): void {
  if (!v.member) throw pollErrors.notMember();
  if (!v.present) throw pollErrors.notPresent();
}

export interface CandidateRef {
  id: string;
  personId: string;
  name?: string;
}

export interface ChoiceEntry {
  candidateId?: string | undefined;
  personId?: string | undefined;
  choice: Choice;
}

/** The nominee a ballot line or a teller's line names: by candidateId, or by personId when the person is on the ballot once. */
export function resolveCandidate(candidates: readonly CandidateRef[], ref: { candidateId?: string | undefined; personId?: string | undefined }): CandidateRef {
  if (ref.candidateId !== undefined) {
    const c = candidates.find((x) => x.id === ref.candidateId);
    if (!c || (ref.personId !== undefined && ref.personId !== c.personId)) throw pollErrors.invalidBallot('选票上没有该人员', 'No such nominee on this ballot');
    return c;
  }
  if (ref.personId === undefined) throw pollErrors.invalidBallot('请指明人员（candidateId 或 personId）', 'Name the nominee (candidateId or personId)');
  const matches = candidates.filter((x) => x.personId === ref.personId);
  const [first] = matches;
  if (!first) throw pollErrors.invalidBallot('选票上没有该人员', 'No such nominee on this ballot');
  if (matches.length > 1) throw pollErrors.invalidBallot('该人员在选票上出现多次，请用 candidateId 指明', 'This person appears more than once on the ballot: use candidateId');
  return first;
}

/**
 * A ballot as counter increments: [candidate key, choice] pairs in key order ('' is the question
 * itself). Per-person ballots (R-V5) carry exactly one choice for every nominee. The order is fixed
 * so that concurrent ballots touch counters in the same order.
 */
export function normalizeBallot(shape: { perPerson: boolean; candidates: readonly CandidateRef[] }, input: { choice?: Choice | undefined; choices?: readonly ChoiceEntry[] | undefined }): [string, Choice][] {
  if (!shape.perPerson) {
    if (input.choices !== undefined || input.choice === undefined) {
      throw pollErrors.invalidBallot('本次表决只有一个表决事项，请给出一个选择（choice）', 'This poll asks one question: give one `choice`');
    }
    return [['', input.choice]];
  }
  const [only] = shape.candidates;
  if (input.choices === undefined) {
    if (input.choice !== undefined && only && shape.candidates.length === 1) return [[only.id, input.choice]];
    throw pollErrors.invalidBallot('任免事项逐人表决：请对每一名人员分别作出选择（choices）', 'Personnel acts are voted person by person: give `choices`, one per nominee');
  }
  if (input.choice !== undefined) throw pollErrors.invalidBallot('请只给出 choices', 'Give `choices` only, not `choice` as well');
  const out = new Map<string, Choice>();
  for (const e of input.choices) {
    const c = resolveCandidate(shape.candidates, e);
    if (out.has(c.id)) throw pollErrors.invalidBallot(`对${c.name ?? '同一人员'}作出了两次选择`, `Two choices for ${c.name ?? 'the same nominee'}`);
    out.set(c.id, e.choice);
  }
  const missing = shape.candidates.filter((c) => !out.has(c.id));
  if (missing.length > 0) {
    const names = missing.map((c) => c.name ?? c.id).join('、');
    throw pollErrors.invalidBallot(`逐人表决须对每一名人员作出选择，缺少：${names}`, `Person-by-person ballots need a choice for every nominee; missing: ${names}`);
  }
  return [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * R-V4 (议事规则 art. 43): votes are cast on the voting devices; "other methods", entered by a teller,
 * are for members attending by video (art. 43 para. 3, R-M4) and for a member whose device failed
 * (para. 1) — a failure the presiding person has recorded for this poll. Never for anyone else, so
 * a teller cannot vote in the name of a member sitting in the hall.
 */
export function checkTellerEntryAllowed(e: { name: string; mode: 'onsite' | 'video' | null; deviceFailed: boolean }): void {
  if (e.mode === 'video' || e.deviceFailed) return;
  throw pollErrors.tellerEntryNotAllowed(e.name);
}

/**
 * R-V4: device ballots and teller entries count in the same poll, nobody twice. `entries` are the
 * members a teller enters now; `voted` who has voted already and by which channel.
 */
export function checkNoDoubleCount(entries: readonly { personId: string; name: string }[], voted: ReadonlyMap<string, Channel>): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.personId)) throw pollErrors.duplicateEntry(e.name);
    seen.add(e.personId);
    const ch = voted.get(e.personId);
    if (ch) throw pollErrors.entryAlreadyVoted(e.name, ch);
  }
}

export interface Counts {
  yes: number;
  no: number;
  abstain: number;
}
export const ZERO: Counts = { yes: 0, no: 0, abstain: 0 };
const sum = (c: Counts): number => c.yes + c.no + c.abstain;

/** Totals entered by tellers (R-V4) cannot exceed the members present: each present member has one vote (R-V3). */
export function checkAnalogTotals(c: Counts, present: number): void {
  if (sum(c) > present) throw pollErrors.tooManyVotes(sum(c), present);
}

type Threshold = RulesProfile['passing'];
const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number): string => CN[n] ?? String(n);

export interface PassingNumbers {
  members: number;
  present: number;
  required: number;
  basis: Threshold;
  rule: string;
}

/**
 * R-V6 (art. 44): the yes votes a poll needs, from the congress's profile. By default more than
 * half of ALL members (全体组成人员的过半数): 21 of 41, however many are present or vote.
 */
export function passingNumbers(profile: RulesProfile, members: number, present: number): PassingNumbers {
  const t = profile.passing;
  const required = votesRequiredToPass(profile, members, present);
  const base = t.base === 'all_members' ? `全体组成人员${members}人` : `出席人员${present}人`;
  const baseEn = t.base === 'all_members' ? `all ${members} members` : `the ${present} members present`;
  const frac = t.num * 2 === t.den ? '半数' : `${cn(t.den)}分之${cn(t.num)}`;
  const rule = `${RULE.passing}（${profile.source}）：赞成票${t.strict ? '超过' : '达到'}${base}的${frac}，须${required}票 / yes votes ${t.strict ? 'more than' : 'at least'} ${t.num}/${t.den} of ${baseEn}: ${required} needed`;
  return { members, present, required, basis: { ...t }, rule };
}

export interface Decided extends Counts {
  notVoted: number;
  passed: boolean;
}

/** R-V6: passes with at least `required` yes votes; abstaining and not voting are not yes. */
export function decide(c: Counts, n: PassingNumbers): Decided {
  return { ...c, notVoted: Math.max(0, n.members - sum(c)), passed: c.yes >= n.required };
}

export interface CandidateInfo {
  id: string;
  personId: string;
  name: string;
  act: PersonnelAct;
  post: string;
}

export interface Evaluated {
  numbers: PassingNumbers;
  /** The question's result; for per-person polls only when there is a single nominee. */
  whole: Decided | null;
  /** R-V5: per-person results, each with its own passed flag. */
  candidates: (CandidateInfo & Decided)[];
}

/** The result of a poll at close: counts per question or per nominee, judged by the same numbers. */
export function evaluatePoll(shape: { candidates: readonly CandidateInfo[]; enBloc: boolean }, tallies: ReadonlyMap<string, Counts>, n: PassingNumbers): Evaluated {
  const of = (key: string): Counts => tallies.get(key) ?? ZERO;
  if (shape.candidates.length === 0 || shape.enBloc) {
    const whole = decide(of(''), n);
    return { numbers: n, whole, candidates: shape.candidates.map((c) => ({ ...c, ...whole })) };
  }
  const candidates = shape.candidates.map((c) => ({ ...c, ...decide(of(c.id), n) }));
  const [first] = candidates;
  return { numbers: n, whole: candidates.length === 1 && first ? pickDecided(first) : null, candidates };
}

const pickDecided = (d: Decided): Decided => ({ yes: d.yes, no: d.no, abstain: d.abstain, notVoted: d.notVoted, passed: d.passed });

/** Checks a new poll's shape: personnel items are voted person by person (R-V5). */
export function checkPollShape(p: { candidates: readonly { act: PersonnelAct }[]; enBloc: boolean; agendaKind: string | null }, profile: RulesProfile): void {
  if (p.agendaKind === 'personnel' && p.candidates.length === 0) throw pollErrors.perPersonRequired();
  if (!p.enBloc) return;
  if (p.candidates.length < 2) throw pollErrors.enBlocNeedsCandidates();
  const perPerson = new Set(profile.perPersonVoteActs);
  const strict = p.candidates.find((c) => perPerson.has(c.act));
  if (strict) throw pollErrors.enBlocNotAllowed(strict.act);
}

/** R-V5: each line of a ballot is one person, one act, one post (the same person may have two acts). */
export function checkDistinctCandidates(cands: readonly { personId: string; name: string; act: PersonnelAct; post: string }[]): void {
  const seen = new Set<string>();
  for (const c of cands) {
    const key = JSON.stringify([c.personId, c.act, c.post]);
    if (seen.has(key)) throw pollErrors.duplicateCandidate(c.name);
    seen.add(key);
  }
}

/** R-V7: an appointee's oath is recorded after the passed appointment was announced, once. */
export function checkOath(c: { act: PersonnelAct; passed: boolean; state: PollState; recorded: boolean }): void {
  if (!OATH_ACTS.has(c.act)) throw pollErrors.oathNotAppointment();
  if (c.state !== 'announced') throw pollErrors.oathNotAnnounced();
  if (!c.passed) throw pollErrors.oathNotPassed();
  if (c.recorded) throw pollErrors.oathRecorded();
}

/** The words the presiding person reads out (R-V7): 表决结果：赞成××票，反对××票，弃权××票。通过。 */
export function announcementZh(e: Evaluated): string {
  const line = (d: Decided): string => `赞成${d.yes}票，反对${d.no}票，弃权${d.abstain}票，${d.passed ? '通过' : '未通过'}`;
  if (e.candidates.length === 0 && e.whole) return `表决结果：${line(e.whole)}。`;
  const who = (c: CandidateInfo): string => `${c.name}（${ACT_ZH[c.act]}${c.post}）`;
  if (e.whole && e.candidates.length > 1) return `表决结果：${e.candidates.map(who).join('、')}，${line(e.whole)}。`;
  return ['表决结果：', ...e.candidates.map((c) => `${who(c)}：${line(c)}。`)].join('\n');
}

/** What a closed poll keeps (polls.result): the counts and the numbers the rule used (R-V6). */
export interface StoredResult {
  members: number;
  present: number;
  required: number;
  rule: string;
  basis: Threshold;
  votedCount: number | null;
  whole: Decided | null;
  candidates: ({ candidateId: string } & Decided)[];
}

export function toStored(e: Evaluated, votedCount: number | null): StoredResult {
  const { members, present, required, rule, basis } = e.numbers;
  return {
    members,
    present,
    required,
    rule,
    basis,
    votedCount,
    whole: e.whole,
    candidates: e.candidates.map((c) => ({ candidateId: c.id, ...pickDecided(c) })),
  };
}

export function fromStored(s: StoredResult, infos: readonly CandidateInfo[]): Evaluated {
  const byId = new Map(s.candidates.map((c) => [c.candidateId, c]));
  const none: Decided = { ...ZERO, notVoted: s.members, passed: false };
  return {
    numbers: { members: s.members, present: s.present, required: s.required, basis: s.basis, rule: s.rule },
    whole: s.whole,
    candidates: infos.map((c) => ({ ...c, ...pickDecided(byId.get(c.id) ?? none) })),
  };
}
