import { describe, expect, it } from 'vitest';
import {
  ageDisuseMultiplier,
  ageingFraction,
  ageRecoveryMultiplier,
  buildCourse,
  countermeasureProtection,
  nmesForceFactor,
  nmesProtection,
  type TrajectoryRegimen,
  trainingDrive,
} from './course.ts';
import { NEUROGENIC_NMES_MAX_PROTECTION } from './parameters.ts';
import { POPULATION } from './population.ts';

const icu: TrajectoryRegimen = {
  scenario: 'icu',
  muscle: 'rectus-femoris',
  ageYears: 55,
  nmesMinutesPerDay: 0,
  exerciseFromDay: Number.POSITIVE_INFINITY,
  exerciseSessionsPerWeek: 0,
  remobiliseAtDay: Number.POSITIVE_INFINITY,
};
const cast: TrajectoryRegimen = { ...icu, scenario: 'cast', muscle: 'quadriceps', ageYears: 30 };

describe('buildCourse', () => {
  it('lets NMES lower the disuse signals but never the illness-driven breakdown of critical illness', () => {
    const untreated = buildCourse(POPULATION, icu);
    const stimulated = buildCourse(POPULATION, { ...icu, nmesMinutesPerDay: 720 });
    expect(stimulated.sustainedBreakdown).toBe(untreated.sustainedBreakdown);
    expect(stimulated.sustainedBreakdown).toBeGreaterThan(0);
    expect(stimulated.synthesisSuppression).toBeLessThan(untreated.synthesisSuppression);
    expect(stimulated.transientBreakdown).toBeLessThan(untreated.transientBreakdown);
  });

  it('during strict disuse exercise protects and builds nothing; once free it trains', () => {
    const exercising = { ...cast, exerciseFromDay: 0, exerciseSessionsPerWeek: 3 };
    const inCast = buildCourse(POPULATION, exercising);
    expect(inCast.trainingFromDay).toBe(Number.POSITIVE_INFINITY);
    expect(inCast.synthesisSuppression).toBeLessThan(buildCourse(POPULATION, cast).synthesisSuppression);
    const remobilised = buildCourse(POPULATION, { ...exercising, remobiliseAtDay: 21 });
    expect(remobilised.trainingFromDay).toBe(21);
    expect(remobilised.trainingDrive).toBeGreaterThan(0);
    const ambulatory = buildCourse(POPULATION, { ...exercising, scenario: 'none' });
    expect(ambulatory.trainingFromDay).toBe(0);
    expect(ambulatory.remobiliseAtDay).toBe(0);
  });

  it('scales regrowth with the patient and with age, and passes the patient’s plateau', () => {
    const patient = { severity: 1, response: 1, recovery: 0.5, plateau: 0.95 };
    const course = buildCourse(POPULATION, { ...cast, ageYears: 25 }, patient);
    expect(course.recoveryHomeostasisExponent).toBeCloseTo(
      POPULATION.recoveryHomeostasisExponent * 0.5 * ageRecoveryMultiplier(POPULATION, 25),
      12,
    );
    expect(course.recoveryPlateau).toBe(0.95);
  });
});

