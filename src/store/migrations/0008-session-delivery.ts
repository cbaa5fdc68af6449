import { type Kysely, sql } from 'kysely';

/**
 * How a session was delivered, when the patient's session player logged it (issue 21 item 6): the
 * mode (stimulator, virtual stimulator or a manual session), the stimulator's identity as it
 * reported it, why it stopped, and what it delivered (src/clinic/record/session.ts SessionDelivery).
 * Null for a session typed in by hand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column delivery jsonb`.execute(db);
}
