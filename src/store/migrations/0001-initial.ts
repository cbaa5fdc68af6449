import { type Kysely, sql } from 'kysely';

/** The first schema: accounts, patients, care teams, clinical records, sessions, notes, audit. */
const statements = [
  `create table patients (
  id uuid primary key,
  name text not null,
  birth_date date,
  sex text check (sex in ('female', 'male', 'other')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid not null
)`,
  `create table users (
  id uuid primary key,
  email text not null unique,
  name text not null,
  role text not null check (role in ('admin', 'clinician', 'patient')),
  password_hash text not null,
  patient_id uuid references patients (id),
  created_at timestamptz not null default now(),
  check ((role = 'patient') = (patient_id is not null))
)`,
  `create table auth_sessions (
  id uuid primary key,
  token_hash text not null unique,
  csrf_token text not null,
  user_id uuid not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text
)`,
  `create table care_team (
  patient_id uuid not null references patients (id),
  user_id uuid not null references users (id),
  added_at timestamptz not null default now(),
  added_by uuid not null references users (id),
  primary key (patient_id, user_id)
)`,
  `create index care_team_user on care_team (user_id)`,
  `create table conditions (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  icd10_code text not null,
  title text not null,
  site text,
  side text,
  cause text,
  onset_date date,
  immobilised_from date,
  immobilised_to date,
  recorded_at timestamptz not null default now(),
  recorded_by uuid not null references users (id)
)`,
  `create index conditions_patient on conditions (patient_id, recorded_at)`,
  `create table screenings (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  screened_at timestamptz not null,
  answers jsonb not null,
  electrode_sites jsonb not null,
  red_flag_findings jsonb not null,
  result jsonb not null,
  recorded_by uuid not null references users (id)
)`,
  `create index screenings_patient on screenings (patient_id, screened_at)`,
  `create table measurements (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  kind text not null,
  site text,
  side text,
  value double precision not null,
  unit text not null,
  measured_at timestamptz not null,
  note text,
  recorded_by uuid not null references users (id)
)`,
  `create index measurements_patient on measurements (patient_id, measured_at)`,
  `create table sd_tests (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  site text,
  side text,
  tested_at timestamptz not null,
  points jsonb not null,
  rheobase_ma double precision,
  chronaxie_ms double precision,
  innervation text,
  fit jsonb not null,
  recorded_by uuid not null references users (id)
)`,
  `create index sd_tests_patient on sd_tests (patient_id, tested_at)`,
  `create table programmes (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  version integer not null,
  status text not null check (status in ('draft', 'approved', 'ended')),
  body jsonb not null,
  safety jsonb not null,
  supersedes_id uuid references programmes (id),
  created_at timestamptz not null default now(),
  created_by uuid not null references users (id),
  approved_at timestamptz,
  approved_by uuid references users (id),
  ended_at timestamptz,
  unique (patient_id, version)
)`,
  `create unique index programmes_one_approved on programmes (patient_id) where status = 'approved'`,
  `create table sessions (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  programme_id uuid references programmes (id),
  kind text not null check (kind in ('stimulation', 'exercise')),
  started_at timestamptz not null,
  minutes double precision not null check (minutes >= 0),
  peak_intensity_ma double precision check (peak_intensity_ma >= 0),
  comfort smallint check (comfort between 0 and 10),
  pain smallint check (pain between 0 and 10),
  completed boolean not null,
  notes text,
  recorded_at timestamptz not null default now(),
  recorded_by uuid not null references users (id)
)`,
  `create index sessions_patient on sessions (patient_id, started_at)`,
  `create table notes (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  author_id uuid not null references users (id),
  text text not null,
  created_at timestamptz not null default now()
)`,
  `create index notes_patient on notes (patient_id, created_at)`,
  `create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  user_id uuid,
  action text not null,
  resource text not null,
  record_id text,
  patient_id uuid,
  ip text,
  user_agent text
)`,
  `create index audit_events_at on audit_events (at)`,
  `create index audit_events_patient on audit_events (patient_id, at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
