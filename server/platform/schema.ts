// Kysely table types. Portable choices: ids are text (random UUIDs), flags are integers (0/1),
// instants are ISO-8601 UTC text, local dates are 'YYYY-MM-DD' text, JSON is text.

export interface CongressTable {
  id: string;
  parent_id: string | null;
  level: 'national' | 'province' | 'city' | 'county' | 'township' | 'street';
  name: string;
  name_en: string | null;
  standing_committee_name: string | null;
  short_name: string | null;
  region: string | null;
  slug: string;
  created_at: string;
}

export interface TermTable {
  id: string;
  congress_id: string;
  number: number;
  start_date: string | null;
  end_date: string | null;
}

export interface BodyTable {
  id: string;
  congress_id: string;
  term_id: string | null;
  kind: BodyKind;
  name: string;
  parent_body_id: string | null;
  sort_order: number;
  created_at: string;
}
export type BodyKind =
  | 'standing_committee'
  | 'chairpersons_council'
  | 'special_committee'
  | 'working_organ'
  | 'delegation_group'
  | 'handling_unit'
  | 'external_organ';

export interface PersonTable {
  id: string;
  congress_id: string;
  name: string;
  gender: 'male' | 'female' | null;
  note: string | null;
  created_at: string;
}

export interface MembershipTable {
  id: string;
  congress_id: string;
  body_id: string;
  person_id: string;
  role: MembershipRole;
  rank: number;
  post: string | null;
  start_date: string | null;
  end_date: string | null;
}
export type MembershipRole = 'chair' | 'vice_chair' | 'secretary_general' | 'member' | 'head' | 'deputy_head' | 'staff';

export interface UserTable {
  id: string;
  username: string;
  person_id: string | null;
  home_congress_id: string | null;
  display_name: string;
  password_hash: string;
  is_superadmin: number;
  locked: number;
  totp_secret: string | null;
  totp_enabled: number;
  created_at: string;
  password_changed_at: string;
}

export interface RoleGrantTable {
  user_id: string;
  congress_id: string;
  role: string;
  granted_at: string;
}

export interface SessionTable {
  id: string; // SHA-256 of the token; the token itself is never stored
  user_id: string;
  kind: 'cookie' | 'bearer';
  csrf_token: string;
  created_at: string;
  expires_at: string;
  totp_enrollment_only: number;
  ip: string | null;
}

export interface LoginFailureTable {
  id: string;
  key: string;
  at: string;
}

export interface RulesProfileTable {
  congress_id: string;
  data: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  congress_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: string;
  alg: 'sha256' | 'sm3';
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface OutboxTable {
  id: string;
  created_at: string;
  congress_id: string | null;
  topic: string;
  payload: string;
  published: number;
}

export type MeetingKind = 'regular' | 'special' | 'chairpersons_council' | 'committee';
export type MeetingState = 'draft' | 'scheduled' | 'notified' | 'in_session' | 'closed';
export interface MeetingTable {
  id: string;
  congress_id: string;
  term_id: string | null;
  body_id: string | null;
  kind: MeetingKind;
  number: number | null;
  title: string;
  date: string;
  place: string | null;
  state: MeetingState;
  presiding_person_id: string | null;
  council_date: string | null;
  notified_at: string | null;
  opened_at: string | null;
  closed_at: string | null;
  video_allowed: number;
  checkin_code: string | null;
  current_agenda_item_id: string | null;
  created_at: string;
  // 0003_meeting_work
  series: string;
  end_date: string | null;
  is_public: number;
  schedule: string;
  attendee_scope: string | null;
  observer_seats: number;
  agenda_adopted_at: string | null;
  groups_state: 'none' | 'draft' | 'approved';
  groups_approved_by: string | null;
  groups_approved_at: string | null;
}

export type AgendaItemKind = 'briefing' | 'bill' | 'report' | 'resolution' | 'personnel' | 'other';
export interface AgendaItemTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  proposer: string | null;
  presenter: string | null;
  presenter_post: string | null;
  is_public: number;
  status: 'proposed' | 'adopted' | 'removed';
  outcome: 'pending' | 'heard' | 'deliberated' | 'passed' | 'failed' | 'withdrawn' | 'held';
  details: string;
  created_at: string;
}

export interface AttendanceTable {
  congress_id: string;
  meeting_id: string;
  person_id: string;
  status: 'present' | 'leave' | 'absent';
  mode: 'onsite' | 'video' | null;
  reason: string | null;
  recorded_at: string;
  recorded_by: string | null;
}

