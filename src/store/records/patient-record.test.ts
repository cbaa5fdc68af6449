import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClinicRecord, makeClinicRecord } from '../../../test/clinic-record.ts';
import { testDatabases } from '../../../test/databases.ts';
import type { Database } from '../database.ts';
import { listCareTeam } from './care-team.ts';
import { listConditions } from './conditions.ts';
import { listMeasurements } from './measurements.ts';
import { loadPatientRecord, loadPatientRecords } from './patient-record.ts';
import { getPatient } from './patients.ts';
import { listProgrammes } from './programmes.ts';
import { listSdTests } from './sd-tests.ts';
import { listSessions } from './sessions.ts';

for (const kind of testDatabases) {
  describe(`reading patient records (${kind.name})`, () => {
    let database: Database;
    let clinic: ClinicRecord;
    beforeAll(async () => {
      database = await kind.open();
      clinic = await makeClinicRecord(database.db);
    }, 120_000);
    afterAll(() => database.close());

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
  });
}
