import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { type Database, type Db, migrate, schemaVersion } from './database.ts';

/**
 * Everything migrations make, as text: tables, columns, constraints, indexes, triggers, functions,
 * row-level policies and every row (a new database holds only what migrations insert), with the
 * schema's own name taken out so two schemas compare.
 */
async function madeByMigrations(db: Db): Promise<string[]> {
  const { rows: schemas } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = schemas[0]?.schema ?? 'public';
  const catalogue = await sql<{ line: string }>`
    select format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default) as line
      from information_schema.columns where table_schema = current_schema()
    union all select format('constraint %s %s', conname, pg_get_constraintdef(c.oid))
      from pg_constraint c where connamespace = current_schema()::regnamespace
    union all select format('index %s', indexdef) from pg_indexes where schemaname = current_schema()
    union all select format('trigger %s', pg_get_triggerdef(t.oid))
      from pg_trigger t join pg_class r on r.oid = t.tgrelid
      where r.relnamespace = current_schema()::regnamespace and not t.tgisinternal
    union all select format('function %s', pg_get_functiondef(p.oid))
      from pg_proc p where pronamespace = current_schema()::regnamespace
    union all select format('policy %s %s %s %s %s', tablename, policyname, cmd, qual, with_check)
      from pg_policies where schemaname = current_schema()
    union all select format('row-level security %s %s %s', relname, relrowsecurity, relforcerowsecurity)
      from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'
    union all select format('migration %s', name) from kysely_migration`.execute(db);
  const lines = catalogue.rows.map((r) => r.line);
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name <> 'kysely_migration'`.execute(db);
  for (const { name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`select to_jsonb(t)::text as row from ${sql.table(name)} t`.execute(db);
    lines.push(...rows.rows.map((r) => `row ${name} ${r.row}`));
  }
  // Ids and times a migration draws (the default clinic's) differ from one database to the next.
  return lines
    .map((line) =>
      line
        .replaceAll(schema, '<schema>')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00/g, '<time>'),
    )
    .sort();
}

const defaultClinicId = async (db: Db) =>
  (await db.selectFrom('clinics').select('id').executeTakeFirstOrThrow()).id;

describe.each(testDatabases)('database on $name', (kind) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('applies every migration on open and nothing on a second run', async () => {
    database = await kind.openUnmigrated();
    expect(database.applied).toEqual([
      '0001-initial',
      '0002-session-client-key',
      '0003-accounts',
      '0004-red-flag-resolutions',
      '0005-identified-models',
      '0006-audit-chain',
      '0007-time-zones',
      '0008-session-delivery',
      '0009-corrections',
      '0010-questionnaire-schedules',
      '0011-bulk-export',
      '0014-questionnaire-responses',
      '0015-reminders',
      '0016-patient-language',
      '0017-clinic-tenancy',
      '0018-shared-state',
      '0019-bulk-export-since',
      '0020-clinic-contact',
      '0021-account-change-notices',
    ]);
    expect(schemaVersion()).toBe('0021-account-change-notices');
    expect(await migrate(database.db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_name not like 'kysely%' order by table_name`.execute(
      database.db,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'account_links',
      'audit_chain_head',
      'audit_events',
      'auth_sessions',
      'bulk_export_chunks',
      'bulk_export_jobs',
      'calendar_feed_links',
      'care_team',
      'clinics',
      'conditions',
      'identified_models',
      'login_throttle',
      'measurements',
      'notes',
      'patients',
      'programmes',
      'push_subscriptions',
      'push_vapid_keys',
      'questionnaire_responses',
      'questionnaire_schedules',
      'rate_limit_counters',
      'record_corrections',
      'red_flag_resolutions',
      'reminder_jobs',
      'reminder_settings',
      'scheduled_runs',
      'screenings',
      'sd_tests',
      'sessions',
      'users',
    ]);
  });

  it('starts test databases with exactly what migrating an empty database makes', async () => {
    database = await kind.openUnmigrated();
    const migrated = await madeByMigrations(database.db);
    const fromTestImage = await kind.open();
    const another = await kind.open();
    try {
      expect(await madeByMigrations(fromTestImage.db)).toEqual(migrated);
      // Two test databases are as apart as two migrated ones: their default clinics differ.
      expect(await defaultClinicId(fromTestImage.db)).not.toBe(await defaultClinicId(another.db));
    } finally {
      await fromTestImage.close();
      await another.close();
    }
    expect(migrated.filter((line) => line.startsWith('policy')).length).toBeGreaterThan(0);
    expect(migrated).toContain(`migration ${schemaVersion()}`);
  });

  it('round-trips timestamps with zone, dates, doubles and jsonb exactly', async () => {
    database = await kind.open();
    const { db } = database;
    const userId = '00000000-0000-4000-8000-000000000001';
    const patientId = '00000000-0000-4000-8000-000000000002';
    await db
      .insertInto('patients')
      .values({ id: patientId, name: 'A', birth_date: '1950-02-28', sex: 'female', created_by: userId })
      .execute();
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: 'c@x',
        name: 'C',
        role: 'clinician',
        password_hash: 'h',
        patient_id: null,
      })
      .execute();
    await db
      .insertInto('measurements')
      .values({
        id: '00000000-0000-4000-8000-000000000003',
        patient_id: patientId,
        kind: 'circumference',
        value: 0.1 + 0.2,
        unit: 'cm',
        measured_at: '2024-03-31T01:30:00.123+02:00',
        recorded_by: userId,
      })
      .execute();
    const body = { phases: [{ frequencyHz: 35, pulseWidthUs: 300 }], text: 'ünïcode "quoted"' };
    await db
      .insertInto('programmes')
      .values({
        id: '00000000-0000-4000-8000-000000000004',
        patient_id: patientId,
        version: 1,
        status: 'draft',
        body: JSON.stringify(body),
        safety: JSON.stringify([]),
        created_by: userId,
      })
      .execute();
    const patient = await db.selectFrom('patients').selectAll().executeTakeFirstOrThrow();
    expect(patient.birth_date).toBe('1950-02-28');
    const measurement = await db.selectFrom('measurements').selectAll().executeTakeFirstOrThrow();
    expect(measurement.value).toBe(0.30000000000000004);
    expect(measurement.measured_at).toBeInstanceOf(Date);
    expect(measurement.measured_at.toISOString()).toBe('2024-03-30T23:30:00.123Z');
    const programme = await db.selectFrom('programmes').selectAll().executeTakeFirstOrThrow();
    expect(programme.body).toEqual(body);
    expect(programme.safety).toEqual([]);
  });

  it('rolls a failed transaction back whole', async () => {
    database = await kind.open();
    const { db } = database;
    const userId = '00000000-0000-4000-8000-000000000001';
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('patients').values({ id: userId, name: 'A', created_by: userId }).execute();
        await tx.insertInto('patients').values({ id: userId, name: 'B', created_by: userId }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    const count = await db
      .selectFrom('patients')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('keeps concurrent transactions apart', async () => {
    database = await kind.open();
    const { db } = database;
    const userId = '00000000-0000-4000-8000-000000000001';
    const ids = Array.from(
      { length: 20 },
      (_, i) => `00000000-0000-4000-8000-${String(i + 10).padStart(12, '0')}`,
    );
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        db.transaction().execute(async (tx) => {
          await tx
            .insertInto('patients')
            .values({ id, name: `P${i}`, created_by: userId })
            .execute();
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (i % 2 === 1) throw new Error('abort odd');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const names = await db.selectFrom('patients').select('name').orderBy('name').execute();
    expect(names.map((n) => n.name).sort()).toEqual(
      ids
        .map((_, i) => `P${i}`)
        .filter((_, i) => i % 2 === 0)
        .sort(),
    );
  });
});
