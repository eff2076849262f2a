import { z } from 'zod';
import { Id, IsoDate } from './congress.ts';
import { PersonnelAct } from './profile.ts';

// The meetings API (议事规则 ch. 2, R-M1…R-M11; speaking R-V1). Field names follow the issue's
// contract for scripted clients: createMeeting {congressId, kind, number, date, title},
// recordAttendance {meetingId, personId, status, mode?}, getQuorum → {members, present, required, met}.

const Text = (max: number) => z.string().trim().min(1).max(max);
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Instant = z.string();

export const MeetingKind = z.enum(['regular', 'special', 'chairpersons_council', 'committee']);
export const MeetingState = z.enum(['draft', 'scheduled', 'notified', 'in_session', 'closed']);
export const AgendaItemKind = z.enum(['briefing', 'bill', 'report', 'resolution', 'personnel', 'other']);
export const AgendaItemOutcome = z.enum(['pending', 'heard', 'deliberated', 'passed', 'failed', 'withdrawn', 'held']);

/** A rule that is not met but does not block: shown to the office with the rule cited. */
export const RuleWarning = z.object({ code: z.string(), rule: z.string(), message_zh: z.string(), message_en: z.string() });
export type RuleWarning = z.infer<typeof RuleWarning>;

export const Quorum = z.object({
  members: z.number().int().describe('ALL members of the body (全体组成人员)'),
  present: z.number().int().describe('members present, on site or by video (R-M4)'),
  required: z.number().int().describe('the smallest number that makes a quorum (R-M3)'),
  met: z.boolean(),
  onLeave: z.number().int(),
  absent: z.number().int(),
  notRecorded: z.number().int(),
  video: z.number().int(),
  rule: z.string(),
});
export type Quorum = z.infer<typeof Quorum>;

export const ScheduleEntry = z.object({ date: IsoDate, time: LocalTime.optional(), text: Text(200) }).strict();

