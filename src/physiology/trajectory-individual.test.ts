import { describe, expect, it } from 'vitest';
import { simulateTurnover } from './muscle-turnover.ts';
import { buildCourse, type TrajectoryRegimen } from './trajectory-course.ts';
import { fitPatient, PRIOR_POSTERIOR } from './trajectory-individual.ts';
import { defaultGeometry, expectedValue, type PatientMeasurement } from './trajectory-measurement.ts';
import { PATIENT_SEVERITY_LOG_SD } from './trajectory-parameters.ts';
import { POPULATION } from './trajectory-population.ts';

const regimen: TrajectoryRegimen = {
  scenario: 'cast',
  muscle: 'quadriceps',
  ageYears: 30,
  nmesMinutesPerDay: 0,
  exerciseFromDay: Number.POSITIVE_INFINITY,
  remobiliseAtDay: Number.POSITIVE_INFINITY,
};
const geometry = defaultGeometry('quadriceps', 'male');

/** Noise-free CSA measurements of a patient whose true severity is `severity`. */
function measurementsFor(severity: number, days: number[]): PatientMeasurement[] {
  const path = simulateTurnover(
    buildCourse(POPULATION, regimen, { severity, response: 1 }),
    60,
    new Float64Array(61),
  );
  return days.map((day) => ({
    day,
    kind: 'csa',
    baseline: 80,
    value: expectedValue({ kind: 'csa', baseline: 80 }, 1 + (path[day] as number) / 100, geometry),
  }));
}

describe('fitPatient', () => {
  it('returns the prior without measurements', () => {
    expect(fitPatient(POPULATION, regimen, [], geometry)).toBe(PRIOR_POSTERIOR);
  });

  it('recovers a severe patient (severity 1.8) from six exact CSA measurements, shrunk slightly to the prior', () => {
    const posterior = fitPatient(POPULATION, regimen, measurementsFor(1.8, [3, 7, 10, 14, 21, 28]), geometry);
    const severity = Math.exp(posterior.logEffects[0]);
    expect(severity).toBeGreaterThan(1.7);
    expect(severity).toBeLessThan(1.8);
    expect(posterior.converged).toBe(true);
  });

  it('the posterior SD of severity shrinks as measurements accumulate', () => {
    const days = [3, 7, 14, 21, 28, 42];
    const sds = [0, 1, 2, 4, 6].map((n) => {
      const posterior = fitPatient(POPULATION, regimen, measurementsFor(1.3, days.slice(0, n)), geometry);
      return Math.sqrt(posterior.covariance[0][0]);
    });
    expect(sds[0]).toBeCloseTo(PATIENT_SEVERITY_LOG_SD, 12);
    for (let i = 1; i < sds.length; i += 1) expect(sds[i] as number).toBeLessThan(sds[i - 1] as number);
    expect(sds[4] as number).toBeLessThan(0.1);
  });

  it('the posterior covariance is (JᵀJ)⁻¹: one exact measurement, linearised by hand', () => {
    // With one CSA measurement the information on ln severity is (∂value/∂θ / sd)² + 1/sdS².
    const one = measurementsFor(1, [14]);
    const posterior = fitPatient(POPULATION, regimen, one, geometry);
    const at = (theta: number): number => {
      const path = simulateTurnover(
        buildCourse(POPULATION, regimen, { severity: Math.exp(theta), response: 1 }),
        14,
        new Float64Array(15),
      );
      return 80 * (1 + (path[14] as number) / 100);
    };
    const theta = posterior.logEffects[0];
    const slope = (at(theta + 1e-5) - at(theta - 1e-5)) / 2e-5;
    const information = (slope / (0.015 * 80)) ** 2 + 1 / PATIENT_SEVERITY_LOG_SD ** 2;
    expect(posterior.covariance[0][0]).toBeCloseTo(1 / information, 6);
  });
});
