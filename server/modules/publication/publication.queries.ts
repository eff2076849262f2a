import type { z } from 'zod';
import type { Announcement, Appointment, GazetteContent, GazetteDraft, GazetteSummary, MeetingTextSummary } from '../../../contracts/publication.ts';
import { asBuffer, offload } from '../../offload.ts';
import { belongsTo } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import type { FrontMatter } from '../../../contracts/publication.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { findMeeting } from '../meetings/meetings.repo.ts';
import { meetingNotFound } from '../meetings/meetings.policy.ts';
import { publiclyVisible } from '../meetings/meetings.rules.ts';
import { meetingForRead } from '../meetings/meetings.scope.ts';
import { getPollResult } from '../polls/polls.queries.ts';
import { recordSections } from './publication.assemble.ts';
import { toAnnouncementDto, toBuildDto } from './publication.dto.ts';
import { recallFile, rememberFile } from './publication.files.ts';
import { denial, gazetteNotFound, publicationPolicy } from './publication.policy.ts';
import { findEdition, findGazette, meetingTexts, publishedGazettes } from './publication.repo.ts';
import { defaultFrontMatter, issueLabel, recordOrder } from './publication.rules.ts';

// Reads of the publication module. The public reads published editions of publicly visible
// meetings; the congress's own people also read drafts, versions and builds.

/** The published edition of a meeting's gazette: 404 until one is published. */
export async function getPublishedGazette(ctx: Ctx, meetingId: string): Promise<{ content: GazetteContent; sha256: string; editionId: string }> {
  const { m } = await meetingForRead(ctx, meetingId);
  const g = await findGazette(ctx.db, m.congress_id, m.id);
  if (!g?.published_edition_id) throw gazetteNotFound();
  const e = await findEdition(ctx.db, m.congress_id, g.published_edition_id);
  if (!e) throw gazetteNotFound();
  return { content: JSON.parse(e.content) as GazetteContent, sha256: e.sha256, editionId: e.id };
}

const rendering = new Map<string, Promise<Buffer>>();

/** Renders an edition's file once, however many readers ask at the same time. */
function renderFile(editionId: string, content: GazetteContent, format: 'docx' | 'pdf'): Promise<Buffer> {
  const cached = recallFile(editionId, format);
  if (cached) return Promise.resolve(cached);
  const key = `${editionId}:${format}`;
  let job = rendering.get(key);
  if (!job) {
    job = (format === 'docx' ? offload('gazetteDocx', content) : offload('gazettePdf', { content }))
      .then(asBuffer)
      .then((bytes) => {
        rememberFile(editionId, format, bytes);
        return bytes;
      })
      .finally(() => rendering.delete(key));
    rendering.set(key, job);
  }
  return job;
}

/** A reader opened the edition: render its PDF in the background so the download is ready when asked for. */
export function warmGazetteFiles(g: { editionId: string; content: GazetteContent }): void {
  if (!recallFile(g.editionId, 'pdf')) renderFile(g.editionId, g.content, 'pdf').catch(() => undefined);
}

/** The published edition as DOCX or PDF: rendered once per edition and kept. */
export async function getGazetteFile(ctx: Ctx, meetingId: string, format: 'docx' | 'pdf') {
  const g = await getPublishedGazette(ctx, meetingId);
  return { ...g, bytes: await renderFile(g.editionId, g.content, format) };
}

/** The editor's view. Public: 401; outsiders: 404; the congress's own people read it. */
export async function getGazetteDraft(ctx: Ctx, meetingId: string): Promise<z.infer<typeof GazetteDraft>> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || !belongsTo(ctx.actor, m.congress_id)) throw meetingNotFound();
  if (!publicationPolicy.readDrafts(ctx.actor, m.congress_id)) throw errors.forbidden();
  const sections = await recordSections(ctx, m);
  const natural = recordOrder(sections.map((s, i) => ({ key: s.key, kind: s.kind, title: s.title, position: i })));
  const g = await findGazette(ctx.db, m.congress_id, m.id);
  const c = await ctx.db.selectFrom('congresses').select(['name', 'standing_committee_name']).where('id', '=', m.congress_id).executeTakeFirstOrThrow();
  if (!g) {
    return { gazetteId: null, meetingId: m.id, version: 0, frontMatter: defaultFrontMatter(c.standing_committee_name ?? c.name, m.title), order: natural, orderStale: false, sections, versions: [], builds: [], editions: [], issue: null };
  }
  const versions = await ctx.db.selectFrom('gazette_versions').selectAll().where('congress_id', '=', m.congress_id).where('gazette_id', '=', g.id).orderBy('version', 'desc').execute();
  const builds = await ctx.db.selectFrom('gazette_builds').selectAll().where('congress_id', '=', m.congress_id).where('gazette_id', '=', g.id).orderBy('created_at', 'desc').limit(20).execute();
  const editions = await ctx.db.selectFrom('gazette_editions').select(['id', 'edition', 'version', 'published_at']).where('congress_id', '=', m.congress_id).where('gazette_id', '=', g.id).orderBy('edition', 'desc').execute();
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const saved = g.section_order ? (JSON.parse(g.section_order) as string[]) : null;
  // A saved order the record has outgrown is shown with withdrawn sections dropped and new ones at the end.
  const kept = saved ? saved.filter((k) => byKey.has(k)) : null;
  const order = kept ? [...kept, ...natural.filter((k) => !kept.includes(k))] : natural;
  const orderStale = saved !== null && (kept?.length !== saved.length || order.length !== saved.length);
  return {
    gazetteId: g.id,
    meetingId: m.id,
    version: g.version,
    frontMatter: JSON.parse(g.front_matter) as FrontMatter,
    order,
    orderStale,
    sections: order.map((k) => byKey.get(k)).filter((s) => s !== undefined).map((s) => ({ key: s.key, kind: s.kind, title: s.title })),
    versions: versions.map((v) => ({ version: v.version, frontMatter: JSON.parse(v.front_matter) as FrontMatter, order: v.section_order ? (JSON.parse(v.section_order) as string[]) : null, editedAt: v.edited_at, editedBy: v.edited_by })),
    builds: builds.map(toBuildDto),
    editions: editions.map((e) => ({ id: e.id, edition: e.edition, version: e.version, publishedAt: e.published_at, current: e.id === g.published_edition_id })),
    issue: g.year !== null && g.issue_no !== null && g.issue_total !== null ? { year: g.year, no: g.issue_no, total: g.issue_total, label: issueLabel(g.year, g.issue_no, g.issue_total) } : null,
  };
}

