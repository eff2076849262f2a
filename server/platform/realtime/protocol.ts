// The WebSocket protocol of GET /api/v1/live. Messages are JSON text frames. Notices carry ids only;
// clients refetch through the HTTP API, which applies the reader's permissions.
import { z } from 'zod';

const Id = z.string().min(1).max(64);

export const Channel = z.object({ congressId: Id, meetingId: Id.optional() }).strict();
export type Channel = z.infer<typeof Channel>;

/** Client → server. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), congressId: Id, meetingId: Id.optional() }).strict(),
  z.object({ type: z.literal('unsubscribe'), congressId: Id, meetingId: Id.optional() }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** topic → version stamp of its latest change. A topic absent on both sides has not changed. */
export type Versions = Record<string, string>;

/** Server → client. */
export type ServerMessage =
  /**
   * First message on every connection. `epoch` names what the versions are relative to; when it
   * differs from the one the client saw before, the client refetches everything it shows.
   */
  | { type: 'hello'; serverTime: string; epoch: string; heartbeatMs: number; user: { id: string; name: string } | null; channel: Channel | null; versions: Versions }
  | { type: 'subscribed'; channel: Channel; epoch: string; versions: Versions }
  | { type: 'unsubscribed'; channel: Channel }
  | { type: 'changed'; congressId: string; meetingId?: string; topic: string; id?: string; v: string }
  /** Notices may have been lost (the shared hub reconnected): refetch everything. */
  | { type: 'resync'; epoch: string }
  | { type: 'pong'; serverTime: string }
  | { type: 'error'; code: string; message_zh: string; message_en: string; channel?: Channel };

/** Close codes the server uses besides the standard ones. */
export const CLOSE = {
  /** The session ended (logout, expiry, lock): log in again before reconnecting. */
  sessionEnded: 4401,
  /** The client sent too much or something malformed. */
  policy: 1008,
  /** The server is going away (restart): reconnect after a short delay. */
  goingAway: 1001,
  /** Too slow to keep up: reconnect and refetch. */
  tooSlow: 4408,
} as const;
