// The meetings and polls API as the meeting screens use it. Types come from the zod schemas in
// contracts/ (types only, so zod stays out of the bundle).
import type { z } from 'zod';
import type * as M from '../../../../contracts/meetings.ts';
import type * as S from '../../../../contracts/meeting-script.ts';
import type * as P from '../../../../contracts/polls.ts';
import { ApiError, type ApiErrorBody, request } from '../../api.ts';

export type Meeting = z.infer<typeof M.Meeting>;
export type MeetingDetail = z.infer<typeof M.MeetingDetail>;
export type MeetingState = z.infer<typeof M.MeetingState>;
export type AgendaItem = z.infer<typeof M.AgendaItem>;
export type Quorum = z.infer<typeof M.Quorum>;
export type Poll = z.infer<typeof P.Poll>;
export type PollKind = z.infer<typeof P.PollKind>;
export type PollResult = z.infer<typeof P.PollResult>;
export type Choice = z.infer<typeof P.Choice>;
export type CreatePollRequest = z.input<typeof P.CreatePoll>;
export type CastBallotRequest = z.input<typeof P.CastBallot>;
export type TransitionResult = z.infer<typeof M.TransitionResult>;
export type MeetingKind = z.infer<typeof M.MeetingKind>;
export type AgendaItemKind = z.infer<typeof M.AgendaItemKind>;
export type CreateMeetingRequest = z.input<typeof M.CreateMeeting>;
export type UpdateMeetingRequest = z.input<typeof M.UpdateMeeting>;
export type ScheduleMeetingRequest = z.input<typeof M.ScheduleMeeting>;
export type CreateAgendaItemRequest = z.input<typeof M.CreateAgendaItem>;
export type MeetingDocument = z.infer<typeof M.MeetingDocument>;
export type AttendanceRecord = z.infer<typeof M.AttendanceRecord>;
export type AttendanceReport = z.infer<typeof M.AttendanceReport>;
export type AttendanceList = z.infer<typeof M.AttendanceList>;
export type LeaveRequest = z.infer<typeof M.LeaveRequest>;
export type Speaker = z.infer<typeof M.Speaker>;
export type SpeakerQueue = z.infer<typeof M.SpeakerQueue>;
export type PersonnelProposal = z.infer<typeof M.PersonnelProposal>;
export type RuleWarning = z.infer<typeof M.RuleWarning>;
export type PresidingScript = z.infer<typeof S.PresidingScript>;
export type ScriptLine = z.infer<typeof S.ScriptLine>;
export type DocumentText = z.infer<typeof S.DocumentText>;
export type CheckInLink = z.infer<typeof S.CheckInLink>;
export type EnterAnalogResultRequest = z.input<typeof P.EnterAnalogResult>;
export type PollVoter = z.infer<typeof P.PollVoter>;

const id = encodeURIComponent;

