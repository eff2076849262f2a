import { type Actor, hasRole } from '../access.ts';

/** The holiday calendar is public; the deputy-affairs office and administrators maintain the overrides. */
export const calendarPolicy = {
  manage: (a: Actor, congressId: string): boolean => (a.kind === 'user' && a.isSuperadmin) || hasRole(a, congressId, 'admin', 'office'),
};
