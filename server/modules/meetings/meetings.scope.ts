import { randomInt } from 'node:crypto';
import { type Actor, type UserActor, belongsTo } from '../../platform/access.ts';
import type { Ctx, Recorder } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import type { MeetingRow } from '../../platform/schema.ts';
import { meetingNotFound, meetingPolicy } from './meetings.policy.ts';
import { findMeeting } from './meetings.repo.ts';
import { publiclyVisible } from './meetings.rules.ts';

// The scoped lookup every command and query starts with: 401 for the public where a user is needed,
// 404 for a meeting that does not exist or belongs to a congress where the actor has no role, 403
// for an actor of that congress without the right.

export type View = 'internal' | 'public';

export async function meetingForWrite(ctx: Ctx, meetingId: string, allowed: (a: Actor, congressId: string) => boolean): Promise<{ m: MeetingRow; actor: UserActor }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || !belongsTo(actor, m.congress_id)) throw meetingNotFound();
  if (!allowed(actor, m.congress_id)) throw errors.forbidden();
  return { m, actor };
}

/** Reading: the congress's own people see all of it; everyone else sees announced public meetings, public parts only. */
export async function meetingForRead(ctx: Ctx, meetingId: string): Promise<{ m: MeetingRow; view: View }> {
  const m = await findMeeting(ctx.db, meetingId);
  if (!m) throw meetingNotFound();
  if (meetingPolicy.readInternal(ctx.actor, m.congress_id)) return { m, view: 'internal' };
  if (publiclyVisible(m)) return { m, view: 'public' };
  throw belongsTo(ctx.actor, m.congress_id) ? errors.forbidden() : meetingNotFound();
}

/** Reports (leave reasons, who opened what, observers' details): staff and leaders of the congress. */
export async function meetingForReport(ctx: Ctx, meetingId: string): Promise<MeetingRow> {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || !belongsTo(ctx.actor, m.congress_id)) throw meetingNotFound();
  if (!meetingPolicy.readReports(ctx.actor, m.congress_id)) throw errors.forbidden();
  return m;
}

export const personOf = (a: Actor): string | null => (a.kind === 'user' ? a.personId : null);

/** What anyone may read of a public meeting (R-M10): its details and quorum, so a logged-out hall screen follows live. */
const PUBLIC_TOPICS: ReadonlySet<string> = new Set(['meeting', 'quorum']);

/** Change notices for the realtime layer: ids only, clients refetch what they may see. */
export function emit(rec: Recorder, m: Pick<MeetingRow, 'id' | 'congress_id' | 'is_public' | 'state'>, ...topics: ('meeting' | 'attendance' | 'quorum' | 'speakers')[]): void {
  const open = publiclyVisible(m);
  for (const topic of topics) rec.emit({ topic, congressId: m.congress_id, id: m.id, ...(open && PUBLIC_TOPICS.has(topic) ? { audience: 'public' as const } : {}) });
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read aloud or typed from a screen

/** A meeting's sign-in code (QR content = the code): 8 characters, about 10^12 possibilities. */
export function randomCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return s;
}
