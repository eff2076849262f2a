import type { Role } from '../../platform/access.ts';
import type { Conn } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import type { UserTable } from '../../platform/schema.ts';
import { loadRoles } from '../../platform/auth/sessions.ts';
import { STAFF_ROLES } from '../../platform/access.ts';

export async function findUserByName(conn: Conn, username: string): Promise<UserTable | undefined> {
  return conn.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

/** A user who holds a role in this congress; anyone else is "not found" from here. */
export async function requireUserInCongress(conn: Conn, congressId: string, userId: string): Promise<UserTable> {
  const u = await conn
    .selectFrom('users')
    .selectAll('users')
    .where('users.id', '=', userId)
    .where((eb) => eb.or([eb('users.home_congress_id', '=', congressId), eb.exists(eb.selectFrom('role_grants').select('role').where('role_grants.user_id', '=', userId).where('role_grants.congress_id', '=', congressId))]))
    .executeTakeFirst();
  if (!u) throw errors.notFound('User', '该账号');
  return u;
}

export async function currentUserDto(conn: Conn, u: UserTable, totpEnrollmentRequired: boolean) {
  const roles = await loadRoles(conn, u.id);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    isSuperadmin: u.is_superadmin === 1,
    totpEnabled: u.totp_enabled === 1,
    totpEnrollmentRequired,
    roles: Object.fromEntries([...roles].map(([cid, set]) => [cid, [...set].sort()])) as Record<string, Role[]>,
  };
}

export async function isStaff(conn: Conn, userId: string): Promise<boolean> {
  const roles = await loadRoles(conn, userId);
  for (const set of roles.values()) for (const r of set) if (STAFF_ROLES.includes(r)) return true;
  const u = await conn.selectFrom('users').select('is_superadmin').where('id', '=', userId).executeTakeFirst();
  return u?.is_superadmin === 1;
}

export async function listCongressUsers(conn: Conn, congressId: string) {
  const users = await conn
    .selectFrom('users')
    .selectAll('users')
    .where((eb) => eb.or([eb('users.home_congress_id', '=', congressId), eb.exists(eb.selectFrom('role_grants').select('role').whereRef('role_grants.user_id', '=', 'users.id').where('role_grants.congress_id', '=', congressId))]))
    .orderBy('username')
    .execute();
  const grants = await conn.selectFrom('role_grants').select(['user_id', 'role']).where('congress_id', '=', congressId).execute();
  const rolesOf = new Map<string, Role[]>();
  for (const g of grants) rolesOf.set(g.user_id, [...(rolesOf.get(g.user_id) ?? []), g.role as Role]);
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    locked: u.locked === 1,
    totpEnabled: u.totp_enabled === 1,
    roles: (rolesOf.get(u.id) ?? []).sort(),
    email: u.email,
    mobile: u.mobile,
  }));
}

/** How long lifted and expired login lockouts stay on the office's list. */
const LOCKS_SHOWN_MS = 7 * 24 * 3_600_000;

/**
 * Login lockouts of the congress's accounts (by home congress), newest first: those still holding
 * and those of the last week. Lockouts naming no existing account belong to no congress; the
 * installation's administrators see them too (`withUnattributed`).
 */
export async function listLoginLocks(conn: Conn, congressId: string, withUnattributed: boolean) {
  return conn
    .selectFrom('login_locks')
    .leftJoin('users', 'users.id', 'login_locks.user_id')
    .leftJoin('users as clearer', 'clearer.id', 'login_locks.cleared_by')
    .select([
      'login_locks.id',
      'login_locks.kind',
      'login_locks.username',
      'users.display_name as displayName',
      'login_locks.address',
      'login_locks.since',
      'login_locks.until',
      'login_locks.cleared_at as clearedAt',
      'clearer.username as clearedBy',
    ])
    .where((eb) => (withUnattributed ? eb.or([eb('login_locks.congress_id', '=', congressId), eb('login_locks.congress_id', 'is', null)]) : eb('login_locks.congress_id', '=', congressId)))
    .where('login_locks.since', '>', new Date(Date.now() - LOCKS_SHOWN_MS).toISOString())
    .orderBy('login_locks.since', 'desc')
    .orderBy('login_locks.id')
    .limit(200)
    .execute();
}

export async function requireLoginLock(conn: Conn, congressId: string, lockId: string, withUnattributed: boolean) {
  const lock = await conn
    .selectFrom('login_locks')
    .selectAll()
    .where('id', '=', lockId)
    .where((eb) => (withUnattributed ? eb.or([eb('congress_id', '=', congressId), eb('congress_id', 'is', null)]) : eb('congress_id', '=', congressId)))
    .executeTakeFirst();
  if (!lock) throw errors.notFound('Login lockout', '该登录限制');
  return lock;
}
