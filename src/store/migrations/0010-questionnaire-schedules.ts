import { type Kysely, sql } from 'kysely';

/**
 * Questionnaire schedules (issue 18 item 3): the clinician sets when a patient answers a
 * questionnaire — a baseline day in the patient's own time zone, then every N weeks. Each setting is
 * a row of its own (who, when); the latest of a questionnaire is the one in force.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table questionnaire_schedules (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  questionnaire text not null check (length(questionnaire) between 1 and 40),
  baseline_date date not null,
  every_weeks integer not null check (every_weeks between 1 and 52),
  set_at timestamptz not null,
  set_by uuid not null references users (id)
)`.execute(db);
  await sql`create index questionnaire_schedules_patient on questionnaire_schedules (patient_id, set_at)`.execute(
    db,
  );
}
