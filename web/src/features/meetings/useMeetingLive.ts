// A meeting as the live screens show it: the meeting with its agenda, the quorum and the polls,
// refetched when the live channel says one of them changed (or after a reconnect).
import { useCallback, useState } from 'react';
import { ApiError } from '../../api.ts';
import { type Loaded, useLoader } from '../../hooks/useLoader.ts';
import { type LiveStatus, useLive } from '../../live/useLive.ts';
import { type MeetingDetail, type Poll, type PollResult, type Quorum, focusPoll, meetingsApi, pollsApi } from './meetingsApi.ts';

export interface MeetingLive {
  meeting: Loaded<MeetingDetail>;
  quorum: Loaded<Quorum>;
  /** null: the reader may not list the meeting's polls (the public). */
  polls: Loaded<Poll[] | null>;
  /** The result of the poll in focus once it has closed (or a public announced result). */
  result: PollResult | undefined;
  focus: Poll | undefined;
  live: LiveStatus;
  reloadAll: () => void;
  /** Counts changes of the topics the meeting screens' own panels follow (speakers, attendance, meeting). */
  ticks: { speakers: number; attendance: number; meeting: number };
}

/** 401/403/404 on the polls list: the reader sees the meeting but not its polls. */
const notPermitted = (e: unknown): boolean => e instanceof ApiError && [401, 403, 404].includes(e.status);

export function useMeetingLive(congressId: string | undefined, meetingId: string): MeetingLive {
  const meeting = useLoader(() => meetingsApi.get(meetingId), [meetingId]);
  const quorum = useLoader(() => meetingsApi.quorum(meetingId), [meetingId]);
  const polls = useLoader(async () => {
    try {
      return await pollsApi.list(meetingId);
    } catch (e) {
      if (notPermitted(e)) return null;
      throw e;
    }
  }, [meetingId]);
  // A poll named by a public notice (announced results of public business reach everyone).
  const [noticed, setNoticed] = useState<string | null>(null);
  const [ticks, setTicks] = useState({ speakers: 0, attendance: 0, meeting: 0 });
  const focus = polls.data ? focusPoll(polls.data) : undefined;
  const resultId = focus && focus.status !== 'open' && focus.status !== 'draft' ? focus.id : polls.data === null ? noticed : null;
  const resultKey = `${resultId ?? ''}|${focus?.status ?? ''}|${focus?.closedAt ?? ''}|${focus?.announcedAt ?? ''}`;
  const result = useLoader(() => (resultId ? pollsApi.result(resultId).catch(() => undefined) : Promise.resolve(undefined)), [resultKey]);

  const reloadAll = useCallback(() => {
    meeting.reload();
    quorum.reload();
    polls.reload();
    result.reload();
    setTicks((x) => ({ speakers: x.speakers + 1, attendance: x.attendance + 1, meeting: x.meeting + 1 }));
  }, [meeting.reload, quorum.reload, polls.reload, result.reload]);

  const live = useLive(congressId ? { congressId, meetingId } : null, {
    onChange: (topics, ids) => {
      if (topics.has('meeting') || topics.has('speakers') || topics.has('attendance') || topics.has('quorum')) {
        setTicks((x) => ({
          speakers: x.speakers + (topics.has('speakers') ? 1 : 0),
          attendance: x.attendance + (topics.has('attendance') || topics.has('quorum') ? 1 : 0),
          meeting: x.meeting + (topics.has('meeting') ? 1 : 0),
        }));
      }
      if (topics.has('meeting')) meeting.reload();
      if (topics.has('quorum') || topics.has('attendance')) quorum.reload();
      if (topics.has('poll')) {
        polls.reload();
        result.reload();
        if (polls.data === null) {
          const last = [...ids].at(-1);
          if (last && last !== meetingId) setNoticed(last);
        }
      }
    },
    onResync: reloadAll,
  });

  return { meeting, quorum, polls, result: result.data, focus, live, reloadAll, ticks };
}
