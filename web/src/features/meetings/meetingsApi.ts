// The meetings and polls API as the meeting screens use it. Types come from the zod schemas in
// contracts/ (types only, so zod stays out of the bundle).
import type { z } from 'zod';
import type * as M from '../../../../contracts/meetings.ts';
import type * as P from '../../../../contracts/polls.ts';
import { request } from '../../api.ts';

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

const id = encodeURIComponent;

export const meetingsApi = {
  list: (congressId: string) => request<Meeting[]>('GET', `/congresses/${id(congressId)}/meetings`),
  get: (meetingId: string) => request<MeetingDetail>('GET', `/meetings/${id(meetingId)}`),
  quorum: (meetingId: string) => request<Quorum>('GET', `/meetings/${id(meetingId)}/quorum`),
  open: (meetingId: string) => request<TransitionResult>('POST', `/meetings/${id(meetingId)}/open`),
  adoptAgenda: (meetingId: string) => request<MeetingDetail>('POST', `/meetings/${id(meetingId)}/agenda/adopt`),
  setCurrentItem: (meetingId: string, agendaItemId: string | null) => request<MeetingDetail>('PUT', `/meetings/${id(meetingId)}/current-item`, { agendaItemId }),
};

export const pollsApi = {
  list: (meetingId: string) => request<Poll[]>('GET', `/meetings/${id(meetingId)}/polls`),
  get: (pollId: string) => request<Poll>('GET', `/polls/${id(pollId)}`),
  create: (body: CreatePollRequest) => request<Poll>('POST', '/polls', body),
  open: (pollId: string) => request<Poll>('POST', `/polls/${id(pollId)}/open`),
  close: (pollId: string) => request<PollResult>('POST', `/polls/${id(pollId)}/close`),
  announce: (pollId: string) => request<PollResult>('POST', `/polls/${id(pollId)}/announce`),
  result: (pollId: string) => request<PollResult>('GET', `/polls/${id(pollId)}/result`),
  cast: (pollId: string, body: CastBallotRequest) => request<{ pollId: string; accepted: true }>('POST', `/polls/${id(pollId)}/ballots`, body),
};

/** The poll a screen is about: the open one, else the latest that has been closed. */
export function focusPoll(polls: readonly Poll[]): Poll | undefined {
  const open = polls.find((p) => p.status === 'open');
  if (open) return open;
  const done = polls.filter((p) => p.status === 'closed' || p.status === 'announced');
  return done.at(-1);
}
