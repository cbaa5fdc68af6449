import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliDatabase, cliDatabases } from '../../../test/cli-database.ts';
import { gateInputFor, twelveSecondCalfProgramme } from '../../device/demo-session.ts';
import type { Db } from '../../store/database.ts';
import { listAudit } from '../../store/records/audit.ts';
import { addCareTeamMember } from '../../store/records/care-team.ts';
import { createCondition } from '../../store/records/conditions.ts';
import { createPatient } from '../../store/records/patients.ts';
import { approveProgramme, createProgramme } from '../../store/records/programmes.ts';
import { createScreening } from '../../store/records/screenings.ts';
import { listSessions } from '../../store/records/sessions.ts';
import { createUser } from '../../store/records/users.ts';

/** A patient with the 12 s calf programme approved; screened for the calf yesterday only when `screened`. */
async function patientWithProgramme(db: Db, clinicianId: string, name: string, screened: boolean) {
  const patient = await createPatient(db, { name, birthDate: '1950-02-03', sex: 'male' }, clinicianId);
  await addCareTeamMember(db, patient.id, clinicianId, clinicianId);
  const now = new Date();
  const yesterday = new Date(now.getTime() - 86_400_000);
  const [condition] = gateInputFor(null).conditions;
  await createCondition(db, patient.id, { icd10Code: condition?.code ?? '' }, clinicianId, yesterday);
  if (screened) {
    const { screening } = gateInputFor(null);
    await createScreening(
      db,
      patient.id,
      {
        screenedAt: yesterday.toISOString(),
        answers: screening?.answers ?? {},
        electrodeSites: [...(screening?.electrodeSites ?? [])],
        redFlagFindings: {},
      },
      {},
      clinicianId,
    );
  }
  const stored = await createProgramme(
    db,
    patient.id,
    { body: { stimulation: twelveSecondCalfProgramme() }, safety: {} },
    clinicianId,
    yesterday,
  );
  await approveProgramme(db, patient.id, stored.id, clinicianId, {}, yesterday);
  return { patientId: patient.id, programmeId: stored.id };
}

for (const make of cliDatabases()) {
  const database: CliDatabase = make();
  describe(`myotrophy stimulate --patient (${database.name}, the emulator)`, () => {
    let screened: { patientId: string; programmeId: string };
    let unscreened: { patientId: string; programmeId: string };
    beforeAll(async () => {
      const db = await database.open();
      const clinician = await createUser(db.db, {
        email: 'cleo@clinic.test',
        name: 'Cleo Clinician',
        role: 'clinician',
        passwordHash: '!test-no-login',
      });
      await createUser(db.db, {
        email: 'nemo@clinic.test',
        name: 'Nemo Elsewhere',
        role: 'clinician',
        passwordHash: '!test-no-login',
      });
      screened = await patientWithProgramme(db.db, clinician.id, 'Sam Screened', true);
      unscreened = await patientWithProgramme(db.db, clinician.id, 'Una Unscreened', false);
      await db.close();
    }, 180_000);
    afterAll(() => database.dispose());

    const play = (patientId: string, ...more: string[]) =>
      database.run(
        'stimulate',
        '--protocol',
        'sciencemode4',
        '--device',
        'emulator',
        '--patient',
        patientId,
        '--intensity',
        '25',
        ...more,
        '--json',
      );

    it('refuses a programme the gate does not clear, listing the blockers, and logs nothing', async () => {
      const r = play(unscreened.patientId, '--as', 'cleo@clinic.test');
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /safety gate refuses to send this programme to a device:\n- No contraindication screening is recorded/,
      );
      const db = await database.open();
      try {
        expect(await listSessions(db.db, unscreened.patientId)).toEqual([]);
      } finally {
        await db.close();
      }
    });

    it('refuses, before playing, an --as account that is not on the patient’s care team', () => {
      const r = play(screened.patientId, '--as', 'nemo@clinic.test');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        "--as nemo@clinic.test: not an active account that may log this patient's sessions",
      );
    });

    it('refuses a patient id that is not a UUID, and --programme with --patient', () => {
      expect(play('pat-1').stderr).toContain("--patient must be a patient id (a UUID); got 'pat-1'");
      const both = play(screened.patientId, '--programme', 'x.json');
      expect(both.status).toBe(2);
      expect(both.stderr).toContain('give one programme: --programme FILE, or --patient ID');
    });

    it('plays the approved programme on the emulator and logs the delivered session, audited', async () => {
      const r = play(screened.patientId, '--as', 'cleo@clinic.test');
      expect([r.status, r.stderr]).toEqual([0, '']);
      const summary = JSON.parse(r.stdout);
      // The whole 12 s programme at 25 mA, with no fault, on the emulator's device.
      expect([summary.stopReason, summary.plannedMinutes, summary.faults.length]).toEqual([
        'completed',
        0.2,
        0,
      ]);
      expect([summary.peakCurrentMaByChannel['1'], summary.device.deviceId]).toEqual([25, 'MYO-EMU-01']);
      expect(summary.emulator.pulses).toBeGreaterThan(70);
      const db = await database.open();
      try {
        const sessions = await listSessions(db.db, screened.patientId);
        expect(sessions).toHaveLength(1);
        expect(sessions[0]).toMatchObject({
          id: summary.loggedSessionId,
          kind: 'stimulation',
          programmeId: screened.programmeId,
          peakIntensityMa: 25,
          completed: true,
          minutes: summary.deliveredMinutes,
        });
        expect(sessions[0]?.notes).toContain('played by myotrophy stimulate on sciencemode4');
        expect(sessions[0]?.notes).toContain('MYO-EMU-01');
        const audit = await listAudit(db.db, { patientId: screened.patientId });
        expect(audit.filter((a) => a.action === 'log-session')).toEqual([
          expect.objectContaining({ resource: 'sessions', recordId: summary.loggedSessionId }),
        ]);
      } finally {
        await db.close();
      }
    }, 180_000);
  });
}
