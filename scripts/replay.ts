// Replays the 6th meeting of the Standing Committee of the 12th Hebi Municipal People's Congress
// (2023-08-24) through the public API, as a scripted client would, on a server that has imported
// the gazette fixture (`npm start` does on an empty database):
//
//   npx tsx scripts/replay.ts [--url http://localhost:3000] [--password <demo password>]
//
// It shows the quorum before opening (30 of 41, 21 needed), opens the meeting, has the plenary adopt
// the agenda, takes each item in turn, and — where the polls API is present — votes every item the
// gazette lists as passed and the personnel list person by person (one poll per person and act,
// R-V5). The gazette does not print the tallies, so every member present votes yes; each result is
// judged by the real rule (21 yes of ALL 41 members, R-V6). Items heard or deliberated get that
// outcome. Finally the meeting closes. Run again, it reports the closed meeting and changes nothing.

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a generic client; callers read fields by name
}
export interface ApiClient {
  request(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse>;
}

export interface VoteResult {
  subject: string;
  yes: number;
  no: number;
  abstain: number;
  required: number;
  passed: boolean;
}

export interface ReplaySummary {
  meetingId: string;
  title: string;
  agendaItems: number;
  present: number;
  onLeave: number;
  quorum: { members: number; present: number; required: number; met: boolean };
  votes: VoteResult[] | null;
  state: string;
  alreadyClosed: boolean;
}

/** A client for a running server (fetch). */
export function httpClient(baseUrl: string): ApiClient {
  return {
    async request(method, path, body, token) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      const r = await fetch(new URL(path, baseUrl), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: r.status, body: parsed };
    },
  };
}

class Api {
  constructor(
    private readonly client: ApiClient,
    private readonly log: (line: string) => void,
  ) {}

