import type { ColumnType, Generated } from 'kysely';
import { ROLES, type Role } from '../clinic/record/care-team.ts';
import type { CorrectableKind, CorrectionAction, EntryStatus } from '../clinic/record/correction.ts';
import { PROGRAMME_STATUSES, type ProgrammeStatus } from '../clinic/record/programme.ts';
import { SESSION_KINDS, type SessionKind } from '../clinic/record/session.ts';

/**
 * The tables of Myotrophy's system of record, as the query layer sees them. Migrations in
 * ./migrations create exactly these; identical SQL on PGlite and PostgreSQL.
 *
 * Conventions: ids are UUIDs made by the application; times are `timestamptz` (read as Date);
 * calendar dates are `date` (read as 'YYYY-MM-DD' strings); measured quantities are
 * `double precision`; structured clinical bodies are `jsonb` (written as JSON text).
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in when the insert leaves it out. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;
type CalendarDate = ColumnType<string, string, string>;
/** A correctable row's status and the row it amends (migration 0009; docs/corrections.md). */
interface Versioned {
  status: ColumnType<EntryStatus, EntryStatus | undefined, EntryStatus>;
  replaces_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * The clinic a row belongs to (migration 0017; docs/tenancy.md): filled in from the request's clinic
 * when an insert leaves it out, never changed.
 */
type ClinicId = ColumnType<string, string | undefined, never>;

/** The enumerations are the record's (src/clinic/record); the columns hold their values. */
export type { ProgrammeStatus, Role, SessionKind };
export { PROGRAMME_STATUSES, ROLES, SESSION_KINDS };

export interface UsersTable {
  clinic_id: ClinicId;
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  patient_id: string | null;
  created_at: DefaultTimestamp;
  /** Set while the account may not log in; its sessions end when it is set. */
  deactivated_at: Timestamp | null;
  /** An admin who also explicitly holds the clinician role (only admins; clinicians have it by role). */
  clinician_role: ColumnType<boolean, boolean | undefined, boolean>;
  /** IANA time zone; 'UTC' unless set (migration 0007). */
  time_zone: ColumnType<string, string | undefined, string>;
}

export const ACCOUNT_LINK_KINDS = ['invitation', 'reset'] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];

/** One-time links: an invitation to create an account, or a password reset; only the token's hash is kept. */
export interface AccountLinksTable {
  clinic_id: ClinicId;
  id: string;
  kind: AccountLinkKind;
  token_hash: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  /** reset: the account; invitation: the account it created, once used. */
  user_id: string | null;
  /** Who made the link; null from the command line. */
  created_by: string | null;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Failed-login counters, one row per key ('account:EMAIL' or 'ip:ADDRESS'), shared by every server process. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  next_attempt_at: Timestamp;
}

/** One request-rate limit key and its current window (shared by every server process). */
export interface RateLimitCountersTable {
  key: string;
  hits: number;
  window_started_at: Timestamp;
  window_ms: number;
}

/** One periodic maintenance job's run for one period (committed with the job's work). */
export interface ScheduledRunsTable {
  job: string;
  period_start: Timestamp;
  started_at: Timestamp;
  finished_at: Timestamp;
  outcome: Json;
}

export interface AuthSessionsTable {
  id: string;
  /** SHA-256 of the bearer/cookie token; the token itself is never stored. */
  token_hash: string;
  csrf_token: string;
  user_id: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
}

export interface PatientsTable {
  clinic_id: ClinicId;
  id: string;
  name: string;
  birth_date: CalendarDate | null;
  sex: string | null;
  /** IANA time zone; 'UTC' unless set (migration 0007). */
  time_zone: ColumnType<string, string | undefined, string>;
  /** The language the patient reads Myotrophy in; 'en' unless set (migration 0016). */
  language: ColumnType<string, string | undefined, string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  created_by: string;
}

export interface CareTeamTable {
  clinic_id: ClinicId;
  patient_id: string;
  user_id: string;
  added_at: DefaultTimestamp;
  added_by: string;
}

export interface ConditionsTable extends Versioned {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  icd10_code: string;
  title: string;
  site: string | null;
  side: string | null;
  cause: string | null;
  onset_date: CalendarDate | null;
  immobilised_from: CalendarDate | null;
  immobilised_to: CalendarDate | null;
  recorded_at: DefaultTimestamp;
  recorded_by: string;
}

