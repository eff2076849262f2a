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
  /** 0018: where reminders are emailed, when SMTP is configured. */
  email: string | null;
  /** 0019: where reminders go by text message, when an SMS gateway is configured. */
  mobile: string | null;
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

/** 0021: one counter per key for every rate limit (platform/rate.ts): the attempts of the window that ends at `until`. */
export interface RateCounterTable {
  key: string;
  until: string;
  n: number;
}

/** 0021: a login rate limit that was reached, as the office sees it (platform/auth/throttle.ts). */
export interface LoginLockTable {
  id: string;
  counter_key: string;
  kind: 'account_address' | 'address' | 'account' | 'device';
  username: string | null;
  user_id: string | null;
  congress_id: string | null;
  address: string | null;
  since: string;
  until: string;
  cleared_at: string | null;
  cleared_by: string | null;
}

/** 0021: a browser a member has logged in from (only the token's hash is kept). */
export interface LoginDeviceTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
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

/** A signed checkpoint of the chain's head (platform/audit-anchor.ts); the file outside the database is the anchor. */
export interface AuditCheckpointTable {
  seq: number;
  hash: string;
  at: string;
  key_id: string;
  signature: string;
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
/** A meetings row as read. */
export type MeetingRow = MeetingTable;

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

// Polls (0004). Who has voted and what was voted are kept apart (R-V8, polls/SECRECY.md).
export type PollKind = 'secret' | 'named' | 'analog' | 'mixed';
export type PollState = 'draft' | 'open' | 'closed' | 'announced';
export type VoteChoice = 'yes' | 'no' | 'abstain';
export interface PollTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  subject: string;
  kind: PollKind;
  en_bloc: number;
  state: PollState;
  analog_entered: number;
  result: string | null;
  created_at: string;
  created_by: string | null;
  opened_at: string | null;
  closed_at: string | null;
  announced_at: string | null;
}
export interface PollCandidateTable {
  id: string;
  congress_id: string;
  poll_id: string;
  position: number;
  person_id: string;
  name: string;
  act: string;
  post: string;
  oath_date: string | null;
  oath_note: string | null;
  oath_recorded_at: string | null;
  oath_recorded_by: string | null;
}
export interface PollVoterTable {
  congress_id: string;
  poll_id: string;
  person_id: string;
  channel: 'device' | 'teller';
  /** The teller's user id for a teller entry; null for a member's own ballot. */
  entered_by: string | null;
}
/** A ballot sealed under its poll's key (SECRECY.md): no member, no time, no order. */
export interface PollSealedBallotTable {
  congress_id: string;
  poll_id: string;
  id: string;
  sealed: string;
}
export interface PollTellerTable {
  congress_id: string;
  poll_id: string;
  user_id: string;
  designated_by: string | null;
  designated_at: string;
}
export interface PollDeviceFailureTable {
  congress_id: string;
  poll_id: string;
  person_id: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: string;
}
export interface PollTallyTable {
  congress_id: string;
  poll_id: string;
  candidate_key: string;
  choice: VoteChoice;
  n: number;
}
export interface PollNamedChoiceTable {
  congress_id: string;
  poll_id: string;
  person_id: string;
  candidate_key: string;
  choice: VoteChoice;
}

// 0006_deputies_opinions: deputies, liaison stations, citizens' opinions, duty register, calendar overrides.
export interface CalendarOverrideTable {
  congress_id: string;
  date: string;
  working: number;
  note: string | null;
  updated_at: string;
  updated_by: string | null;
}
export type DeputyLevel = 'national' | 'province' | 'city' | 'county' | 'township';
export interface DeputyTable {
  id: string;
  congress_id: string;
  person_id: string;
  level: DeputyLevel;
  term_id: string | null;
  term_label: string | null;
  constituency: string | null;
  delegation_group_id: string | null;
  occupation: string | null;
  status: 'active' | 'ended';
  start_date: string | null;
  end_date: string | null;
  end_reason: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  address_enc: string | null;
  created_at: string;
  updated_at: string;
}
export interface StationTable {
  id: string;
  congress_id: string;
  code: string;
  name: string;
  kind: 'station' | 'demonstration_point';
  district: string | null;
  township: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  hours: string | null;
  phone: string | null;
  intro: string | null;
  rules: string | null;
  annual_plan: string | null;
  process: string | null;
  online_guide: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}
