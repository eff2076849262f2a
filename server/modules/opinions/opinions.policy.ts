import { type Actor, hasRole } from '../../platform/access.ts';
import { isAdmin } from '../congress/congress.policy.ts';

// Who may do what with citizens' opinions. The deputy-affairs office (office) runs the loop; handling
// units act only on items routed to their unit (unit_users ties a handling_unit user to units);
// station staff and deputies take opinions in and classify them; the public submits, follows and
// rates by tracking code. Full personal data is for the office, the station that took the opinion
// in and the units it was routed to, and every reading is audited.

const office = (a: Actor, c: string): boolean => isAdmin(a, c) || hasRole(a, c, 'office');

export const opinionsPolicy = {
  /** Enter an opinion on a citizen's behalf (channel station / deputy). */
  enterForCitizen: (a: Actor, c: string): boolean => hasRole(a, c, 'station_staff', 'deputy', 'office'),
  classify: (a: Actor, c: string): boolean => office(a, c) || hasRole(a, c, 'station_staff', 'deputy'),
  route: office,
  manage: office,
  markKey: (a: Actor, c: string): boolean => office(a, c) || hasRole(a, c, 'chair'),
  readAll: (a: Actor, c: string): boolean => office(a, c) || hasRole(a, c, 'chair'),
  /** Station staff read their stations' opinions; deputies those they took up or collected. */
  readOwn: (a: Actor, c: string): boolean => hasRole(a, c, 'station_staff', 'deputy'),
  readContactAsOffice: (a: Actor, c: string): boolean => hasRole(a, c, 'office'),
  actAsUnit: (a: Actor, c: string, myUnits: ReadonlySet<string>, unitId: string): boolean => hasRole(a, c, 'handling_unit') && myUnits.has(unitId),
  isUnitUser: (a: Actor, c: string): boolean => hasRole(a, c, 'handling_unit'),
  relay: (a: Actor, c: string): boolean => office(a, c) || hasRole(a, c, 'deputy', 'station_staff'),
  overdueAll: (a: Actor, c: string): boolean => office(a, c) || hasRole(a, c, 'chair'),
};
