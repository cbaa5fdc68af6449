import { type Kysely, sql } from 'kysely';

/**
 * Incremental bulk export (`_since`, docs/bulk-export.md). Every table an exported FHIR resource is
 * made from gets `changed_at`: the database clock when the row was last inserted or updated, set
 * by a trigger so no writer can forget it. The trigger takes the transaction's id before reading
 * the clock, so a row changed at or before an instant T belongs to a transaction that already had
 * its id at T: an export that waits for every transaction holding an id at T to end (the job's
 * `settled_xid`) sees every row changed up to T. Existing rows count as changed now. An insert
 * that names its `changed_at` keeps it: a restored backup keeps its rows' times.
 *
 * A job keeps its `_since`, its `_typeFilter` queries (JSON), and its `transaction_time`, the
 * database clock at kick-off: the export holds the changes up to that instant and none after.
 */
const CHANGE_TRACKED_TABLES = [
  'patients',
  'users',
  'care_team',
  'conditions',
  'measurements',
  'sd_tests',
  'identified_models',
  'programmes',
  'sessions',
  'questionnaire_responses',
  'record_corrections',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function myotrophy_row_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' or new.changed_at is null then
    perform pg_current_xact_id();
    new.changed_at := clock_timestamp();
  end if;
  return new;
end $$`.execute(db);
  for (const table of CHANGE_TRACKED_TABLES) {
    // The default fills existing rows (the rewrite is not subject to row-level security) and is
    // then dropped: an insert that names no time gets the trigger's.
    await sql`alter table ${sql.table(table)}
      add column changed_at timestamptz not null default clock_timestamp()`.execute(db);
    await sql`alter table ${sql.table(table)} alter column changed_at drop default`.execute(db);
    await sql`create trigger row_changed before insert or update on ${sql.table(table)}
      for each row execute function myotrophy_row_changed()`.execute(db);
  }
  await sql`alter table bulk_export_jobs
    add column since timestamptz,
    add column type_filters text not null default '[]' check (length(type_filters) <= 4000),
    add column transaction_time timestamptz,
    add column settled_xid xid8`.execute(db);
}
