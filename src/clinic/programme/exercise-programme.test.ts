import { describe, expect, it } from 'vitest';
import { EXERCISE_REGIONS, type ExerciseRegion } from '../anatomy/electrode-sites.ts';
import {
  buildExerciseProgramme,
  IMMOBILISER_PRESET_IDS,
  type ImmobiliserPreset,
  type Joint,
} from './exercise-programme.ts';

describe('buildExerciseProgramme', () => {
  it('climbs the lower-leg ladder: ankle pumps and seated heel raises, then standing, then single-leg', () => {
    const p = buildExerciseProgramme({ region: 'lower-leg', innervation: 'normal' });
    expect(p.stages.map((s) => s.exercises.map((e) => e.name)[0])).toEqual([
      'Ankle pumps (active range of motion)',
      'Standing double-leg heel raises',
      'Single-leg heel raises',
    ]);
    expect(p.stages[0]?.exercises.find((e) => e.name === 'Seated heel raises')).toMatchObject({
      sets: 3,
      reps: 12,
    });
    expect(
      p.stages.flatMap((s) => s.exercises).some((e) => e.name.startsWith('Elastic-band dorsiflexion')),
    ).toBe(true);
    expect(p.stages.map((s) => [s.fromWeek, s.toWeek])).toEqual([
      [1, 2],
      [3, 4],
      [5, 8],
    ]);
    expect(p.progressionRules[0]).toMatch(/2–10 %/);
  });

  it('gives the thigh ladder its sourced doses', () => {
    const p = buildExerciseProgramme({ region: 'thigh', innervation: 'normal' });
    expect(p.stages[0]?.exercises[0]).toMatchObject({
      name: 'Quadriceps sets (towel under the knee)',
      sets: 5,
      reps: 10,
      holdS: 3,
    });
    expect(p.stages[0]?.exercises[1]).toMatchObject({ name: 'Straight-leg raise', sets: 4, reps: 15 });
    expect(p.stages[2]?.progressWhen).toMatch(/80 %/);
  });

  it('keeps a completely denervated or MRC 0–1 muscle to passive range of motion', () => {
    for (const p of [
      buildExerciseProgramme({ region: 'lower-leg', innervation: 'complete-denervation' }),
      buildExerciseProgramme({ region: 'thigh', innervation: 'normal', mrcGrade: 1 }),
    ]) {
      expect(p.stages).toHaveLength(1);
      expect(p.stages[0]?.exercises[0]?.name).toMatch(/Passive range of motion/);
    }
    expect(
      buildExerciseProgramme({ region: 'thigh', innervation: 'normal', mrcGrade: 2 }).notes.join(' '),
    ).toMatch(/gravity eliminated/);
  });

  it('has a programme for every region, every exercise with a dose source', () => {
    for (const region of EXERCISE_REGIONS) {
      const p = buildExerciseProgramme({ region, innervation: 'normal' });
      for (const e of p.stages.flatMap((s) => s.exercises)) {
        expect(e.sets * e.reps).toBeGreaterThan(0);
        expect(e.doseSource.length).toBeGreaterThan(5);
      }
    }
  });
});