export interface StationStaffTable {
  id: string;
  congress_id: string;
  station_id: string;
  name: string;
  role: 'head' | 'deputy_head' | 'liaison';
  duties: string | null;
  user_id: string | null;
  position: number;
  created_at: string;
}
export interface StationDeputyTable {
  congress_id: string;
  station_id: string;
  deputy_id: string;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
}
export interface StationEventTable {
  id: string;
  congress_id: string;
  station_id: string;
  kind: 'service_day' | 'themed_reception' | 'other';
  theme: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  mode: 'onsite' | 'online';
  status: 'planned' | 'held' | 'cancelled';
  announced_at: string;
  summary: string | null;
  visitors: number | null;
  sequence: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
}
export interface EventSignupTable {
  congress_id: string;
  event_id: string;
  deputy_id: string;
  signed_up_at: string;
  attended: number | null;
}
export interface DutyScoringTable {
  congress_id: string;
  kind: string;
  points: number;
  note: string | null;
  updated_at: string;
}
export interface DutyActivityTable {
  id: string;
  congress_id: string;
  deputy_id: string;
  kind: string;
  date: string;
  station_id: string | null;
  event_id: string | null;
  title: string;
  evidence: string;
  evaluation: string | null;
  points: number;
  recorded_by: string | null;
  created_at: string;
}
export type OpinionStatus = 'received' | 'answered' | 'explained' | 'to_route' | 'assigned' | 'replied' | 'rehandling' | 'evaluation' | 'closed';
export interface OpinionTable {
  id: string;
  congress_id: string;
  station_id: string | null;
  tracking_code: string;
  channel: 'online' | 'station' | 'deputy';
  name_enc: string | null;
  phone_enc: string | null;
  id_number_enc: string | null;
  phone_index: string | null;
  source_index: string | null;
  content: string;
  category: string | null;
  class: 'suggestion' | 'mass_opinion' | 'petition' | null;
  disposition: 'answer_on_spot' | 'explain_route' | 'forward' | null;
  route: 'litigation' | 'arbitration' | 'administrative_review' | 'petition' | null;
  answer: string | null;
  status: OpinionStatus;
  round: number;
  is_key: number;
  entered_by: string | null;
  deputy_id: string | null;
  received_on: string;
  routed_on: string | null;
  route_due: string | null;
  replied_on: string | null;
  feedback_due: string | null;
  closed_at: string | null;
  closure: 'answered' | 'explained' | 'satisfied' | 'no_feedback' | 'evaluated' | null;
  relayed_at: string | null;
  anonymized_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface OpinionDeputyTable {
  congress_id: string;
  opinion_id: string;
  deputy_id: string;
  role: 'lead' | 'cosigner';
  position: number;
}
export interface OpinionAssignmentTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  unit_id: string;
  role: 'lead' | 'co' | 'separate';
  round: number;
  assigned_on: string;
  decline_by: string;
  due_date: string;
  state: 'active' | 'replied' | 'declined' | 'withdrawn';
  declined_on: string | null;
  decline_reason: string | null;
  replied_on: string | null;
  extended: number;
  extension_note: string | null;
  created_at: string;
}
export interface OpinionReplyTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  assignment_id: string;
  unit_id: string;
  group_id: string;
  kind: 'reply' | 'co_view' | 'follow_up';
  round: number;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  text: string;
  recipient_deputy_id: string | null;
  status: 'draft' | 'issued';
  drafted_by: string | null;
  drafted_at: string;
  signed_by: string | null;
  signed_at: string | null;
}
export interface OpinionRatingTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  round: number;
  satisfied: number;
  reason: string | null;
  via: 'citizen' | 'deputy';
  by_user: string | null;
  rated_at: string;
}
export interface OpinionEventTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  at: string;
  kind: string;
  is_public: number;
  data: string;
}
export interface OpinionAttachmentTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  filename_enc: string;
  mime: string;
  size: number;
  created_at: string;
}
export interface OpinionAlertTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  assignment_id: string | null;
  unit_id: string | null;
  target_key: string;
  kind: 'due_soon' | 'overdue' | 'escalated' | 'route_overdue';
  due_date: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}
