import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { countRows, restoreSnapshot, takeSnapshot } from './backup.ts';
import type { Database } from './database.ts';
import { recordAudit } from './records/audit.ts';
import { createPatient } from './records/patients.ts';
import { createProgramme } from './records/programmes.ts';
import { createSession } from './records/sessions.ts';
import { createUser } from './records/users.ts';

describe.each(testDatabases)('backup and restore on $name', (kind) => {
  const open: Database[] = [];
  afterEach(async () => {
    for (const d of open.splice(0)) await d.close();
  });

  async function seeded(): Promise<Database> {
    const database = await kind.open();
    open.push(database);
    const { db } = database;
    const clinician = await createUser(db, {
      email: 'c@x.test',
      name: 'C',
      role: 'clinician',
      passwordHash: 'h',
    });
    const patient = await createPatient(db, { name: 'P', birthDate: '1940-02-29' }, clinician.id);
    await createUser(db, {
      email: 'p@x.test',
      name: 'P',
      role: 'patient',
      passwordHash: 'h',
      patientId: patient.id,
    });
    const programme = await createProgramme(
      db,
      patient.id,
      { body: { sessionsPerWeek: 5, nested: [1, { a: 'ü' }] }, safety: { ok: true } },
      clinician.id,
      new Date('2025-01-01T00:00:00Z'),
    );
    await createSession(
      db,
      patient.id,
      {
        kind: 'stimulation',
        startedAt: '2025-01-02T07:30:00.123+01:00',
        minutes: 0.1 + 0.2,
        peakIntensityMa: 33.3,
        pain: 2,
        completed: true,
        programmeId: programme.id,
      },
      clinician.id,
      new Date('2025-01-02T07:00:00Z'),
    );
    for (let i = 0; i < 3; i += 1) {
      await recordAudit(db, {
        userId: clinician.id,
        action: 'read',
        resource: 'patient',
        patientId: patient.id,
      });
    }
    return database;
  }

  it('restores a snapshot exactly, into an empty database or over other data', async () => {
    const source = await seeded();
    const snapshot = await takeSnapshot(source.db, new Date('2025-02-01T00:00:00Z'));
    expect(countRows(snapshot)).toMatchObject({
      clinics: 1,
      patients: 1,
      users: 2,
      programmes: 1,
      sessions: 1,
      audit_events: 3,
    });
    const target = await seeded(); // different ids: restore must replace them all
    const counts = await restoreSnapshot(target.db, JSON.parse(JSON.stringify(snapshot)));
    expect(counts.sessions).toBe(1);
    const again = await takeSnapshot(target.db, new Date('2025-02-01T00:00:00Z'));
    // Everything as it was, and the restore itself audited as the chain's next event.
    const { audit_events: restoredAudit, ...restoredTables } = again.tables;
    const { audit_events: takenAudit, ...takenTables } = snapshot.tables;
    expect(restoredTables).toEqual(takenTables);
    expect(restoredAudit.slice(0, 3)).toEqual(takenAudit);
    expect(restoredAudit[3]).toMatchObject({
      id: 4,
      seq: 4,
      action: 'restore',
      resource: 'backup',
      ip: 'local',
    });
    expect(again.auditHead).toEqual({ seq: 4, hash: restoredAudit[3]?.hash });
    const session = await target.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.minutes).toBe(0.30000000000000004);
    expect(session.started_at.toISOString()).toBe('2025-01-02T06:30:00.123Z');
    // The audit identity continues after the restored ids.
    await recordAudit(target.db, { userId: null, action: 'read', resource: 'x' });
    const ids = (await target.db.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) =>
      Number(r.id),
    );
    expect(ids).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a file that is not a backup of this schema, and changes nothing', async () => {
    const database = await seeded();
    const snapshot = await takeSnapshot(database.db, new Date());
    await expect(restoreSnapshot(database.db, { ...snapshot, schemaVersion: '0000-old' })).rejects.toThrow(
      'the backup has schema 0000-old but this Myotrophy has schema 0021-account-change-notices; restore it with the matching version',
    );
    const broken = { ...snapshot, tables: { ...snapshot.tables, sessions: [{ id: 'not-a-uuid' }] } };
    await expect(restoreSnapshot(database.db, broken)).rejects.toThrow();
    expect(countRows(await takeSnapshot(database.db, new Date()))).toEqual(countRows(snapshot));
  });
});
