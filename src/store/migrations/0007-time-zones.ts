import { type Kysely, sql } from 'kysely';

/**
 * Every person's IANA time zone: a patient's days ("today", due sessions, adherence) and a
 * user's displayed times are counted in it. Instants stay `timestamptz`. Existing rows get 'UTC',
 * the zone their days were counted in until now; the API gives new people the clinic's zone
 * (MYOTROPHY_CLINIC_TIME_ZONE) unless told another. The API checks a zone against the runtime's
 * Intl zone list before storing it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table patients add column time_zone text not null default 'UTC'`.execute(db);
  await sql`alter table users add column time_zone text not null default 'UTC'`.execute(db);
}