export const meetingsApi = {
  list: (congressId: string) => request<Meeting[]>('GET', `/congresses/${id(congressId)}/meetings`),
  get: (meetingId: string) => request<MeetingDetail>('GET', `/meetings/${id(meetingId)}`),
  quorum: (meetingId: string) => request<Quorum>('GET', `/meetings/${id(meetingId)}/quorum`),
  open: (meetingId: string) => request<TransitionResult>('POST', `/meetings/${id(meetingId)}/open`),
  adoptAgenda: (meetingId: string) => request<MeetingDetail>('POST', `/meetings/${id(meetingId)}/agenda/adopt`),
  setCurrentItem: (meetingId: string, agendaItemId: string | null) => request<MeetingDetail>('PUT', `/meetings/${id(meetingId)}/current-item`, { agendaItemId }),
  create: (body: CreateMeetingRequest) => request<MeetingDetail>('POST', '/meetings', body),
  update: (meetingId: string, body: UpdateMeetingRequest) => request<MeetingDetail>('PATCH', `/meetings/${id(meetingId)}`, body),
  schedule: (meetingId: string, body: ScheduleMeetingRequest) => request<TransitionResult>('POST', `/meetings/${id(meetingId)}/schedule`, body),
  notify: (meetingId: string) => request<TransitionResult>('POST', `/meetings/${id(meetingId)}/notify`),
  setPresiding: (meetingId: string, personId: string) => request<MeetingDetail>('PUT', `/meetings/${id(meetingId)}/presiding`, { personId }),
  addItem: (meetingId: string, body: CreateAgendaItemRequest) => request<AgendaItem>('POST', `/meetings/${id(meetingId)}/agenda-items`, body),
  removeItem: (meetingId: string, itemId: string) => request<undefined>('DELETE', `/meetings/${id(meetingId)}/agenda-items/${id(itemId)}`),
  documents: (meetingId: string) => request<MeetingDocument[]>('GET', `/meetings/${id(meetingId)}/documents`),
  documentText: (meetingId: string, documentId: string) => request<DocumentText>('GET', `/meetings/${id(meetingId)}/documents/${id(documentId)}/text`),
  distribute: (meetingId: string) => request<{ distributed: number }>('POST', `/meetings/${id(meetingId)}/documents/distribute`, {}),
  removeDocument: (meetingId: string, documentId: string) => request<undefined>('DELETE', `/meetings/${id(meetingId)}/documents/${id(documentId)}`),
  attendance: (meetingId: string) => request<AttendanceRecord[]>('GET', `/meetings/${id(meetingId)}/attendance`),
  checkIn: (meetingId: string, code: string) => request<{ attendance: AttendanceRecord; quorum: Quorum }>('POST', `/meetings/${id(meetingId)}/check-in`, { code }),
  checkInLink: (meetingId: string) => request<CheckInLink>('GET', `/meetings/${id(meetingId)}/check-in-link`),
  report: (meetingId: string) => request<AttendanceReport>('GET', `/meetings/${id(meetingId)}/attendance-report`),
  attendanceList: (meetingId: string) => request<AttendanceList>('GET', `/meetings/${id(meetingId)}/attendance-list`),
  leaveRequests: (meetingId: string) => request<LeaveRequest[]>('GET', `/meetings/${id(meetingId)}/leave-requests`),
  requestLeave: (meetingId: string, body: { reason: string; personId?: string }) => request<LeaveRequest>('POST', `/meetings/${id(meetingId)}/leave-requests`, body),
  decideLeave: (meetingId: string, requestId: string, approve: boolean) => request<LeaveRequest>('POST', `/meetings/${id(meetingId)}/leave-requests/${id(requestId)}/decision`, { approve }),
  withdrawLeave: (meetingId: string, requestId: string) => request<LeaveRequest>('POST', `/meetings/${id(meetingId)}/leave-requests/${id(requestId)}/withdraw`),
  speakers: (meetingId: string, agendaItemId?: string) => request<SpeakerQueue>('GET', `/meetings/${id(meetingId)}/speakers`, undefined, { agendaItemId }),
  registerSpeaker: (meetingId: string, agendaItemId: string) => request<Speaker>('POST', `/meetings/${id(meetingId)}/speakers`, { agendaItemId }),
  withdrawSpeaker: (meetingId: string, speakerId: string) => request<Speaker>('POST', `/meetings/${id(meetingId)}/speakers/${id(speakerId)}/withdraw`),
  decideSpeaker: (meetingId: string, speakerId: string, approve: boolean) => request<Speaker>('POST', `/meetings/${id(meetingId)}/speakers/${id(speakerId)}/decision`, { approve }),
  orderSpeakers: (meetingId: string, agendaItemId: string, order: string[]) => request<SpeakerQueue>('PUT', `/meetings/${id(meetingId)}/speakers/order`, { agendaItemId, order }),
  startSpeech: (meetingId: string, speakerId: string) => request<Speaker>('POST', `/meetings/${id(meetingId)}/speakers/${id(speakerId)}/start`),
  stopSpeech: (meetingId: string, speakerId: string) => request<Speaker>('POST', `/meetings/${id(meetingId)}/speakers/${id(speakerId)}/stop`),
  personnel: (meetingId: string) => request<PersonnelProposal[]>('GET', `/meetings/${id(meetingId)}/personnel`),
  script: (meetingId: string) => request<PresidingScript>('GET', `/meetings/${id(meetingId)}/presiding-script`),
  /** The address of a document's bytes (the browser shows PDFs and images itself). */
  documentUrl: (meetingId: string, documentId: string) => `/api/v1/meetings/${id(meetingId)}/documents/${id(documentId)}/content`,
  /** uploadDocument: multipart, with the session's CSRF token. */
  async upload(meetingId: string, file: File, fields: { title?: string; agendaItemId?: string }): Promise<MeetingDocument> {
    const me = await request<{ csrfToken: string }>('GET', '/auth/me');
    const form = new FormData();
    if (fields.title) form.append('title', fields.title);
    if (fields.agendaItemId) form.append('agendaItemId', fields.agendaItemId);
    form.append('file', file);
    const res = await fetch(`/api/v1/meetings/${id(meetingId)}/documents`, { method: 'POST', body: form, credentials: 'same-origin', headers: { 'x-csrf-token': me.csrfToken, accept: 'application/json' } });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, isErrorBody(body) ? body : null);
    return body as MeetingDocument;
  },
};

function isErrorBody(x: unknown): x is ApiErrorBody {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.code === 'string' && typeof o.message_zh === 'string' && typeof o.message_en === 'string';
}

export const pollsApi = {
  list: (meetingId: string) => request<Poll[]>('GET', `/meetings/${id(meetingId)}/polls`),
  get: (pollId: string) => request<Poll>('GET', `/polls/${id(pollId)}`),
  create: (body: CreatePollRequest) => request<Poll>('POST', '/polls', body),
  open: (pollId: string) => request<Poll>('POST', `/polls/${id(pollId)}/open`),
  close: (pollId: string) => request<PollResult>('POST', `/polls/${id(pollId)}/close`),
  announce: (pollId: string) => request<PollResult>('POST', `/polls/${id(pollId)}/announce`),
  result: (pollId: string) => request<PollResult>('GET', `/polls/${id(pollId)}/result`),
  enterAnalog: (pollId: string, body: EnterAnalogResultRequest) => request<Poll>('POST', `/polls/${id(pollId)}/analog-result`, body),
  voters: (pollId: string) => request<PollVoter[]>('GET', `/polls/${id(pollId)}/voters`),
  designateTellers: (pollId: string, body: z.input<typeof P.DesignateTellers>) => request<z.infer<typeof P.PollTellers>>('PUT', `/polls/${id(pollId)}/tellers`, body),
  recordDeviceFailure: (pollId: string, body: z.input<typeof P.RecordDeviceFailure>) => request<z.infer<typeof P.DeviceFailure>>('POST', `/polls/${id(pollId)}/device-failures`, body),
  cast: (pollId: string, body: CastBallotRequest) => request<{ pollId: string; accepted: true }>('POST', `/polls/${id(pollId)}/ballots`, body),
};

/** The poll a screen is about: the open one, else the latest that has been closed. */
export function focusPoll(polls: readonly Poll[]): Poll | undefined {
  const open = polls.find((p) => p.status === 'open');
  if (open) return open;
  const done = polls.filter((p) => p.status === 'closed' || p.status === 'announced');
  return done.at(-1);
}
