import { createHash, randomBytes } from 'node:crypto';
import type { Role, UserActor } from '../access.ts';
import { nowIso } from '../clock.ts';
import type { Conn } from '../db.ts';

export const SESSION_COOKIE = 'yishi_session';
const HOURS = 3600_000;
export const SESSION_TTL_MS = { cookie: 12 * HOURS, bearer: 7 * 24 * HOURS } as const;

const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/** Only the token's hash is stored: a copy of the database cannot be used to log in. */
export async function createSession(
  conn: Conn,
  userId: string,
  kind: 'cookie' | 'bearer',
  ip: string | null,
  totpEnrollmentOnly: boolean,
): Promise<NewSession & { id: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const id = tokenId(token);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS[kind]).toISOString();
  await conn
    .insertInto('sessions')
    .values({ id, user_id: userId, kind, csrf_token: csrfToken, created_at: nowIso(), expires_at: expiresAt, totp_enrollment_only: totpEnrollmentOnly ? 1 : 0, ip })
    .execute();
  return { id, token, csrfToken, expiresAt };
}

export async function loadRoles(conn: Conn, userId: string): Promise<Map<string, Set<Role>>> {
  const grants = await conn.selectFrom('role_grants').select(['congress_id', 'role']).where('user_id', '=', userId).execute();
  const roles = new Map<string, Set<Role>>();
  for (const g of grants) {
    const set = roles.get(g.congress_id) ?? new Set<Role>();
    set.add(g.role as Role);
    roles.set(g.congress_id, set);
  }
  return roles;
}

/** The actor behind a token, or null when the token is unknown, expired or the account locked. */
export async function resolveSession(conn: Conn, token: string, ip: string | null): Promise<(UserActor & { csrfToken: string }) | null> {
  const row = await conn
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.kind',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.totp_enrollment_only',
      'users.id as userId',
      'users.username',
      'users.display_name',
      'users.person_id',
      'users.is_superadmin',
      'users.locked',
    ])
    .where('sessions.id', '=', tokenId(token))
    .executeTakeFirst();
  if (!row || row.locked === 1 || row.expires_at <= nowIso()) return null;
  return {
    kind: 'user',
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    isSuperadmin: row.is_superadmin === 1,
    roles: await loadRoles(conn, row.userId),
    sessionId: row.sessionId,
    sessionKind: row.kind,
    totpEnrollmentOnly: row.totp_enrollment_only === 1,
    ip,
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(conn: Conn, sessionId: string): Promise<void> {
  await conn.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(conn: Conn, userId: string, exceptSessionId?: string): Promise<void> {
  let q = conn.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}
