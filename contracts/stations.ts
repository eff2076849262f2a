import { z } from 'zod';
import { Id } from './congress.ts';

// Liaison stations (人大代表联络站) and demonstration points (基层示范点): the measures (seed
// L1596–L1746): fixed place, staff, public information (art. 9), themed receptions (art. 12), the
// service day (seed L1514). Public page data, CSV import, events with an iCalendar feed.

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Text = (max: number) => z.string().trim().min(1).max(max);
const Opt = (max: number) => z.string().trim().max(max).nullable().optional();

export const StationKind = z.enum(['station', 'demonstration_point']);
export const Station = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: StationKind,
  district: z.string().nullable(),
  township: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export const CreateStation = z
  .object({
    code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - and _'),
    name: Text(100),
    kind: StationKind,
    district: Opt(50),
    township: Opt(50),
    address: Text(200),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    hours: Opt(200),
    phone: Opt(30),
    intro: Opt(5000),
    rules: Opt(20000),
    annualPlan: Opt(20000),
    process: Opt(5000),
    onlineGuide: Opt(5000),
  })
  .strict();
export const UpdateStation = CreateStation.omit({ code: true }).partial().extend({ active: z.boolean().optional() }).strict();
export const ImportStations = z.object({ csv: z.string().min(1).max(2_000_000) }).strict();
export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int(), total: z.number().int() });

export const StaffRole = z.enum(['head', 'deputy_head', 'liaison']);
export const StationStaff = z.object({ id: Id, name: z.string(), role: StaffRole, roleZh: z.string(), duties: z.string().nullable(), userId: Id.nullable() });
export const AddStaff = z.object({ name: Text(50), role: StaffRole, duties: Opt(500), userId: Id.nullable().optional() }).strict();

export const EventKind = z.enum(['service_day', 'themed_reception', 'other']);
export const StationEvent = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string(),
  kind: EventKind,
  theme: z.string(),
  date: LocalDate,
  startTime: LocalTime,
  endTime: LocalTime,
  place: z.string(),
  mode: z.enum(['onsite', 'online']),
  status: z.enum(['planned', 'held', 'cancelled']),
  announcedAt: z.string(),
  summary: z.string().nullable(),
  visitors: z.number().int().nullable(),
  signups: z.array(z.object({ deputyId: Id, name: z.string(), attended: z.boolean().nullable() })),
});
export const CreateEvent = z
  .object({
    kind: EventKind,
    theme: Text(200),
    date: LocalDate,
    startTime: LocalTime,
    endTime: LocalTime,
    place: Text(200).optional(),
    mode: z.enum(['onsite', 'online']).optional(),
  })
  .strict();
export const UpdateEvent = CreateEvent.omit({ kind: true }).partial().strict();
export const ScheduleServiceDays = z
  .object({ from: LocalDate, to: LocalDate, startTime: LocalTime, endTime: LocalTime, theme: Text(200), place: Text(200).optional() })
  .strict();
export const EventOutcome = z
  .object({ summary: Text(5000), visitors: z.number().int().min(0).max(100000), attendedDeputyIds: z.array(Id).max(200), opinionsCollected: z.number().int().min(0).max(100000).optional() })
  .strict();
export const EventsQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() }).strict();
export const ServiceDay = z.object({ date: LocalDate, working: z.boolean(), holiday: z.string().nullable() });
export const ServiceDaysQuery = z.object({ from: LocalDate, to: LocalDate }).strict();
export const SignUp = z.object({ deputyId: Id.optional() }).strict();

export const ReceptionCompliance = z.object({
  /** Measures art. 12: at least one themed reception a month, announced in advance. */
  months: z.array(z.object({ month: z.string(), receptions: z.number().int(), met: z.boolean() })),
});
export const StationPage = Station.extend({
  intro: z.string().nullable(),
  rules: z.string().nullable(),
  annualPlan: z.string().nullable(),
  process: z.string(),
  onlineGuide: z.string(),
  staff: z.array(StationStaff),
  deputies: z.array(z.object({ deputyId: Id, name: z.string(), level: z.string(), levelZh: z.string(), constituency: z.string().nullable() })),
  upcoming: z.array(StationEvent),
  nextServiceDays: z.array(ServiceDay),
  calendarUrl: z.string(),
  submitUrl: z.string(),
});
