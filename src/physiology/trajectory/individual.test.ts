import { describe, expect, it } from 'vitest';
import { solveLeastSquares } from '../numerics/least-squares.ts';
import { buildCourse, type TrajectoryRegimen } from './course.ts';
import { fitPatient, PATIENT_FIT_OPTIONS, PRIOR_POSTERIOR, patientFitProblem } from './individual.ts';
import { defaultGeometry, expectedValue, type PatientMeasurement } from './measurement.ts';
import { simulateTurnover } from './muscle-turnover.ts';
import { PATIENT_SEVERITY_LOG_SD } from './parameters.ts';
import { POPULATION } from './population.ts';

const regimen: TrajectoryRegimen = {
  scenario: 'cast',
  muscle: 'quadriceps',
  ageYears: 30,
  nmesMinutesPerDay: 0,
  exerciseFromDay: Number.POSITIVE_INFINITY,
  exerciseSessionsPerWeek: 0,
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

describe('the analytic Jacobian of the patient fit', () => {
  // Varied patients: NMES and late training (response matters), circumference and thickness mappings.
  const cases: { regimen: TrajectoryRegimen; measurements: PatientMeasurement[] }[] = [
    { regimen, measurements: measurementsFor(1.4, [5, 12, 20]) },
    {
      regimen: { ...regimen, scenario: 'icu', muscle: 'rectus-femoris', nmesMinutesPerDay: 60, ageYears: 62 },
      measurements: [
        { day: 4, kind: 'thickness', baseline: 20, value: 19.1 },
        { day: 10, kind: 'thickness', baseline: 20, value: 17.2 },
      ],
    },
    {
      regimen: {
        ...regimen,
        nmesMinutesPerDay: 80,
        exerciseFromDay: 14,
        exerciseSessionsPerWeek: 3,
        remobiliseAtDay: 21,
      },
      measurements: [
        { day: 7, kind: 'circumference', baseline: 50, value: 49.5 },
        { day: 21, kind: 'circumference', baseline: 50, value: 49.1 },
        { day: 35, kind: 'circumference', baseline: 50, value: 49.6 },
      ],
    },
  ];

  it('matches central differences of the residuals to 1e-6 relative', () => {
    for (const { regimen: r, measurements } of cases) {
      const problem = patientFitProblem(POPULATION, r, measurements, geometry);
      const count = problem.residualCount;
      for (const theta of [
        [0, 0],
        [0.4, -0.3],
        [-0.5, 0.6],
      ]) {
        const jacobian = new Float64Array(count * 2);
        problem.jacobian?.(Float64Array.from(theta), jacobian);
        for (let k = 0; k < 2; k += 1) {
          const h = 1e-5;
          const up = Float64Array.from(theta);
          const down = Float64Array.from(theta);
          up[k] = (up[k] as number) + h;
          down[k] = (down[k] as number) - h;
          const rUp = new Float64Array(count);
          const rDown = new Float64Array(count);
          problem.residuals(up, rUp);
          problem.residuals(down, rDown);
          let norm = 0;
          for (let i = 0; i < count; i += 1) norm = Math.max(norm, Math.abs(jacobian[2 * i + k] as number));
          for (let i = 0; i < count; i += 1) {
            const central = ((rUp[i] as number) - (rDown[i] as number)) / (2 * h);
            expect(Math.abs((jacobian[2 * i + k] as number) - central)).toBeLessThan(1e-6 * norm);
          }
        }
      }
    }
  });

  it('leaves the fitted multipliers unchanged (within 1e-6) from the finite-difference fit', () => {
    for (const { regimen: r, measurements } of cases) {
      const analytic = fitPatient(POPULATION, r, measurements, geometry);
      const { jacobian: _omitted, ...withoutJacobian } = patientFitProblem(
        POPULATION,
        r,
        measurements,
        geometry,
      );
      const finiteDifferences = solveLeastSquares(withoutJacobian, PATIENT_FIT_OPTIONS);
      expect(finiteDifferences.converged).toBe(true);
      for (let k = 0; k < 2; k += 1) {
        expect(Math.abs(analytic.logEffects[k] - (finiteDifferences.parameters[k] as number))).toBeLessThan(
          1e-6,
        );
      }
    }
  });
});
