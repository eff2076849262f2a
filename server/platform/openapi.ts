import type { RouteOptions } from 'fastify';
import { SESSION_COOKIE } from './auth/sessions.ts';

// How the OpenAPI document (GET /api/v1/openapi.json, @fastify/swagger) declares who may call what.
// A caller signs in with a bearer token (API clients) or the session cookie (the web app), which on
// every write must echo its CSRF token in the X-CSRF-Token header. Operations anyone may call
// without signing in are listed here; some answer more to a signed-in caller (a congress's own people
// see internal meetings, drafts, polls), so they accept a session as well. The list is checked
// against the server's behaviour in tests/openapi.test.ts.

export const securitySchemes = {
  bearer: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/v1/auth/login' },
  cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The web app’s session cookie' },
  csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'With the session cookie, every write echoes the CSRF token given at login' },
} as const;

export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  // the installation, sign-in
  'getHealth', 'login', 'listCongresses', 'listRulesPresets',
  // congresses, their bodies and members, the calendar
  'getCongress', 'listTerms', 'listBodies', 'getRulesProfile', 'listMembers', 'listMemberships', 'listCalendarOverrides', 'getWorkingCalendar', 'computeDeadline',
  // meetings: announced public meetings and their public parts (R-M10)
  'listMeetings', 'getMeetingsCalendar', 'getMeetingCalendarWarnings', 'getMeeting', 'getQuorum', 'listAgendaAdjustments', 'listAttendance', 'getAttendanceList', 'listAttendees',
  'getAttendeeList', 'getGroups', 'listSessions', 'listSpeakers', 'listDocuments', 'listMeetingOpinions', 'listPersonnelProposals', 'getPersonnelList', 'getObserverSeats',
  'registerObserver', 'listMeetingTexts', 'listMeetingResults',
  // announced results of public business (R-P2)
  'getPoll', 'getPollResult',
  // legislation: published texts, checking a text, public consultation
  'listWorks', 'getExpression', 'exportExpression', 'compareExpressions', 'parseLegislation', 'listConsultations', 'getConsultation', 'submitConsultationComment',
  // deputies, liaison stations
  'listDeputies', 'getDeputy', 'getDutyScoring', 'listStations', 'getStationPage', 'getStationCalendar', 'listStationEvents', 'listServiceDays', 'getReceptionCompliance',
  // citizens' opinions
  'submitOpinion', 'requestPhoneCode', 'getOpinionStatus', 'addOpinionAttachment', 'rateOpinion', 'getOpinionStatistics',
  // publication, open data, feeds, search
  'listGazettes', 'getGazette', 'getGazetteContent', 'listAnnouncements', 'listAppointments', 'getFeed', 'subscribeFeed', 'confirmSubscription', 'unsubscribeFeed',
  'openListMeetings', 'openListAgendaItems', 'openListNamedPolls', 'openListBills', 'openListGazettes', 'openListRegulations', 'openGetRegulation', 'search', 'readSearchUnit',
]);

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Adds each operation's `security` to its schema as the route is registered (an onRoute hook). */
export function declareSecurity(route: RouteOptions): void {
  const id = route.schema?.operationId;
  if (typeof id !== 'string' || !route.schema) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const write = methods.some((m) => WRITE.has(m));
  const session = [{ bearer: [] }, write ? { cookie: [], csrf: [] } : { cookie: [] }];
  // `{}` first: no credentials needed (a session, when there is one, is used).
  route.schema = { ...route.schema, security: PUBLIC_OPERATIONS.has(id) ? [{}, ...session] : session } as typeof route.schema;
}
