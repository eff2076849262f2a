// The bills, oversight and personnel API as the business pages use it. Types come from the zod
// schemas in contracts/ (types only, so zod stays out of the bundle).
import type { z } from 'zod';
import type * as B from '../../../../contracts/bills.ts';
import type * as O from '../../../../contracts/oversight.ts';
import type * as P from '../../../../contracts/personnel.ts';
import { request } from '../../api.ts';

export type Bill = z.infer<typeof B.Bill>;
export type BillState = z.infer<typeof B.BillState>;
export type BillKind = z.infer<typeof B.BillKind>;
export type BillActionName = z.infer<typeof B.BillActionName>;
export type BillHistoryEntry = z.infer<typeof B.BillAction>;
export type CreateBillRequest = z.input<typeof B.CreateBill>;
export type DecideBillRequest = z.input<typeof B.DecideBill>;
export type Report = z.infer<typeof O.Report>;
export type ReportOutcome = z.infer<typeof O.ReportOutcome>;
export type OpinionLetter = z.infer<typeof O.OpinionLetter>;
export type Interpellation = z.infer<typeof O.Interpellation>;
export type RectificationItem = z.infer<typeof O.RectificationItem>;
export type RectificationSummary = z.infer<typeof O.RectificationSummary>;
export type OverdueDashboard = z.infer<typeof O.OverdueDashboard>;
export type FollowupResult = z.infer<typeof O.FollowupResult>;
export type SpecialInquiry = z.infer<typeof O.SpecialInquiry>;
export type Investigation = z.infer<typeof O.Investigation>;
export type Post = z.infer<typeof P.Post>;

const id = encodeURIComponent;
const c = (congressId: string) => `/congresses/${id(congressId)}`;

export const billsApi = {
  list: (congressId: string) => request<Bill[]>('GET', `${c(congressId)}/bills`),
  listForMeeting: (congressId: string, meetingId: string) => request<Bill[]>('GET', `${c(congressId)}/bills?meetingId=${id(meetingId)}`),
  get: (billId: string) => request<Bill>('GET', `/bills/${id(billId)}`),
  history: (billId: string) => request<BillHistoryEntry[]>('GET', `/bills/${id(billId)}/history`),
  create: (body: CreateBillRequest) => request<Bill>('POST', '/bills', body),
  submit: (billId: string) => request<Bill>('POST', `/bills/${id(billId)}/submit`, {}),
  decide: (billId: string, body: DecideBillRequest) => request<Bill>('POST', `/bills/${id(billId)}/decision`, body),
  withdraw: (billId: string, councilConsentDate: string) => request<Bill>('POST', `/bills/${id(billId)}/withdraw`, { councilConsentDate }),
  hold: (billId: string, body: { councilDate: string; reason: string; committee: string }) => request<Bill>('POST', `/bills/${id(billId)}/hold`, body),
  sendBack: (billId: string, councilDate: string) => request<Bill>('POST', `/bills/${id(billId)}/send-back`, { councilDate }),
  issueOutcome: (billId: string, body: { kind: 'resolution' | 'decision'; series?: string; date: string }) => request<Bill>('POST', `/bills/${id(billId)}/outcomes`, body),
  recordVote: (billId: string) => request<Bill>('POST', `/bills/${id(billId)}/vote`, {}),
  setPresenter: (billId: string, body: z.input<typeof B.SetPresenter>) => request<Bill>('POST', `/bills/${id(billId)}/presenter`, body),
  recordReading: (billId: string, body: z.input<typeof B.RecordReading>) => request<Bill>('POST', `/bills/${id(billId)}/readings`, body),
  recordStatement: (billId: string, body: z.input<typeof B.RecordStatement>) => request<Bill>('POST', `/bills/${id(billId)}/statements`, body),
  reportForApproval: (billId: string, body: z.input<typeof B.ReportForApproval>) => request<Bill>('POST', `/bills/${id(billId)}/approval-request`, body),
  recordApproval: (billId: string, body: z.input<typeof B.RecordApproval>) => request<Bill>('POST', `/bills/${id(billId)}/approval`, body),
  promulgate: (billId: string, body: z.input<typeof B.Promulgate>) => request<Bill>('POST', `/bills/${id(billId)}/promulgation`, body),
};

export const oversightApi = {
  reports: (congressId: string) => request<Report[]>('GET', `${c(congressId)}/reports`),
  recordOutcome: (congressId: string, reportId: string, body: z.input<typeof O.RecordReportOutcome>) => request<undefined>('POST', `${c(congressId)}/reports/${id(reportId)}/outcome`, body),
  letters: (congressId: string) => request<OpinionLetter[]>('GET', `${c(congressId)}/opinion-letters`),
  answerLetter: (congressId: string, letterId: string, text: string) => request<undefined>('POST', `${c(congressId)}/opinion-letters/${id(letterId)}/answer`, { text }),
  interpellations: (congressId: string) => request<Interpellation[]>('GET', `${c(congressId)}/interpellations`),
  answerInterpellation: (interpellationId: string, body: { mode: 'oral' | 'written'; text: string; signedBy?: string }) =>
    request<Interpellation>('POST', `/interpellations/${id(interpellationId)}/answer`, body),
  rectificationSummary: (congressId: string) => request<RectificationSummary>('GET', `${c(congressId)}/rectification-summary`),
  rectificationItems: (congressId: string) => request<RectificationItem[]>('GET', `${c(congressId)}/rectification-items`),
  dashboard: (congressId: string) => request<OverdueDashboard>('GET', `${c(congressId)}/overdue-dashboard`),
  followups: (congressId: string) => request<FollowupResult[]>('GET', `${c(congressId)}/followup-results`),
  inquiries: (congressId: string) => request<SpecialInquiry[]>('GET', `${c(congressId)}/special-inquiries`),
  createInquiry: (congressId: string, body: z.input<typeof O.CreateSpecialInquiry>) => request<{ id: string }>('POST', `${c(congressId)}/special-inquiries`, body),
  inquiryQa: (congressId: string, inquiryId: string, body: z.input<typeof O.RecordInquiryQa>) => request<undefined>('POST', `${c(congressId)}/special-inquiries/${id(inquiryId)}/qa`, body),
  inquiryOpinions: (congressId: string, inquiryId: string, body: z.input<typeof O.SendInquiryOpinions>) =>
    request<undefined>('POST', `${c(congressId)}/special-inquiries/${id(inquiryId)}/opinions`, body),
  inquiryReport: (congressId: string, inquiryId: string, body: z.input<typeof O.ReportInquiry>) => request<undefined>('POST', `${c(congressId)}/special-inquiries/${id(inquiryId)}/report`, body),
  investigations: (congressId: string) => request<Investigation[]>('GET', `${c(congressId)}/investigations`),
  createInvestigation: (congressId: string, body: z.input<typeof O.CreateInvestigation>) => request<{ id: string }>('POST', `${c(congressId)}/investigations`, body),
  investigationReport: (congressId: string, investigationId: string, body: z.input<typeof O.ReportInvestigation>) =>
    request<undefined>('POST', `${c(congressId)}/investigations/${id(investigationId)}/report`, body),
  concludeInvestigation: (congressId: string, investigationId: string, body: z.input<typeof O.ConcludeInvestigation>) =>
    request<undefined>('POST', `${c(congressId)}/investigations/${id(investigationId)}/conclusion`, body),
};

export const personnelApi = {
  posts: (congressId: string) => request<Post[]>('GET', `${c(congressId)}/posts`),
};
