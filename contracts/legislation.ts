import { z } from 'zod';
import { Id } from './congress.ts';

/** The largest text parseLegislation and createExpression accept, in characters (413 beyond). */
export const MAX_TEXT_CHARS = 300_000;
/** The largest DOCX accepted, in bytes, and the most its parts may expand to when unzipped. */
export const MAX_DOCX_BYTES = 5 * 1024 * 1024;
export const MAX_DOCX_UNZIPPED_BYTES = 50 * 1024 * 1024;

export const FindingKind = z.enum([
  'unplaced',
  'heading-missing',
  'heading-unnumbered',
  'item-number-missing',
  'empty-division',
  'empty-article',
  'numbering',
  'declared-count',
  'reference',
  'heading-style',
  'toc-mismatch',
  'unterminated',
]);
export const Finding = z.object({
  kind: FindingKind,
  severity: z.enum(['error', 'warning', 'info']),
  /** Chinese first; `messageEn` in English. */
  message: z.string(),
  messageEn: z.string(),
  line: z.number().int().optional(),
  eId: z.string().optional(),
});

export const Counts = z.object({
  books: z.number().int(),
  chapters: z.number().int(),
  sections: z.number().int(),
  articles: z.number().int(),
  paragraphs: z.number().int(),
  items: z.number().int(),
  subitems: z.number().int(),
});

// ---- parseLegislation ------------------------------------------------------------------------

export const ParseRequest = z
  .object({
    text: z.string(),
    format: z.enum(['text', 'markdown']).optional(),
    /** The explanation (说明) that goes with the text: its 共X章Y条 is checked against the text. */
    explanation: z.string().max(MAX_TEXT_CHARS).optional(),
  })
  .strict();

export const ParsedItem = z.object({ num: z.number().int(), text: z.string(), eId: z.string(), subitems: z.array(z.object({ num: z.number().int(), text: z.string() })).optional() });
export const ParsedParagraph = z.object({ text: z.string(), eId: z.string(), items: z.array(ParsedItem) });
export const ParsedArticle = z.object({
  /** The integer article number; 第二十条之一 is 20.1. */
  num: z.number(),
  numText: z.string(),
  eId: z.string(),
  heading: z.string().optional(),
  line: z.number().int(),
  paragraphs: z.array(ParsedParagraph),
});
export const ParsedSection = z.object({ num: z.number().int(), numText: z.string().nullable(), title: z.string(), eId: z.string(), articles: z.array(z.number()) });
export const ParsedChapter = z.object({
  num: z.number().int(),
  numText: z.string().nullable(),
  title: z.string(),
  eId: z.string(),
  /** True when the text has no heading for it (articles before the first chapter heading). */
  implicit: z.boolean(),
  articles: z.array(ParsedArticle),
  sections: z.array(ParsedSection),
});
export const ParseResponse = z.object({
  title: z.string().optional(),
  stage: z.string().optional(),
  counts: Counts,
  chapters: z.array(ParsedChapter),
  articles: z.array(ParsedArticle),
  findings: z.array(Finding),
});

// ---- works and expressions -------------------------------------------------------------------

export const Stage = z.enum(['draft', 'revised_draft', 'voting_draft', 'published', 'amendment', 'other']);
export const WorkKind = z.enum(['regulation', 'rules', 'measures', 'decision', 'other']);

export const CreateWork = z
  .object({ title: z.string().trim().min(1).max(200), kind: WorkKind.optional(), note: z.string().trim().max(2000).nullable().optional() })
  .strict();

export const ExpressionSummary = z.object({
  id: Id,
  workId: Id,
  seq: z.number().int(),
  stage: Stage,
  stageZh: z.string(),
  label: z.string().nullable(),
  title: z.string(),
  sourceFormat: z.enum(['text', 'markdown', 'docx']),
  sourceName: z.string().nullable(),
  counts: Counts,
  findingCount: z.number().int(),
  createdAt: z.string(),
});

export const Work = z.object({
  id: Id,
  title: z.string(),
  kind: WorkKind,
  note: z.string().nullable(),
  createdAt: z.string(),
  /** The regulation bill this work belongs to (bills module), if linked. */
  billId: Id.nullable().optional(),
  /** The text the bill's vote passed (§9): which expression, on which day, at which meeting. */
  passed: z.object({ expressionId: Id, on: z.string(), meetingId: Id.nullable() }).nullable().optional(),
  expressions: z.array(ExpressionSummary),
});

export const CreateExpression = z
  .object({
    stage: Stage,
    label: z.string().trim().max(50).nullable().optional(),
    format: z.enum(['text', 'markdown', 'docx']),
    /** The text for text and markdown. */
    text: z.string().optional(),
    /** The file for docx, base64-encoded (or send multipart/form-data with a `file` part). */
    contentBase64: z.string().optional(),
    fileName: z.string().trim().max(200).optional(),
    explanation: z.string().max(MAX_TEXT_CHARS).nullable().optional(),
  })
  .strict();

