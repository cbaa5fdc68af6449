import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planProgramme } from '../../src/clinic/programme/plan.ts';
import { SCREENING_KEYS } from '../../src/clinic/screening/contraindications.ts';
import { approveProgramme, createProgramme } from '../../src/store/records/programmes.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';
import { type Loose, limitBreaches, stimulationParts } from './output-limits.ts';
import { editAt } from './schema-arbitrary.ts';

/**
 * Safety: random programme edits through the API (new draft versions, then approval) never leave an
 * approved programme outside the output limits. The limits are checked here by an independent
 * calculation with the published numbers, not by the clinic module the API calls:
 *   r.m.s. current ≤ 50 mA and energy ≤ 300 mJ per pulse into 500 Ω (IEC 60601-2-10 as cited in
 *   docs/clinic.md), charge-balanced biphasic pulses, finite positive settings, and no electrode
 *   on the thorax, head or front of the neck.
 */
/** The approved programmes (read back through the API) that break a limit. */
async function approvedBreaches(world: ApiWorld, patientId: string): Promise<string[]> {
  const listed = await world.request(world.clinicianOne, 'GET', `/api/patients/${patientId}/programmes`);
  const found: string[] = [];
  for (const programme of listed.json().items as { id: string; status: string; body: unknown }[]) {
    if (programme.status !== 'approved') continue;
    for (const part of stimulationParts(programme.body)) {
      const breaches = limitBreaches(part);
      if (breaches.length > 0) found.push(`approved programme ${programme.id}: ${breaches.join('; ')}`);
    }
  }
  return found;
}

const plan = planProgramme({ goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'left' });
if (plan.status !== 'draft') throw new Error('the planner refused the base programme');
const basePlan = JSON.parse(JSON.stringify(plan)) as Loose;

/** One edit a clinician (or a careless client) could make to a programme body. */
const edit: fc.Arbitrary<(body: unknown) => unknown> = fc.oneof(
  // A pulse setting scaled, zeroed, negated, or replaced with a wrong type.
  fc
    .tuple(
      fc.nat(4),
      fc.nat(4),
      fc.constantFrom('maxIntensityMa', 'phaseWidthUs', 'frequencyHz'),
      fc.oneof(
        fc
          .double({ min: 0.1, max: 20, noNaN: true })
          .map((k) => (v: unknown) => (typeof v === 'number' ? v * k : v)),
        fc.constantFrom<(v: unknown) => unknown>(
          () => 0,
          () => -10,
          () => 1e308,
          () => 5e-324,
          () => '100',
          () => null,
          () => [120],
          () => ({ value: 120 }),
        ),
        fc.double({ min: 0, max: 1e5, noNaN: true }).map((x) => () => x),
      ),
    )
    .map(([level, block, field, change]) => (body: unknown) => {
      const b = body as Loose;
      const stimulation = b.stimulation as Loose | undefined;
      const levels = (stimulation?.levels ?? []) as Loose[];
      const l = levels[level % Math.max(1, levels.length)];
      const blocks = (l?.blocks ?? []) as Loose[];
      const target = blocks[block % Math.max(1, blocks.length)];
      if (!target) return body;
      return editAt(
        body,
        ['stimulation', 'levels', level % levels.length, 'blocks', block % blocks.length, field],
        change(target[field]),
      );
    }),
  // The waveform made unbalanced, monophasic, or of an unknown shape.
  fc
    .tuple(
      fc.constantFrom('phases', 'balance', 'pulseShape', 'interphaseGapUs'),
      fc.constantFrom<unknown>('monophasic', 'unbalanced', 'square', 'triangular', -50, 1e6, null),
    )
    .map(
      ([field, value]) =>
        (body: unknown) =>
          editAt(body, ['stimulation', 'waveform', field], value),
    ),
  // An electrode moved to a forbidden site, or made tiny.
  fc
    .tuple(
      fc.constantFrom('site', 'sizeCm2'),
      fc.constantFrom<unknown>('thorax', 'head', 'anterior-neck', 0.01, 0, -1),
    )
    .map(
      ([field, value]) =>
        (body: unknown) =>
          editAt(body, ['stimulation', 'channels', 0, 'electrodes', 0, field], value),
    ),
  // A whole extra level at a dangerous setting, or the levels emptied.
  fc
    .tuple(fc.double({ min: 1, max: 500, noNaN: true }), fc.double({ min: 50, max: 2000, noNaN: true }))
    .map(([peakMa, widthUs]) => (body: unknown) => {
      const levels = ((body as Loose).stimulation as Loose | undefined)?.levels;
      const extra = {
        level: 9,
        fromWeek: 9,
        toWeek: 12,
        sessionsPerDay: 1,
        sessionsPerWeek: 5,
        blocks: [
          { kind: 'work', minutes: 20, frequencyHz: 100, phaseWidthUs: widthUs, maxIntensityMa: peakMa },
        ],
      };
      return editAt(body, ['stimulation', 'levels'], [...(Array.isArray(levels) ? levels : []), extra]);
    }),
  fc.constant((body: unknown) => editAt(body, ['stimulation', 'levels'], [])),
  // The stimulation part removed, renamed, doubled at the top level, or replaced by a wrong type.
  fc.constantFrom<(body: unknown) => unknown>(
    (body) => {
      const { stimulation, ...rest } = body as Loose;
      return { ...rest, Stimulation: stimulation };
    },
    (body) => ({ ...(body as Loose), ...((body as Loose).stimulation as Loose) }),
    (body) => editAt(body, ['stimulation'], null),
    (body) => editAt(body, ['stimulation'], [(body as Loose).stimulation]),
    (body) => ((body as Loose).stimulation as Loose) ?? body,
  ),
);

