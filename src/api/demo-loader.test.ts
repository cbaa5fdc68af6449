import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { planProgramme } from '../clinic/programme/plan.ts';
import { prescribedSessionsPerWeek } from '../clinic/record-views/weekly-adherence.ts';
import type { Database } from '../store/database.ts';
import { getPatient } from '../store/records/patients.ts';
import { listProgrammes } from '../store/records/programmes.ts';
import { listSessions } from '../store/records/sessions.ts';
import { longHistoryPatient } from './demo-data.ts';
import { DEMO_CLINICIAN_EMAIL, loadDemo, programmeBody } from './demo-loader.ts';
import type { DemoProgramme } from './demo-series.ts';

const TODAY = new Date('2025-03-10T12:00:00Z');

for (const kind of testDatabases) {
  describe(`loading the demo on ${kind.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await kind.open();
    });
    afterAll(() => database.close());

    it('writes the four patients in the clinic’s time zone with approved programmes, and refuses to load twice', async () => {
      const result = await loadDemo(database.db, { today: TODAY, timeZone: 'Europe/Berlin' });
      expect(result.loaded).toBe(true);
      expect(result.clinician.email).toBe(DEMO_CLINICIAN_EMAIL);
      expect(result.patients).toHaveLength(4);
      for (const patient of result.patients) {
        expect((await getPatient(database.db, patient.id))?.timeZone).toBe('Europe/Berlin');
        const programmes = await listProgrammes(database.db, patient.id);
        const approved = programmes.filter((p) => p.status === 'approved');
        expect(approved).toHaveLength(1);
        expect((approved[0]?.safety as { ok: boolean } | undefined)?.ok).toBe(true);
        // No logged session went above the ceiling of the programme it followed.
        const sessions = await listSessions(database.db, patient.id, { limit: 5000 });
        expect(sessions).toHaveLength(patient.sessions);
        for (const s of sessions) {
          const programme = programmes.find((p) => p.id === s.programmeId);
          if (!programme || s.peakIntensityMa === null) continue;
          const body = programme.body as {
            stimulation: { levels: { blocks: { maxIntensityMa: number }[] }[] };
          };
          const ceiling = Math.min(
            ...body.stimulation.levels.flatMap((l) => l.blocks.map((b) => b.maxIntensityMa)),
          );
          expect(s.peakIntensityMa).toBeLessThanOrEqual(ceiling);
        }
      }
      // The ICU patient moved from prevention to a recovery programme: version 1 ended, version 2 approved.
      const icu = result.patients.find((p) => p.name === 'Brigitte Okafor');
      const versions = await listProgrammes(database.db, icu?.id as string);
      expect(versions.map((p) => [p.version, p.status])).toEqual([
        [1, 'ended'],
        [2, 'approved'],
      ]);
      const again = await loadDemo(database.db, { today: TODAY });
      expect(again.loaded).toBe(false);
      expect(again.reason).toContain('already loaded');
    }, 60_000);

    it('approves through the safety gate: a programme it blocks stops the load, and nothing of that patient stays', async () => {
      const stale = longHistoryPatient(TODAY, 60);
      stale.key = 'stale';
      stale.email = 'stale@demo.myotrophy.example';
      // Approved 40 days after the only screening: the planner does not look at its age, the gate does.
      const programme = stale.programmes[0] as DemoProgramme;
      stale.programmes = [{ ...programme, approvedDay: (stale.screenings[0]?.day ?? 0) + 40 }];
      stale.screenings = stale.screenings.slice(0, 1);
      await expect(
        loadDemo(database.db, { today: TODAY, onlyExtra: true, extraPatients: [stale] }),
      ).rejects.toMatchObject({
        status: 409,
        message: expect.stringMatching(/cannot be approved: 1 safety blocker\. The screening is 40 days old/),
      });
      const left = await database.db
        .selectFrom('patients')
        .select('id')
        .where('name', '=', stale.name)
        .execute();
      expect(left).toEqual([]);
    }, 60_000);
  });
}

describe('the body stored for a planned programme', () => {
  it('prescribes each level’s sessions per week in its own weeks, plus the exercise sessions', () => {
    const outcome = planProgramme({
      goal: 'reverse-atrophy',
      muscle: 'quadriceps',
      side: 'left',
      patient: { ageYears: 60, sex: 'female' },
    });
    if (outcome.status !== 'draft') throw new Error(`the planner refused: ${JSON.stringify(outcome)}`);
    const body = programmeBody(outcome);
    const levels = outcome.stimulation.levels;
    expect(levels.length).toBeGreaterThan(1);
    const exercise = outcome.exercise.sessionsPerWeek;
    expect(exercise).toBe(3);
    for (const level of levels) {
      for (const week of [level.fromWeek, level.toWeek]) {
        expect(prescribedSessionsPerWeek(body, week)).toBe(level.sessionsPerWeek + exercise);
      }
    }
  });
});