export const ReviewOpinion = z.object({
  id: Id,
  workId: Id,
  expressionId: Id,
  anchorEId: z.string(),
  anchorWId: z.string(),
  anchorCite: z.string(),
  /** Where the anchor is in the expression being read (null when that node is gone). */
  currentEId: z.string().nullable().optional(),
  bodyId: Id.nullable(),
  bodyName: z.string(),
  text: z.string(),
  status: z.enum(['pending', 'adopted', 'not_adopted']),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const Expression = ExpressionSummary.extend({
  explanation: z.string().nullable(),
  sourceText: z.string(),
  document: ParseResponse,
  /** The tree with its stable ids (wId) as stored. */
  tree: z.record(z.string(), z.unknown()),
  opinions: z.array(ReviewOpinion),
});

export const AddReviewOpinion = z
  .object({
    anchorEId: z.string().min(1).max(200),
    text: z.string().trim().min(1).max(5000),
    bodyId: Id.nullable().optional(),
    bodyName: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const DecideReviewOpinion = z
  .object({ status: z.enum(['adopted', 'not_adopted']), reason: z.string().trim().max(2000).nullable().optional() })
  .strict();

// ---- compare and export ----------------------------------------------------------------------

export const WordOp = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const ArticleSide = z.object({
  eId: z.string(),
  wId: z.string(),
  num: z.number(),
  numText: z.string(),
  heading: z.string().nullable(),
  line: z.number().int(),
  chapter: z.string().nullable(),
});
export const ArticleChange = z.object({
  status: z.enum(['unchanged', 'changed', 'inserted', 'deleted']),
  renumbered: z.boolean(),
  moved: z.boolean(),
  headingChanged: z.boolean(),
  similarity: z.number(),
  from: ArticleSide.nullable(),
  to: ArticleSide.nullable(),
  diff: z.array(WordOp).nullable(),
  /** Review opinions given on this article in the older expression, with their outcome. */
  opinions: z.array(ReviewOpinion).optional(),
});
export const Comparison = z.object({
  from: ExpressionSummary,
  to: ExpressionSummary,
  title: z.object({ from: z.string().nullable(), to: z.string().nullable(), changed: z.boolean() }),
  summary: z.object({ unchanged: z.number().int(), changed: z.number().int(), inserted: z.number().int(), deleted: z.number().int(), renumbered: z.number().int(), moved: z.number().int() }),
  articles: z.array(ArticleChange),
  renumbering: z.array(z.object({ from: z.string(), to: z.string() })),
  staleReferences: z.array(
    z.object({ eId: z.string(), line: z.number().int(), text: z.string(), cited: z.string(), expected: z.string().nullable(), messageZh: z.string(), messageEn: z.string() }),
  ),
});
export const CompareQuery = z.object({ from: Id, to: Id }).strict();

/** Who changed what: each version of a work with its author, time and the articles changed from the one before. */
export const VersionChange = z.object({
  status: z.enum(['changed', 'inserted', 'deleted']),
  moved: z.boolean(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  heading: z.string().nullable(),
});
export const VersionEntry = z.object({
  expression: ExpressionSummary,
  author: z.string().nullable(),
  at: z.string(),
  previousId: Id.nullable(),
  changes: z.array(VersionChange),
  moved: z.number().int(),
  renumbered: z.number().int(),
});
export const WorkHistory = z.array(VersionEntry);

/** The Legal Committee's report: each changed article between two expressions with the review opinions behind it. */
export const ChangeReportEntry = z.object({
  status: z.enum(['unchanged', 'changed', 'inserted', 'deleted']),
  moved: z.boolean(),
  renumbered: z.boolean(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  heading: z.string().nullable(),
  opinions: z.array(ReviewOpinion),
});
export const ChangeReport = z.object({
  from: ExpressionSummary,
  to: ExpressionSummary,
  /** Changed, inserted, deleted or moved articles, in the order of the newer text (deleted ones where they stood). */
  changes: z.array(ChangeReportEntry),
  /** Articles left as they were although review opinions were given on them (for the reasons not adopted). */
  unchangedWithOpinions: z.array(ChangeReportEntry),
});
export const ChangeReportQuery = z.object({ from: Id, to: Id, format: z.enum(['json', 'docx']).optional() }).strict();

export const ExportFormat = z.enum(['docx', 'pdf', 'html', 'akn']);
export const ExportQuery = z.object({ format: ExportFormat }).strict();

export const WorkParams = z.object({ congressId: Id, workId: Id }).strict();
export const ExpressionParams = z.object({ congressId: Id, expressionId: Id }).strict();
export const OpinionParams = z.object({ congressId: Id, opinionId: Id }).strict();

// ---- revise (the drafter's structured edit) ----------------------------------------------------

const ArticleContent = { heading: z.string().trim().max(50).nullable().optional(), paragraphs: z.array(z.string().trim().min(1).max(5000)).min(1).max(50) };
/** One structural change to the latest expression; the result is stored as the next expression (草案修改稿). */
export const ReviseExpression = z.discriminatedUnion('op', [
  z.object({ op: z.literal('insert'), afterEId: z.string().max(200).nullable(), mode: z.enum(['renumber', 'sub']).optional(), ...ArticleContent }).strict(),
  z.object({ op: z.literal('delete'), eId: z.string().min(1).max(200), mode: z.enum(['renumber', 'sub']).optional() }).strict(),
  // afterEId null: to the start of divisionEId (a chapter or section), or of the whole text.
  z.object({ op: z.literal('move'), eId: z.string().min(1).max(200), afterEId: z.string().max(200).nullable(), divisionEId: z.string().min(1).max(200).nullable().optional() }).strict(),
  z.object({ op: z.literal('replace'), eId: z.string().min(1).max(200), ...ArticleContent }).strict(),
]);
export const Revision = z.object({
  expression: ExpressionSummary,
  renumbered: z.array(z.object({ from: z.string(), to: z.string() })),
  rewritten: z.array(z.object({ eId: z.string(), before: z.string(), after: z.string() })),
});
