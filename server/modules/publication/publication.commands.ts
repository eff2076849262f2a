import { createHash } from 'node:crypto';
import { MessageChannel } from 'node:worker_threads';
import type { z } from 'zod';
import type { CreateAnnouncement, EditGazette, FrontMatter, GazetteContent } from '../../../contracts/publication.ts';
import { asBuffer, offload } from '../../offload.ts';
import type { AuditCheckpoint } from '../../../contracts/audit.ts';
import { type UserActor, belongsTo } from '../../platform/access.ts';
import { type AuditAnchors, latestCheckpoint } from '../../platform/audit-anchor.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import type { GazetteBuildTable, GazetteTable, MeetingRow } from '../../platform/schema.ts';
import { currentTermOf, requireCongress } from '../congress/congress.repo.ts';
import { findMeeting } from '../meetings/meetings.repo.ts';
import { meetingNotFound } from '../meetings/meetings.policy.ts';
import { type Assembled, assemble, recordSections } from './publication.assemble.ts';
import { rememberFiles } from './publication.files.ts';
import { announcementNotFound, publicationPolicy } from './publication.policy.ts';
import { toAnnouncementDto, toBuildDto } from './publication.dto.ts';
import { findGazette, issuesOf, lastEditionNo } from './publication.repo.ts';
import { checkBaseVersion, checkOrder, defaultFrontMatter, issueLabel, nextAnnouncementNumber, nextIssue, recordOrder } from './publication.rules.ts';
import { indexGazette } from './publication.search.ts';

// Writes of the publication module: the editor's versions of the gazette's front matter and order,
// builds that assemble and render an edition and publish it, and announcements (公告).

/** The scoped lookup for an editor: 401 for the public, 404 for outsiders, 403 for the congress's non-editors. */
async function meetingForEdit(ctx: Ctx, meetingId: string): Promise<{ m: MeetingRow; actor: UserActor }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || !belongsTo(actor, m.congress_id)) throw meetingNotFound();
  if (!publicationPolicy.edit(actor, m.congress_id)) throw errors.forbidden();
  return { m, actor };
}

async function defaultsFor(conn: Conn, m: MeetingRow): Promise<FrontMatter> {
  const c = await conn.selectFrom('congresses').select(['name', 'standing_committee_name']).where('id', '=', m.congress_id).executeTakeFirstOrThrow();
  return defaultFrontMatter(c.standing_committee_name ?? c.name, m.title);
}

/** The meeting's gazette row, created at version 1 with the default front matter when missing. */
async function ensureGazette(conn: Conn, m: MeetingRow, by: string | null): Promise<{ g: GazetteTable; created: boolean }> {
  const found = await findGazette(conn, m.congress_id, m.id);
  if (found) return { g: found, created: false };
  const at = nowIso();
  const fm = JSON.stringify(await defaultsFor(conn, m));
  const g: GazetteTable = { id: newId(), congress_id: m.congress_id, meeting_id: m.id, version: 1, front_matter: fm, section_order: null, year: null, issue_no: null, issue_total: null, published_edition_id: null, created_at: at, updated_at: at };
  await conn.insertInto('gazettes').values(g).execute();
  await conn.insertInto('gazette_versions').values({ gazette_id: g.id, congress_id: g.congress_id, version: 1, front_matter: fm, section_order: null, edited_by: by, edited_at: at }).execute();
  return { g, created: true };
}

/** R-P2: a new version of the front matter and the order; the order must name every section of the record once. */
export async function editGazette(ctx: Ctx, meetingId: string, input: z.infer<typeof EditGazette>) {
  const { m, actor } = await meetingForEdit(ctx, meetingId);
  if (input.order) {
    const sections = await recordSections(ctx, m);
    checkOrder(input.order, recordOrder(sections.map((s, i) => ({ key: s.key, kind: s.kind, title: s.title, position: i }))));
  }
  return runCommand(ctx, async (tx, rec) => {
    const { g, created } = await ensureGazette(tx, m, actor.userId);
    // Version 0 is the editor's view of a gazette not yet created: it holds only when this edit creates it.
    checkBaseVersion(g.version, created && input.baseVersion === 0 ? g.version : input.baseVersion);
    const version = g.version + 1;
    const at = nowIso();
    const fm = JSON.stringify(input.frontMatter);
    const order = input.order ? JSON.stringify(input.order) : null;
    // Guarded on the version read: of two edits on one base version, the second is refused.
    expectChanged(await tx.updateTable('gazettes').set({ version, front_matter: fm, section_order: order, updated_at: at }).where('congress_id', '=', m.congress_id).where('id', '=', g.id).where('version', '=', g.version).executeTakeFirst());
    await tx.insertInto('gazette_versions').values({ gazette_id: g.id, congress_id: m.congress_id, version, front_matter: fm, section_order: order, edited_by: actor.userId, edited_at: at }).execute();
    rec.audit({ congressId: m.congress_id, action: 'gazette.edited', targetType: 'gazette', targetId: g.id, data: { meetingId: m.id, version, reordered: order !== null } });
    rec.emit({ topic: 'meeting', congressId: m.congress_id, id: m.id });
    return { gazetteId: g.id, version };
  });
}

