import { describe, expect, it } from 'vitest';
import { BODY_SITES } from '../coding/icd10cm.ts';
import { buildExerciseProgramme, IMMOBILISER_PRESETS } from '../programme/exercise-programme.ts';
import { heldJointsOf, IMMOBILISER_AT_SITE, plannerImmobilisations } from './immobilisation.ts';
import { gateExerciseProgramme } from './programme-gate.ts';

describe('heldJointsOf: the joints a recorded cast or brace holds', () => {
  it('reads the usual device at the site: a below-knee cast holds the ankle, a knee brace the knee', () => {
    expect(
      heldJointsOf([
        { cause: 'cast', site: 'lower-leg', immobilisedFrom: '2025-03-01', immobilisedTo: '2025-04-15' },
        { cause: 'brace', site: 'thigh', immobilisedFrom: '2025-03-01', immobilisedTo: null },
        { cause: 'cast', site: 'forearm', immobilisedFrom: null, immobilisedTo: '2025-04-01' },
      ]),
    ).toEqual([
      {
        label: 'below-knee cast',
        joints: ['ankle'],
        site: 'lower-leg',
        from: '2025-03-01',
        until: '2025-04-15',
      },
      { label: 'locked knee brace', joints: ['knee'], site: 'thigh', from: '2025-03-01', until: null },
      {
        label: 'short-arm (forearm) cast',
        joints: ['wrist'],
        site: 'forearm',
        from: null,
        until: '2025-04-01',
      },
    ]);
  });

  it('ignores other causes and casts with no date; names no joint where the site has none, even a prototype key', () => {
    expect(heldJointsOf([{ cause: 'bed-rest', site: 'thigh', immobilisedFrom: '2025-03-01' }])).toEqual([]);
    expect(heldJointsOf([{ cause: 'cast', site: 'thigh' }])).toEqual([]);
    for (const site of ['other', 'multiple', 'constructor', '__proto__']) {
      expect(heldJointsOf([{ cause: 'cast', site, immobilisedFrom: '2025-03-01' }])[0]).toMatchObject({
        joints: [],
        label: `cast at the ${site}`,
      });
    }
  });

  it('maps only real body sites to real presets', () => {
    for (const [site, devices] of Object.entries(IMMOBILISER_AT_SITE)) {
      expect(BODY_SITES).toContain(site);
      expect(Object.keys(IMMOBILISER_PRESETS)).toEqual(expect.arrayContaining([devices.cast, devices.brace]));
    }
  });
});

describe('plannerImmobilisations: what the planner is told of a recorded cast or brace', () => {
  const cast = {
    cause: 'cast',
    site: 'lower-leg',
    immobilisedFrom: '2025-03-01',
    immobilisedTo: '2025-04-15',
  };

  it('passes the usual device at the site with its removal date while it is still on at the start', () => {
    expect(plannerImmobilisations([cast], '2025-03-10')).toEqual([
      { device: 'below-knee-cast', removalDate: '2025-04-15' },
    ]);
    expect(plannerImmobilisations([{ ...cast, immobilisedTo: null }], '2025-03-10')).toEqual([
      { device: 'below-knee-cast' },
    ]);
  });

  it('leaves out a cast removed by the start, a site with no usual device, and other causes', () => {
    expect(plannerImmobilisations([cast], '2025-04-15')).toEqual([]);
    expect(plannerImmobilisations([{ ...cast, site: 'multiple' }], '2025-03-10')).toEqual([]);
    expect(plannerImmobilisations([{ ...cast, cause: 'bed-rest' }], '2025-03-10')).toEqual([]);
  });

  it('a programme planned with it passes the gate that reads the same condition', () => {
    const startDate = '2025-03-10';
    const exercise = buildExerciseProgramme({
      region: 'lower-leg',
      innervation: 'normal',
      immobilisations: plannerImmobilisations([cast], startDate),
      startDate,
    });
    const decision = gateExerciseProgramme({
      purpose: 'approve',
      exercise,
      screening: null,
      openRedFlags: [],
      conditions: [{ code: 'M62.562', recordedAt: '2025-03-02T09:00:00Z', ...cast }],
      now: `${startDate}T11:00:00Z`,
      exerciseStartDate: `${startDate}T11:00:00Z`,
    });
    expect(decision.blockers.filter((b) => b.code === 'immobilised-joint-moved')).toEqual([]);
    const first = exercise.stages[0]?.exercises ?? [];
    expect(first.some((e) => e.joints.includes('ankle'))).toBe(false);
    expect(first.length).toBeGreaterThan(0);
  });
});
