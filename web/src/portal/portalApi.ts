// The public API as the portal reads it: meetings, the gazette, announcements, appointments.
// Types come from the zod schemas in contracts/ (types only, so zod stays out of the bundle).
import type { z } from 'zod';
import type * as M from '../../../contracts/meetings.ts';
import type * as P from '../../../contracts/polls.ts';
import type * as Pub from '../../../contracts/publication.ts';
import { request } from '../api.ts';

export type PortalMeeting = z.infer<typeof M.Meeting>;
export type PortalMeetingDetail = z.infer<typeof M.MeetingDetail>;
export type GazetteContent = z.infer<typeof Pub.GazetteContent>;
export type GazetteSummary = z.infer<typeof Pub.GazetteSummary>;
export type MeetingText = z.infer<typeof Pub.MeetingTextSummary>;
export type Appointment = z.infer<typeof Pub.Appointment>;
export type Announcement = z.infer<typeof Pub.Announcement>;
export type PollResult = z.infer<typeof P.PollResult>;

const cp = (congressId: string) => `/congresses/${encodeURIComponent(congressId)}`;
const mp = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`;

export const gazetteFileUrl = (meetingId: string, format: 'docx' | 'pdf' | 'html'): string => `/api/v1${mp(meetingId)}/gazette?format=${format}`;

export const portalApi = {
  meetings: (congressId: string) => request<PortalMeeting[]>('GET', `${cp(congressId)}/meetings`),
  meeting: (meetingId: string) => request<PortalMeetingDetail>('GET', mp(meetingId)),
  texts: (meetingId: string) => request<MeetingText[]>('GET', `${mp(meetingId)}/texts`),
  results: (meetingId: string) => request<PollResult[]>('GET', `${mp(meetingId)}/results`),
  gazette: (meetingId: string) => request<GazetteContent>('GET', `${mp(meetingId)}/gazette/content`),
  gazettes: (congressId: string) => request<GazetteSummary[]>('GET', `${cp(congressId)}/gazettes`),
  appointments: (congressId: string) => request<Appointment[]>('GET', `${cp(congressId)}/appointments`),
  announcements: (congressId: string) => request<Announcement[]>('GET', `${cp(congressId)}/announcements`),
};

// ---- the office's gazette editor ----------------------------------------------------------------
export type GazetteDraft = z.infer<typeof Pub.GazetteDraft>;
export type GazetteBuild = z.infer<typeof Pub.GazetteBuild>;
export type EditGazetteRequest = z.input<typeof Pub.EditGazette>;

export const gazetteEditorApi = {
  draft: (meetingId: string) => request<GazetteDraft>('GET', `${mp(meetingId)}/gazette/draft`),
  save: (meetingId: string, body: EditGazetteRequest) => request<{ gazetteId: string; version: number }>('PUT', `${mp(meetingId)}/gazette/draft`, body),
  build: (meetingId: string) => request<GazetteBuild>('POST', `${mp(meetingId)}/gazette/builds`),
  buildStatus: (buildId: string) => request<GazetteBuild>('GET', `/gazette-builds/${encodeURIComponent(buildId)}`),
};

export type CreateAnnouncementRequest = z.input<typeof Pub.CreateAnnouncement>;
export const announcementApi = {
  list: (congressId: string, meetingId: string) => request<Announcement[]>('GET', `${cp(congressId)}/announcements`, undefined, { meetingId }),
  create: (congressId: string, body: CreateAnnouncementRequest) => request<Announcement>('POST', `${cp(congressId)}/announcements`, body),
  publish: (congressId: string, announcementId: string) => request<Announcement>('POST', `${cp(congressId)}/announcements/${encodeURIComponent(announcementId)}/publish`),
};