function contentOf(g: GazetteTable, m: MeetingRow, a: Assembled, issue: { year: number; no: number; total: number }, edition: number, publishedAt: string, anchor: AuditCheckpoint | null): GazetteContent {
  return {
    gazetteId: g.id,
    congressId: m.congress_id,
    meetingId: m.id,
    meetingTitle: m.title,
    meetingDate: m.date ?? '',
    edition,
    version: g.version,
    issue: { ...issue, label: issueLabel(issue.year, issue.no, issue.total) },
    frontMatter: JSON.parse(g.front_matter) as FrontMatter,
    toc: a.toc,
    sections: a.sections,
    publishedAt,
    ...(anchor ? { anchor } : {}),
  };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const yearOf = (m: MeetingRow): number => Number((m.date ?? nowIso()).slice(0, 4));

/**
 * Publishes an edition in the caller's transaction: the issue number (期) is given at the first
 * publication and kept after; the edition number counts up; the previous edition stays on record.
 */
async function publishEdition(conn: Conn, g: GazetteTable, m: MeetingRow, a: Assembled, by: string | null, at: string, anchor: AuditCheckpoint | null) {
  const issue = g.issue_no !== null && g.year !== null && g.issue_total !== null ? { year: g.year, no: g.issue_no, total: g.issue_total } : nextIssue(await issuesOf(conn, m.congress_id), yearOf(m));
  const edition = (await lastEditionNo(conn, m.congress_id, g.id)) + 1;
  const content = contentOf(g, m, a, issue, edition, at, anchor);
  const json = JSON.stringify(content);
  const id = newId();
  await conn.insertInto('gazette_editions').values({ id, congress_id: m.congress_id, gazette_id: g.id, edition, version: g.version, content: json, sha256: sha256(json), published_at: at, published_by: by }).execute();
  await conn
    .updateTable('gazettes')
    .set({ published_edition_id: id, year: issue.year, issue_no: issue.no, issue_total: issue.total, updated_at: at })
    .where('congress_id', '=', m.congress_id)
    .where('id', '=', g.id)
    .execute();
  await indexGazette(conn, content);
  return { id, content };
}

/**
 * The demo import: the 6th meeting's gazette assembled from the imported record and published
 * (edition 1). It carries the newest checkpoint there is, if any: the import runs in one
 * transaction, so the chain's head cannot be signed in the middle of it.
 */
export async function publishImportedGazette(ctx: Ctx, m: MeetingRow): Promise<number> {
  const { g, created } = await ensureGazette(ctx.db, m, null);
  if (g.published_edition_id) return created ? 2 : 0;
  const a = await assemble(ctx, m, null);
  await publishEdition(ctx.db, g, m, a, null, nowIso(), await latestCheckpoint(ctx.db));
  return (created ? 2 : 0) + 1;
}

/** Starts a build: returns the queued job at once; the work runs after, reporting progress on the row. */
export async function requestGazetteBuild(ctx: Ctx, anchors: AuditAnchors, meetingId: string): Promise<{ build: ReturnType<typeof toBuildDto>; done: Promise<void> }> {
  const { m, actor } = await meetingForEdit(ctx, meetingId);
  const row = await runCommand(ctx, async (tx, rec) => {
    const { g } = await ensureGazette(tx, m, actor.userId);
    const busy = await tx.selectFrom('gazette_builds').select('id').where('congress_id', '=', m.congress_id).where('gazette_id', '=', g.id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
    if (busy) throw errors.conflict('GAZETTE_BUILD_RUNNING', '该期公报正在生成，请等待完成', 'A build of this gazette is already running; wait for it to finish');
    const b: GazetteBuildTable = { id: newId(), congress_id: m.congress_id, gazette_id: g.id, version: g.version, status: 'queued', progress: 0, step: null, error_zh: null, error_en: null, edition_id: null, requested_by: actor.userId, created_at: nowIso(), finished_at: null };
    await tx.insertInto('gazette_builds').values(b).execute();
    rec.audit({ congressId: m.congress_id, action: 'gazette.build_requested', targetType: 'gazette', targetId: g.id, data: { meetingId: m.id, buildId: b.id, version: g.version } });
    return b;
  });
  return { build: toBuildDto(row), done: runBuild(ctx, anchors, m, row.id) };
}

/**
 * Assembles, renders DOCX and PDF, and publishes in one transaction at the end. Progress goes on the
 * build row as plain updates (a job's bookkeeping, not a change of the record); the request and the
 * outcome are audited. A failure marks the build failed and leaves the published edition as it was.
 * The chain's head is signed first (the edition prints that checkpoint: the record it was made
 * from is anchored) and again once the publication is recorded.
 */
async function runBuild(ctx: Ctx, anchors: AuditAnchors, m: MeetingRow, buildId: string): Promise<void> {
  const progress = async (p: number, step: string) => {
    await ctx.db.updateTable('gazette_builds').set({ status: 'running', progress: Math.round(p), step }).where('congress_id', '=', m.congress_id).where('id', '=', buildId).execute();
  };
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  try {
    await progress(5, 'assemble');
    const anchor = await anchors.now();
    const g = await findGazette(ctx.db, m.congress_id, m.id);
    if (!g) throw errors.notFound('Gazette', '该期公报');
    const a = await assemble(ctx, m, g.section_order ? (JSON.parse(g.section_order) as string[]) : null);
    const issue = g.issue_no !== null && g.year !== null && g.issue_total !== null ? { year: g.year, no: g.issue_no, total: g.issue_total } : nextIssue(await issuesOf(ctx.db, m.congress_id), yearOf(m));
    const draft = contentOf(g, m, a, issue, (await lastEditionNo(ctx.db, m.congress_id, g.id)) + 1, nowIso(), anchor);
    await progress(15, 'docx');
    // Rendering runs on the worker pool; the PDF's progress comes back over a message port.
    const docx = asBuffer(await offload('gazetteDocx', draft));
    await progress(30, 'pdf');
    let last = 30;
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (f: number) => {
      const p = 30 + f * 60;
      if (p - last >= 10) {
        last = p;
        void progress(p, 'pdf').catch(() => undefined);
      }
    });
    const pdf = asBuffer(await offload('gazettePdf', { content: draft, progress: port2 }, [port2]).finally(() => port1.close()));
    await progress(95, 'publish');
    const published = await runCommand(ctx, async (tx, rec) => {
      const now = await findGazette(tx, m.congress_id, m.id);
      if (!now) throw errors.notFound('Gazette', '该期公报');
      const at = nowIso();
      const ed = await publishEdition(tx, now, m, a, by, at, anchor);
      await tx.updateTable('gazette_builds').set({ status: 'done', progress: 100, step: 'done', edition_id: ed.id, finished_at: at }).where('congress_id', '=', m.congress_id).where('id', '=', buildId).execute();
      rec.audit({ congressId: m.congress_id, action: 'gazette.published', targetType: 'gazette', targetId: now.id, data: { meetingId: m.id, buildId, editionId: ed.id, edition: ed.content.edition, issue: ed.content.issue.label, sections: a.sections.length } });
      rec.emit({ topic: 'meeting', congressId: m.congress_id, id: m.id });
      return ed;
    });
    // The files rendered above hold the edition as published unless the issue or edition moved meanwhile.
    const same = published.content.issue.label === draft.issue.label && published.content.edition === draft.edition;
    if (same) rememberFiles(published.id, { docx, pdf });
  } catch (e) {
    await failBuild(ctx, m, buildId, e);
    return;
  }
  // The publication is on record: anchor it too. It has committed, so a failure here leaves the
  // build done and only reaches the log (the caller's `done`).
  await anchors.now();
}

async function failBuild(ctx: Ctx, m: MeetingRow, buildId: string, e: unknown): Promise<void> {
  const d = e instanceof DomainError ? e : null;
  const zh = d ? d.messageZh : `生成失败：${e instanceof Error ? e.message : String(e)}`;
  const en = d ? d.messageEn : `The build failed: ${e instanceof Error ? e.message : String(e)}`;
  await runCommand(ctx, async (tx, rec) => {
    const b = await tx.selectFrom('gazette_builds').select('gazette_id').where('congress_id', '=', m.congress_id).where('id', '=', buildId).executeTakeFirstOrThrow();
    await tx.updateTable('gazette_builds').set({ status: 'failed', step: 'failed', error_zh: zh, error_en: en, finished_at: nowIso() }).where('congress_id', '=', m.congress_id).where('id', '=', buildId).execute();
    rec.audit({ congressId: m.congress_id, action: 'gazette.build_failed', targetType: 'gazette', targetId: b.gazette_id, data: { meetingId: m.id, buildId, code: d?.code ?? 'INTERNAL', message: en } });
  });
}

// ---- announcements (公告, R-P1) -------------------------------------------------------------------

export async function createAnnouncement(ctx: Ctx, congressId: string, input: z.infer<typeof CreateAnnouncement>) {
  const c = await requireCongress(ctx.db, congressId);
  if (!publicationPolicy.edit(ctx.actor, c.id)) throw denialFor(ctx, c.id);
  const actor = ctx.actor.kind === 'user' ? ctx.actor : null;
  let termId: string | null = null;
  if (input.meetingId) {
    const m = await findMeeting(ctx.db, input.meetingId);
    if (!m || m.congress_id !== c.id) throw meetingNotFound();
    termId = m.term_id;
  }
  termId ??= (await currentTermOf(ctx.db, c.id))?.id ?? null;
  if (!termId) throw errors.conflict('NO_TERM', '该人大尚未设立届次，公告按届编号', 'The congress has no term yet; announcements are numbered within the term', 'R-P1');
  const tid = termId;
  return runCommand(ctx, async (tx, rec) => {
    const row = { id: newId(), congress_id: c.id, term_id: tid, meeting_id: input.meetingId ?? null, kind: input.kind, title: input.title, body: input.body, number: null, state: 'draft' as const, published_at: null, created_at: nowIso(), created_by: actor?.userId ?? null };
    await tx.insertInto('announcements').values(row).execute();
    rec.audit({ congressId: c.id, action: 'announcement.created', targetType: 'announcement', targetId: row.id, data: { kind: row.kind, title: row.title, meetingId: row.meeting_id } });
    return toAnnouncementDto(tx, row);
  });
}

/** R-P1: publishing gives the next number within the term; a published announcement is never renumbered. */
export async function publishAnnouncement(ctx: Ctx, congressId: string, announcementId: string) {
  const c = await requireCongress(ctx.db, congressId);
  if (!publicationPolicy.edit(ctx.actor, c.id)) throw denialFor(ctx, c.id);
  return runCommand(ctx, async (tx, rec) => {
    // Numbers are given one at a time per congress: the congress row is the lock (the unique index is the backstop).
    await forUpdate(tx, tx.selectFrom('congresses').select('id').where('id', '=', c.id)).execute();
    const a = await tx.selectFrom('announcements').selectAll().where('congress_id', '=', c.id).where('id', '=', announcementId).executeTakeFirst();
    if (!a) throw announcementNotFound();
    if (a.state === 'published') throw errors.conflict('ANNOUNCEMENT_PUBLISHED', `该公告已于${a.published_at ?? ''}发布（第${a.number ?? ''}号），不能再次发布`, `The announcement is already published (No. ${a.number ?? ''})`, 'R-P1');
    const numbers = await tx.selectFrom('announcements').select('number').where('congress_id', '=', c.id).where('term_id', '=', a.term_id).where('number', 'is not', null).execute();
    const number = nextAnnouncementNumber(numbers.map((n) => n.number));
    const at = nowIso();
    expectChanged(await tx.updateTable('announcements').set({ state: 'published', number, published_at: at }).where('congress_id', '=', c.id).where('id', '=', a.id).where('state', '=', a.state).executeTakeFirst());
    rec.audit({ congressId: c.id, action: 'announcement.published', targetType: 'announcement', targetId: a.id, data: { number, title: a.title } });
    return toAnnouncementDto(tx, { ...a, state: 'published', number, published_at: at });
  });
}

function denialFor(ctx: Ctx, congressId: string): DomainError {
  if (ctx.actor.kind !== 'user') return errors.unauthenticated();
  if (!belongsTo(ctx.actor, congressId)) return errors.notFound('Congress', '该人大');
  return errors.forbidden();
}
