import { type Kysely, sql } from 'kysely';

/**
 * Accounts a clinic can run (issue 15): deactivation, an admin's explicit clinician role, one
 * active login per patient, one-time links (invitations and password resets), login throttling
 * counters every server process shares, and a reason on audit events (care-team changes by an
 * admin, refusals).
 *
 * A database made before this migration may hold several logins for one patient (the flaw this
 * closes): the oldest stays active, the others are deactivated so the unique index can hold. An
 * admin already on a care team keeps that work, now through an explicit clinician role.
 */
const statements = [
  `alter table users add column deactivated_at timestamptz`,
  `alter table users add column clinician_role boolean not null default false`,
  `alter table users add constraint users_clinician_role_admin_only check (not clinician_role or role = 'admin')`,
  `update users set clinician_role = true
    where role = 'admin' and id in (select user_id from care_team)`,
  `update users set deactivated_at = now()
    where patient_id is not null and deactivated_at is null
      and id not in (select distinct on (patient_id) id from users
                      where patient_id is not null order by patient_id, created_at, id)`,
  `create unique index users_one_active_login_per_patient on users (patient_id)
    where patient_id is not null and deactivated_at is null`,
  `alter table audit_events add column reason text`,
  `create table account_links (
  id uuid primary key,
  kind text not null check (kind in ('invitation', 'reset')),
  token_hash text not null unique,
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'clinician', 'patient')),
  patient_id uuid references patients (id),
  user_id uuid references users (id),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  check ((role = 'patient') = (patient_id is not null)),
  check (kind = 'invitation' or user_id is not null)
)`,
  `create index account_links_patient on account_links (patient_id) where patient_id is not null`,
  `create table login_throttle (
  key text primary key,
  failures integer not null check (failures >= 0),
  last_failure_at timestamptz not null,
  next_attempt_at timestamptz not null
)`,
  `create index auth_sessions_user on auth_sessions (user_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
