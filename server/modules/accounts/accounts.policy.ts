import type { Actor } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** Accounts and roles of a congress are managed by its admins only. */
export const accountsPolicy = {
  manage: (a: Actor, congressId: string): boolean => isAdmin(a, congressId),
};
