import { type Actor, denial as platformDenial, hasRole, insider } from '../../platform/access.ts';
import { type DomainError, errors } from '../../platform/errors.ts';
import { isAdmin } from '../congress/congress.policy.ts';

// Who may publish. The office edits the gazette and issues announcements (R-P1, R-P2); the congress's
// own people read drafts (handling units do not); the public reads what is published, and only that.

export const publicationPolicy = {
  /** Edit the gazette's front matter and order, build and publish editions, draft and publish announcements. */
  edit: (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office'),
  /** See drafts, versions and builds. */
  readDrafts: (a: Actor, congressId: string): boolean => insider(a, congressId),
};

export const gazetteNotFound = (): DomainError => errors.notFound('Gazette', '该期公报');
export const announcementNotFound = (): DomainError => errors.notFound('Announcement', '该公告');

export const denial = (actor: Actor, congressId: string, notFound: () => DomainError): DomainError => platformDenial(actor, congressId, notFound);
