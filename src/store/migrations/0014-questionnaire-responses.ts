import { type Kysely, sql } from 'kysely';

/**
 * Questionnaire responses (issue 18 item 3): the patient's answers item by item (the LEFS's twenty
 * ratings, the PSFS's named activities, the pain rating), their score, and for the LEFS the
 * measurement that carries its total. A client key (the request's Idempotency-Key) makes a retried
 * answer land once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table questionnaire_responses (
  id uuid primary key,
  patient_id uuid not null references patients (id),
  questionnaire text not null check (length(questionnaire) between 1 and 40),
  answered_at timestamptz not null,
  answers jsonb not null,
  score double precision not null,
  measurement_id uuid references measurements (id),
  recorded_by uuid not null references users (id),
  client_key text check (length(client_key) between 1 and 255)
)`.execute(db);
  await sql`create index questionnaire_responses_patient on questionnaire_responses (patient_id, answered_at)`.execute(
    db,
  );
  await sql`create unique index questionnaire_responses_client_key on questionnaire_responses (patient_id, client_key) where client_key is not null`.execute(
    db,
  );
}
