import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import type { Database } from './database.ts';
import { createClinic, firstClinic } from './records/clinics.ts';
import { createPatient } from './records/patients.ts';
import { createUser } from './records/users.ts';
import { APP_ROLE, actAsOperatorFor, actForClinic, enterClinic } from './tenancy.ts';

/**
 * Row-level security holds even where the application forgets its own filter: every query below
 * names no clinic, as a careless route might, and still sees only the scope's clinic.
 */
describe.each(testDatabases)('clinic tenancy on $name', (kind) => {
  let database: Database;
  let clinicA: string;
  let clinicB: string;
  let patientA: string;
  let patientB: string;

  beforeAll(async () => {
    database = await kind.open();
    const db = database.db;
    clinicA = (await firstClinic(db)).id;
    clinicB = (await createClinic(db, 'Riverside Physiotherapy')).id;
    const make = async (clinicId: string, email: string, name: string) =>
      actAsOperatorFor(clinicId, async () => {
        const clinician = await createUser(db, { email, name, role: 'clinician', passwordHash: 'x' });
        return (await createPatient(db, { name: `${name}'s patient` }, clinician.id)).id;
      });
    patientA = await make(clinicA, 'a@clinic.test', 'Ann');
    patientB = await make(clinicB, 'b@clinic.test', 'Ben');
  }, 120_000);
  afterAll(async () => database?.close());

  it('runs a clinic scope as a role that is neither superuser nor exempt from row security', async () => {
    const role = await actForClinic(clinicA, () =>
      sql<{ name: string; rolsuper: boolean; rolbypassrls: boolean; clinic: string }>`
        select current_user as name, rolsuper, rolbypassrls,
               current_setting('myotrophy.clinic_id') as clinic
        from pg_roles where rolname = current_user`.execute(database.db),
    );
    expect(role.rows).toEqual([{ name: APP_ROLE, rolsuper: false, rolbypassrls: false, clinic: clinicA }]);
  });

  it("returns only the scope's clinic's rows to a query without the application's filter", async () => {
    const seen = async (clinicId: string | null) =>
      actForClinic(clinicId, async () =>
        (
          await sql<{ id: string; clinic_id: string }>`select id, clinic_id from patients`.execute(
            database.db,
          )
        ).rows.map((row) => row.id),
      );
    expect(await seen(clinicA)).toEqual([patientA]);
    expect(await seen(clinicB)).toEqual([patientB]);
    // No clinic set (an anonymous request): nothing, not everything.
    expect(await seen(null)).toEqual([]);
    // Inside a transaction too, and the clinic of the transaction is the scope's.
    const inTransaction = await actForClinic(clinicB, () =>
      database.db.transaction().execute(async (tx) => tx.selectFrom('patients').select('id').execute()),
    );
    expect(inTransaction.map((row) => row.id)).toEqual([patientB]);
    // Reading another clinic's patient by id finds nothing.
    const byId = await actForClinic(clinicB, () =>
      database.db.selectFrom('patients').select('id').where('id', '=', patientA).execute(),
    );
    expect(byId).toEqual([]);
  });

  it("refuses to write a row into another clinic, or to change another clinic's rows", async () => {
    await expect(
      actForClinic(clinicB, () =>
        sql`insert into patients (clinic_id, id, name, created_by)
            values (${clinicA}, gen_random_uuid(), 'Smuggled', gen_random_uuid())`.execute(database.db),
      ),
    ).rejects.toThrow(/row-level security/);
    const renamed = await actForClinic(clinicB, () =>
      sql`update patients set name = 'Renamed' where id = ${patientA}`.execute(database.db),
    );
    expect(renamed.numAffectedRows).toBe(0n);
    // An insert that names no clinic lands in the scope's own.
    const written = await actForClinic(clinicB, () =>
      database.db
        .insertInto('patients')
        .values({ id: crypto.randomUUID(), name: 'Cleo', created_by: crypto.randomUUID() })
        .returning('clinic_id')
        .executeTakeFirstOrThrow(),
    );
    expect(written.clinic_id).toBe(clinicB);
    const names = await actAsOperatorFor(clinicA, () =>
      database.db.selectFrom('patients').select('name').where('id', '=', patientA).executeTakeFirstOrThrow(),
    );
    expect(names.name).toBe("Ann's patient");
  });

  it('cannot switch row security off', async () => {
    await expect(
      actForClinic(clinicA, () =>
        database.db.transaction().execute(async (tx) => {
          await sql`set local row_security = off`.execute(tx);
          return sql`select id from patients`.execute(tx);
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('switches a transaction to another clinic only until it ends', async () => {
    const [inside, after] = await actForClinic(null, async () => {
      const rows = await database.db.transaction().execute(async (tx) => {
        await enterClinic(tx, clinicA);
        return tx.selectFrom('patients').select('id').execute();
      });
      return [rows, await database.db.selectFrom('patients').select('id').execute()];
    });
    expect(inside.map((row) => row.id)).toEqual([patientA]);
    expect(after).toEqual([]);
  });

  it("shows accounts of every clinic before the clinic is known, then only the clinic's own", async () => {
    const emails = async (clinicId: string | null) =>
      actForClinic(clinicId, async () =>
        (await database.db.selectFrom('users').select('email').orderBy('email').execute()).map(
          (r) => r.email,
        ),
      );
    expect(await emails(null)).toEqual(['a@clinic.test', 'b@clinic.test']);
    expect(await emails(clinicB)).toEqual(['b@clinic.test']);
  });
});
