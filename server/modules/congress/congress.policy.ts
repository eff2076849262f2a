import { type Actor, hasRole } from '../../platform/access.ts';

const isAdmin = (a: Actor, congressId: string): boolean => (a.kind === 'user' && a.isSuperadmin) || hasRole(a, congressId, 'admin');

/** Who may change a congress's structure. Reading congresses, bodies and profiles is public. */
export const congressPolicy = {
  // A new congress hangs under one the actor administers; top-level ones need the installation admin.
  create: (a: Actor, parentId: string | null): boolean => (a.kind === 'user' && a.isSuperadmin) || (parentId !== null && hasRole(a, parentId, 'admin')),
  update: isAdmin,
  manageTerms: (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office'),
  manageBodies: (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office'),
  updateProfile: isAdmin,
};
export { isAdmin };
