import { type Kysely, sql } from 'kysely';

/**
 * A session may carry the key its client chose (the request's Idempotency-Key), unique per
 * patient: a client that retries a session log it never saw answered gets the session already
 * stored instead of logging it twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column client_key text check (length(client_key) between 1 and 255)`.execute(
    db,
  );
  await sql`create unique index sessions_client_key on sessions (patient_id, client_key) where client_key is not null`.execute(
    db,
  );
}
