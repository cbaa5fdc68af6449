import { describe, expect, it } from 'vitest';
import { buildCourse, logEffectDerivatives, type PatientEffects, type TrajectoryRegimen } from './course.ts';
import type { TurnoverCourse } from './muscle-turnover.ts';
import { POPULATION } from './population.ts';

const regimens: TrajectoryRegimen[] = [
  {
    scenario: 'icu',
    muscle: 'rectus-femoris',
    ageYears: 55,
    nmesMinutesPerDay: 60,
    exerciseFromDay: 10,
    exerciseSessionsPerWeek: 3,
    remobiliseAtDay: 20,
  },
  {
    scenario: 'cast',
    muscle: 'leg',
    ageYears: 30,
    nmesMinutesPerDay: 0,
    exerciseFromDay: Number.POSITIVE_INFINITY,
    exerciseSessionsPerWeek: 0,
    remobiliseAtDay: Number.POSITIVE_INFINITY,
  },
  {
    scenario: 'sedentary',
    muscle: 'calf',
    ageYears: 75,
    nmesMinutesPerDay: 30,
    exerciseFromDay: 0,
    exerciseSessionsPerWeek: 2,
    remobiliseAtDay: Number.POSITIVE_INFINITY,
  },
];

const RATES = [
  'synthesisSuppression',
  'transientBreakdown',
  'sustainedBreakdown',
  'exerciseAnabolicDrive',
] as const;

describe('logEffectDerivatives', () => {
  it('matches central differences of buildCourse in ln severity and ln response to 1e-8 relative', () => {
    const patient: PatientEffects = { severity: 1.3, response: 0.8 };
    const step = 1e-5;
    for (const regimen of regimens) {
      const course = buildCourse(POPULATION, regimen, patient);
      const derivatives = logEffectDerivatives(POPULATION, regimen, course, patient);
      const at = (dS: number, dR: number): TurnoverCourse =>
        buildCourse(POPULATION, regimen, {
          severity: patient.severity * Math.exp(dS),
          response: patient.response * Math.exp(dR),
        });
      for (const [which, up, down] of [
        ['severity', at(step, 0), at(-step, 0)],
        ['response', at(0, step), at(0, -step)],
      ] as const) {
        for (const rate of RATES) {
          const central = ((up[rate] as number) - (down[rate] as number)) / (2 * step);
          const analytic = derivatives[which][rate];
          expect(Math.abs(analytic - central), `${regimen.scenario} ${which} ${rate}`).toBeLessThanOrEqual(
            1e-8 * Math.max(1e-3, Math.abs(central)),
          );
        }
      }
      // and they are not all zero: the test would see a missing term
      expect(Math.abs(derivatives.severity.synthesisSuppression)).toBeGreaterThan(0.01);
    }
  });
});