export interface UnitUserTable {
  congress_id: string;
  unit_id: string;
  user_id: string;
  is_head: number;
  created_at: string;
}
export interface RoutingCategoryTable {
  congress_id: string;
  category: string;
  lead_unit_id: string;
  co_unit_ids: string;
  updated_at: string;
}
export interface IntakeSettingsTable {
  congress_id: string;
  per_ip_per_hour: number;
  per_phone_per_day: number;
  retention_years: number;
  updated_at: string;
  /** 0013: online submissions need a phone verification code. */
  require_phone_verification?: number;
  /** 0021: verification codes per network address per hour, and per congress per day. */
  codes_per_ip_per_hour?: number;
  codes_per_day?: number;
}
export interface IntakeBlockTable {
  id: string;
  congress_id: string;
  kind: 'ip' | 'phone';
  value_index: string;
  note: string | null;
  until: string | null;
  created_at: string;
  created_by: string | null;
}

// Legislation (0005): works, expressions with their parsed trees, review opinions.
export interface LegislationWorkTable {
  id: string;
  congress_id: string;
  title: string;
  kind: 'regulation' | 'rules' | 'measures' | 'decision' | 'other';
  note: string | null;
  created_at: string;
  created_by: string | null;
  /** 0015: the regulation bill this work belongs to (bills module), if linked. */
  bill_id: string | null;
  /** 0020: the expression the bill's vote passed, when, and at which meeting. */
  passed_expression_id: string | null;
  passed_on: string | null;
  passed_meeting_id: string | null;
}
export interface LegislationExpressionTable {
  id: string;
  congress_id: string;
  work_id: string;
  seq: number;
  stage: 'draft' | 'revised_draft' | 'voting_draft' | 'published' | 'amendment' | 'other';
  label: string | null;
  title: string;
  source_format: 'text' | 'markdown' | 'docx';
  source_name: string | null;
  source_text: string;
  explanation: string | null;
  tree: string;
  findings: string;
  counts: string;
  created_at: string;
  created_by: string | null;
}
export interface LegislationReviewOpinionTable {
  id: string;
  congress_id: string;
  work_id: string;
  expression_id: string;
  anchor_eid: string;
  anchor_wid: string;
  anchor_cite: string;
  body_id: string | null;
  body_name: string;
  text: string;
  status: 'pending' | 'adopted' | 'not_adopted';
  reason: string | null;
  created_at: string;
  created_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
}
// Public consultation (0015): a draft open for comments over a period, and the comments.
export interface LegislationConsultationTable {
  id: string;
  congress_id: string;
  work_id: string;
  expression_id: string;
  title: string;
  note: string | null;
  opens_on: string;
  closes_on: string;
  closed_at: string | null;
  created_at: string;
  created_by: string | null;
}
export interface LegislationCommentTable {
  id: string;
  congress_id: string;
  consultation_id: string;
  anchor_eid: string;
  anchor_wid: string;
  article_eid: string;
  anchor_cite: string;
  display_name: string;
  phone_index: string;
  source_index: string;
  text: string;
  status: 'published' | 'hidden';
  hidden_reason: string | null;
  moderated_at: string | null;
  moderated_by: string | null;
  reply: string | null;
  replied_at: string | null;
  replied_by: string | null;
  created_at: string;
  // 0017: the quoted span within the anchor's text
  span_start: number | null;
  span_end: number | null;
  span_text: string | null;
  representative: number; // 0/1, marked by the drafters for the summary
}