export const AgendaItem = z.object({
  id: Id,
  meetingId: Id,
  position: z.number().int(),
  kind: AgendaItemKind,
  title: z.string(),
  proposer: z.string().nullable(),
  presenter: z.string().nullable(),
  presenterPost: z.string().nullable(),
  isPublic: z.boolean(),
  status: z.enum(['proposed', 'adopted', 'removed']),
  outcome: AgendaItemOutcome,
  details: z.record(z.string(), z.unknown()),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Meeting = z.object({
  id: Id,
  congressId: Id,
  termId: Id.nullable(),
  termNumber: z.number().int().nullable(),
  bodyId: Id.nullable(),
  kind: MeetingKind,
  number: z.number().int().nullable(),
  title: z.string(),
  shortTitle: z.string(),
  date: IsoDate,
  endDate: IsoDate.nullable(),
  place: z.string().nullable(),
  state: MeetingState,
  isPublic: z.boolean(),
  presidingPersonId: Id.nullable(),
  presidingPersonName: z.string().nullable(),
  councilDate: IsoDate.nullable(),
  notifiedAt: Instant.nullable(),
  openedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  videoAllowed: z.boolean(),
  observerSeats: z.number().int(),
  schedule: z.array(ScheduleEntry),
  attendeeScope: z.string().nullable(),
  agendaAdoptedAt: Instant.nullable(),
  currentAgendaItemId: Id.nullable(),
  groupsState: z.enum(['none', 'draft', 'approved']),
});
export type Meeting = z.infer<typeof Meeting>;

/** getMeeting: the meeting with its agenda; the public sees public items only and no warnings. */
export const MeetingDetail = Meeting.extend({ agendaItems: z.array(AgendaItem), warnings: z.array(RuleWarning) });

export const CreateMeeting = z
  .object({
    congressId: Id,
    kind: MeetingKind,
    number: z.number().int().min(1).max(1000).optional().describe('within the term; the next free number when omitted'),
    date: IsoDate,
    title: Text(200).optional().describe('generated (鹤壁市第十二届人民代表大会常务委员会第六次会议) when omitted'),
    termId: Id.optional(),
    bodyId: Id.optional().describe('committee meetings: the special committee'),
    endDate: IsoDate.optional(),
    place: Text(200).optional(),
    videoAllowed: z.boolean().optional(),
    isPublic: z.boolean().optional(),
    observerSeats: z.number().int().min(0).max(1000).optional(),
    presidingPersonId: Id.optional(),
  })
  .strict();

export const UpdateMeeting = z
  .object({
    date: IsoDate.optional(),
    endDate: IsoDate.nullable().optional(),
    title: Text(200).optional(),
    place: Text(200).nullable().optional(),
    videoAllowed: z.boolean().optional(),
    isPublic: z.boolean().optional(),
    observerSeats: z.number().int().min(0).max(1000).optional(),
    schedule: z.array(ScheduleEntry).max(100).optional(),
    attendeeScope: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();

/** R-M5: the chairperson's council fixed date, agenda, schedule and attendee scope. */
export const ScheduleMeeting = z
  .object({
    councilDate: IsoDate,
    schedule: z.array(ScheduleEntry).max(100).optional(),
    attendeeScope: z.string().trim().max(2000).optional(),
    endDate: IsoDate.optional(),
    videoAllowed: z.boolean().optional().describe('R-M4: the council allows video attendance'),
  })
  .strict();

export const SetPresiding = z.object({ personId: Id }).strict();
export const TransitionResult = z.object({ meeting: MeetingDetail, warnings: z.array(RuleWarning) });

export const MeetingParams = z.object({ meetingId: Id }).strict();
export const ListMeetingsQuery = z.object({ kind: MeetingKind.optional(), state: MeetingState.optional(), termId: Id.optional() }).strict();

// Agenda (R-M5, R-M10)
export const CreateAgendaItem = z
  .object({
    kind: AgendaItemKind,
    title: Text(300),
    proposer: Text(200).optional(),
    presenter: Text(100).optional(),
    presenterPost: Text(200).optional(),
    isPublic: z.boolean().optional(),
    position: z.number().int().min(1).max(1000).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export const UpdateAgendaItem = z
  .object({
    kind: AgendaItemKind.optional(),
    title: Text(300).optional(),
    proposer: Text(200).nullable().optional(),
    presenter: Text(100).nullable().optional(),
    presenterPost: Text(200).nullable().optional(),
    isPublic: z.boolean().optional().describe('R-M10: the council may withhold an item from the public'),
    position: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export const ItemParams = z.object({ meetingId: Id, itemId: Id }).strict();
export const SetOutcome = z.object({ outcome: AgendaItemOutcome }).strict();
export const SetCurrentItem = z.object({ agendaItemId: Id.nullable() }).strict();

export const ProposeAdjustment = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('add'), item: CreateAgendaItem.omit({ position: true }), position: z.number().int().min(1).max(1000).optional(), councilDate: IsoDate, reason: Text(500).optional() }).strict(),
    z.object({ action: z.literal('remove'), agendaItemId: Id, councilDate: IsoDate, reason: Text(500).optional() }).strict(),
    z.object({ action: z.literal('move'), agendaItemId: Id, position: z.number().int().min(1).max(1000), councilDate: IsoDate, reason: Text(500).optional() }).strict(),
  ]);
export const AgendaAdjustment = z.object({
  id: Id,
  meetingId: Id,
  action: z.enum(['add', 'remove', 'move']),
  agendaItemId: Id.nullable(),
  payload: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  councilDate: IsoDate,
  proposedAt: Instant,
  status: z.enum(['proposed', 'approved', 'rejected']),
  decidedAt: Instant.nullable(),
});
export const DecideAdjustment = z.object({ approved: z.boolean() }).strict();
export const AdjustmentParams = z.object({ meetingId: Id, adjustmentId: Id }).strict();

// Documents
export const MeetingDocument = z.object({
  id: Id,
  meetingId: Id,
  agendaItemId: Id.nullable(),
  title: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: Instant,
  distributedAt: Instant.nullable(),
  opened: z.boolean().optional().describe('whether the caller has opened it'),
  readers: z.number().int().optional().describe('office: how many have opened it'),
});
export const DocumentParams = z.object({ meetingId: Id, documentId: Id }).strict();
export const DistributeDocuments = z.object({ documentIds: z.array(Id).min(1).max(500).optional() }).strict();
export const DocumentRead = z.object({ personId: Id.nullable(), name: z.string(), role: z.string().nullable(), openedAt: Instant.nullable(), times: z.number().int() });

// Attendance (R-M3, R-M4, R-M6)
export const AttendanceStatus = z.enum(['present', 'leave', 'absent']);
export const AttendanceMode = z.enum(['onsite', 'video']);
export const RecordAttendance = z
  .object({
    meetingId: Id.optional().describe('the same as the path; accepted for scripted clients'),
    personId: Id,
    status: AttendanceStatus,
    mode: AttendanceMode.optional(),
    reason: Text(300).optional(),
    code: z.string().trim().max(32).optional().describe('a member signing in themself: the meeting’s sign-in code'),
  })
  .strict();
export const AttendanceRecord = z.object({
  personId: Id,
  name: z.string(),
  role: z.string(),
  roleZh: z.string(),
  status: z.union([AttendanceStatus, z.literal('not_recorded')]),
  mode: AttendanceMode.nullable(),
  reason: z.string().nullable(),
  recordedAt: Instant.nullable(),
});
export const CheckIn = z.object({ code: z.string().trim().min(4).max(32), mode: AttendanceMode.optional() }).strict();
export const CheckInCode = z.object({ code: z.string(), qrSvg: z.string(), qrDataUrl: z.string() });

export const AttendanceReport = Quorum.extend({
  meetingId: Id,
  title: z.string(),
  leave: z.array(z.object({ personId: Id, name: z.string(), reason: z.string().nullable() })),
  absentees: z.array(z.object({ personId: Id, name: z.string() })),
  notRecordedList: z.array(z.object({ personId: Id, name: z.string() })),
  summary_zh: z.string(),
  summary_en: z.string(),
});

/** The gazette's 出缺席人员名单: present by role, then on leave (seed L2332–L2352). */
export const AttendanceList = z.object({
  title: z.string(),
  present: z.array(z.object({ label: z.string(), names: z.array(z.string()) })),
  onLeave: z.array(z.string()),
  absent: z.array(z.string()),
  text: z.string(),
});

export const RequestLeave = z.object({ personId: Id.optional().describe('office filing for a member; a member omits it'), reason: Text(500) }).strict();
export const LeaveRequest = z.object({
  id: Id,
  meetingId: Id,
  personId: Id,
  name: z.string(),
  reason: z.string(),
  phase: z.enum(['before', 'during']),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  requestedAt: Instant,
  decidedAt: Instant.nullable(),
  decidedByPersonId: Id.nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const DecideLeave = z.object({ approve: z.boolean(), note: Text(500).optional() }).strict();
export const LeaveParams = z.object({ meetingId: Id, requestId: Id }).strict();

// Non-voting attendees (R-M7) and citizen observers (R-M8)
export const AttendeeCategory = z.enum(['mandatory', 'invited']);
export const CreateAttendee = z.object({ category: AttendeeCategory, organ: Text(100), name: Text(50), post: Text(200).optional() }).strict();
export const Attendee = z.object({ id: Id, category: AttendeeCategory, organ: z.string(), name: z.string(), post: z.string().nullable(), position: z.number().int() });
export const AttendeeParams = z.object({ meetingId: Id, attendeeId: Id }).strict();
export const AttendeeList = z.object({ title: z.string(), groups: z.array(z.object({ organ: z.string(), category: AttendeeCategory, names: z.array(z.string()) })), text: z.string() });

export const RegisterObserver = z
  .object({
    name: Text(50),
    idNumber: z.string().trim().min(1).max(30).describe('居民身份证号码; only a hash and the last 4 are kept'),
    phone: z.string().trim().min(1).max(30),
  })
  .strict();
export const ObserverRegistration = z.object({
  id: Id,
  name: z.string(),
  idLast4: z.string(),
  phone: z.string().optional(),
  status: z.enum(['pending', 'approved', 'rejected']),
  createdAt: Instant,
  decidedAt: Instant.nullable(),
});
export const ObserverReceipt = z.object({ id: Id, status: z.enum(['pending', 'approved', 'rejected']), seats: z.number().int(), approved: z.number().int() });
export const ObserverSeats = z.object({ open: z.boolean(), seats: z.number().int(), approved: z.number().int(), available: z.number().int() });
export const DecideObserver = z.object({ approve: z.boolean() }).strict();
export const ObserverParams = z.object({ meetingId: Id, registrationId: Id }).strict();

// Sessions, groups and speakers (R-M9, R-V1)
export const SessionKind = z.enum(['plenary', 'group', 'joint']);
export const CreateSession = z
  .object({
    kind: SessionKind,
    title: Text(200).optional(),
    date: IsoDate,
    startsAt: LocalTime.optional(),
    place: Text(200).optional(),
    agendaItemIds: z.array(Id).max(100).optional(),
  })
  .strict();
export const Session = z.object({
  id: Id,
  kind: SessionKind,
  title: z.string(),
  date: IsoDate,
  startsAt: z.string().nullable(),
  place: z.string().nullable(),
  agendaItemIds: z.array(Id),
  position: z.number().int(),
  conveners: z.array(z.object({ groupId: Id, groupName: z.string(), personId: Id, name: z.string() })),
});
export const DraftGroups = z
  .object({ groups: z.array(z.object({ name: Text(50), memberIds: z.array(Id).min(1).max(200) }).strict()).min(1).max(20) })
  .strict();
export const Groups = z.object({
  state: z.enum(['none', 'draft', 'approved']),
  approvedByPersonId: Id.nullable(),
  approvedAt: Instant.nullable(),
  groups: z.array(z.object({ id: Id, name: z.string(), position: z.number().int(), members: z.array(z.object({ personId: Id, name: z.string() })) })),
});

export const RegisterSpeaker = z.object({ agendaItemId: Id, personId: Id.optional(), sessionId: Id.optional() }).strict();
export const Speaker = z.object({
  id: Id,
  agendaItemId: Id,
  sessionId: Id.nullable(),
  personId: Id,
  name: z.string(),
  kind: z.enum(['registered', 'adhoc']),
  status: z.enum(['queued', 'pending', 'rejected', 'speaking', 'done', 'withdrawn']),
  position: z.number().int(),
  speechNo: z.number().int(),
  limitSeconds: z.number().int().nullable(),
  startedAt: Instant.nullable(),
  endedAt: Instant.nullable(),
  elapsedSeconds: z.number().int().nullable(),
  overrun: z.boolean(),
});
export const SpeakerQueue = z.object({ serverTime: Instant, speakers: z.array(Speaker) });
export const OrderSpeakers = z.object({ agendaItemId: Id, order: z.array(Id).min(1).max(500) }).strict();
export const DecideSpeaker = z.object({ approve: z.boolean() }).strict();
export const SpeakerParams = z.object({ meetingId: Id, speakerId: Id }).strict();
export const SpeakersQuery = z.object({ agendaItemId: Id.optional() }).strict();

export const RecordOpinion = z.object({ agendaItemId: Id, personId: Id, text: Text(5000), speakerId: Id.optional() }).strict();
export const Opinion = z.object({ id: Id, agendaItemId: Id, personId: Id, name: z.string(), speakerId: Id.nullable(), text: z.string(), createdAt: Instant });

// Personnel list (R-V5): one row per person and act, voted person by person by the polls module.
export const PersonnelSection = z.enum(['list', 'decision']);
export const CreatePersonnelProposal = z
  .object({
    section: PersonnelSection.optional(),
    group: z.number().int().min(0).max(20).optional(),
    act: PersonnelAct,
    personName: Text(50),
    personId: Id.optional(),
    gender: z.enum(['male', 'female']).optional(),
    post: Text(200),
    actingPost: Text(200).optional(),
    docNo: Text(100).optional(),
    agendaItemId: Id.optional(),
  })
  .strict();
export const PersonnelProposal = z.object({
  id: Id,
  meetingId: Id,
  agendaItemId: Id.nullable(),
  section: PersonnelSection,
  group: z.number().int(),
  act: PersonnelAct,
  actZh: z.string(),
  personId: Id.nullable(),
  personName: z.string(),
  gender: z.enum(['male', 'female']).nullable(),
  post: z.string(),
  actingPost: z.string().nullable(),
  docNo: z.string().nullable(),
  position: z.number().int(),
});
