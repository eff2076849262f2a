import { type Actor, hasRole, insider } from '../../platform/access.ts';

// Who may do what with legislation texts. The Legal Committee (法制委员会) and its working body
// (法制工作委员会) draft and revise: a user with the committee role counts as one of them when the
// person is a member of one of those bodies. The office and the administrators may write too.
// The congress's own people read drafts (not handling units); the public reads published expressions only.

export const LEGAL_BODY_NAMES = ['法制委员会', '法制工作委员会'] as const;

const isAdmin = (a: Actor, congressId: string): boolean => (a.kind === 'user' && a.isSuperadmin) || hasRole(a, congressId, 'admin');

export const legislationPolicy = {
  /** Create works and expressions, decide on review opinions. */
  write: (a: Actor, congressId: string, inLegalBody: boolean): boolean =>
    isAdmin(a, congressId) || hasRole(a, congressId, 'office') || (hasRole(a, congressId, 'committee') && inLegalBody),
  /** Give a review opinion (审议意见): the reviewing committees and the leadership, besides the writers. */
  opine: (a: Actor, congressId: string, inLegalBody: boolean): boolean =>
    legislationPolicy.write(a, congressId, inLegalBody) || hasRole(a, congressId, 'committee', 'chair'),
  /** Read every expression of every work, drafts included. */
  readDrafts: (a: Actor, congressId: string): boolean => insider(a, congressId),
};
