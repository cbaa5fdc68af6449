import { type Kysely, sql } from 'kysely';

/**
 * A red flag stays open until a clinician resolves it with a note (issue 14): the resolution is a
 * record of its own — who, when, which flag, and why — so the chart shows the decision and the gate
 * can tell an open flag from a resolved one. A flag raised again by a later screening is open again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table red_flag_resolutions (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  flag_key text not null check (length(flag_key) between 1 and 100),
  note text not null check (length(note) between 1 and 2000),
  resolved_at timestamptz not null,
  resolved_by uuid not null references users (id)
)`.execute(db);
  // The evoked force a stimulation session reached (issue 14 item 5): % MVC where measured, and the
  // contraction seen ({ percentMvc?, step? }, src/clinic/programme/evoked-force.ts EvokedForceRecord).
  await sql`alter table sessions add column evoked_force jsonb`.execute(db);
  await sql`create index red_flag_resolutions_patient on red_flag_resolutions (patient_id, flag_key, resolved_at)`.execute(
    db,
  );
}
