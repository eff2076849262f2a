import { type Actor, denial as platformDenial, hasRole } from '../../platform/access.ts';
import { type DomainError, errors } from '../../platform/errors.ts';
import { isAdmin } from '../congress/congress.policy.ts';

// Who may do what with a congress's meetings. Office and admin prepare and run meetings; the chair
// role (主任、副主任、秘书长) presides and decides leave — which of them may decide is a rule (R-M6) checked
// in the commands with the meeting at hand; members sign in, ask leave and ask to speak; the public
// reads the public parts of announced public meetings (R-M10).

const staff = (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office');

export const meetingPolicy = {
  /** Create, edit, schedule, notify; agenda, documents, attendees, sessions, attendance taken by staff. */
  prepare: staff,
  /** Open, close, move the current item, record plenary decisions: the office at the console or a presiding leader. */
  run: (a: Actor, congressId: string): boolean => staff(a, congressId) || hasRole(a, congressId, 'chair'),
  /** Internal reading: the whole meeting with closed items, warnings, documents, leave. */
  readInternal: (a: Actor, congressId: string): boolean => isAdmin(a, congressId) || hasRole(a, congressId, 'office', 'chair', 'member', 'committee'),
  /** Reasons for leave, observers' details, who opened which document. */
  readReports: (a: Actor, congressId: string): boolean => staff(a, congressId) || hasRole(a, congressId, 'chair'),
  /** A leave decision needs the chair role; which leader it must be is R-M6. */
  decideLeave: (a: Actor, congressId: string): boolean => hasRole(a, congressId, 'chair'),
  /** Members act for themselves: sign in, ask leave, ask to speak, open documents. */
  selfService: (a: Actor, congressId: string): boolean => a.kind === 'user' && a.personId !== null && hasRole(a, congressId, 'member', 'chair'),
};

export const meetingNotFound = (): DomainError => errors.notFound('Meeting', '该会议');

/** The refusal for an actor (401 / 404 / 403), with "meeting not found" for outsiders. */
export const denial = (actor: Actor, congressId: string): DomainError => platformDenial(actor, congressId, meetingNotFound);