describe.each(testDatabases)('programme safety on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
    // A coded diagnosis and a clear screening of the plan's sites, so that the gate approves a
    // sound programme and the property sees both sides of it.
    const patient = `/api/patients/${world.patientOne}`;
    const condition = await world.request(world.clinicianOne, 'POST', `${patient}/conditions`, {
      site: 'thigh',
      side: 'left',
      cause: 'bed-rest',
      onsetDate: '2025-01-01',
    });
    expect(condition.statusCode, condition.body).toBe(201);
    const screening = await world.request(world.clinicianOne, 'POST', `${patient}/screenings`, {
      screenedAt: new Date().toISOString(),
      answers: Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
      electrodeSites: [...new Set(plan.stimulation.channels.flatMap((c) => c.electrodes.map((e) => e.site)))],
      redFlagFindings: {},
    });
    expect(screening.statusCode, screening.body).toBe(201);
  }, 60_000);
  afterAll(async () => world?.close());

  it('the planned programme is within every limit by the independent calculation', () => {
    expect(limitBreaches(basePlan.stimulation)).toEqual([]);
    // …and the calculation does see a breach: 250 mA at 1000 µs and 100 Hz is 112 mA r.m.s.
    const hot = editAt(basePlan, ['stimulation', 'levels', 0, 'blocks', 0], {
      kind: 'work',
      minutes: 10,
      frequencyHz: 100,
      phaseWidthUs: 1000,
      maxIntensityMa: 250,
    }) as Loose;
    expect(limitBreaches(hot.stimulation)).toEqual(expect.arrayContaining(['r.m.s. 111.80 mA']));
  });

  it('random edits through the API never leave an approved programme outside the output limits', async () => {
    let approvals = 0;
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        let body: unknown = basePlan;
        let previous: string | undefined;
        for (const change of edits) {
          body = change(body);
          const created = await world.request(
            world.clinicianOne,
            'POST',
            `/api/patients/${world.patientOne}/programmes`,
            {
              body,
              ...(previous ? { supersedesId: previous } : {}),
            },
          );
          expect(created.statusCode, created.body.slice(0, 300)).toBeLessThan(500);
          if (created.statusCode !== 201) {
            refusals += 1;
            continue;
          }
          previous = created.json().id as string;
          const approved = await world.request(
            world.clinicianOne,
            'POST',
            `/api/patients/${world.patientOne}/programmes/${previous}/approve`,
          );
          expect(approved.statusCode, approved.body.slice(0, 300)).toBeLessThan(500);
          if (approved.statusCode === 200) approvals += 1;
          else refusals += 1;
        }
        expect(await approvedBreaches(world, world.patientOne)).toEqual([]);
      }),
      { numRuns: Number(process.env.MYOTROPHY_SAFETY_RUNS ?? 40) },
    );
    // The edits both pass and fail the gate: the property was exercised on both sides.
    expect(approvals).toBeGreaterThan(0);
    expect(refusals).toBeGreaterThan(0);
  }, 300_000);

  it('refuses a body that carries a second, unchecked stimulation programme at its top level', async () => {
    const hotLevels = [
      {
        level: 1,
        fromWeek: 1,
        toWeek: 4,
        sessionsPerDay: 1,
        sessionsPerWeek: 5,
        blocks: [{ kind: 'work', minutes: 10, frequencyHz: 100, phaseWidthUs: 1000, maxIntensityMa: 250 }],
      },
    ];
    const stimulation = basePlan.stimulation as Loose;
    const ambiguous = {
      ...basePlan,
      waveform: stimulation.waveform,
      channels: stimulation.channels,
      levels: hotLevels,
    };
    const created = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/programmes`,
      {
        body: ambiguous,
      },
    );
    expect(created.statusCode).toBe(422);
    expect(JSON.stringify(created.json().violations)).toMatch(/r\.m\.s\./);
    expect(await approvedBreaches(world, world.patientOne)).toEqual([]);
  });

  it('the checker reports an unsafe programme approved behind the gate', async () => {
    const unsafe = editAt(basePlan, ['stimulation', 'levels', 0, 'blocks', 0], {
      kind: 'work',
      minutes: 10,
      frequencyHz: 100,
      phaseWidthUs: 1000,
      maxIntensityMa: 250,
    });
    const db = world.database.db;
    const draft = await createProgramme(
      db,
      world.patientTwo,
      { body: unsafe, safety: { ok: true } },
      world.clinicianTwo.id,
      new Date(),
    );
    await approveProgramme(db, world.patientTwo, draft.id, world.clinicianTwo.id, { ok: true }, new Date());
    const asTwo = { ...world, clinicianOne: world.clinicianTwo };
    const found = await approvedBreaches(asTwo, world.patientTwo);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/r\.m\.s\. \d+\.\d+ mA/);
  });
});
