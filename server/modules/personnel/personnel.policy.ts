import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** The office keeps the register; the congress's own people read it. */
export const personnelPolicy = {
  manage: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office'),
  read: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'chair', 'member', 'committee'),
};
