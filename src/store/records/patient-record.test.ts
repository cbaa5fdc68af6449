import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClinicRecord, makeClinicRecord } from '../../../test/clinic-record.ts';
import { testDatabases } from '../../../test/databases.ts';
import type { Database } from '../database.ts';
import { listCareTeam } from './care-team.ts';
import { listConditions } from './conditions.ts';
import { listMeasurements } from './measurements.ts';
import {
  loadPatientRecord,
  loadPatientRecords,
  loadSessionLogRead,
  OPTIONAL_RECORD_PARTS,
} from './patient-record.ts';
import { getPatient } from './patients.ts';
import { listProgrammes } from './programmes.ts';
import { listRedFlagResolutions, resolveRedFlag } from './red-flags.ts';
import { createScreening, listScreenings } from './screenings.ts';
import { listSdTests } from './sd-tests.ts';
import { createSessionAudited, listSessions } from './sessions.ts';

for (const kind of testDatabases) {
  describe(`reading patient records (${kind.name})`, () => {
    let database: Database;
    let clinic: ClinicRecord;
    beforeAll(async () => {
      database = await kind.open();
      clinic = await makeClinicRecord(database.db);
    }, 120_000);
    afterAll(() => database.close());
    const countingStatements = (statements: string[]): KyselyPlugin => ({
      transformQuery: ({ node }) => {
        statements.push(node.kind);
        return node;
      },
      transformResult: async ({ result }) => result,
    });

    it('reads each kind of record as the list readers do', async () => {
      const db = database.db;
      const id = clinic.patientId;
      const record = await loadPatientRecord(db, id);
      if (!record) throw new Error('the record was not read');
      expect(record.patient).toEqual(await getPatient(db, id));
      expect(record.conditions).toEqual(await listConditions(db, id));
      expect(record.measurements).toEqual(await listMeasurements(db, id));
      expect(record.sdTests).toEqual(await listSdTests(db, id));
      expect(record.programmes).toEqual(await listProgrammes(db, id));
      expect(record.sessions).toEqual(await listSessions(db, id));
      expect(record.careTeam).toEqual(await listCareTeam(db, id));
      expect(record.conditions.length).toBeGreaterThan(0);
      expect(record.sessions.length).toBeGreaterThan(0);
      expect(record.sessionsSince).toBeNull();
      // Every week counted, and the last completed session, whatever the window.
      const logged = record.sessionWeeks.reduce((sum, w) => sum + w.logged, 0);
      expect(logged).toBe(record.sessions.length);
      const completed = record.sessions.filter((s) => s.completed).map((s) => s.startedAt);
      expect(record.lastCompletedSessionAt).toBe(completed.sort().at(-1) ?? null);
      // Authors: everyone who wrote a part, in e-mail order.
      const emails = record.authors.map((a) => a.email);
      expect(emails).toEqual([...emails].sort());
      expect(emails).toContain('casey@clinic.test');
    });

    it('reads many patients at once, windows the sessions, and leaves out what is not asked for', async () => {
      const db = database.db;
      const unknown = '00000000-0000-4000-8000-000000000000';
      const since = new Date('2024-05-01T00:00:00Z');
      const records = await loadPatientRecords(db, [clinic.patientId, clinic.otherPatientId, unknown], {
        sessionsSince: since,
        without: ['notes', 'authors', 'careTeam'],
      });
      expect([...records.keys()].sort()).toEqual([clinic.patientId, clinic.otherPatientId].sort());
      const record = records.get(clinic.patientId);
      if (!record) throw new Error('the record was not read');
      expect(record.sessionsSince).toBe(since.toISOString());
      const all = await listSessions(db, clinic.patientId);
      expect(record.sessions).toEqual(all.filter((s) => Date.parse(s.startedAt) >= since.getTime()));
      expect(record.sessionWeeks.reduce((sum, w) => sum + w.logged, 0)).toBe(all.length);
      expect(record.authors).toEqual([]);
      expect(record.careTeam).toEqual([]);
      expect(records.get(clinic.otherPatientId)?.conditions).toEqual([]);
    });

    it('reads the parts the safety gate needs in one statement, as their list readers do', async () => {
      const db = database.db;
      const id = clinic.patientId;
      const screening = await createScreening(
        db,
        id,
        {
          screenedAt: '2024-06-01T09:30:00.125Z',
          answers: { pacemaker: false },
          electrodeSites: ['left thigh'],
          redFlagFindings: { breathlessLyingFlat: true },
        },
        { outcome: 'cleared' },
        clinic.clinicianId,
      );
      await resolveRedFlag(
        db,
        id,
        { key: 'breathlessLyingFlat', note: 'seen by the GP' },
        clinic.clinicianId,
        new Date('2024-06-02T10:00:00.5Z'),
      );
      const statements: string[] = [];
      const counting = countingStatements(statements);
      const record = await loadPatientRecord(db.withPlugin(counting), id, { without: OPTIONAL_RECORD_PARTS });
      expect(statements).toHaveLength(1);
      if (!record) throw new Error('the record was not read');
      expect(record.patient).toEqual(await getPatient(db, id));
      expect(record.conditions).toEqual(await listConditions(db, id));
      expect(record.programmes).toEqual(await listProgrammes(db, id));
      expect(record.screenings).toEqual(await listScreenings(db, id));
      expect(record.screenings.at(-1)).toEqual(screening);
      expect(record.screenings.at(-1)?.screenedAt).toBe('2024-06-01T09:30:00.125Z');
      expect(record.redFlagResolutions).toEqual(await listRedFlagResolutions(db, id));
      expect(record.redFlagResolutions.map((r) => [r.key, r.resolvedAt])).toEqual([
        ['breathlessLyingFlat', '2024-06-02T10:00:00.500Z'],
      ]);
      expect(record.programmes.map((p) => p.status)).toEqual(['ended', 'approved', 'draft']);
      expect(
        await loadPatientRecord(db, '00000000-0000-4000-8000-000000000000', {
          without: OPTIONAL_RECORD_PARTS,
        }),
      ).toBe(undefined);
    });

    it("reads what a session log needs (the gate's record, care-team membership, the stored retry) in one statement", async () => {
      const db = database.db;
      const id = clinic.patientId;
      const { session: retried } = await createSessionAudited(
        db,
        id,
        { kind: 'exercise', startedAt: '2024-07-01T08:00:00.250Z', minutes: 12, completed: true },
        clinic.patientUserId,
        new Date('2024-07-01T08:20:00Z'),
        { userId: clinic.patientUserId, action: 'create', resource: 'sessions', patientId: id },
        'player-retry-1',
      );
      const statements: string[] = [];
      const read = await loadSessionLogRead(
        db.withPlugin(countingStatements(statements)),
        id,
        clinic.clinicianId,
        'player-retry-1',
      );
      expect(statements).toHaveLength(1);
      expect(read?.record).toEqual(await loadPatientRecord(db, id, { without: OPTIONAL_RECORD_PARTS }));
      expect(read?.onCareTeam).toBe(true);
      expect(read?.storedSession).toEqual(retried);
      expect(read?.storedSession?.startedAt).toBe('2024-07-01T08:00:00.250Z');
      const byPatient = await loadSessionLogRead(db, id, clinic.patientUserId, 'another-key');
      expect(byPatient?.onCareTeam).toBe(false);
      expect(byPatient?.storedSession).toBe(undefined);
      expect((await loadSessionLogRead(db, id, clinic.clinicianId, null))?.storedSession).toBe(undefined);
      // The key is the patient's own: another patient's read does not find it.
      expect(
        (await loadSessionLogRead(db, clinic.otherPatientId, clinic.clinicianId, 'player-retry-1'))
          ?.storedSession,
      ).toBe(undefined);
      expect(
        await loadSessionLogRead(db, '00000000-0000-4000-8000-000000000000', clinic.clinicianId, null),
      ).toBe(undefined);

      // Logs asked for together share that one statement, and each gets its own answer.
      const together: string[] = [];
      const counted = db.withPlugin(countingStatements(together));
      const [clinicianRetry, patientNew, otherPatient, nobody] = await Promise.all([
        loadSessionLogRead(counted, id, clinic.clinicianId, 'player-retry-1'),
        loadSessionLogRead(counted, id, clinic.patientUserId, 'another-key'),
        loadSessionLogRead(counted, clinic.otherPatientId, clinic.clinicianId, 'player-retry-1'),
        loadSessionLogRead(counted, '00000000-0000-4000-8000-000000000000', clinic.clinicianId, null),
      ]);
      expect(together).toHaveLength(1);
      expect(clinicianRetry).toEqual(read);
      expect(patientNew).toEqual(byPatient);
      expect(otherPatient?.record.patient.id).toBe(clinic.otherPatientId);
      expect(otherPatient?.storedSession).toBe(undefined);
      expect(nobody).toBe(undefined);
    });
  });
}
