import { beforeAll, describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../../test/api-world.ts';
import { testDatabases } from '../../../test/databases.ts';
import { planProgramme, requireDraft } from '../../clinic/programme/plan.ts';
import { gateProgramme } from '../../clinic/safety/programme-gate.ts';
import { SCREENING_KEYS } from '../../clinic/screening/contraindications.ts';
import { createCondition } from '../../store/records/conditions.ts';
import { approveProgramme, createProgramme } from '../../store/records/programmes.ts';
import { createScreening } from '../../store/records/screenings.ts';

const NOW = new Date('2025-03-01T12:00:00Z');
const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS);
const allNo = Object.fromEntries(SCREENING_KEYS.map((k) => [k, false]));
const draft = requireDraft(
  planProgramme({ goal: 'reverse-atrophy', muscle: 'triceps-surae', side: 'left', screening: allNo }),
);

describe.each(testDatabases)("the session player's read of today's session on $name", (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW });
  beforeAll(async () => {
    const db = world.database.db;
    for (const [patientId, clinician, redFlag] of [
      [world.patientOne, world.clinicianOne.id, false],
      [world.patientTwo, world.clinicianTwo.id, true],
    ] as const) {
      await createCondition(
        db,
        patientId,
        { site: 'lower-leg', side: 'left', cause: 'cast', onsetDate: '2025-01-01' },
        clinician,
        daysAgo(20),
      );
      await createScreening(
        db,
        patientId,
        {
          screenedAt: daysAgo(2).toISOString(),
          answers: allNo,
          electrodeSites: ['triceps-surae'],
          redFlagFindings: redFlag ? { breathlessLyingFlat: true } : {},
        },
        {},
        clinician,
      );
      const stored = await createProgramme(
        db,
        patientId,
        { body: { ...draft }, safety: {} },
        clinician,
        daysAgo(16),
      );
      // Approved 15 days ago: today is in programme week 3, level 2's weeks (3–4).
      await approveProgramme(db, patientId, stored.id, clinician, {}, daysAgo(15));
    }
  }, 60_000);

  const read = (patientId: string, person = world.patientUserOne) =>
    world.request(person, 'GET', `/api/patients/${patientId}/session-player`);

  it("gives the due patient today's level and the record on which the browser's gate clears it for the stimulator", async () => {
    const answer = await read(world.patientOne);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ due: true, patientMessage: null, level: 2 });
    expect(body.programme).toEqual(draft.stimulation);
    expect(body.gateRecord.screening.electrodeSites).toEqual(['triceps-surae']);
    expect(body.gateRecord.openRedFlags).toEqual([]);
    expect(body.gateRecord.conditions.map((c: { code: string }) => c.code)).toEqual(['M62.562']);
    const decision = gateProgramme({
      ...body.gateRecord,
      purpose: 'send-to-device',
      programme: body.programme,
      now: NOW.toISOString(),
    });
    expect(decision.allowed).toBe(true);
  });

  it('gives a paused patient the pause in their words, and neither the programme nor the record', async () => {
    const answer = await read(world.patientTwo, world.patientUserTwo);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.due).toBe(false);
    expect(body.patientMessage[0]).toEqual({ key: 'core.pause.headline' });
    expect(body).not.toHaveProperty('programme');
    expect(body).not.toHaveProperty('gateRecord');
  });

  it("refuses another patient's session (403)", async () => {
    expect((await read(world.patientTwo, world.patientUserOne)).statusCode).toBe(403);
  });
});
