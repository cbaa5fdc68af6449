import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibratePopulation } from './calibration.ts';
import { POPULATION_PRIORS, populationToValues, toTransformed } from './parameters.ts';
import { CALIBRATION_VALIDATION, POPULATION } from './population.ts';
import { parseStudies } from './studies.ts';
import {
  type BeforeValidation,
  compareWithBefore,
  summarise,
  VALIDATION_GOALS,
  validateArms,
} from './validation.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const rows = parseStudies(read('data/atrophy-studies.csv'));
const before = JSON.parse(read('data/trajectory-validation-before.json')) as BeforeValidation;

describe('population calibration', () => {
  const calibration = calibratePopulation(rows);

  it('converges and reproduces the committed population (population.ts is up to date)', () => {
    expect(calibration.fit.converged).toBe(true);
    const fitted = populationToValues(calibration.population);
    const committed = populationToValues(POPULATION);
    fitted.forEach((value, i) => {
      expect(
        Math.abs(value - (committed[i] as number)) / Math.abs(value),
        POPULATION_PRIORS[i]?.name,
      ).toBeLessThan(1e-4);
    });
  });

  it('keeps each parameter within 3 prior SDs of its sourced prior', () => {
    const fitted = populationToValues(calibration.population);
    POPULATION_PRIORS.forEach((prior, i) => {
      const z =
        (toTransformed(prior.transform, fitted[i] as number) - toTransformed(prior.transform, prior.centre)) /
        prior.sd;
      expect(Math.abs(z), prior.name).toBeLessThan(3);
    });
  });
});

describe('leave-one-study-out validation', () => {
  const arms = validateArms(rows);
  const summary = summarise(arms);
  const comparison = compareWithBefore(arms, before);

  it('matches the figures committed with the population', () => {
    expect(summary).toEqual(CALIBRATION_VALIDATION);
  });

  it('meets the goal on the 24 arms of the earlier set: 22 within max(1.5 pp, 30 %) (before 21)', () => {
    expect(comparison.original.arms).toBe(24);
    expect(comparison.original.withinBefore).toBe(21);
    expect(comparison.original.withinAfter).toBeGreaterThanOrEqual(
      Math.ceil(VALIDATION_GOALS.withinToleranceShare * 24),
    );
  });

  it('on all 37 arms: 30 within tolerance, the misses being studies that disagree with one another', () => {
    expect(summary.arms).toBe(37);
    expect(summary.withinTolerance).toBe(30);
    const misses = arms
      .filter((a) => !a.withinTolerance)
      .map((a) => `${a.study}:${a.muscle}:${a.intervention}`);
    expect(misses.sort()).toEqual([
      // the calf countermeasure: Heinicke 2008 kept 73 % of the calf, Alkner & Tesch 2004 48 %
      'alkner2004b:calf:resistance-exercise',
      'heinicke2008:calf:resistance-exercise',
      // training: Lasevicius 2018 grew 0.24 %/d at 2 a week, Seynnes 2007 0.20 %/d at 3 a week
      'lasevicius2018:quadriceps:resistance-exercise',
      'lasevicius2018:quadriceps:resistance-exercise-low-to-failure',
      // spaceflight rests on one study: without it, the bed-rest prior forecasts a longer loss
      'leblanc2000:leg:none',
      // long training: left out, the faster 12-week studies forecast +38 % at 6 months where Narici
      // 1996 measured +19 %
      'narici1996:quadriceps:resistance-exercise',
      'seynnes2007:quadriceps:resistance-exercise',
    ]);
  });

  it('covers 70–90 % of arms with the 80 % band, and errs less than before', () => {
    expect(summary.bandCoverage).toBeGreaterThanOrEqual(VALIDATION_GOALS.bandCoverage.low);
    expect(summary.bandCoverage).toBeLessThanOrEqual(VALIDATION_GOALS.bandCoverage.high);
    expect(summary.rmsErrorPct).toBeLessThan(comparison.before.rmsErrorPct);
  });
});
