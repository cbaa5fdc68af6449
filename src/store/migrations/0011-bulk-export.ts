import { type Kysely, sql } from 'kysely';

/**
 * FHIR Bulk Data export (issue 19 item 4; docs/bulk-export.md): a job per $export kick-off, and its
 * output as ndjson chunks in the database. A chunk is the lines of one resource type written for
 * one batch of patients, committed in the same transaction as the job's cursor (the last patient
 * exported), so a job resumed after a restart continues exactly where the last commit left it.
 * The lease names until when a server process is working on the job; another process takes over
 * a job whose lease ran out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table bulk_export_jobs (
  id uuid primary key,
  requested_by uuid not null references users (id),
  requested_at timestamptz not null,
  request_url text not null check (length(request_url) between 1 and 2000),
  group_id uuid references users (id),
  resource_types text not null check (length(resource_types) <= 2000),
  status text not null check (status in ('in-progress', 'completed', 'failed')),
  cursor_patient_id uuid,
  patients_done integer not null default 0 check (patients_done >= 0),
  patients_total integer not null check (patients_total >= 0),
  lease_until timestamptz,
  finished_at timestamptz,
  failure text check (length(failure) <= 2000)
)`.execute(db);
  await sql`create index bulk_export_jobs_status on bulk_export_jobs (status, lease_until)`.execute(db);
  await sql`create table bulk_export_chunks (
  job_id uuid not null references bulk_export_jobs (id) on delete cascade,
  resource_type text not null check (length(resource_type) between 1 and 64),
  seq integer not null check (seq >= 0),
  line_count integer not null check (line_count > 0),
  ndjson text not null,
  primary key (job_id, resource_type, seq)
)`.execute(db);
}
