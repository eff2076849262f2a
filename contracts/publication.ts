import { z } from 'zod';
import { AuditCheckpoint } from './audit.ts';
import { Id, IsoDate } from './congress.ts';

// Publication (议事规则 art. 45): the gazette (公报) per meeting, assembled from the record, and
// announcements (公告, R-P1) numbered within the term.

export const GazetteFormat = z.enum(['html', 'docx', 'pdf']);
export const GazetteQuery = z.object({ format: GazetteFormat.default('html') }).strict();
export const MeetingParams = z.object({ meetingId: Id }).strict();
export const BuildParams = z.object({ buildId: Id }).strict();

export const SectionKind = z.enum(['news', 'speech', 'report', 'explanation', 'review', 'text', 'resolution', 'decision', 'other', 'announcement', 'personnel', 'attendance', 'attendees']);
export type SectionKind = z.infer<typeof SectionKind>;

export const FrontMatter = z
  .object({
    title: z.string().trim().min(1).max(100),
    subtitle: z.string().trim().max(200),
    preface: z.string().trim().max(5000),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatter>;

export const GazetteSection = z.object({
  key: z.string(),
  kind: SectionKind,
  title: z.string(),
  agendaItemId: Id.nullable(),
  paragraphs: z.array(z.string()),
});
export type GazetteSection = z.infer<typeof GazetteSection>;

export const Issue = z.object({ year: z.number().int(), no: z.number().int(), total: z.number().int(), label: z.string() });

/** A published edition, as the portal reads it. */
export const GazetteContent = z.object({
  gazetteId: Id,
  congressId: Id,
  meetingId: Id,
  meetingTitle: z.string(),
  meetingDate: IsoDate,
  edition: z.number().int(),
  version: z.number().int(),
  issue: Issue,
  frontMatter: FrontMatter,
  toc: z.array(z.object({ key: z.string(), title: z.string() })),
  sections: z.array(GazetteSection),
  publishedAt: z.string(),
  /**
   * The audit chain's signed checkpoint taken before the edition was assembled: the colophon
   * prints its seq and hash; with the installation's public key anyone can check it against the chain.
   */
  anchor: AuditCheckpoint.optional(),
});
export type GazetteContent = z.infer<typeof GazetteContent>;

export const GazetteBuild = z.object({
  id: Id,
  gazetteId: Id,
  version: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int(),
  step: z.string().nullable(),
  error_zh: z.string().nullable(),
  error_en: z.string().nullable(),
  editionId: Id.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type GazetteBuild = z.infer<typeof GazetteBuild>;

/** The editor's view: the current front matter and order, the record's sections, versions, builds, editions. */
export const GazetteDraft = z.object({
  gazetteId: Id.nullable(),
  meetingId: Id,
  version: z.number().int(),
  frontMatter: FrontMatter,
  order: z.array(z.string()),
  /** The saved order no longer matches the record (a document added or withdrawn): review and save it before a build. */
  orderStale: z.boolean(),
  sections: z.array(z.object({ key: z.string(), kind: SectionKind, title: z.string() })),
  versions: z.array(z.object({ version: z.number().int(), frontMatter: FrontMatter, order: z.array(z.string()).nullable(), editedAt: z.string(), editedBy: z.string().nullable() })),
  builds: z.array(GazetteBuild),
  editions: z.array(z.object({ id: Id, edition: z.number().int(), version: z.number().int(), publishedAt: z.string(), current: z.boolean() })),
  issue: Issue.nullable(),
});

export const EditGazette = z
  .object({
    baseVersion: z.number().int().min(0),
    frontMatter: FrontMatter,
    /** Section keys in the order to print; omit to keep the record's order. */
    order: z.array(z.string().min(1).max(100)).max(500).nullable().optional(),
  })
  .strict();

export const GazetteSummary = z.object({
  gazetteId: Id,
  meetingId: Id,
  meetingTitle: z.string(),
  meetingDate: IsoDate,
  title: z.string(),
  issue: Issue,
  edition: z.number().int(),
  publishedAt: z.string(),
  sections: z.number().int(),
});
export const ListGazettesQuery = z.object({ year: z.coerce.number().int().min(1949).max(2200).optional() }).strict();

/** The meeting's public documents: the record's texts, each pointing at its section in the gazette. */
export const MeetingTextSummary = z.object({ key: z.string(), kind: SectionKind, title: z.string(), agendaItemId: Id.nullable(), inGazette: z.boolean() });

export const Appointment = z.object({
  meetingId: Id,
  meetingTitle: z.string(),
  meetingDate: IsoDate,
  gazetteId: Id,
  title: z.string(),
  lines: z.array(z.string()),
});

// ---- announcements (公告) ------------------------------------------------------------------------

export const AnnouncementKind = z.enum(['regulation', 'decision', 'appointment', 'resolution', 'other']);
export const Announcement = z.object({
  id: Id,
  congressId: Id,
  termNumber: z.number().int(),
  meetingId: Id.nullable(),
  kind: AnnouncementKind,
  title: z.string(),
  body: z.string(),
  state: z.enum(['draft', 'published']),
  number: z.number().int().nullable(),
  /** 鹤壁市人民代表大会常务委员会公告（第十二届）第1号 */
  heading: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Announcement = z.infer<typeof Announcement>;
export const CreateAnnouncement = z
  .object({
    kind: AnnouncementKind,
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(100_000),
    meetingId: Id.nullable().optional(),
  })
  .strict();
export const ListAnnouncementsQuery = z.object({ state: z.enum(['draft', 'published']).optional(), meetingId: Id.optional() }).strict();
export const AnnouncementParams = z.object({ congressId: Id, announcementId: Id }).strict();
