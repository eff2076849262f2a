// Public consultation on a draft (征求意见) and the link from a legislation work to its bill.
import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';

export const ConsultationState = z.enum(['upcoming', 'open', 'closed']);

export const OpenConsultation = z
  .object({
    opensOn: IsoDate,
    closesOn: IsoDate,
    title: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();

export const ArticleCount = z.object({ eId: z.string(), numText: z.string(), heading: z.string().nullable(), comments: z.number().int() });

export const ConsultationSummary = z.object({
  id: Id,
  workId: Id,
  expressionId: Id,
  title: z.string(),
  note: z.string().nullable(),
  opensOn: IsoDate,
  closesOn: IsoDate,
  state: ConsultationState,
  closedAt: z.string().nullable(),
  comments: z.number().int(),
});

/** A quoted span of the anchor's text: offsets in UTF-16 code units (as a browser's selection counts them) and the quote. */
export const CommentSpan = z.object({ start: z.number().int().min(0), end: z.number().int().min(1), quote: z.string() });

export const PublicComment = z.object({
  id: Id,
  anchorEId: z.string(),
  span: CommentSpan.nullable(),
  articleEId: z.string(),
  anchorCite: z.string(),
  displayName: z.string(),
  text: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const StaffComment = PublicComment.extend({
  status: z.enum(['published', 'hidden']),
  hiddenReason: z.string().nullable(),
  moderatedAt: z.string().nullable(),
  /** Marked by the drafters as representative of its article for the summary. */
  representative: z.boolean(),
});

const Para = z.object({ eId: z.string(), text: z.string(), items: z.array(z.object({ eId: z.string(), numText: z.string(), text: z.string() })) });
export const ConsultationArticle = z.object({
  eId: z.string(),
  numText: z.string(),
  heading: z.string().nullable(),
  chapter: z.string().nullable(),
  paragraphs: z.array(Para),
  comments: z.number().int(),
});

export const ConsultationView = ConsultationSummary.extend({
  documentTitle: z.string(),
  stageLabel: z.string().nullable(),
  articles: z.array(ConsultationArticle),
  published: z.array(PublicComment),
  /** Whether a comment needs a one-time code sent to the phone (the congress's intake setting). */
  phoneVerification: z.boolean(),
});

export const SubmitComment = z
  .object({
    anchorEId: z.string().min(1).max(200),
    name: z.string().trim().min(1).max(50),
    phone: z.string().trim().min(5).max(30),
    text: z.string().trim().min(5).max(3000),
    verificationCode: z.string().trim().regex(/^\d{6}$/, '6 digits').optional(),
    /** A span of the anchored paragraph's or item's text; the quote must match the current text there. */
    span: z.object({ start: z.number().int().min(0).max(100_000), end: z.number().int().min(1).max(100_000), quote: z.string().min(1).max(3000) }).strict().optional(),
  })
  .strict();
export const CommentReceipt = z.object({ id: Id, anchorCite: z.string(), status: z.enum(['published', 'hidden']) });

export const StaffCommentList = z.object({ consultation: ConsultationSummary, perArticle: z.array(ArticleCount), comments: z.array(StaffComment) });

export const ModerateComment = z
  .object({ action: z.enum(['hide', 'show']), reason: z.string().trim().max(500).nullable().optional() })
  .strict();
export const MarkRepresentative = z.object({ representative: z.boolean() }).strict();

/** The summary per article for the committee: count, themes (frequent words), representative comments. */
export const ArticleSummary = z.object({
  eId: z.string(),
  numText: z.string(),
  heading: z.string().nullable(),
  comments: z.number().int(),
  themes: z.array(z.object({ word: z.string(), count: z.number().int() })),
  representative: z.array(z.object({ id: Id, anchorCite: z.string(), displayName: z.string(), text: z.string(), quote: z.string().nullable(), marked: z.boolean() })),
});
export const ConsultationReport = z.object({ consultation: ConsultationSummary, documentTitle: z.string(), comments: z.number().int(), articles: z.array(ArticleSummary) });
export const ReportQuery = z.object({ format: z.enum(['json', 'docx']).optional() }).strict();

export const ReplyComment = z.object({ text: z.string().trim().min(1).max(3000) }).strict();

export const LinkBill = z.object({ billId: Id.nullable() }).strict();
export const WorkBillLink = z.object({ workId: Id, billId: Id.nullable(), billTitle: z.string().nullable() });

export const ConsultationParams = z.object({ congressId: Id, consultationId: Id }).strict();
export const CommentParams = z.object({ congressId: Id, commentId: Id }).strict();
export const ConsultationQuery = z.object({ state: ConsultationState.optional() }).strict();
