import { z } from 'zod';
import { Id } from './congress.ts';

// Open data: public, read-only, no login, CORS open. Field names follow the rest of the API.

export const OpenCongressParams = z.object({ congressId: z.string().min(1).max(64) }).strict();
export const OpenMeetingParams = z.object({ congressId: z.string().min(1).max(64), meetingId: Id }).strict();
export const OpenWorkParams = z.object({ congressId: z.string().min(1).max(64), workId: Id }).strict();

export const OpenMeeting = z.object({
  id: Id,
  kind: z.string(),
  number: z.number().int().nullable(),
  title: z.string(),
  date: z.string(),
  endDate: z.string().nullable(),
  place: z.string().nullable(),
  state: z.string(),
  bodyId: z.string().nullable(),
  bodyName: z.string().nullable(),
});
export const OpenAgendaItem = z.object({
  id: Id,
  meetingId: Id,
  position: z.number().int(),
  kind: z.string(),
  title: z.string(),
  proposer: z.string().nullable(),
  presenter: z.string().nullable(),
  presenterPost: z.string().nullable(),
  status: z.string(),
  outcome: z.string(),
});
const Count = z.number().int().nullable();
export const OpenNamedPoll = z.object({
  id: Id,
  meetingId: Id,
  agendaItemId: z.string().nullable(),
  subject: z.string(),
  announcedAt: z.string().nullable(),
  members: Count,
  present: Count,
  required: Count,
  yes: Count,
  no: Count,
  abstain: Count,
  passed: z.boolean().nullable(),
  /** Who voted what: a named vote's record is public by design. */
  ballots: z.array(z.object({ name: z.string(), choice: z.string().nullable(), choices: z.array(z.object({ candidate: z.string(), choice: z.string() })).nullable() })),
});
export const OpenBill = z.object({
  id: Id,
  kind: z.string(),
  title: z.string(),
  proposerType: z.string(),
  proposerOrgan: z.string().nullable(),
  state: z.string(),
  submittedOn: z.string().nullable(),
  targetMeetingId: z.string().nullable(),
  committee: z.string().nullable(),
  actions: z.array(z.object({ seq: z.number().int(), date: z.string(), organization: z.string(), classification: z.string(), description: z.string() })),
});
export const OpenDivision = z.object({ eId: z.string(), kind: z.string(), numText: z.string().nullable(), heading: z.string(), parentEId: z.string().nullable() });
export const OpenArticle = z.object({ eId: z.string(), num: z.number(), numText: z.string(), heading: z.string().nullable(), divisionEId: z.string().nullable(), paragraphs: z.array(z.string()), text: z.string() });
export const OpenRegulationSummary = z.object({ workId: Id, expressionId: Id, title: z.string(), kind: z.string(), stage: z.string(), adoptedOn: z.string().nullable(), articles: z.number().int(), url: z.string() });
export const OpenRegulation = OpenRegulationSummary.extend({ preface: z.array(z.string()), preamble: z.array(z.string()), divisions: z.array(OpenDivision), articleList: z.array(OpenArticle) });

export const OpenList = <T extends z.ZodType>(item: T) => z.object({ congressId: Id, generatedAt: z.string(), items: z.array(item) });

export const Subscribe = z
  .object({
    email: z.email().max(254),
    kind: z.enum(['congress', 'body', 'search']),
    bodyId: Id.optional(),
    q: z.string().max(200).optional(),
  })
  .strict();
export const SubscriptionState = z.object({ state: z.enum(['pending', 'active', 'ended']) });
export const TokenQuery = z.object({ token: z.string().min(10).max(100) }).strict();
export const FeedQuery = z.object({ bodyId: Id.optional(), q: z.string().max(200).optional() }).strict();
export const FeedParams = z.object({ congressId: z.string().min(1).max(64), format: z.enum(['rss', 'atom']) }).strict();