// ---- 0007_bills_oversight ---------------------------------------------------------------------
export interface BillTable {
  id: string;
  congress_id: string;
  kind: string;
  title: string;
  proposer_type: 'council' | 'organ' | 'members';
  proposer_organ: string | null;
  state: string;
  target_meeting_id: string | null;
  submitted_on: string | null;
  deadline: string | null;
  late: number;
  late_override: number;
  committee: string | null;
  decision_note: string | null;
  materials: string;
  created_at: string;
  updated_at: string;
  // 0012_bills_followthrough
  agenda_item_id: string | null;
  poll_id: string | null;
  voted_on: string | null;
  presenter: string | null;
  presenter_post: string | null;
  presenter_role: string | null;
  presenter_mode: string | null;
  approved_on: string | null;
  approval_body: string | null;
  promulgated_on: string | null;
  announcement_no: string | null;
  /** 0019: bills explained together (R-B5) share this id; null when explained alone. */
  joint_explanation_id: string | null;
}
export interface BillCosignerTable {
  bill_id: string;
  congress_id: string;
  person_id: string;
  position: number;
  confirmed_at: string | null;
}
export interface BillActionTable {
  id: string;
  congress_id: string;
  bill_id: string;
  seq: number;
  date: string;
  organization: string;
  classification: string;
  description: string;
  created_at: string;
}
export interface InterpellationTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  target: string;
  target_name: string | null;
  question: string;
  content: string;
  state: string;
  route: string | null;
  committee: string | null;
  answer_mode: string | null;
  answer_text: string | null;
  answer_signed_by: string | null;
  answered_on: string | null;
  created_at: string;
  /** 0012: the handling unit that answers for the organ questioned. */
  unit_id: string | null;
}
export interface InterpellationSignerTable {
  interpellation_id: string;
  congress_id: string;
  person_id: string;
  position: number;
}
export interface RectificationItemTable {
  id: string;
  congress_id: string;
  report_id: string | null;
  title: string;
  unit: string | null;
  due_date: string;
  status: 'open' | 'in_progress' | 'rectified';
  rectified_on: string | null;
  created_at: string;
  updated_at: string;
}
export interface PostTable {
  id: string;
  congress_id: string;
  organ: string;
  title: string;
  single_holder: number;
  created_at: string;
}
export interface PostHoldingTable {
  id: string;
  congress_id: string;
  post_id: string;
  person_id: string;
  acting: number;
  start_date: string;
  end_date: string | null;
  appointed_act: string;
  appointed_meeting_id: string | null;
  removed_act: string | null;
  removed_meeting_id: string | null;
  created_at: string;
}
export interface OversightReportTable {
  id: string;
  congress_id: string;
  kind: string;
  title: string;
  organ: string;
  presenter: string | null;
  presenter_post: string | null;
  meeting_id: string | null;
  submitted_on: string;
  deadline: string | null;
  late: number;
  created_at: string;
  /** 0019: what the meeting did with it (R-O4), and a note (the resolution's title, the source). */
  outcome: string | null;
  outcome_note: string | null;
}
export interface OpinionLetterTable {
  id: string;
  congress_id: string;
  report_id: string | null;
  organ: string;
  opinions: string;
  sent_on: string;
  due_date: string;
  state: 'sent' | 'answered';
  answer_text: string | null;
  answered_on: string | null;
  created_at: string;
  /** 0012: the handling unit (a body) the letter is addressed to; its users see only their letters. */
  unit_id: string | null;
}

// ---- 0012_bills_followthrough -----------------------------------------------------------------
export interface BillReadingTable {
  id: string;
  congress_id: string;
  bill_id: string;
  seq: number;
  stage: 'first_deliberation' | 'legal_review' | 'further_reading';
  meeting_id: string | null;
  date: string;
  body: string;
  note: string | null;
  created_at: string;
}
export interface OutcomeDocumentTable {
  id: string;
  congress_id: string;
  bill_id: string | null;
  kind: 'resolution' | 'decision';
  series: string;
  year: number;
  number: number;
  doc_no: string;
  title: string;
  date: string;
  created_at: string;
}
export interface AppointmentStatementTable {
  id: string;
  congress_id: string;
  bill_id: string;
  name: string;
  meeting_id: string | null;
  date: string;
  summary: string | null;
  created_at: string;
}
export interface SpecialInquiryTable {
  id: string;
  congress_id: string;
  kind: 'inquiry' | 'evaluation';
  topic: string;
  proposer_type: 'council' | 'committee' | 'members' | 'deputies';
  proposer_name: string | null;
  signers: string;
  meeting_id: string | null;
  organs: string;
  state: 'proposed' | 'held' | 'opinions_sent' | 'reported';
  qa: string;
  opinions: string;
  due_date: string | null;
  report_text: string | null;
  reported_on: string | null;
  created_at: string;
}
export interface InvestigationCommitteeTable {
  id: string;
  congress_id: string;
  question: string;
  mandate: string;
  meeting_id: string | null;
  established_on: string;
  chair_id: string;
  members: string;
  state: 'established' | 'reported' | 'concluded';
  report_text: string | null;
  reported_on: string | null;
  resolution_bill_id: string | null;
  created_at: string;
}
export interface FollowupReminderTable {
  id: string;
  congress_id: string;
  target_key: string;
  kind: 'due_soon' | 'overdue';
  due_date: string;
  unit_id: string | null;
  organ: string | null;
  title: string;
  created_at: string;
}
/** 0018: a reminder sent beyond the app, once per recipient and channel. */
export interface ReminderDeliveryTable {
  id: string;
  congress_id: string;
  reminder_id: string;
  channel: 'email' | 'sms';
  recipient: string;
  status: 'sent' | 'failed';
  detail: string | null;
  created_at: string;
}
export interface FollowupResultTable {
  id: string;
  congress_id: string;
  parent_id: string | null;
  title: string;
  source_type: string | null;
  source_id: string | null;
  unit_id: string | null;
  due_date: string | null;
  progress: number;
  weight: number;
  created_at: string;
  updated_at: string;
}

