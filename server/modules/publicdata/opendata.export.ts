// The daily bulk export of open data: for each congress, the same facts as the JSON endpoints,
// as JSON and as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese), in
// <dir>/<slug>/<YYYY-MM-DD>/ with a manifest. Run by `npm run opendata:export [-- <dir>]`, or daily
// by the server in production (YISHI_OPENDATA_DIR, default ./data/opendata). The manifest carries
// a signed checkpoint of the audit chain taken for the export and the key that verifies it.
// The files are public by nature: 0644 in 0755 folders, whatever the process umask.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { AuditAnchors } from '../../platform/audit-anchor.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Conn } from '../../platform/db.ts';
import type { App, Deps } from '../../platform/http.ts';
import { openAllAgenda, openBills, openMeetings, openNamedPolls, openRegulation, openRegulations, requirePublicCongress } from './publicdata.queries.ts';
import { schedulePeriodic } from '../../platform/jobs.ts';

const csv = (rows: Record<string, unknown>[], columns: string[]): string =>
  `\uFEFF${stringify(
    rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c] as string | number | boolean)))),
    { header: true, columns },
  )}`;

export interface ExportResult {
  dir: string;
  files: string[];
  counts: Record<string, number>;
}

/** Creates `dir`; the folders this creates are readable by all (0755), whatever the umask. */
function mkdirPublic(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (first === undefined) return;
  let at = first;
  chmodSync(at, 0o755);
  for (const part of relative(first, dir).split(sep).filter(Boolean)) {
    at = join(at, part);
    chmodSync(at, 0o755);
  }
}

export async function exportOpenData(conn: Conn, congressId: string, root: string, anchors: AuditAnchors): Promise<ExportResult> {
  const c = await requirePublicCongress(conn, congressId);
  const auditCheckpoint = await anchors.now();
  const generatedAt = nowIso();
  const dir = join(root, c.slug, localDateOf(generatedAt));
  mkdirPublic(dir);
  const meetings = await openMeetings(conn, c.id);
  const agenda = await openAllAgenda(conn, c.id);
  const polls = await openNamedPolls(conn, c.id);
  const bills = await openBills(conn, c.id);
  const regs = [];
  for (const r of await openRegulations(conn, c.id)) regs.push(await openRegulation(conn, c.id, r.workId));
  const files: Record<string, string> = {
    'meetings.json': JSON.stringify({ congressId: c.id, generatedAt, items: meetings }, null, 1),
    'meetings.csv': csv(meetings, ['id', 'kind', 'number', 'title', 'date', 'endDate', 'place', 'state', 'bodyName']),
    'agenda_items.json': JSON.stringify({ congressId: c.id, generatedAt, items: agenda }, null, 1),
    'agenda_items.csv': csv(agenda, ['id', 'meetingId', 'position', 'kind', 'title', 'proposer', 'presenter', 'presenterPost', 'status', 'outcome']),
    'named_polls.json': JSON.stringify({ congressId: c.id, generatedAt, items: polls }, null, 1),
    'named_polls.csv': csv(polls, ['id', 'meetingId', 'subject', 'announcedAt', 'members', 'present', 'required', 'yes', 'no', 'abstain', 'passed']),
    'named_poll_ballots.csv': csv(
      polls.flatMap((p) => p.ballots.flatMap((b) => (b.choices ? b.choices.map((x) => ({ pollId: p.id, name: b.name, candidate: x.candidate, choice: x.choice })) : [{ pollId: p.id, name: b.name, candidate: '', choice: b.choice }]))),
      ['pollId', 'name', 'candidate', 'choice'],
    ),
    'bills.json': JSON.stringify({ congressId: c.id, generatedAt, items: bills }, null, 1),
    'bills.csv': csv(bills, ['id', 'kind', 'title', 'proposerType', 'proposerOrgan', 'state', 'submittedOn', 'targetMeetingId', 'committee']),
    'bill_actions.csv': csv(
      bills.flatMap((b) => b.actions.map((a) => ({ billId: b.id, ...a }))),
      ['billId', 'seq', 'date', 'organization', 'classification', 'description'],
    ),
    'regulations.json': JSON.stringify({ congressId: c.id, generatedAt, items: regs }, null, 1),
    'regulations.csv': csv(regs, ['workId', 'expressionId', 'title', 'kind', 'stage', 'adoptedOn', 'articles']),
    'regulation_articles.csv': csv(
      regs.flatMap((r) => r.articleList.map((a) => ({ workId: r.workId, title: r.title, eId: a.eId, num: a.num, numText: a.numText, heading: a.heading, text: a.text }))),
      ['workId', 'title', 'eId', 'num', 'numText', 'heading', 'text'],
    ),
  };
  const counts = { meetings: meetings.length, agendaItems: agenda.length, namedPolls: polls.length, bills: bills.length, regulations: regs.length };
  const auditKey = { keyId: anchors.signer.keyId, publicKey: anchors.signer.publicKeyPem };
  files['manifest.json'] = JSON.stringify({ congressId: c.id, slug: c.slug, name: c.name, generatedAt, counts, files: Object.keys(files), license: '公开政务信息', auditCheckpoint, auditKey }, null, 1);
  for (const [name, body] of Object.entries(files)) {
    writeFileSync(join(dir, name), body, { mode: 0o644 });
    chmodSync(join(dir, name), 0o644);
  }
  return { dir, files: Object.keys(files), counts };
}

export async function exportAllCongresses(conn: Conn, root: string, anchors: AuditAnchors): Promise<ExportResult[]> {
  const cs = await conn.selectFrom('congresses').select('id').orderBy('slug').execute();
  const out: ExportResult[] = [];
  for (const c of cs) out.push(await exportOpenData(conn, c.id, root, anchors));
  return out;
}

/** Once a day in production (server/platform/jobs.ts). */
export function scheduleOpenDataExport(app: App, deps: Deps, everyMs = 86_400_000): void {
  schedulePeriodic(app, deps, 'open data export', everyMs, () => exportAllCongresses(deps.handle.db, deps.config.openDataDir, deps.anchors));
}