describe('treatment effects', () => {
  it('NMES: an Emax dose–response with the population’s ceiling, half of it at D50', () => {
    const ceiling = POPULATION.nmesMaxProtection['healthy-disuse'];
    const d50 = POPULATION.nmesHalfSaturationMinPerDay;
    expect(nmesProtection(POPULATION, { ...cast, nmesMinutesPerDay: d50 })).toBeCloseTo(ceiling / 2, 12);
    expect(nmesProtection(POPULATION, { ...cast, nmesMinutesPerDay: 100_000 })).toBeLessThan(ceiling);
    expect(nmesProtection(POPULATION, { ...cast, nmesMinutesPerDay: 100_000 })).toBeGreaterThan(
      0.99 * ceiling,
    );
    expect(nmesProtection(POPULATION, cast)).toBe(0);
  });

  it('NMES: ceilings by population, critical illness and neurogenic below healthy disuse', () => {
    const dose = { nmesMinutesPerDay: 60 };
    const healthy = nmesProtection(POPULATION, { ...cast, ...dose });
    const critical = nmesProtection(POPULATION, { ...icu, ...dose });
    const neurogenic = nmesProtection(POPULATION, { ...cast, ...dose, neurogenic: true });
    expect(critical).toBeLessThan(healthy);
    expect(neurogenic).toBeLessThan(healthy);
    const d50 = POPULATION.nmesHalfSaturationMinPerDay;
    expect(neurogenic).toBeCloseTo((NEUROGENIC_NMES_MAX_PROTECTION * 60) / (60 + d50), 12);
  });

  it('NMES minutes count by evoked force: none below 10 % MVC, all from 50 %', () => {
    expect(nmesForceFactor(undefined)).toBe(1);
    expect(nmesForceFactor(5)).toBe(0);
    expect(nmesForceFactor(30)).toBeCloseTo(0.5, 12);
    expect(nmesForceFactor(80)).toBe(1);
    const weak = nmesProtection(POPULATION, { ...cast, nmesMinutesPerDay: 60, nmesEvokedForcePctMvc: 8 });
    expect(weak).toBe(0);
  });

  it('exercise: load scales the effect (low-to-failure 0.45, non-fatiguing nothing), sessions saturate', () => {
    const at = (load: TrajectoryRegimen['exerciseLoad'], sessions = 2) =>
      trainingDrive(POPULATION, { ...cast, exerciseSessionsPerWeek: sessions, exerciseLoad: load });
    expect(at('low-to-failure') / at('high')).toBeCloseTo(0.45, 12);
    expect(at('low')).toBe(0);
    expect(at('moderate')).toBe(at('high'));
    expect(at('high', 7)).toBeLessThan(POPULATION.trainingDriveMax);
    expect(at('high', 4) - at('high', 2)).toBeLessThan(at('high', 2));
  });

  it('countermeasure: quadriceps near full protection, calf and untrained muscles much less', () => {
    const at = (muscle: TrajectoryRegimen['muscle']) =>
      countermeasureProtection(POPULATION, {
        ...cast,
        muscle,
        exerciseFromDay: 0,
        exerciseSessionsPerWeek: 7 / 3,
      });
    expect(at('quadriceps')).toBeGreaterThan(0.9);
    expect(at('calf')).toBeLessThan(at('quadriceps'));
    expect(at('hamstrings')).toBeLessThan(0.3);
    // exercise that starts later is no countermeasure
    expect(
      countermeasureProtection(POPULATION, { ...cast, exerciseFromDay: 10, exerciseSessionsPerWeek: 3 }),
    ).toBe(0);
  });
});

describe('age', () => {
  it('follows a smooth logistic: flat in young adults, near full from 70', () => {
    expect(ageingFraction(18)).toBeLessThan(0.001);
    expect(ageingFraction(60)).toBeCloseTo(0.5, 12);
    expect(ageingFraction(100)).toBeGreaterThan(0.998);
    for (let age = 18; age < 100; age += 1)
      expect(ageingFraction(age + 1)).toBeGreaterThan(ageingFraction(age));
  });

  it('never lowers whole-body disuse loss with age; lowers limb-immobilisation loss', () => {
    for (let age = 18; age < 100; age += 1) {
      for (const scenario of ['bed-rest', 'icu', 'spaceflight', 'sedentary'] as const) {
        expect(ageDisuseMultiplier(POPULATION, scenario, age + 1)).toBeGreaterThanOrEqual(
          ageDisuseMultiplier(POPULATION, scenario, age),
        );
      }
      expect(ageDisuseMultiplier(POPULATION, 'cast', age + 1)).toBeLessThanOrEqual(
        ageDisuseMultiplier(POPULATION, 'cast', age),
      );
      expect(ageRecoveryMultiplier(POPULATION, age + 1)).toBeLessThan(ageRecoveryMultiplier(POPULATION, age));
    }
    expect(ageDisuseMultiplier(POPULATION, 'bed-rest', 18)).toBeGreaterThanOrEqual(1);
  });
});
