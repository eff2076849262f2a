import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

/** Station pages and calendars are public (measures art. 9); the office manages stations; staff run their own. */
export const stationsPolicy = {
  manage: (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office'),
  /** A station's own work (events, outcomes): the office, or station staff tied to that station. */
  runStation: (a: Actor, c: string, staffOf: readonly string[], stationId: string): boolean =>
    isAdmin(a, c) || hasRole(a, c, 'office') || (hasRole(a, c, 'station_staff') && staffOf.includes(stationId)),
  isDeputy: (a: Actor, c: string): boolean => hasRole(a, c, 'deputy'),
};
