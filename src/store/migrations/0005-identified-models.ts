import { type Kysely, sql } from 'kysely';

/**
 * A person's force model identified from a force recording: the model, what the fit reported, and
 * the recording it came from, by its SHA-256 (the file itself is not kept).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table identified_models (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  identified_at timestamptz not null,
  recording_sha256 text not null check (recording_sha256 ~ '^[0-9a-f]{64}$'),
  recording jsonb not null,
  model_id text not null,
  model jsonb not null,
  summary jsonb not null,
  recorded_by uuid not null references users (id)
)`.execute(db);
  await sql`create index identified_models_patient on identified_models (patient_id, identified_at)`.execute(
    db,
  );
}
