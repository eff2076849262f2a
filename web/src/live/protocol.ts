// Messages of GET /api/v1/live, as the browser sees them. The server's definition is
// server/platform/realtime/protocol.ts; tests/realtime.test.ts checks that the two agree.

export interface LiveChannel {
  congressId: string;
  meetingId?: string;
}

/** topic → version stamp of its latest change. */
export type LiveVersions = Record<string, string>;

export type LiveServerMessage =
  | { type: 'hello'; serverTime: string; epoch: string; heartbeatMs: number; user: { id: string; name: string } | null; channel: LiveChannel | null; versions: LiveVersions }
  | { type: 'subscribed'; channel: LiveChannel; epoch: string; versions: LiveVersions }
  | { type: 'unsubscribed'; channel: LiveChannel }
  | { type: 'changed'; congressId: string; meetingId?: string; topic: string; id?: string; v: string }
  | { type: 'resync'; epoch: string }
  | { type: 'pong'; serverTime: string }
  | { type: 'error'; code: string; message_zh: string; message_en: string; channel?: LiveChannel };

export type LiveClientMessage = { type: 'subscribe'; congressId: string; meetingId?: string } | { type: 'unsubscribe'; congressId: string; meetingId?: string } | { type: 'ping' };

/** The session ended (logout, expiry, lock): log in again; reconnecting will not help. */
export const CLOSE_SESSION_ENDED = 4401;