export async function getGazetteBuild(ctx: Ctx, buildId: string) {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const b = await ctx.db.selectFrom('gazette_builds').selectAll().where('id', '=', buildId).executeTakeFirst();
  if (!b || !belongsTo(ctx.actor, b.congress_id)) throw errors.notFound('Build', '该生成任务');
  if (!publicationPolicy.readDrafts(ctx.actor, b.congress_id)) throw errors.forbidden();
  return toBuildDto(b);
}

/** The gazette archive: published issues, newest first; the public sees those of publicly visible meetings. */
export async function listGazettes(ctx: Ctx, congressId: string, year?: number): Promise<z.infer<typeof GazetteSummary>[]> {
  const c = await requireCongress(ctx.db, congressId);
  const internal = publicationPolicy.readDrafts(ctx.actor, c.id);
  const rows = await publishedGazettes(ctx.db, c.id);
  return rows
    .filter((r) => internal || publiclyVisible(r))
    .filter((r) => year === undefined || r.year === year)
    .map((r) => {
      const content = JSON.parse(r.content) as GazetteContent;
      return {
        gazetteId: r.gazette_id,
        meetingId: r.meeting_id,
        meetingTitle: r.meeting_title,
        meetingDate: r.date ?? content.meetingDate,
        title: content.frontMatter.title,
        issue: content.issue,
        edition: r.edition,
        publishedAt: r.published_at,
        sections: content.sections.length,
      };
    });
}

/** The meeting's public documents (the record's texts), with whether the published gazette carries each. */
export async function listMeetingTexts(ctx: Ctx, meetingId: string): Promise<z.infer<typeof MeetingTextSummary>[]> {
  const { m } = await meetingForRead(ctx, meetingId);
  const texts = await meetingTexts(ctx.db, m.congress_id, m.id);
  const g = await findGazette(ctx.db, m.congress_id, m.id);
  const e = g?.published_edition_id ? await findEdition(ctx.db, m.congress_id, g.published_edition_id) : undefined;
  const printed = new Set(e ? (JSON.parse(e.content) as GazetteContent).sections.map((s) => s.key) : []);
  return texts.map((t) => ({ key: `t:${t.id}`, kind: t.kind, title: t.title, agendaItemId: t.agenda_item_id, inGazette: printed.has(`t:${t.id}`) }));
}

/** Appointments and removals as published: the personnel lists of the published gazettes. */
export async function listAppointments(ctx: Ctx, congressId: string): Promise<z.infer<typeof Appointment>[]> {
  const list = await listGazettes(ctx, congressId);
  const c = await requireCongress(ctx.db, congressId);
  const out: z.infer<typeof Appointment>[] = [];
  for (const g of list) {
    const gz = await findGazette(ctx.db, c.id, g.meetingId);
    const e = gz?.published_edition_id ? await findEdition(ctx.db, c.id, gz.published_edition_id) : undefined;
    if (!e) continue;
    const content = JSON.parse(e.content) as GazetteContent;
    for (const s of content.sections.filter((x) => x.kind === 'personnel')) {
      out.push({ meetingId: g.meetingId, meetingTitle: g.meetingTitle, meetingDate: g.meetingDate, gazetteId: g.gazetteId, title: s.title, lines: s.paragraphs });
    }
  }
  return out;
}

/** The meeting's results as announced: each announced poll the reader may see, named votes included where the poll is named. */
export async function listMeetingResults(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const polls = await ctx.db.selectFrom('polls').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('state', '=', 'announced').orderBy('created_at').execute();
  const results = await Promise.allSettled(polls.map((p) => getPollResult(ctx, p.id)));
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

// ---- announcements -------------------------------------------------------------------------------

/** listAnnouncements: the public sees published ones; the congress's own people also see drafts. */
export async function listAnnouncements(ctx: Ctx, congressId: string, q: { state?: 'draft' | 'published' | undefined; meetingId?: string | undefined }): Promise<Announcement[]> {
  const c = await requireCongress(ctx.db, congressId);
  const internal = publicationPolicy.readDrafts(ctx.actor, c.id);
  if (q.state === 'draft' && !internal) throw denial(ctx.actor, c.id, () => errors.notFound('Announcement', '该公告'));
  let query = ctx.db.selectFrom('announcements').selectAll().where('congress_id', '=', c.id);
  if (!internal || q.state === 'published') query = query.where('state', '=', 'published');
  else if (q.state === 'draft') query = query.where('state', '=', 'draft');
  if (q.meetingId) query = query.where('meeting_id', '=', q.meetingId);
  const rows = await query.orderBy('published_at', 'desc').orderBy('number', 'desc').orderBy('created_at', 'desc').execute();
  return Promise.all(rows.map((r) => toAnnouncementDto(ctx.db, r)));
}

export type { Announcement };