// ---- 0010_search: search index, feed subscriptions, mail outbox (server/modules/search, publicdata)
export type SearchDocType = 'regulation' | 'gazette' | 'document' | 'opinion' | 'meeting';
export interface SearchDocumentTable {
  id: string;
  congress_id: string;
  type: SearchDocType;
  source_type: string;
  source_id: string;
  part_key: string;
  title: string;
  url: string;
  article_num: string | null;
  ordinal: number;
  body: string;
  title_tokens: string;
  body_tokens: string;
  year: number | null;
  body_name: string | null;
  meeting_id: string | null;
  meeting_title: string | null;
  published_on: string | null;
  updated_at: string;
}
export interface FeedSubscriptionTable {
  id: string;
  congress_id: string;
  /** Field-encrypted address (context feed_subscriptions.email:<id>). */
  email_enc: string;
  /** Blind index of the normalised address: the duplicate-subscription lookup. */
  email_index: string;
  kind: 'congress' | 'body' | 'search';
  body_id: string | null;
  query: string | null;
  confirm_hash: string;
  unsubscribe_hash: string;
  state: 'pending' | 'active' | 'ended';
  created_at: string;
  confirmed_at: string | null;
  ended_at: string | null;
  last_sent_at: string | null;
}
export interface MailOutboxTable {
  id: string;
  congress_id: string;
  /** Field-encrypted recipient (context mail_outbox.to:<id>). */
  to_enc: string;
  subject: string;
  text: string;
  /** Field-encrypted transport rendering or SMTP response (context mail_outbox.message:<id>). */
  message_enc: string;
  transport: 'smtp' | 'json';
  created_at: string;
}

// 0009_publication
export type MeetingTextKind = 'news' | 'speech' | 'report' | 'explanation' | 'review' | 'text' | 'resolution' | 'decision' | 'other';
export interface MeetingTextTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  kind: MeetingTextKind;
  title: string;
  body: string;
  position: number;
  source: string | null;
  created_at: string;
}
export interface GazetteTable {
  id: string;
  congress_id: string;
  meeting_id: string;
  version: number;
  front_matter: string;
  section_order: string | null;
  year: number | null;
  issue_no: number | null;
  issue_total: number | null;
  published_edition_id: string | null;
  created_at: string;
  updated_at: string;
}
export interface GazetteVersionTable {
  gazette_id: string;
  congress_id: string;
  version: number;
  front_matter: string;
  section_order: string | null;
  edited_by: string | null;
  edited_at: string;
}
export type GazetteBuildStatus = 'queued' | 'running' | 'done' | 'failed';
export interface GazetteBuildTable {
  id: string;
  congress_id: string;
  gazette_id: string;
  version: number;
  status: GazetteBuildStatus;
  progress: number;
  step: string | null;
  error_zh: string | null;
  error_en: string | null;
  edition_id: string | null;
  requested_by: string | null;
  created_at: string;
  finished_at: string | null;
}
export interface GazetteEditionTable {
  id: string;
  congress_id: string;
  gazette_id: string;
  edition: number;
  version: number;
  content: string;
  sha256: string;
  published_at: string;
  published_by: string | null;
}
export type AnnouncementKind = 'regulation' | 'decision' | 'appointment' | 'resolution' | 'other';
export interface AnnouncementTable {
  id: string;
  congress_id: string;
  term_id: string;
  meeting_id: string | null;
  kind: AnnouncementKind;
  title: string;
  body: string;
  number: number | null;
  state: 'draft' | 'published';
  published_at: string | null;
  created_at: string;
  created_by: string | null;
}

