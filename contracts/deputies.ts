import { z } from 'zod';
import { Id } from './congress.ts';

// Deputies (代表): the roster per level, delegation groups, station assignments, terms; private
// contacts (encrypted at rest, office only). The duty register (履职登记) and points.

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Text = (max: number) => z.string().trim().min(1).max(max);

export const DeputyLevel = z.enum(['national', 'province', 'city', 'county', 'township']);
export type DeputyLevel = z.infer<typeof DeputyLevel>;

export const DeputyContact = z.object({ phone: z.string().nullable(), email: z.string().nullable(), address: z.string().nullable() });
export const ContactInput = z
  .object({
    phone: z.string().trim().min(5).max(30).nullable().optional(),
    email: z.email().max(100).nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
  })
  .strict();

export const Deputy = z.object({
  id: Id,
  personId: Id,
  name: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  level: DeputyLevel,
  levelZh: z.string(),
  termId: Id.nullable(),
  termLabel: z.string().nullable(),
  constituency: z.string().nullable(),
  delegationGroupId: Id.nullable(),
  delegationGroupName: z.string().nullable(),
  occupation: z.string().nullable(),
  status: z.enum(['active', 'ended']),
  startDate: LocalDate.nullable(),
  endDate: LocalDate.nullable(),
  stations: z.array(z.object({ stationId: Id, name: z.string() })),
  /** Private: only the office and administrators see it; null for everyone else. */
  contact: DeputyContact.nullable(),
});
export type DeputyDto = z.infer<typeof Deputy>;

export const CreateDeputy = z
  .object({
    /** An existing person of the congress, or a name for a new one. */
    personId: Id.optional(),
    name: Text(50).optional(),
    gender: z.enum(['male', 'female']).nullable().optional(),
    level: DeputyLevel,
    termId: Id.nullable().optional(),
    termLabel: z.string().trim().max(30).nullable().optional(),
    constituency: z.string().trim().max(100).nullable().optional(),
    delegationGroupId: Id.nullable().optional(),
    occupation: z.string().trim().max(200).nullable().optional(),
    startDate: LocalDate.nullable().optional(),
    contact: ContactInput.optional(),
  })
  .strict()
  .refine((d) => (d.personId === undefined) !== (d.name === undefined), { error: 'give either personId or name' });
export const UpdateDeputy = z
  .object({
    level: DeputyLevel.optional(),
    termId: Id.nullable().optional(),
    termLabel: z.string().trim().max(30).nullable().optional(),
    constituency: z.string().trim().max(100).nullable().optional(),
    delegationGroupId: Id.nullable().optional(),
    occupation: z.string().trim().max(200).nullable().optional(),
    contact: ContactInput.optional(),
  })
  .strict();
export const EndDeputy = z.object({ endDate: LocalDate, reason: z.string().trim().max(200).optional() }).strict();
export const ListDeputiesQuery = z
  .object({ level: DeputyLevel.optional(), delegationGroupId: Id.optional(), stationId: Id.optional(), status: z.enum(['active', 'ended']).optional() })
  .strict();
export const AssignStation = z.object({ stationId: Id, startDate: LocalDate.optional() }).strict();

// ---- duty register -------------------------------------------------------------------------------

export const DutyKind = z.enum(['station_visit', 'reception', 'service_day', 'inspection', 'suggestion', 'meeting', 'report_back', 'training', 'other']);
export type DutyKind = z.infer<typeof DutyKind>;
export const Evidence = z
  .object({ kind: z.enum(['photo', 'document', 'sign_in', 'minutes', 'note']), ref: z.string().trim().max(500).optional(), note: z.string().trim().max(500).optional() })
  .strict();
/** Voters' evaluation at a report-back meeting (述职评议): counts of each verdict. */
export const VotersEvaluation = z
  .object({ satisfied: z.number().int().min(0).max(100000), basicallySatisfied: z.number().int().min(0).max(100000), unsatisfied: z.number().int().min(0).max(100000) })
  .strict();
export const RecordDuty = z
  .object({
    deputyId: Id,
    kind: DutyKind,
    date: LocalDate,
    stationId: Id.optional(),
    eventId: Id.optional(),
    title: Text(200),
    /** The duty registration form (履职登记表) needs evidence: a sign-in sheet, photos, minutes. */
    evidence: z.array(Evidence).min(1).max(20),
    evaluation: VotersEvaluation.optional(),
  })
  .strict();
export const DutyActivity = z.object({
  id: Id,
  deputyId: Id,
  kind: DutyKind,
  kindZh: z.string(),
  date: LocalDate,
  stationId: Id.nullable(),
  eventId: Id.nullable(),
  title: z.string(),
  evidence: z.array(Evidence),
  evaluation: VotersEvaluation.nullable(),
  points: z.number(),
  createdAt: z.string(),
});
export const ScoringEntry = z.object({ kind: DutyKind, kindZh: z.string(), points: z.number(), note: z.string().nullable(), configured: z.boolean() });
export const SetScoring = z.object({ entries: z.array(z.object({ kind: DutyKind, points: z.number().min(0).max(100), note: z.string().trim().max(200).nullable().optional() }).strict()).min(1).max(20) }).strict();
export const Compliance = z.object({
  year: z.number().int(),
  /** Measures art. 10: city deputies at least four station visits a year (null: no rule for this level). */
  requiredVisits: z.number().int().nullable(),
  visits: z.number().int(),
  met: z.boolean().nullable(),
});
export const DeputyArchive = z.object({
  deputy: Deputy,
  year: z.number().int(),
  points: z.number(),
  byKind: z.record(z.string(), z.object({ count: z.number().int(), points: z.number() })),
  compliance: Compliance,
  activities: z.array(DutyActivity),
});
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), level: DeputyLevel.optional() }).strict();
export const ComplianceRow = z.object({ deputyId: Id, name: z.string(), level: DeputyLevel, delegationGroupName: z.string().nullable(), points: z.number(), compliance: Compliance });
