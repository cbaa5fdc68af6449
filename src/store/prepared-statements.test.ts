import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClinicRecord, makeClinicRecord } from '../../test/clinic-record.ts';
import { serverSchema } from '../../test/postgres-schema.ts';
import { type Database, openDatabase } from './database.ts';
import { PREPARED_STATEMENT } from './prepared-statements.ts';
import { createClinic } from './records/clinics.ts';
import { loadSessionLogRead } from './records/patient-record.ts';
import { createPatient } from './records/patients.ts';
import { createSessionAudited } from './records/sessions.ts';
import { createUser } from './records/users.ts';
import { actAsOperatorFor, actForClinic } from './tenancy.ts';

/**
 * The session log's read and write as prepared statements on PostgreSQL, on a pool of one
 * connection so that `pg_prepared_statements` (which lists one connection's statements) sees them.
 */
const postgres = serverSchema('prepared');

describe.runIf(postgres)('prepared statements on PostgreSQL', () => {
  let database: Database;
  let clinic: ClinicRecord;
  const prepared = async () =>
    (
      await sql<{ statement: string; generic_plans: string; custom_plans: string }>`
        select statement, generic_plans, custom_plans from pg_prepared_statements
        where statement like ${`${PREPARED_STATEMENT}%`}`.execute(database.db)
    ).rows
      .map((row) => ({
        reads: row.statement.includes('logging_team'),
        keyed: row.statement.includes('client_key = any') || row.statement.includes('on conflict'),
        generic: Number(row.generic_plans),
        custom: Number(row.custom_plans),
      }))
      .sort((a, b) => Number(b.reads) - Number(a.reads) || Number(a.keyed) - Number(b.keyed));
  const log = (minute: number, clientKey: string | null = null) =>
    createSessionAudited(
      database.db,
      clinic.patientId,
      {
        kind: 'exercise',
        startedAt: `2024-07-01T08:${String(minute).padStart(2, '0')}:00Z`,
        minutes: 10,
        completed: true,
      },
      clinic.clinicianId,
      new Date('2024-07-01T09:00:00Z'),
      { userId: clinic.clinicianId, action: 'create', resource: 'sessions', patientId: clinic.patientId },
      clientKey,
    );

  beforeAll(async () => {
    const { url, schema } = postgres as NonNullable<typeof postgres>;
    database = await openDatabase({ databaseUrl: url, schema, poolSize: 1 });
    clinic = await makeClinicRecord(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await postgres?.drop();
  });

  it('parses the read and the write once per connection, and keeps one plan for the write', async () => {
    for (let minute = 0; minute < 8; minute += 1) {
      expect(
        (await loadSessionLogRead(database.db, clinic.patientId, clinic.clinicianId, null))?.onCareTeam,
      ).toBe(true);
      await log(minute);
    }
    const [read, write] = await prepared();
    // One text each, whatever the batch: the read without client keys and the write without them.
    expect([read, write].map((s) => s && { reads: s.reads, keyed: s.keyed })).toEqual([
      { reads: true, keyed: false },
      { reads: false, keyed: false },
    ]);
    expect((read?.generic ?? 0) + (read?.custom ?? 0)).toBe(8);
    expect((write?.generic ?? 0) + (write?.custom ?? 0)).toBe(8);
    // The write's plan does not depend on the tables' sizes: PostgreSQL plans its first five
    // executions for their values, then keeps one plan. The read is planned for its values each
    // time (its best plan depends on the tables' sizes), but parsed once.
    expect(write?.generic).toBe(3);
    // A log with a client key reads with the stored-session lookup: a third text.
    await log(30, 'prepared-key-1');
    expect(
      (await loadSessionLogRead(database.db, clinic.patientId, clinic.clinicianId, 'prepared-key-1'))
        ?.storedSession?.startedAt,
    ).toBe('2024-07-01T08:30:00.000Z');
    expect((await prepared()).filter((s) => s.keyed)).toHaveLength(2);
  });

  it("keeps row-level security under a kept plan: another clinic's scope reads nothing", async () => {
    const other = (await createClinic(database.db, 'Harbour Physiotherapy')).id;
    const otherPatient = await actAsOperatorFor(other, async () => {
      const clinician = await createUser(database.db, {
        email: 'hal@harbour.test',
        name: 'Hal',
        role: 'clinician',
        passwordHash: 'x',
      });
      return (await createPatient(database.db, { name: 'Harbour patient' }, clinician.id)).id;
    });
    const read = (clinicId: string, patientId: string) =>
      actForClinic(clinicId, () => loadSessionLogRead(database.db, patientId, clinic.clinicianId, null));
    const home = (
      await sql<{
        id: string;
      }>`select clinic_id::text as id from patients where id = ${clinic.patientId}`.execute(database.db)
    ).rows[0]?.id as string;
    for (let i = 0; i < 7; i += 1)
      expect((await read(home, clinic.patientId))?.record.patient.id).toBe(clinic.patientId);
    expect(await read(other, clinic.patientId)).toBe(undefined);
    expect((await read(other, otherPatient))?.record.patient.id).toBe(otherPatient);
    expect(await read(home, otherPatient)).toBe(undefined);
  });

  it('prepares a statement again when a migration changes the columns it reads', async () => {
    const before = await loadSessionLogRead(database.db, clinic.patientId, clinic.clinicianId, null);
    await sql`alter table patients add column added_later text`.execute(database.db);
    const after = await loadSessionLogRead(database.db, clinic.patientId, clinic.clinicianId, null);
    expect(after?.record).toEqual(before?.record);
    await log(40);
  });
});
