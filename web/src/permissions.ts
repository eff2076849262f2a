// What the interface offers to whom, mirroring the server's policies (which remain the real guard).
import type { CurrentUser, Role } from './api.ts';

export const rolesIn = (user: CurrentUser, congressId: string): Role[] => user.roles[congressId] ?? [];

const has = (user: CurrentUser, congressId: string, ...roles: Role[]): boolean => rolesIn(user, congressId).some((r) => roles.includes(r));

export interface Abilities {
  /** congressPolicy.update / accountsPolicy.manage / audit: the congress's administrators. */
  administer: boolean;
  /** congressPolicy.manageBodies and manageTerms. */
  manageBodies: boolean;
  /** peoplePolicy.readRegister: the people register with notes. */
  readPeople: boolean;
  /** peoplePolicy.manage. */
  managePeople: boolean;
  /** accountsPolicy.watchLogins: login lockouts, seen by the office and the administrators. */
  watchLogins: boolean;
}

/** Roles of outside bodies (server: OUTSIDE_ROLES): they see their own work and what is public. */
const OUTSIDE_ROLES: readonly Role[] = ['handling_unit'];
/** insider (server/platform/access.ts): reads polls, drafts and the gazette in preparation. */
export const isInsider = (user: CurrentUser, congressId: string): boolean => user.isSuperadmin || rolesIn(user, congressId).some((r) => !OUTSIDE_ROLES.includes(r));

export function abilitiesIn(user: CurrentUser, congressId: string): Abilities {
  const administer = user.isSuperadmin || has(user, congressId, 'admin');
  const belongs = user.isSuperadmin || rolesIn(user, congressId).length > 0;
  return {
    administer,
    manageBodies: administer || has(user, congressId, 'office'),
    readPeople: belongs && (administer || has(user, congressId, 'office', 'chair')),
    managePeople: administer || has(user, congressId, 'office'),
    watchLogins: administer || has(user, congressId, 'office'),
  };
}

/** congressPolicy.create: top-level congresses need the platform administrator. */
export const canCreateCongress = (user: CurrentUser, parentId: string | null): boolean =>
  user.isSuperadmin || (parentId !== null && has(user, parentId, 'admin'));
