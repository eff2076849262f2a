import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** The roster is public; private contacts are for the deputy-affairs office and the deputy. */
export const deputiesPolicy = {
  manage: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office'),
  readContact: (a: Actor, c: string): boolean => hasRole(a, c, 'office'),
  readDuties: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office', 'chair'),
  recordAsStation: (a: Actor, c: string): boolean => hasRole(a, c, 'station_staff'),
  isDeputy: (a: Actor, c: string): boolean => hasRole(a, c, 'deputy'),
};
