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

/** Grants as the actor holds them: the roles per congress. */
function rolesFrom(grants: readonly { congressId: string | null; role: string | null }[]): Map<string, Set<Role>> {
  const roles = new Map<string, Set<Role>>();
  for (const g of grants) {
    if (g.congressId === null || g.role === null) continue;
    const set = roles.get(g.congressId) ?? new Set<Role>();
    set.add(g.role as Role);
    roles.set(g.congressId, set);
  }
  return roles;
}

export async function loadRoles(conn: Conn, userId: string): Promise<Map<string, Set<Role>>> {
  return (await loadRolesOf(conn, [userId])).get(userId) ?? new Map();
}

/** The roles of several users in one query (the live layer re-checks thousands of sockets at a time). */
export async function loadRolesOf(conn: Conn, userIds: readonly string[]): Promise<Map<string, Map<string, Set<Role>>>> {
  if (userIds.length === 0) return new Map();
  const grants = await conn.selectFrom('role_grants').select(['user_id', 'congress_id as congressId', 'role']).where('user_id', 'in', userIds).execute();
  const byUser = new Map<string, { congressId: string; role: string }[]>();
  for (const g of grants) byUser.set(g.user_id, [...(byUser.get(g.user_id) ?? []), g]);
  return new Map(userIds.map((id) => [id, rolesFrom(byUser.get(id) ?? [])]));
}

/** The actor behind a token, or null when the token is unknown, expired or the account locked. One query: the session, its user and their roles. */
export async function resolveSession(conn: Conn, token: string, ip: string | null): Promise<(UserActor & { csrfToken: string }) | null> {
  const rows = await conn
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('role_grants', 'role_grants.user_id', 'users.id')
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
      'role_grants.congress_id as grantCongressId',
      'role_grants.role as grantRole',
    ])
    .where('sessions.id', '=', tokenId(token))
    .execute();
  const row = rows[0];
  if (!row || row.locked === 1 || row.expires_at <= nowIso()) return null;
  const roles = rolesFrom(rows.map((g) => ({ congressId: g.grantCongressId, role: g.grantRole })));
  return {
    kind: 'user',
    userId: row.userId,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    isSuperadmin: row.is_superadmin === 1,
    roles,
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
