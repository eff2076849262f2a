import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { newId, nowIso } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/command.ts';
import { loadConfig } from '../../platform/config.ts';
import type { Tx } from '../../platform/db.ts';
import type { MeetingTextKind } from '../../platform/schema.ts';
import { publishImportedGazette } from '../publication/publication.commands.ts';

// The 6th meeting's documents as text, cut from the gazette seed by the fixture's `seedLines`: the
// news summary, the closing speech, each agenda item's reports, explanations, review reports, draft
// texts, resolutions and decisions, in the seed's order. The three lists (personnel, attendance,
// non-voting attendees) are not copied: the gazette prints them from the meeting's own records.
// The gazette is then assembled from this record and published, so the portal has real material
// from the first start. Idempotent: a meeting that already has texts is left alone.

export const SEED_FILE = '000_5afcf154fdbded78.txt';

export function seedPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.YISHI_SEED ?? resolve(dirname(loadConfig(env).fixturePath), '../seed', SEED_FILE);
}

const Range = z.tuple([z.number().int().min(1), z.number().int().min(1)]);
const Doc = z.looseObject({ title: z.string().optional(), seedLines: Range });
const Item = z.looseObject({
  n: z.number().int(),
  kind: z.string(),
  title: z.string(),
  seedLines: Range.optional(),
  textSeedLines: Range.optional(),
  explanationSeedLines: Range.optional(),
  committeeReport: Doc.optional(),
  reports: z.array(Doc).optional(),
  resolution: Doc.optional(),
});
const MeetingRecord = z.looseObject({ number: z.number().int(), agenda: z.array(Item), closingSpeech: z.looseObject({ seedLines: Range }).optional() });

export interface Piece {
  from: number;
  to: number;
  kind: MeetingTextKind;
  n: number | null;
}

/** Spaces the PDF layout left between Chinese characters go; spaces between Latin words stay. */
export const tidy = (s: string): string =>
  s
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^\x00-\x7F]) (?=\S)|(?<=\S) (?=[^\x00-\x7F])/g, '');

const REVIEW = /审查结果|初审|审议意见|审议修改/;
const kindOfReport = (title: string | undefined): MeetingTextKind => (title && REVIEW.test(title) ? 'review' : 'report');

/** The pieces of the seed the fixture points at, gaps filled, in the seed's order. */
export function piecesOf(lines: readonly string[], f: z.infer<typeof MeetingRecord>): Piece[] {
  const pieces: Piece[] = [];
  const speech = f.closingSpeech?.seedLines;
  let newsEnd = lines.length;
  if (speech) {
    let start = speech[0];
    for (let l = speech[0]; l <= speech[1]; l++) {
      if (/讲话$/.test((lines[l - 1] ?? '').trim())) {
        start = l;
        break;
      }
    }
    pieces.push({ from: start, to: speech[1], kind: 'speech', n: null });
    newsEnd = start - 1;
  }
  const firstLine = lines.findIndex((l) => l.trim().length > 0) + 1;
  pieces.push({ from: firstLine, to: newsEnd, kind: 'news', n: null });
  let listFrom: number | null = null;
  for (const it of f.agenda) {
    if (it.kind === 'personnel' && it.seedLines) {
      // The decisions and the council's proposals are texts; the 任免名单 itself comes from the records.
      const [a, b] = it.seedLines;
      const starts: number[] = [];
      for (let l = a; l <= b; l++) {
        const t = tidy(lines[l - 1] ?? '');
        if (/人事任免名单$/.test(t)) {
          listFrom = l;
          break;
        }
        if (/^鹤壁市人民代表大会常务委员会关于/.test(t) || /^关于.*议案$/.test(t)) starts.push(l);
      }
      const end = (listFrom ?? b + 1) - 1;
      starts.forEach((s, i) => {
        const t = tidy(lines[s - 1] ?? '');
        pieces.push({ from: s, to: (starts[i + 1] ?? end + 1) - 1, kind: /议案$/.test(t) ? 'other' : 'decision', n: it.n });
      });
      continue;
    }
    if (it.seedLines) pieces.push({ from: it.seedLines[0], to: it.seedLines[1], kind: it.kind === 'decision' ? 'decision' : it.kind === 'briefing' ? 'report' : 'other', n: it.n });
    if (it.textSeedLines) pieces.push({ from: it.textSeedLines[0], to: it.textSeedLines[1], kind: 'text', n: it.n });
    if (it.explanationSeedLines) pieces.push({ from: it.explanationSeedLines[0], to: it.explanationSeedLines[1], kind: 'explanation', n: it.n });
    if (it.committeeReport) pieces.push({ from: it.committeeReport.seedLines[0], to: it.committeeReport.seedLines[1], kind: 'review', n: it.n });
    for (const r of it.reports ?? []) pieces.push({ from: r.seedLines[0], to: r.seedLines[1], kind: kindOfReport(r.title), n: it.n });
    if (it.resolution) pieces.push({ from: it.resolution.seedLines[0], to: it.resolution.seedLines[1], kind: 'resolution', n: it.n });
  }
  pieces.sort((x, y) => x.from - y.from);

  // Gaps with text in them: an explanation (关于…的说明) belongs to the item that follows; anything
  // else (an annex such as an implementation plan) to the item before.
  const end = (listFrom ?? lines.length + 1) - 1;
  const filled: Piece[] = [];
  let cursor = firstLine;
  const gap = (from: number, to: number, prev: Piece | undefined, next: Piece | undefined) => {
    const body = lines.slice(from - 1, to).filter((l) => l.trim());
    if (body.length === 0) return;
    const first = lines.slice(from - 1, to).findIndex((l) => l.trim()) + from;
    const head = tidy(lines[first - 1] ?? '');
    const explanation = /^关于.*说明$/.test(head);
    filled.push({ from: first, to, kind: explanation ? 'explanation' : 'other', n: (explanation ? next?.n : prev?.n) ?? null });
  };
  for (const [i, p] of pieces.entries()) {
    if (p.from > cursor) gap(cursor, p.from - 1, filled.at(-1), p);
    filled.push(p);
    cursor = Math.max(cursor, p.to + 1);
    if (i === pieces.length - 1 && cursor <= end) gap(cursor, end, p, undefined);
  }
  // A heading's first line left at the end of the piece before (鹤壁市人大常委会 / 关于…实施方案) moves down.
  for (let i = 1; i < filled.length; i++) {
    const prev = filled[i - 1];
    const cur = filled[i];
    if (!prev || !cur) continue;
    let last = prev.to;
    while (last > prev.from && !(lines[last - 1] ?? '').trim()) last--;
    const tail = tidy(lines[last - 1] ?? '');
    const head = tidy(lines.slice(cur.from - 1, cur.to).find((l) => l.trim()) ?? '');
    if (tail.length > 0 && tail.length <= 10 && !/[。；：，！）)]$/.test(tail) && /^关于/.test(head)) {
      prev.to = last - 1;
      cur.from = last;
    }
  }
  return filled;
}

