import { type Actor, hasRole } from '../../platform/access.ts';

// Searching is public. Rebuilding a congress's index is an office task.
export const searchPolicy = {
  reindex: (a: Actor, congressId: string): boolean => (a.kind === 'user' && a.isSuperadmin) || hasRole(a, congressId, 'admin', 'office'),
};