  /** Calls the API and fails loudly (with the server's message) unless the status is 2xx. */
  async call(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse['body']> {
    const r = await this.client.request(method, path, body, token);
    if (r.status >= 300) {
      const msg = typeof r.body === 'object' && r.body ? `${String(r.body.code)}: ${String(r.body.message_zh)} / ${String(r.body.message_en)}${r.body.rule ? ` [${String(r.body.rule)}]` : ''}` : String(r.body);
      throw new Error(`${method} ${path} → ${r.status} ${msg}`);
    }
    return r.body;
  }

  say(line: string): void {
    this.log(line);
  }
}

interface Item {
  id: string;
  position: number;
  kind: string;
  title: string;
  outcome: string;
  details: { gazetteOutcome?: string | null };
}

export async function replay(client: ApiClient, opts: { password: string; log?: (line: string) => void }): Promise<ReplaySummary> {
  const api = new Api(client, opts.log ?? (() => undefined));
  const login = async (username: string) => (await api.call('POST', '/api/v1/auth/login', { username, password: opts.password })) as { token: string; user: { personId: string | null } };
  const office = (await login('office')).token;

  const congresses = (await api.call('GET', '/api/v1/congresses')) as { id: string; slug: string }[];
  const hebi = congresses.find((c) => c.slug === 'hebi');
  if (!hebi) throw new Error('The Hebi congress is not imported; start the server on an empty database first.');
  const list = (await api.call('GET', `/api/v1/congresses/${hebi.id}/meetings?kind=regular`, undefined, office)) as { id: string; number: number; termNumber: number }[];
  const ref = list.find((m) => m.number === 6 && m.termNumber === 12);
  if (!ref) throw new Error('The 6th meeting is not imported.');
  const mid = ref.id;
  let meeting = (await api.call('GET', `/api/v1/meetings/${mid}`, undefined, office)) as { title: string; state: string; agendaAdoptedAt: string | null; agendaItems: Item[] };
  const quorum = (await api.call('GET', `/api/v1/meetings/${mid}/quorum`)) as ReplaySummary['quorum'];
  const attendance = (await api.call('GET', `/api/v1/meetings/${mid}/attendance`, undefined, office)) as { personId: string; status: string }[];
  const present = attendance.filter((a) => a.status === 'present');
  const onLeave = attendance.filter((a) => a.status === 'leave').length;
  api.say(`${meeting.title}（${meeting.agendaItems.length}项议程）`);
  api.say(`本次会议应到${quorum.members}人，实到${quorum.present}人，请假${onLeave}人，${quorum.met ? '符合法定人数' : '不足法定人数'}（至少${quorum.required}人）`);
  const summary = (votes: VoteResult[] | null, alreadyClosed: boolean): ReplaySummary => ({
    meetingId: mid,
    title: meeting.title,
    agendaItems: meeting.agendaItems.length,
    present: present.length,
    onLeave,
    quorum: { members: quorum.members, present: quorum.present, required: quorum.required, met: quorum.met },
    votes,
    state: meeting.state,
    alreadyClosed,
  });
  if (meeting.state === 'closed') {
    api.say('会议已闭会，无需重放。');
    return summary(null, true);
  }

  if (meeting.state === 'notified') {
    await api.call('POST', `/api/v1/meetings/${mid}/open`, undefined, office);
    api.say('现在开会。');
  }
  if (meeting.agendaAdoptedAt === null) {
    await api.call('POST', `/api/v1/meetings/${mid}/agenda/adopt`, undefined, office);
    api.say('全体会议通过会议议程。');
  }
  meeting = await api.call('GET', `/api/v1/meetings/${mid}`, undefined, office);

  // Voting needs the polls API; without it the items are taken up and their votes are skipped.
  const spec = (await api.call('GET', '/api/v1/openapi.json')) as { paths?: Record<string, Record<string, { operationId?: string }>> };
  const ops = new Set(Object.values(spec.paths ?? {}).flatMap((p) => Object.values(p).map((o) => o.operationId)));
  const canVote = ['createPoll', 'openPoll', 'castBallot', 'closePoll', 'getPollResult'].every((o) => ops.has(o));
  if (!canVote) api.say('（未提供表决接口：跳过表决）');

  // Present members' sessions, to vote from their own accounts.
  const voters: string[] = [];
  if (canVote) {
    const presentIds = new Set(present.map((p) => p.personId));
    for (let i = 1; i <= 200 && voters.length < presentIds.size; i++) {
      let s: { token: string; user: { personId: string | null } };
      try {
        s = await login(`m${String(i).padStart(2, '0')}`);
      } catch {
        break;
      }
      if (s.user.personId !== null && presentIds.has(s.user.personId)) voters.push(s.token);
    }
  }

  const votes: VoteResult[] = [];
  const vote = async (body: Record<string, unknown>): Promise<VoteResult> => {
    const poll = (await api.call('POST', '/api/v1/polls', { meetingId: mid, kind: 'secret', ...body }, office)) as { id: string; subject: string };
    await api.call('POST', `/api/v1/polls/${poll.id}/open`, undefined, office);
    for (const token of voters) await api.call('POST', `/api/v1/polls/${poll.id}/ballots`, { choice: 'yes' }, token);
    const closed = (await api.call('POST', `/api/v1/polls/${poll.id}/close`, undefined, office)) as { yes?: number; no?: number; abstain?: number; required: number; passed?: boolean };
    if (ops.has('announcePoll')) await api.call('POST', `/api/v1/polls/${poll.id}/announce`, undefined, office);
    const r: VoteResult = { subject: poll.subject, yes: closed.yes ?? 0, no: closed.no ?? 0, abstain: closed.abstain ?? 0, required: closed.required, passed: closed.passed ?? false };
    api.say(`  ${r.subject}：赞成${r.yes}票，反对${r.no}票，弃权${r.abstain}票。${r.passed ? '通过' : '未通过'}。`);
    votes.push(r);
    return r;
  };

  const numeral = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
  for (const item of meeting.agendaItems) {
    await api.call('PUT', `/api/v1/meetings/${mid}/current-item`, { agendaItemId: item.id }, office);
    api.say(`现在进行会议第${numeral[item.position] ?? item.position}项议程：${item.title}`);
    const gazette = item.details.gazetteOutcome ?? null;
    if (gazette === 'passed') {
      if (!canVote) continue;
      let passed = true;
      if (item.kind === 'personnel') {
        const personnel = (await api.call('GET', `/api/v1/meetings/${mid}/personnel`, undefined, office)) as { personId: string | null; personName: string; act: string; actZh: string; post: string }[];
        for (const p of personnel) {
          const candidate = p.personId !== null ? { personId: p.personId, act: p.act, post: p.post } : { name: p.personName, act: p.act, post: p.post };
          const r = await vote({ agendaItemId: item.id, subject: `${p.actZh}：${p.personName}（${p.post}）`, candidates: [candidate] });
          passed &&= r.passed;
        }
      } else {
        passed = (await vote({ agendaItemId: item.id, subject: item.title })).passed;
      }
      await api.call('POST', `/api/v1/meetings/${mid}/agenda-items/${item.id}/outcome`, { outcome: passed ? 'passed' : 'failed' }, office);
    } else if (gazette === 'heard' || gazette === 'deliberated') {
      await api.call('POST', `/api/v1/meetings/${mid}/agenda-items/${item.id}/outcome`, { outcome: gazette }, office);
    }
  }
  await api.call('PUT', `/api/v1/meetings/${mid}/current-item`, { agendaItemId: null }, office);
  await api.call('POST', `/api/v1/meetings/${mid}/close`, undefined, office);
  meeting = await api.call('GET', `/api/v1/meetings/${mid}`, undefined, office);
  api.say('会议闭会。');
  return summary(canVote ? votes : null, false);
}

const isMain = process.argv[1] !== undefined && import.meta.filename === (await import('node:fs')).realpathSync(process.argv[1]);
if (isMain) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const url = arg('url') ?? process.env.YISHI_URL ?? 'http://localhost:3000';
  const password = arg('password') ?? process.env.YISHI_DEMO_PASSWORD;
  if (!password) {
    console.error('Give the demo password: --password <…> or YISHI_DEMO_PASSWORD');
    process.exit(2);
  }
  try {
    const s = await replay(httpClient(url), { password, log: (l) => console.log(l) });
    console.log(JSON.stringify({ ...s, votes: s.votes?.length ?? null }, null, 2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