/** A piece's title (its first line, with a short parenthesised qualifier such as （草案） joined on) and body. */
export function textOf(lines: readonly string[], p: Piece): { title: string; body: string } {
  const own = lines.slice(p.from - 1, p.to).map((l) => l.trim()).filter(Boolean);
  let title = tidy(own.shift() ?? '');
  const next = own[0] ? tidy(own[0]) : '';
  if (/^[(（][^)）]{1,8}[)）]$/.test(next)) {
    title += next.replace(/^\(/, '（').replace(/\)$/, '）');
    own.shift();
  } else if (title.length <= 10 && /^关于/.test(next)) {
    title += next; // 鹤壁市人大常委会 / 关于“人大代表为民服务活动日”实施方案
    own.shift();
  }
  return { title, body: own.join('\n') };
}

export async function importMeetingTexts(ctx: Ctx, tx: Tx, congressId: string, termId: string, raw: unknown, path = seedPath()): Promise<number> {
  const parsed = MeetingRecord.safeParse(raw);
  if (!parsed.success || !existsSync(path)) return 0;
  const f = parsed.data;
  const m = await tx.selectFrom('meetings').selectAll().where('congress_id', '=', congressId).where('term_id', '=', termId).where('series', '=', 'standing').where('number', '=', f.number).executeTakeFirst();
  if (!m) return 0;
  const have = await tx.selectFrom('meeting_texts').select('id').where('congress_id', '=', congressId).where('meeting_id', '=', m.id).limit(1).executeTakeFirst();
  if (have) return 0;

  const lines = readFileSync(path, 'utf8').split('\n');
  const items = await tx.selectFrom('agenda_items').select(['id', 'details']).where('congress_id', '=', congressId).where('meeting_id', '=', m.id).execute();
  const itemOf = new Map(items.map((i) => [(JSON.parse(i.details) as { n?: number }).n, i.id]));
  const at = nowIso();
  let created = 0;
  for (const [i, p] of piecesOf(lines, f).entries()) {
    const { title, body } = textOf(lines, p);
    if (!title) continue;
    await tx
      .insertInto('meeting_texts')
      .values({ id: newId(), congress_id: congressId, meeting_id: m.id, agenda_item_id: p.n === null ? null : (itemOf.get(p.n) ?? null), kind: p.kind, title, body, position: i + 1, source: `seed:L${p.from}-L${p.to}`, created_at: at })
      .execute();
    created++;
  }
  created += await publishImportedGazette({ ...ctx, db: tx }, m);
  return created;
}
