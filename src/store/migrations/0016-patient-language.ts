import { type Kysely, sql } from 'kysely';

/**
 * The language a patient reads Myotrophy in (issue 18 item 4): a BCP 47 code, 'en' for everyone until
 * told another. The API checks the code against src/shared/languages.ts before storing it; the column
 * only keeps it short and lower-case, so adding a language needs no new migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table patients add column language text not null default 'en'
    check (language ~ '^[a-z]{2,3}$')`.execute(db);
}
