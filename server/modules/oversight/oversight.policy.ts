import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

export const oversightPolicy = {
  /** The office registers interpellations (written, signed by members) and follow-up records. */
  register: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office'),
  /** The council routes an interpellation; the office records its decision. */
  route: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'chair'),
  /** The organ answers an opinion letter in its portal; the office may record the answer. */
  answerLetter: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'handling_unit'),
  read: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'chair', 'member', 'committee'),
};
