import Nzh from 'nzh';

// The presiding script (主持词): the standard wording the presiding person reads, generated from the
// agenda and the live numbers. Pure: every sentence of the script is worded here and nowhere else.
//   R-M3 (议事规则第八条) the quorum sentence before opening;
//   R-V6 (第四十四条) each vote's result, passed with more than half of ALL members voting yes;
//   R-V5 (第四十三条) personnel acts announced person by person.

export const SCRIPT_RULE = {
  M3: 'R-M3 议事规则第八条',
  V3: 'R-V3 议事规则第四十二条',
  V5: 'R-V5 议事规则第四十三条',
  V6: 'R-V6 议事规则第四十四条',
} as const;

export type ScriptLineKind = 'address' | 'quorum' | 'adopt_agenda' | 'item' | 'presenter' | 'vote_call' | 'vote_progress' | 'vote_result' | 'nominee_result' | 'closing';

export interface ScriptLine {
  kind: ScriptLineKind;
  text: string;
  rule: string | null;
  agendaItemId: string | null;
  pollId: string | null;
  current: boolean;
}

export interface ScriptQuorum {
  members: number;
  present: number;
  required: number;
  met: boolean;
}

export interface ScriptItem {
  id: string;
  position: number;
  kind: string;
  title: string;
  presenter: string | null;
  presenterPost: string | null;
}

export interface ScriptCounts {
  yes: number;
  no: number;
  abstain: number;
  passed: boolean;
}

export interface ScriptNominee extends ScriptCounts {
  name: string;
  actZh: string;
  post: string;
}

export interface ScriptPoll {
  id: string;
  agendaItemId: string | null;
  subject: string;
  kind: 'secret' | 'named' | 'analog' | 'mixed';
  status: 'draft' | 'open' | 'closed' | 'announced';
  votedCount: number | null;
  /** From the close on: the totals of a single question. */
  result?: ScriptCounts;
  /** From the close on: per-person results (R-V5), in ballot order. */
  nominees?: ScriptNominee[];
}

export interface ScriptInput {
  title: string;
  state: 'draft' | 'scheduled' | 'notified' | 'in_session' | 'closed';
  agendaAdopted: boolean;
  quorum: ScriptQuorum;
  items: ScriptItem[];
  currentAgendaItemId: string | null;
  polls: ScriptPoll[];
}

export const zhOrdinal = (n: number): string => Nzh.cn.encodeS(n);

/** R-M3: "本次会议应到41人，实到30人，符合法定人数，现在开会。" — or, short of the quorum, that it cannot open. */
export function quorumSentence(q: ScriptQuorum): string {
  if (q.met) return `本次会议应到${q.members}人，实到${q.present}人，符合法定人数，现在开会。`;
  return `本次会议应到${q.members}人，实到${q.present}人，不足法定人数（须有${q.required}人出席），会议暂不能举行。`;
}

/** "现在进行会议第二项议程：……。" */
export function itemSentence(position: number, title: string): string {
  return `现在进行会议第${zhOrdinal(position)}项议程：${title}。`;
}

const PRESENTER_VERB: Record<string, string> = { report: '作报告', briefing: '作通报', bill: '作说明', resolution: '作说明', personnel: '作说明', other: '作说明' };

/** "请市政府副市长某某作说明。" — only when the presenter is known. */
export function presenterSentence(item: Pick<ScriptItem, 'kind' | 'presenter' | 'presenterPost'>): string | null {
  if (!item.presenter) return null;
  return `请${item.presenterPost ?? ''}${item.presenter}${PRESENTER_VERB[item.kind] ?? '作说明'}。`;
}

/** R-V3: the call to vote; how the members vote depends on the kind of poll. */
export function voteCallSentence(subject: string, kind: ScriptPoll['kind']): string {
  const what = subject.replace(/^表决[：:]\s*/, '').replace(/[。．.]$/, '');
  const how = { secret: '请各位组成人员按表决器表决。', mixed: '请各位组成人员按表决器表决，视频出席的组成人员由计票人员记录。', named: '请各位组成人员逐一表明赞成、反对或者弃权。', analog: '请各位组成人员举手表决，请计票人员计票。' }[kind];
  return `现在对${what}进行表决。${how}`;
}

/** R-V6: "表决结果：赞成××票，反对××票，弃权××票。通过。" */
export function resultSentence(c: ScriptCounts): string {
  return `表决结果：赞成${c.yes}票，反对${c.no}票，弃权${c.abstain}票。${c.passed ? '通过' : '未通过'}。`;
}

/** R-V5 with R-V6: one nominee's result, read person by person. */
export function nomineeSentence(n: ScriptNominee): string {
  return `${n.name}（${n.actZh}${n.post}），${resultSentence(n)}`;
}

const line = (kind: ScriptLineKind, text: string, extra: Partial<ScriptLine> = {}): ScriptLine => ({ kind, text, rule: null, agendaItemId: null, pollId: null, current: false, ...extra });

function pollLines(p: ScriptPoll, current: boolean): ScriptLine[] {
  const at = { pollId: p.id, agendaItemId: p.agendaItemId, current };
  const out: ScriptLine[] = [line('vote_call', voteCallSentence(p.subject, p.kind), { ...at, rule: SCRIPT_RULE.V3 })];
  if (p.status === 'open' && p.votedCount !== null) out.push(line('vote_progress', `已表决${p.votedCount}人。`, at));
  if (p.status === 'closed' || p.status === 'announced') {
    if (p.nominees && p.nominees.length > 0) {
      out.push(line('vote_result', '现在宣布表决结果：', { ...at, rule: SCRIPT_RULE.V5 }));
      for (const n of p.nominees) out.push(line('nominee_result', nomineeSentence(n), { ...at, rule: SCRIPT_RULE.V5 }));
    } else if (p.result) {
      out.push(line('vote_result', resultSentence(p.result), { ...at, rule: SCRIPT_RULE.V6 }));
    }
  }
  return out;
}

/** The whole script in reading order: address and quorum, the agenda's adoption, each item with its votes, the close. */
export function presidingScript(input: ScriptInput): ScriptLine[] {
  const out: ScriptLine[] = [line('address', `各位组成人员：${input.title}现在开始。`), line('quorum', quorumSentence(input.quorum), { rule: SCRIPT_RULE.M3 })];
  out.push(line('adopt_agenda', input.agendaAdopted ? '会议议程已经本次会议通过。' : '首先，审议通过本次会议议程草案。'));
  const items = [...input.items].sort((a, b) => a.position - b.position);
  const itemIds = new Set(items.map((i) => i.id));
  for (const item of items) {
    const current = item.id === input.currentAgendaItemId;
    const at = { agendaItemId: item.id, current };
    out.push(line('item', itemSentence(item.position, item.title), at));
    const presenter = presenterSentence(item);
    if (presenter) out.push(line('presenter', presenter, at));
    for (const p of input.polls.filter((x) => x.agendaItemId === item.id)) out.push(...pollLines(p, current));
  }
  for (const p of input.polls.filter((x) => x.agendaItemId === null || !itemIds.has(x.agendaItemId))) out.push(...pollLines(p, false));
  out.push(line('closing', '本次会议各项议程已经完成，现在闭会。'));
  return out;
}
