import type { ChangeEvent } from '../hub.ts';

/** What travels between processes: the publishing process, the version stamp, the event. */
export interface Envelope {
  o: string;
  v: string;
  e: ChangeEvent;
}

export interface HubLog {
  warn(msg: string): void;
}

export const consoleLog: HubLog = { warn: (msg) => console.warn(msg) };

const optString = (x: unknown): boolean => x === undefined || typeof x === 'string';

/** Parses and checks an envelope from the wire; null when it is not one. */
export function parseEnvelope(text: string): Envelope | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { o, v, e } = raw as Record<string, unknown>;
  if (typeof o !== 'string' || typeof v !== 'string' || typeof e !== 'object' || e === null) return null;
  const ev = e as Record<string, unknown>;
  if (typeof ev.topic !== 'string' || !(ev.congressId === null || typeof ev.congressId === 'string')) return null;
  if (!optString(ev.id) || !optString(ev.meetingId) || !(ev.audience === undefined || ev.audience === 'public' || ev.audience === 'congress')) return null;
  const out: ChangeEvent = { topic: ev.topic, congressId: ev.congressId };
  if (typeof ev.id === 'string') out.id = ev.id;
  if (typeof ev.meetingId === 'string') out.meetingId = ev.meetingId;
  if (ev.audience === 'public' || ev.audience === 'congress') out.audience = ev.audience;
  if (ev.tally === true) out.tally = true;
  return { o, v, e: out };
}
