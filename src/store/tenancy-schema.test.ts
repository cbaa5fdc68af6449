import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { Database } from './database.ts';

/**
 * The schema's tenancy rules, read from the catalogue (docs/tenancy.md). Every table is a tenant
 * table unless it is named here as instance-level; a table added later fails until it follows the
 * recipe in docs/tenancy.md or is named here with its reason.
 */
const INSTANCE_TABLES = {
  clinics: 'the tenants themselves',
  users: 'found by email at login before the clinic is known (carries its clinic)',
  account_links: 'found by token from an invitation or reset before the clinic is known (carries its clinic)',
  auth_sessions: 'found by token on every request before the clinic is known',
  login_throttle: 'counts failures per address and per email, across clinics',
  calendar_feed_links:
    'found by the hash of its secret when a calendar fetches the feed without a login, before the clinic is known (carries its clinic)',
  push_vapid_keys: "the server's one VAPID key pair, which every clinic's reminders are signed with",
  audit_events: 'one tamper-evident chain for the instance',
  audit_chain_head: 'the head of that one chain',
  rate_limit_counters: 'request budgets per address, credential or user, counted before the clinic is known',
  scheduled_runs: "the ledger of the instance's periodic maintenance, shared by its processes",
  kysely_migration: 'the schema version',
  kysely_migration_lock: 'the schema version',
} as const;

describe.each(testDatabases)('tenancy schema on $name', (kind) => {
  let database: Database;
  let tenantTables: string[];
  beforeAll(async () => {
    database = await kind.open();
    const tables = await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') order by c.relname`.execute(database.db);
    tenantTables = tables.rows.map((r) => r.name).filter((name) => !(name in INSTANCE_TABLES));
  }, 120_000);
  afterAll(async () => database?.close());

  it('has the tenant tables it was built with', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['patients', 'sessions', 'care_team', 'programmes']));
    expect(tenantTables.length).toBeGreaterThanOrEqual(16);
  });

  it('leads every tenant primary key with clinic_id', async () => {
    const keys = await sql<{ table: string; first: string | null }>`
      select t.relname as "table",
        (select a.attname::text from pg_attribute a where a.attrelid = t.oid and a.attnum = c.conkey[1]) as first
      from pg_class t join pg_namespace n on n.oid = t.relnamespace
      left join pg_constraint c on c.conrelid = t.oid and c.contype = 'p'
      where n.nspname = current_schema() and t.relname = any(${tenantTables})`.execute(database.db);
    const wrong = keys.rows.filter((row) => row.first !== 'clinic_id').map((row) => row.table);
    expect(wrong).toEqual([]);
    expect(keys.rows).toHaveLength(tenantTables.length);
  });

  it('joins tenant tables only through foreign keys that include clinic_id on both sides', async () => {
    const keys = await sql<{ name: string; definition: string }>`
      select c.conname as name, pg_get_constraintdef(c.oid) as definition
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and c.contype = 'f'
        and t.relname = any(${tenantTables}) and r.relname = any(${tenantTables})`.execute(database.db);
    expect(keys.rows.length).toBeGreaterThan(10);
    // 'FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id)'
    const wrong = keys.rows
      .filter((fk) => !/^FOREIGN KEY \(clinic_id, .*\) REFERENCES [\w.]+\(clinic_id, /.test(fk.definition))
      .map((fk) => fk.definition);
    expect(wrong).toEqual([]);
  });

  it('forces row-level security with a clinic policy on every tenant table', async () => {
    const tables = await sql<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>`
      select t.relname as "table", t.relrowsecurity as enabled, t.relforcerowsecurity as forced,
        array(select pg_get_expr(p.polqual, p.polrelid) || ' / ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
              from pg_policy p where p.polrelid = t.oid) as policies
      from pg_class t join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = any(${tenantTables}) order by 1`.execute(
      database.db,
    );
    const wrong = tables.rows.filter(
      (t) =>
        !t.enabled ||
        !t.forced ||
        t.policies.length === 0 ||
        // The clinic in the policy's USING and in its WITH CHECK.
        !t.policies.every((policy) => policy.split("current_setting('myotrophy.clinic_id'").length === 3),
    );
    expect(wrong.map((t) => t.table)).toEqual([]);
  });
});