describe('buildExerciseProgramme under a cast or brace', () => {
  const all = (p: ReturnType<typeof buildExerciseProgramme>) => p.stages.flatMap((s) => s.exercises);
  const moving = (p: ReturnType<typeof buildExerciseProgramme>, joint: Joint) =>
    all(p)
      .filter((e) => e.joints.includes(joint))
      .map((e) => e.name);

  /** Every cast and brace preset: the region whose programme it is tried on, and the joints it holds. */
  const holds: Record<ImmobiliserPreset, [ExerciseRegion, Joint[]]> = {
    'below-knee-cast': ['lower-leg', ['ankle']],
    'walking-boot': ['lower-leg', ['ankle']],
    'above-knee-cast': ['thigh', ['knee', 'ankle']],
    'knee-brace': ['thigh', ['knee']],
    'hip-brace': ['hip', ['hip']],
    'spinal-brace': ['trunk', ['spine']],
    'shoulder-sling': ['shoulder-arm', ['shoulder']],
    'long-arm-cast': ['shoulder-arm', ['elbow', 'wrist']],
    'short-arm-cast': ['forearm-hand', ['wrist']],
  };
  /** What each offers instead: tightening inside it, and work for the joints it leaves free. */
  const offered: Record<ImmobiliserPreset, string[]> = {
    'below-knee-cast': [
      'Straight-leg raise',
      'Calf and shin tightening inside the cast or boot (press the foot against it, hold)',
    ],
    'walking-boot': ['Side-lying hip abduction'],
    'above-knee-cast': ['Quadriceps sets (towel under the knee)', 'Straight-leg raise'],
    'knee-brace': ['Ankle pumps (active range of motion)'],
    'hip-brace': ['Gluteal sets (squeeze and hold)'],
    'spinal-brace': ['Gentle abdominal bracing (tighten and hold)'],
    'shoulder-sling': ['Isometric holds against the other hand or a wall', 'Elbow bends and straightening'],
    'long-arm-cast': ['Shoulder raises and circles', 'Finger movements (make a fist, spread the fingers)'],
    'short-arm-cast': ['Putty or soft-ball grip', 'Forearm muscle tightening inside the cast (hold)'],
  };

  for (const device of IMMOBILISER_PRESET_IDS) {
    const [region, heldJoints] = holds[device];
    it(`${device}: no moves of the ${heldJoints.join(' or ')}; isometric and neighbouring-joint work instead`, () => {
      const free = buildExerciseProgramme({ region, innervation: 'normal' });
      const held = buildExerciseProgramme({ region, innervation: 'normal', immobilisations: [{ device }] });
      // The free programme moves at least one held joint; the immobilised one moves none.
      expect(heldJoints.some((joint) => moving(free, joint).length > 0)).toBe(true);
      for (const joint of heldJoints) expect(moving(held, joint)).toEqual([]);
      expect(all(held).map((e) => e.name)).toEqual(expect.arrayContaining(offered[device]));
      expect(held.stages.every((s) => s.exercises.length > 0)).toBe(true);
      expect(held.notes.join(' ')).toMatch(/no removal date recorded/);
    });
  }

  it('a below-knee cast removes every ankle move the free calf programme has', () => {
    const free = buildExerciseProgramme({ region: 'lower-leg', innervation: 'normal' });
    expect(moving(free, 'ankle')).toEqual(
      expect.arrayContaining([
        'Ankle pumps (active range of motion)',
        'Seated heel raises',
        'Single-leg heel raises',
      ]),
    );
    const cast = buildExerciseProgramme({
      region: 'lower-leg',
      innervation: 'normal',
      immobilisations: [{ device: 'cast', joints: ['ankle'] }],
    });
    expect(moving(cast, 'ankle')).toEqual([]);
  });

  it('brings the moves back from the stage that starts on or after the removal date', () => {
    const p = buildExerciseProgramme({
      region: 'lower-leg',
      innervation: 'normal',
      startDate: '2025-03-10',
      immobilisations: [{ device: 'below-knee-cast', removalDate: '2025-03-30' }],
    });
    // Stage 2 starts 2025-03-24 (cast still on), stage 3 starts 2025-04-07 (cast off).
    expect(p.stages.map((s) => s.exercises.some((e) => e.joints.includes('ankle')))).toEqual([
      false,
      false,
      true,
    ]);
    expect(p.stages[0]?.progressWhen).toMatch(/moves of the ankle start only once the cast or brace is off/);
    expect(p.notes.join(' ')).toMatch(/below-knee cast until 2025-03-30/);
  });

  it('keeps a completely denervated calf in a cast to work that does not move the ankle', () => {
    const p = buildExerciseProgramme({
      region: 'lower-leg',
      innervation: 'complete-denervation',
      immobilisations: [{ device: 'below-knee-cast' }],
    });
    expect(moving(p, 'ankle')).toEqual([]);
    expect(all(p).map((e) => e.name)).not.toContain(
      'Passive range of motion of the joints the muscle crosses',
    );
  });

  it('rejects an unknown device, a cast without joints, an unknown joint and a malformed date', () => {
    const base = { region: 'lower-leg' as const, innervation: 'normal' as const };
    expect(() =>
      buildExerciseProgramme({ ...base, immobilisations: [{ device: 'constructor' as never }] }),
    ).toThrow(/device must be one of below-knee-cast, walking-boot/);
    expect(() => buildExerciseProgramme({ ...base, immobilisations: [{ device: 'cast' }] })).toThrow(
      /needs the joints it holds/,
    );
    expect(() =>
      buildExerciseProgramme({
        ...base,
        immobilisations: [{ device: 'brace', joints: ['toString' as never] }],
      }),
    ).toThrow(/joint must be one of ankle, knee, hip/);
    expect(() =>
      buildExerciseProgramme({
        ...base,
        immobilisations: [{ device: 'below-knee-cast', removalDate: '30/03/2025' }],
      }),
    ).toThrow(/removal date must be a date YYYY-MM-DD/);
  });
});
