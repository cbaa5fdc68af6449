import { type Kysely, sql } from 'kysely';

/**
 * Reminders (issue 18 item 2; docs/reminders.md): the patient's days and times and the clinic's
 * switch; the browsers the patient asked to be reminded in (Web Push subscriptions); the calendar
 * feed's secret, kept only as its SHA-256; the server's VAPID key pair; and the due reminders. A
 * due reminder is unique per patient and local occurrence, so no process enqueues one twice, and its
 * state moves pending → sending → sent|failed under row locks, so no two processes send it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table reminder_settings (
  patient_id uuid primary key references patients (id),
  clinic_enabled boolean not null default false,
  weekdays text not null default '' check (length(weekdays) <= 27),
  times text not null default '' check (length(times) <= 23),
  enqueued_through timestamptz,
  updated_at timestamptz not null,
  updated_by uuid not null references users (id)
)`.execute(db);
  await sql`create table push_subscriptions (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  endpoint text not null unique check (length(endpoint) between 1 and 2000),
  p256dh text not null check (length(p256dh) between 1 and 200),
  auth text not null check (length(auth) between 1 and 100),
  created_at timestamptz not null
)`.execute(db);
  await sql`create index push_subscriptions_patient on push_subscriptions (patient_id)`.execute(db);
  await sql`create table calendar_feed_links (
  patient_id uuid primary key references patients (id),
  token_sha256 text not null unique check (length(token_sha256) = 64),
  created_at timestamptz not null
)`.execute(db);
  await sql`create table push_vapid_keys (
  id integer primary key check (id = 1),
  public_key text not null,
  private_key text not null,
  created_at timestamptz not null
)`.execute(db);
  await sql`create table reminder_jobs (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  kind text not null check (kind in ('push')),
  occurrence text not null check (length(occurrence) = 16),
  run_at timestamptz not null,
  payload jsonb not null,
  state text not null check (state in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  locked_until timestamptz,
  sent_at timestamptz,
  failure text check (length(failure) <= 500),
  unique (patient_id, kind, occurrence)
)`.execute(db);
  await sql`create index reminder_jobs_due on reminder_jobs (state, run_at)`.execute(db);
}
