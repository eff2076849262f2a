import { type Actor, hasRole, insider } from '../../platform/access.ts';

/**
 * Who may do what with polls. The office prepares and runs votes; the presiding person (chair role)
 * opens, closes and announces them (R-M2, R-V7) — when the meeting names its presiding person, only
 * that person among the chair-role holders. Members vote; whether a member may vote is a rule
 * (R-V3), not a role. Entering members' votes (R-V4) is for the presiding person and the tellers
 * designated for the poll; which members may be entered is a rule too (checkTellerEntryAllowed).
 */
const isPresidingPerson = (a: Actor, congressId: string, presidingPersonId: string | null): boolean =>
  hasRole(a, congressId, 'chair') && (presidingPersonId === null || (a.kind === 'user' && a.personId === presidingPersonId));

export const pollsPolicy = {
  /** Polls, counts and who has voted are internal: the congress's own people (not handling units). */
  see: (a: Actor, congressId: string): boolean => insider(a, congressId),
  prepare: (a: Actor, congressId: string): boolean => hasRole(a, congressId, 'office', 'chair'),
  preside: (a: Actor, congressId: string, presidingPersonId: string | null): boolean => hasRole(a, congressId, 'office') || isPresidingPerson(a, congressId, presidingPersonId),
  /** Designating tellers is part of running the vote: the office at the console or the presiding person. */
  designateTellers: (a: Actor, congressId: string, presidingPersonId: string | null): boolean => hasRole(a, congressId, 'office') || isPresidingPerson(a, congressId, presidingPersonId),
  tell: (a: Actor, congressId: string, presidingPersonId: string | null, designated: boolean): boolean => isPresidingPerson(a, congressId, presidingPersonId) || (designated && insider(a, congressId)),
  /** Only the presiding person records that a member's device failed (议事规则 art. 43). */
  recordDeviceFailure: (a: Actor, congressId: string, presidingPersonId: string | null): boolean => isPresidingPerson(a, congressId, presidingPersonId),
  recordOath: (a: Actor, congressId: string): boolean => hasRole(a, congressId, 'office', 'chair'),
};