export interface ScreeningsTable extends Versioned {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  screened_at: Timestamp;
  answers: Json;
  electrode_sites: Json;
  red_flag_findings: Json;
  result: Json;
  recorded_by: string;
}

export interface MeasurementsTable extends Versioned {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  kind: string;
  site: string | null;
  side: string | null;
  value: number;
  unit: string;
  measured_at: Timestamp;
  note: string | null;
  recorded_by: string;
}

export interface SdTestsTable extends Versioned {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  site: string | null;
  side: string | null;
  tested_at: Timestamp;
  points: Json;
  rheobase_ma: number | null;
  chronaxie_ms: number | null;
  innervation: string | null;
  fit: Json;
  recorded_by: string;
}

export interface IdentifiedModelsTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  identified_at: Timestamp;
  recording_sha256: string;
  recording: Json;
  model_id: string;
  model: Json;
  summary: Json;
  recorded_by: string;
}

export interface ProgrammesTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  version: number;
  status: ProgrammeStatus;
  body: Json;
  safety: Json;
  supersedes_id: string | null;
  created_at: DefaultTimestamp;
  created_by: string;
  approved_at: Timestamp | null;
  approved_by: string | null;
  ended_at: Timestamp | null;
}

export interface SessionsTable extends Versioned {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  programme_id: string | null;
  kind: SessionKind;
  started_at: Timestamp;
  minutes: number;
  peak_intensity_ma: number | null;
  comfort: number | null;
  pain: number | null;
  completed: boolean;
  notes: string | null;
  recorded_at: DefaultTimestamp;
  recorded_by: string;
  /** The client's Idempotency-Key for the request that logged it, unique per patient. */
  client_key: string | null;
  /** The evoked force reached (EvokedForceRecord as JSON), where recorded. */
  evoked_force: ColumnType<unknown, string | null | undefined, string | null>;
  /** How the session player delivered it (SessionDelivery as JSON), where it logged it. */
  delivery: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface NotesTable extends Versioned {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  author_id: string;
  text: string;
  created_at: DefaultTimestamp;
}

export interface AuditEventsTable {
  id: Generated<string>;
  at: DefaultTimestamp;
  user_id: string | null;
  action: string;
  resource: string;
  record_id: string | null;
  patient_id: string | null;
  ip: string | null;
  user_agent: string | null;
  /** Why: the reason an admin gave for a care-team change, or why a request was refused. */
  reason: string | null;
  /** The event's place in the audit chain, the previous event's hash and its own (set by a trigger). */
  seq: Generated<string>;
  prev_hash: Generated<string>;
  hash: Generated<string>;
  /** The clinic the event happened in (default: the request's); null for instance-level events. */
  clinic_id: ColumnType<string | null, string | null | undefined, never>;
}

/** The audit chain's last event: how many there are and the newest hash. One row. */
export interface AuditChainHeadTable {
  one: Generated<boolean>;
  seq: string;
  hash: string;
}

export interface RedFlagResolutionsTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  flag_key: string;
  note: string;
  resolved_at: Timestamp;
  resolved_by: string;
}

/** Every amendment and entered-in-error, with its reason (migration 0009). */
export interface RecordCorrectionsTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  record_kind: CorrectableKind;
  record_id: string;
  action: CorrectionAction;
  replacement_id: string | null;
  reason: string;
  corrected_by: string;
  corrected_at: Timestamp;
}

/** When a patient is asked to fill in each questionnaire (migration 0010). */
export interface QuestionnaireSchedulesTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  questionnaire: string;
  baseline_date: CalendarDate;
  every_weeks: number;
  set_at: Timestamp;
  set_by: string;
}

/** The patient's answers to a questionnaire, item by item, and their score (migration 0014). */
export interface QuestionnaireResponsesTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  questionnaire: string;
  answered_at: Timestamp;
  answers: Json;
  score: number;
  measurement_id: string | null;
  recorded_by: string;
  client_key: string | null;
}

