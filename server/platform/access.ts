import { type DomainError, errors } from './errors.ts';

// Who is asking. Roles are granted per congress; nothing is inherited across congresses.
export const ROLES = ['admin', 'office', 'chair', 'member', 'committee', 'deputy', 'station_staff', 'handling_unit'] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles must use a second factor in production (foundation issue, item 5). */
export const STAFF_ROLES: readonly Role[] = ['admin', 'office', 'chair', 'committee', 'station_staff', 'handling_unit'];

export interface UserActor {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  personId: string | null;
  isSuperadmin: boolean;
  roles: ReadonlyMap<string, ReadonlySet<Role>>;
  sessionId: string;
  sessionKind: 'cookie' | 'bearer';
  totpEnrollmentOnly: boolean;
  ip: string | null;
}
export interface PublicActor {
  kind: 'public';
  ip: string | null;
}
export type Actor = UserActor | PublicActor;


export function hasRole(actor: Actor, congressId: string, ...roles: Role[]): boolean {
  if (actor.kind !== 'user') return false;
  const mine = actor.roles.get(congressId);
  return mine !== undefined && roles.some((r) => mine.has(r));
}

/**
 * Roles held by people outside the congress's own organs: a handling unit (承办单位) is a government
 * department or other body that answers the opinions, letters and interpellations routed to it.
 */
export const OUTSIDE_ROLES: readonly Role[] = ['handling_unit'];

/**
 * Any role at all in this congress: the actor belongs there, so a refusal is 403 rather than 404
 * (`denial`). Belonging is not a right to read: internal records need `insider`.
 */
export function belongsTo(actor: Actor, congressId: string): boolean {
  if (actor.kind !== 'user') return false;
  return actor.isSuperadmin || (actor.roles.get(congressId)?.size ?? 0) > 0;
}

/**
 * One of the congress's own people (a role there other than an outside one): reads its internal
 * records — polls and who voted, drafts of texts and of the gazette. An account with only outside
 * roles sees its own work (what is routed to its unit) and what is public, like anyone else.
 */
export function insider(actor: Actor, congressId: string): boolean {
  if (actor.kind !== 'user') return false;
  if (actor.isSuperadmin) return true;
  const mine = actor.roles.get(congressId);
  return mine !== undefined && [...mine].some((r) => !OUTSIDE_ROLES.includes(r));
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

/**
 * Why a policy said no, as the error to throw: the public must log in; someone with no role in
 * this congress is told the record does not exist (another congress's records are never
 * disclosed, so 404 rather than 403); a member of the congress without the right role gets 403.
 */
export function denial(actor: Actor, congressId: string, notFound: () => DomainError = () => errors.notFound('Record', '该记录')): DomainError {
  if (actor.kind !== 'user') return errors.unauthenticated();
  if (!belongsTo(actor, congressId)) return notFound();
  return errors.forbidden();
}

/** Throws the right denial unless `allowed`. */
export function authorize(actor: Actor, congressId: string, allowed: boolean, notFound?: () => DomainError): void {
  if (!allowed) throw denial(actor, congressId, notFound);
}
