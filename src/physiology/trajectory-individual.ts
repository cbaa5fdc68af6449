import { solveLeastSquares } from './least-squares.ts';
import { simulateTurnover } from './muscle-turnover.ts';
import { buildCourse, type PatientEffects, type TrajectoryRegimen } from './trajectory-course.ts';
import {
  type CircumferenceGeometry,
  expectedValue,
  measurementErrorSd,
  type PatientMeasurement,
} from './trajectory-measurement.ts';
import {
  PATIENT_RESPONSE_LOG_SD,
  PATIENT_SEVERITY_LOG_SD,
  type TrajectoryPopulation,
} from './trajectory-parameters.ts';

/**
 * The individual patient: a Bayesian estimate of the patient's two multipliers, θ = (ln severity,
 * ln response), with the calibrated population as the prior (θ ~ N(0, diag(sdS², sdR²))).
 *
 * Maximum a posteriori by least squares: residuals (expected − measured)/error SD per measurement,
 * plus θk/sdk for the prior. The posterior is approximated by a normal at the MAP (Laplace) with
 * covariance (JᵀJ)⁻¹, J the Jacobian of those whitened residuals (central differences). With no
 * measurements the posterior is the prior; each measurement adds information, so the covariance, and
 * the forecast band built from it, shrink as measurements accumulate.
 */
export interface PatientPosterior {
  /** MAP of (ln severity, ln response). */
  logEffects: [number, number];
  /** Posterior covariance of (ln severity, ln response). */
  covariance: [[number, number], [number, number]];
  measurementsUsed: number;
  converged: boolean;
}

export const PRIOR_POSTERIOR: PatientPosterior = {
  logEffects: [0, 0],
  covariance: [
    [PATIENT_SEVERITY_LOG_SD ** 2, 0],
    [0, PATIENT_RESPONSE_LOG_SD ** 2],
  ],
  measurementsUsed: 0,
  converged: true,
};

export function effectsOf(logEffects: readonly number[]): PatientEffects {
  return { severity: Math.exp(logEffects[0] as number), response: Math.exp(logEffects[1] as number) };
}

const PRIOR_SD = [PATIENT_SEVERITY_LOG_SD, PATIENT_RESPONSE_LOG_SD] as const;
const JACOBIAN_STEP = 1e-4;

/** Fits the patient's multipliers to their measurements (days must lie within the simulation). */
export function fitPatient(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  measurements: readonly PatientMeasurement[],
  geometry: CircumferenceGeometry,
): PatientPosterior {
  if (measurements.length === 0) return PRIOR_POSTERIOR;
  const lastDay = Math.max(...measurements.map((m) => m.day));
  const trajectory = new Float64Array(lastDay + 1);
  const errors = measurements.map((m) => measurementErrorSd(m));
  const count = measurements.length + 2;

  const writeResiduals = (theta: ArrayLike<number>, out: Float64Array): void => {
    simulateTurnover(
      buildCourse(population, regimen, effectsOf([theta[0], theta[1]] as number[])),
      lastDay,
      trajectory,
    );
    measurements.forEach((m, i) => {
      const size = 1 + (trajectory[m.day] as number) / 100;
      out[i] = (expectedValue(m, size, geometry) - m.value) / (errors[i] as number);
    });
    out[measurements.length] = (theta[0] as number) / PRIOR_SD[0];
    out[measurements.length + 1] = (theta[1] as number) / PRIOR_SD[1];
  };

  const bound = 5;
  const fit = solveLeastSquares(
    {
      names: ['logSeverity', 'logResponse'],
      initial: [0, 0],
      lower: [-bound * PRIOR_SD[0], -bound * PRIOR_SD[1]],
      upper: [bound * PRIOR_SD[0], bound * PRIOR_SD[1]],
      residualCount: count,
      residuals: writeResiduals,
    },
    { maxIterations: 100, parameterTolerance: 1e-6, costTolerance: 1e-9 },
  );
  const theta = fit.parameters as [number, number];

  // Laplace: J at the MAP by central differences, covariance (JᵀJ)⁻¹ (2 × 2, inverted in closed form).
  const plus = new Float64Array(count);
  const minus = new Float64Array(count);
  const jacobian: Float64Array[] = [];
  for (let k = 0; k < 2; k += 1) {
    const up = [...theta];
    const down = [...theta];
    up[k] = (up[k] as number) + JACOBIAN_STEP;
    down[k] = (down[k] as number) - JACOBIAN_STEP;
    writeResiduals(up, plus);
    writeResiduals(down, minus);
    jacobian.push(plus.map((p, i) => (p - (minus[i] as number)) / (2 * JACOBIAN_STEP)));
  }
  let a = 0;
  let b = 0;
  let d = 0;
  const j0 = jacobian[0] as Float64Array;
  const j1 = jacobian[1] as Float64Array;
  for (let i = 0; i < count; i += 1) {
    a += (j0[i] as number) ** 2;
    b += (j0[i] as number) * (j1[i] as number);
    d += (j1[i] as number) ** 2;
  }
  // The prior rows alone make JᵀJ positive definite, so the determinant is > 0.
  const det = a * d - b * b;
  return {
    logEffects: theta,
    covariance: [
      [d / det, -b / det],
      [-b / det, a / det],
    ],
    measurementsUsed: measurements.length,
    converged: fit.converged,
  };
}
