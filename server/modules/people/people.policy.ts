import { type Actor, belongsTo, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** The roster (names, roles, posts) is public; the people register with notes is internal. */
export const peoplePolicy = {
  readRegister: (a: Actor, congressId: string): boolean => belongsTo(a, congressId) && (isAdmin(a, congressId) || hasRole(a, congressId, 'office', 'chair')),
  manage: (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office'),
};
