import { type Actor, hasRole, insider } from '../../platform/access.ts';

/**
 * Who may do what with polls. The office prepares and runs votes; the presiding person (chair role)
 * opens, closes and announces them (R-M2, R-V7) — when the meeting names its presiding person, only
 * that person among the chair-role holders. Tellers (office, chair) enter analog results.
 * Members vote; whether a member may vote is a rule (R-V3), not a role.
 */
export const pollsPolicy = {
  /** Polls, counts and who has voted are internal: the congress's own people (not handling units). */
  see: (a: Actor, congressId: string): boolean => insider(a, congressId),
  prepare: (a: Actor, congressId: string): boolean => hasRole(a, congressId, 'office', 'chair'),
  preside: (a: Actor, congressId: string, presidingPersonId: string | null): boolean =>
    hasRole(a, congressId, 'office') || (hasRole(a, congressId, 'chair') && (presidingPersonId === null || (a.kind === 'user' && a.personId === presidingPersonId))),
  tell: (a: Actor, congressId: string): boolean => hasRole(a, congressId, 'office', 'chair'),
  recordOath: (a: Actor, congressId: string): boolean => hasRole(a, congressId, 'office', 'chair'),
};