// 0003_meeting_work: the work of a meeting (server/modules/meetings).
export interface AgendaAdjustmentTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  action: 'add' | 'remove' | 'move';
  agenda_item_id: string | null;
  payload: string;
  reason: string | null;
  council_date: string;
  proposed_at: string;
  proposed_by: string | null;
  status: 'proposed' | 'approved' | 'rejected';
  decided_at: string | null;
  decided_by: string | null;
}

export interface MeetingDocumentTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: string;
  filename: string;
  mime: string;
  ext: string;
  size: number;
  sha256: string;
  position: number;
  uploaded_at: string;
  uploaded_by: string | null;
  distributed_at: string | null;
  removed_at: string | null;
}

export interface DocumentReadTable {
  congress_id: string;
  document_id: string;
  user_id: string;
  person_id: string | null;
  first_opened_at: string;
  last_opened_at: string;
  times: number;
}

export interface LeaveRequestTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  person_id: string;
  reason: string;
  phase: 'before' | 'during';
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  requested_at: string;
  requested_by: string | null;
  decided_at: string | null;
  decided_by_person_id: string | null;
  decision_note: string | null;
}

export interface MeetingAttendeeTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  category: 'mandatory' | 'invited';
  organ: string;
  name: string;
  post: string | null;
  position: number;
  created_at: string;
}

export interface ObserverRegistrationTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  name: string;
  id_hash: string;
  id_last4: string;
  phone: string;
  status: 'pending' | 'approved' | 'rejected';
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export interface MeetingGroupTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  name: string;
  position: number;
}

export interface MeetingGroupMemberTable {
  congress_id: string;
  group_id: string;
  meeting_id: string;
  person_id: string;
  position: number;
}

export interface MeetingSessionTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  kind: 'plenary' | 'group' | 'joint';
  title: string;
  date: string;
  starts_at: string | null;
  place: string | null;
  agenda_item_ids: string;
  position: number;
  created_at: string;
}

export interface SessionConvenerTable {
  congress_id: string;
  session_id: string;
  group_id: string;
  person_id: string;
  assigned_at: string;
}

export interface SpeakerTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  agenda_item_id: string;
  session_id: string | null;
  person_id: string;
  kind: 'registered' | 'adhoc';
  status: 'queued' | 'pending' | 'rejected' | 'speaking' | 'done' | 'withdrawn';
  position: number;
  speech_no: number;
  requested_at: string;
  requested_by: string | null;
  decided_by_person_id: string | null;
  decided_at: string | null;
  limit_seconds: number | null;
  started_at: string | null;
  ended_at: string | null;
}

export interface SpeechOpinionTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  agenda_item_id: string;
  speaker_id: string | null;
  person_id: string;
  text: string;
  created_at: string;
  recorded_by: string | null;
}

/** One person and one act of a meeting's personnel list; read by the polls module (R-V5). */
export interface PersonnelProposalTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  section: 'list' | 'decision';
  group_no: number;
  act: 'appoint' | 'decide_appoint' | 'remove' | 'decide_remove' | 'decide_acting' | 'accept_resignation' | 'dismiss' | 'recall';
  act_zh: string;
  person_id: string | null;
  person_name: string;
  gender: 'male' | 'female' | null;
  post: string;
  acting_post: string | null;
  doc_no: string | null;
  position: number;
  created_at: string;
}

export interface Database {
  congresses: CongressTable;
  terms: TermTable;
  bodies: BodyTable;
  people: PersonTable;
  memberships: MembershipTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  login_failures: LoginFailureTable;
  rules_profiles: RulesProfileTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  outbox: OutboxTable;
  meetings: MeetingTable;
  agenda_items: AgendaItemTable;
  attendance: AttendanceTable;
  agenda_adjustments: AgendaAdjustmentTable;
  meeting_documents: MeetingDocumentTable;
  document_reads: DocumentReadTable;
  leave_requests: LeaveRequestTable;
  meeting_attendees: MeetingAttendeeTable;
  observer_registrations: ObserverRegistrationTable;
  meeting_groups: MeetingGroupTable;
  meeting_group_members: MeetingGroupMemberTable;
  meeting_sessions: MeetingSessionTable;
  session_conveners: SessionConvenerTable;
  speakers: SpeakerTable;
  speech_opinions: SpeechOpinionTable;
  personnel_proposals: PersonnelProposalTable;
}
