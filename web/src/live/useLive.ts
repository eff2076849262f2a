// React side of the live notices. `useLive` hands changed topics to the page; `useLiveReload`
// is the common case: reload a loader (hooks/useLoader.ts) when one of its topics changes.
import { useEffect, useRef, useState } from 'react';
import { LiveClient, type LiveOptions, type LiveStatus } from './liveClient.ts';

export type { LiveStatus } from './liveClient.ts';

export interface UseLiveHandlers {
  onChange?: (topics: ReadonlySet<string>, ids: ReadonlySet<string>) => void;
  onResync?: () => void;
}

/**
 * Watches a congress, or one of its meetings, while the component is mounted. Pass `null` to watch
 * nothing. Returns the connection's status ('ended': the session is over, log in again).
 */
export function useLive(channel: { congressId: string; meetingId?: string | undefined } | null, handlers: UseLiveHandlers, opts?: LiveOptions): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const ref = useRef(handlers);
  ref.current = handlers;
  const congressId = channel?.congressId;
  const meetingId = channel?.meetingId;
  useEffect(() => {
    if (!congressId) return;
    const client = new LiveClient(meetingId ? { congressId, meetingId } : { congressId }, {
      onChange: (topics, ids) => ref.current.onChange?.(topics, ids),
      onResync: () => ref.current.onResync?.(),
      onStatus: setStatus,
    }, opts);
    client.start();
    return () => client.stop();
    // opts are read once per channel
  }, [congressId, meetingId]);
  return status;
}

/** Calls `reload` when one of `topics` changes (or after a reconnect that may have missed changes). */
export function useLiveReload(channel: { congressId: string; meetingId?: string | undefined } | null, topics: readonly string[], reload: () => void): LiveStatus {
  const wanted = topics.join('|');
  return useLive(channel, {
    onChange: (changed) => {
      if (wanted.split('|').some((t) => changed.has(t))) reload();
    },
    onResync: reload,
  });
}
