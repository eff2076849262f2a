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
}
