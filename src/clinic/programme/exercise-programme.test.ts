import { describe, expect, it } from 'vitest';
import { EXERCISE_REGIONS } from '../anatomy/electrode-sites.ts';
import { buildExerciseProgramme } from './exercise-programme.ts';

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
