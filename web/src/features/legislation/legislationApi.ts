// The legislation and consultation API as the drafter's desk and the portal use it. Types come from
// the zod schemas in contracts/ (types only, so zod stays out of the bundle).
import type { z } from 'zod';
import type * as K from '../../../../contracts/legislation-consultation.ts';
import type * as L from '../../../../contracts/legislation.ts';
import { request } from '../../api.ts';

export type Work = z.infer<typeof L.Work>;
export type ExpressionSummary = z.infer<typeof L.ExpressionSummary>;
export type Expression = z.infer<typeof L.Expression>;
export type Comparison = z.infer<typeof L.Comparison>;
export type ReviewOpinion = z.infer<typeof L.ReviewOpinion>;
export type Finding = z.infer<typeof L.Finding>;
export type ParsedArticle = z.infer<typeof L.ParsedArticle>;
export type Stage = z.infer<typeof L.Stage>;
export type ReviseRequest = z.input<typeof L.ReviseExpression>;
export type Revision = z.infer<typeof L.Revision>;
export type VersionEntry = z.infer<typeof L.VersionEntry>;
export type ConsultationSummary = z.infer<typeof K.ConsultationSummary>;
export type ConsultationView = z.infer<typeof K.ConsultationView>;
export type ConsultationArticle = z.infer<typeof K.ConsultationArticle>;
export type PublicComment = z.infer<typeof K.PublicComment>;
export type StaffCommentList = z.infer<typeof K.StaffCommentList>;
export type StaffComment = z.infer<typeof K.StaffComment>;
export type SubmitCommentRequest = z.input<typeof K.SubmitComment>;

const id = encodeURIComponent;
const leg = (congressId: string): string => `/congresses/${id(congressId)}/legislation`;
const pub = (congressId: string): string => `/congresses/${id(congressId)}/consultations`;

export const legislationApi = {
  works: (c: string) => request<Work[]>('GET', `${leg(c)}/works`),
  createWork: (c: string, title: string) => request<Work>('POST', `${leg(c)}/works`, { title, kind: 'regulation' }),
  importDocx: (c: string, workId: string, stage: Stage, fileName: string, contentBase64: string, explanation?: string) =>
    request<ExpressionSummary>('POST', `${leg(c)}/works/${id(workId)}/expressions`, { stage, format: 'docx', fileName, contentBase64, ...(explanation ? { explanation } : {}) }),
  expression: (c: string, expressionId: string) => request<Expression>('GET', `${leg(c)}/expressions/${id(expressionId)}`),
  compare: (c: string, from: string, to: string) => request<Comparison>('GET', `${leg(c)}/compare`, undefined, { from, to }),
  history: (c: string, workId: string) => request<VersionEntry[]>('GET', `${leg(c)}/works/${id(workId)}/history`),
  changeReportUrl: (c: string, from: string, to: string) => `/api/v1${leg(c)}/change-report?from=${id(from)}&to=${id(to)}&format=docx`,
  revise: (c: string, expressionId: string, body: ReviseRequest) => request<Revision>('POST', `${leg(c)}/expressions/${id(expressionId)}/revisions`, body),
  addOpinion: (c: string, expressionId: string, body: { anchorEId: string; text: string; bodyName: string }) =>
    request<ReviewOpinion>('POST', `${leg(c)}/expressions/${id(expressionId)}/opinions`, body),
  exportUrl: (c: string, expressionId: string, format: 'docx' | 'pdf' | 'html' | 'akn') => `/api/v1${leg(c)}/expressions/${id(expressionId)}/export?format=${format}`,
  openConsultation: (c: string, expressionId: string, opensOn: string, closesOn: string) =>
    request<ConsultationSummary>('POST', `${leg(c)}/expressions/${id(expressionId)}/consultations`, { opensOn, closesOn }),
  closeConsultation: (c: string, consultationId: string) => request<ConsultationSummary>('POST', `${leg(c)}/consultations/${id(consultationId)}/close`),
  markRepresentative: (c: string, commentId: string, representative: boolean) =>
    request<StaffComment>('POST', `${leg(c)}/comments/${id(commentId)}/representative`, { representative }),
  reportUrl: (c: string, consultationId: string) => `/api/v1${leg(c)}/consultations/${id(consultationId)}/report?format=docx`,
  staffComments: (c: string, consultationId: string) => request<StaffCommentList>('GET', `${leg(c)}/consultations/${id(consultationId)}/comments`),
  moderate: (c: string, commentId: string, action: 'hide' | 'show', reason?: string) =>
    request<StaffComment>('POST', `${leg(c)}/comments/${id(commentId)}/moderation`, { action, ...(reason ? { reason } : {}) }),
  reply: (c: string, commentId: string, text: string) => request<StaffComment>('POST', `${leg(c)}/comments/${id(commentId)}/reply`, { text }),
  bills: (c: string) => request<{ id: string; title: string }[]>('GET', `/congresses/${id(c)}/bills`),
  linkBill: (c: string, workId: string, billId: string | null) =>
    request<{ workId: string; billId: string | null; billTitle: string | null }>('PUT', `${leg(c)}/works/${id(workId)}/bill`, { billId }),
};

export const consultationApi = {
  list: (c: string) => request<ConsultationSummary[]>('GET', pub(c)),
  get: (c: string, consultationId: string) => request<ConsultationView>('GET', `${pub(c)}/${id(consultationId)}`),
  comment: (c: string, consultationId: string, body: SubmitCommentRequest) =>
    request<{ id: string; anchorCite: string; status: 'published' | 'hidden' }>('POST', `${pub(c)}/${id(consultationId)}/comments`, body),
};
