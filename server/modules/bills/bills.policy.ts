import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** The office registers and routes business; the council's decisions are recorded by the office or a council member (chair role). */
export const billsPolicy = {
  register: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office'),
  decide: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'chair'),
  read: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'chair', 'member', 'committee'),
  /** A co-signer confirms for themself. */
  cosign: (a: Actor, c: string): boolean => a.kind === 'user' && a.personId !== null && hasRole(a, c, 'member', 'chair'),
};
