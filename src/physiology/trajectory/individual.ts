import { type LeastSquaresProblem, solveLeastSquares } from '../numerics/least-squares.ts';
import { buildCourse, logEffectDerivatives, type PatientEffects, type TrajectoryRegimen } from './course.ts';
import {
  type CircumferenceGeometry,
  expectedValue,
  expectedValueSlope,
  measurementErrorSd,
  type PatientMeasurement,
} from './measurement.ts';
import { simulateTurnoverWithSensitivities } from './muscle-turnover.ts';
import { PATIENT_RESPONSE_LOG_SD, PATIENT_SEVERITY_LOG_SD, type TrajectoryPopulation } from './parameters.ts';

/**
 * The individual patient: a Bayesian estimate of the patient's two multipliers, θ = (ln severity,
 * ln response), with the calibrated population as the prior (θ ~ N(0, diag(sdS², sdR²))).
 *
 * Maximum a posteriori by least squares: residuals (expected − measured)/error SD per measurement,
 * plus θk/sdk for the prior. The posterior is approximated by a normal at the MAP (Laplace) with
 * covariance (JᵀJ)⁻¹, J the Jacobian of those whitened residuals (analytic, from the ODE's forward
 * sensitivities; it agrees with central differences to ~1e-8 relative). With no
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
/** The fit's box on θ: ± 5 prior SDs. */
const BOUND_IN_PRIOR_SDS = 5;

/**
 * The MAP problem for `solveLeastSquares`, with its analytic Jacobian. Residuals, in order: one per
 * measurement, (expected − measured)/error SD; then θk/sdk for the prior. The Jacobian comes from
 * forward sensitivities of the turnover ODE (`simulateTurnoverWithSensitivities`) and the slope of
 * each measurement's mapping from muscle size; the prior rows' derivatives are 1/sdk. One simulation
 * gives residuals and Jacobian together; both are kept for the last θ, so the solver's separate
 * requests at the same point cost one simulation.
 */
export function patientFitProblem(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  measurements: readonly PatientMeasurement[],
  geometry: CircumferenceGeometry,
): LeastSquaresProblem {
  const lastDay = Math.max(0, ...measurements.map((m) => m.day));
  const trajectory = new Float64Array(lastDay + 1);
  const bySeverity = new Float64Array(lastDay + 1);
  const byResponse = new Float64Array(lastDay + 1);
  const record = new Uint8Array(lastDay + 1);
  for (const m of measurements) record[m.day] = 1;
  const count = measurements.length + 2;
  const errors = measurements.map((m) => measurementErrorSd(m));
  const residuals = new Float64Array(count);
  const jacobian = new Float64Array(count * 2);
  const at = [Number.NaN, Number.NaN];

  const evaluate = (theta: ArrayLike<number>): void => {
    const t0 = theta[0] as number;
    const t1 = theta[1] as number;
    if (t0 === at[0] && t1 === at[1]) return;
    const patient = { severity: Math.exp(t0), response: Math.exp(t1) };
    const course = buildCourse(population, regimen, patient);
    const { severity, response } = logEffectDerivatives(population, regimen, course, patient);
    simulateTurnoverWithSensitivities(
      course,
      severity,
      response,
      lastDay,
      trajectory,
      bySeverity,
      byResponse,
      record,
    );
    for (let i = 0; i < measurements.length; i += 1) {
      const m = measurements[i] as PatientMeasurement;
      const error = errors[i] as number;
      const size = 1 + (trajectory[m.day] as number) / 100;
      residuals[i] = (expectedValue(m, size, geometry) - m.value) / error;
      // trajectory is in %, so ∂size/∂θ = ∂trajectory/∂θ / 100.
      const slope = expectedValueSlope(m, size, geometry) / (100 * error);
      jacobian[2 * i] = slope * (bySeverity[m.day] as number);
      jacobian[2 * i + 1] = slope * (byResponse[m.day] as number);
    }
    const n = measurements.length;
    residuals[n] = t0 / PRIOR_SD[0];
    residuals[n + 1] = t1 / PRIOR_SD[1];
    jacobian[2 * n] = 1 / PRIOR_SD[0];
    jacobian[2 * n + 1] = 0;
    jacobian[2 * n + 2] = 0;
    jacobian[2 * n + 3] = 1 / PRIOR_SD[1];
    at[0] = t0;
    at[1] = t1;
  };

  return {
    names: ['logSeverity', 'logResponse'],
    initial: [0, 0],
    lower: [-BOUND_IN_PRIOR_SDS * PRIOR_SD[0], -BOUND_IN_PRIOR_SDS * PRIOR_SD[1]],
    upper: [BOUND_IN_PRIOR_SDS * PRIOR_SD[0], BOUND_IN_PRIOR_SDS * PRIOR_SD[1]],
    residualCount: count,
    residuals(theta, out) {
      evaluate(theta);
      out.set(residuals);
    },
    jacobian(theta, out) {
      evaluate(theta);
      out.set(jacobian);
    },
  };
}

/** The fit's stopping rules (see `solveLeastSquares`). */
export const PATIENT_FIT_OPTIONS = {
  maxIterations: 100,
  parameterTolerance: 1e-6,
  costTolerance: 1e-9,
} as const;

/** Fits the patient's multipliers to their measurements (days must lie within the simulation). */
export function fitPatient(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  measurements: readonly PatientMeasurement[],
  geometry: CircumferenceGeometry,
): PatientPosterior {
  if (measurements.length === 0) return PRIOR_POSTERIOR;
  const problem = patientFitProblem(population, regimen, measurements, geometry);
  const fit = solveLeastSquares(problem, PATIENT_FIT_OPTIONS);
  const theta = fit.parameters as [number, number];

  // Laplace: the analytic J at the MAP, covariance (JᵀJ)⁻¹ (2 × 2, inverted in closed form).
  const count = problem.residualCount;
  const jacobian = new Float64Array(count * 2);
  problem.jacobian?.(Float64Array.from(theta), jacobian);
  let a = 0;
  let b = 0;
  let d = 0;
  for (let i = 0; i < count; i += 1) {
    const j0 = jacobian[2 * i] as number;
    const j1 = jacobian[2 * i + 1] as number;
    a += j0 * j0;
    b += j0 * j1;
    d += j1 * j1;
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
