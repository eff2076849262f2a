import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** Accounts and roles of a congress are managed by its admins only; the office also watches login lockouts. */
export const accountsPolicy = {
  manage: (a: Actor, congressId: string): boolean => isAdmin(a, congressId),
  watchLogins: (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office'),
};
