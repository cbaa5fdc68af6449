import { type Kysely, sql } from 'kysely';

/** The records a clinician may correct (issue 17 item 3), each keeping its versions. */
const VERSIONED_TABLES = ['conditions', 'screenings', 'measurements', 'sd_tests', 'sessions', 'notes'];

/**
 * Corrections (docs/corrections.md): a row is never changed in place beyond its status —
 * 'current', 'superseded' (an amendment replaced it) or 'entered-in-error'. An amendment is a new
 * row naming the one it replaces (`replaces_id`). Every correction's reason, author and time are
 * kept in `record_corrections`. A programme (already versioned) gains the status 'entered-in-error'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await sql`alter table ${sql.table(table)}
      add column status text not null default 'current'
        check (status in ('current', 'superseded', 'entered-in-error')),
      add column replaces_id uuid references ${sql.table(table)} (id)`.execute(db);
  }
  await sql`alter table programmes drop constraint programmes_status_check`.execute(db);
  await sql`alter table programmes add constraint programmes_status_check
    check (status in ('draft', 'approved', 'ended', 'entered-in-error'))`.execute(db);
  await sql`create table record_corrections (
    id uuid primary key,
    patient_id uuid not null references patients (id),
    record_kind text not null,
    record_id uuid not null,
    action text not null check (action in ('amend', 'entered-in-error')),
    replacement_id uuid,
    reason text not null check (length(btrim(reason)) > 0),
    corrected_by uuid not null references users (id),
    corrected_at timestamptz not null,
    check ((action = 'amend') = (replacement_id is not null))
  )`.execute(db);
  await sql`create index record_corrections_patient on record_corrections (patient_id, corrected_at)`.execute(
    db,
  );
  await sql`create index record_corrections_record on record_corrections (record_id)`.execute(db);
}