/** A FHIR Bulk Data export (migration 0011; docs/bulk-export.md). */
export interface BulkExportJobsTable {
  clinic_id: ClinicId;
  id: string;
  requested_by: string;
  requested_at: Timestamp;
  request_url: string;
  /** The clinician whose caseload is the exported Group; null for the whole clinic the requester sees. */
  group_id: string | null;
  /** The resource types asked for (`_type`), comma-separated; empty for every type. */
  resource_types: string;
  status: 'in-progress' | 'completed' | 'failed';
  cursor_patient_id: string | null;
  patients_done: ColumnType<number, number | undefined, number>;
  patients_total: number;
  lease_until: Timestamp | null;
  finished_at: Timestamp | null;
  failure: string | null;
  /** `_since`: only what changed after it (migration 0019). */
  since: Timestamp | null;
  /** The `_typeFilter` queries honoured, as a JSON array of strings. */
  type_filters: ColumnType<string, string | undefined, string>;
  /** The database clock at kick-off: the export holds the changes up to it. */
  transaction_time: Timestamp | null;
  /** The export starts once every transaction with an id below this one has ended. */
  settled_xid: string | null;
}

/** The ndjson lines of one resource type written for one batch of patients. */
export interface BulkExportChunksTable {
  clinic_id: ClinicId;
  job_id: string;
  resource_type: string;
  seq: number;
  line_count: number;
  ndjson: string;
}

/** A patient's reminder days and times, and the clinic's switch (migration 0015; docs/reminders.md). */
export interface ReminderSettingsTable {
  clinic_id: ClinicId;
  patient_id: string;
  clinic_enabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** Weekdays (mon … sun), comma-separated in week order. */
  weekdays: ColumnType<string, string | undefined, string>;
  /** Local times HH:MM, comma-separated, earliest first. */
  times: ColumnType<string, string | undefined, string>;
  /** Reminders up to this instant are in reminder_jobs; null when they must be worked out again. */
  enqueued_through: Timestamp | null;
  updated_at: Timestamp;
  updated_by: string;
}

/** A browser the patient asked to be reminded in (a Web Push subscription). */
export interface PushSubscriptionsTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: Timestamp;
}

/** The patient's calendar feed link: only the SHA-256 of its secret is kept. */
export interface CalendarFeedLinksTable {
  clinic_id: ClinicId;
  patient_id: string;
  token_sha256: string;
  created_at: Timestamp;
}

/** The server's VAPID key pair (one row), made on first use. */
export interface PushVapidKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: Timestamp;
}

/** A reminder due to be sent: one per patient, kind and local occurrence. */
export interface ReminderJobsTable {
  clinic_id: ClinicId;
  id: string;
  patient_id: string;
  kind: 'push';
  /** The local day and time, 'YYYY-MM-DDTHH:MM' in the patient's zone. */
  occurrence: string;
  run_at: Timestamp;
  payload: Json;
  state: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  sent_at: Timestamp | null;
  failure: string | null;
}

/** The clinics this instance serves: each tenant table's rows belong to one (migration 0017). */
export interface ClinicsTable {
  id: string;
  name: string;
  created_at: DefaultTimestamp;
  /** The clinic's contact for its patients (migration 0020); null when not given. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  email: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Schema {
  clinics: ClinicsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  patients: PatientsTable;
  care_team: CareTeamTable;
  conditions: ConditionsTable;
  screenings: ScreeningsTable;
  measurements: MeasurementsTable;
  sd_tests: SdTestsTable;
  identified_models: IdentifiedModelsTable;
  programmes: ProgrammesTable;
  sessions: SessionsTable;
  notes: NotesTable;
  record_corrections: RecordCorrectionsTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  account_links: AccountLinksTable;
  login_throttle: LoginThrottleTable;
  rate_limit_counters: RateLimitCountersTable;
  scheduled_runs: ScheduledRunsTable;
  red_flag_resolutions: RedFlagResolutionsTable;
  questionnaire_schedules: QuestionnaireSchedulesTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  bulk_export_jobs: BulkExportJobsTable;
  bulk_export_chunks: BulkExportChunksTable;
  reminder_settings: ReminderSettingsTable;
  push_subscriptions: PushSubscriptionsTable;
  calendar_feed_links: CalendarFeedLinksTable;
  push_vapid_keys: PushVapidKeysTable;
  reminder_jobs: ReminderJobsTable;
}
