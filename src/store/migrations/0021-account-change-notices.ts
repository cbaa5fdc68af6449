import { type Kysely, sql } from 'kysely';

/**
 * A NOTIFY on 'myotrophy_account_changes' (src/store/account-changes.ts) whenever a login session
 * or an account row is changed or removed, with the account's id: every server process that keeps
 * copies of sessions drops that account's at once, whichever process or command made the change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function myotrophy_session_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('myotrophy_account_changes', old.user_id::text);
  return null;
end $$`.execute(db);
  await sql`create function myotrophy_account_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('myotrophy_account_changes', old.id::text);
  return null;
end $$`.execute(db);
  await sql`create trigger auth_sessions_changed after update or delete on auth_sessions
    for each row execute function myotrophy_session_changed()`.execute(db);
  await sql`create trigger users_changed after update or delete on users
    for each row execute function myotrophy_account_changed()`.execute(db);
}
