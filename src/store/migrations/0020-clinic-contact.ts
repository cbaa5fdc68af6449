import { type Kysely, sql } from 'kysely';

/**
 * Each clinic's own contact (docs/tenancy.md, "The clinic's contact"): the phone number and email a
 * patient of that clinic is told to use when stimulation is paused or a programme is on hold, and
 * that their handout prints. Both optional; a clinic without either is named without a number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table clinics
    add column phone text check (phone is null or length(btrim(phone)) between 3 and 40),
    add column email text check (email is null or (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'))`.execute(
    db,
  );
}
