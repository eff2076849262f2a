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