export interface Database {
  // 0010_search
  search_documents: SearchDocumentTable;
  feed_subscriptions: FeedSubscriptionTable;
  mail_outbox: MailOutboxTable;
  legislation_works: LegislationWorkTable;
  legislation_expressions: LegislationExpressionTable;
  legislation_review_opinions: LegislationReviewOpinionTable;
  legislation_consultations: LegislationConsultationTable;
  legislation_comments: LegislationCommentTable;
  congresses: CongressTable;
  terms: TermTable;
  bodies: BodyTable;
  people: PersonTable;
  memberships: MembershipTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  rate_counters: RateCounterTable;
  login_locks: LoginLockTable;
  login_devices: LoginDeviceTable;
  rules_profiles: RulesProfileTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointTable;
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
  polls: PollTable;
  poll_candidates: PollCandidateTable;
  poll_voters: PollVoterTable;
  poll_tallies: PollTallyTable;
  poll_sealed_ballots: PollSealedBallotTable;
  poll_tellers: PollTellerTable;
  poll_device_failures: PollDeviceFailureTable;
  poll_named_choices: PollNamedChoiceTable;
  // 0006_deputies_opinions
  calendar_overrides: CalendarOverrideTable;
  deputies: DeputyTable;
  stations: StationTable;
  station_staff: StationStaffTable;
  station_deputies: StationDeputyTable;
  station_events: StationEventTable;
  event_signups: EventSignupTable;
  duty_scoring: DutyScoringTable;
  duty_activities: DutyActivityTable;
  opinions: OpinionTable;
  opinion_deputies: OpinionDeputyTable;
  opinion_assignments: OpinionAssignmentTable;
  opinion_replies: OpinionReplyTable;
  opinion_ratings: OpinionRatingTable;
  opinion_events: OpinionEventTable;
  opinion_alerts: OpinionAlertTable;
  opinion_attachments: OpinionAttachmentTable;
  unit_users: UnitUserTable;
  routing_categories: RoutingCategoryTable;
  intake_settings: IntakeSettingsTable;
  intake_blocks: IntakeBlockTable;
  // 0007_bills_oversight
  bills: BillTable;
  bill_cosigners: BillCosignerTable;
  bill_actions: BillActionTable;
  interpellations: InterpellationTable;
  interpellation_signers: InterpellationSignerTable;
  rectification_items: RectificationItemTable;
  posts: PostTable;
  post_holdings: PostHoldingTable;
  oversight_reports: OversightReportTable;
  opinion_letters: OpinionLetterTable;
  // 0012_bills_followthrough
  bill_readings: BillReadingTable;
  outcome_documents: OutcomeDocumentTable;
  appointment_statements: AppointmentStatementTable;
  special_inquiries: SpecialInquiryTable;
  investigation_committees: InvestigationCommitteeTable;
  followup_results: FollowupResultTable;
  followup_reminders: FollowupReminderTable;
  // 0018_business_more
  reminder_deliveries: ReminderDeliveryTable;
  // 0013_opinion_feedback_phone
  opinion_feedbacks: OpinionFeedbackTable;
  phone_verifications: PhoneVerificationTable;
  // 0009_publication
  meeting_texts: MeetingTextTable;
  gazettes: GazetteTable;
  gazette_versions: GazetteVersionTable;
  gazette_builds: GazetteBuildTable;
  gazette_editions: GazetteEditionTable;
  announcements: AnnouncementTable;
}

// 0013_opinion_feedback_phone: the deputy's feedback to the citizen; phone verification codes.
export interface OpinionFeedbackTable {
  id: string;
  congress_id: string;
  opinion_id: string;
  round: number;
  deputy_id: string | null;
  by_user: string | null;
  method: 'phone' | 'visit' | 'sms' | 'letter' | 'at_station';
  contacted_on: string;
  note: string | null;
  created_at: string;
}
export interface PhoneVerificationTable {
  id: string;
  congress_id: string;
  phone_index: string;
  phone_masked: string;
  code_index: string;
  /** Kept (encrypted) only when no SMS provider delivers it: the office reads it to the citizen. */
  code_enc: string | null;
  via: 'sms' | 'office';
  attempts: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}
