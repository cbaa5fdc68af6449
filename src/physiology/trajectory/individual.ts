import { type LeastSquaresProblem, solveLeastSquares } from '../numerics/least-squares.ts';
import { buildCourse, type PatientEffects, type TrajectoryRegimen } from './course.ts';
import {
  type CircumferenceGeometry,
  expectedValue,
  measurementErrorSd,
  type PatientMeasurement,
} from './measurement.ts';
import { simulateTurnover } from './muscle-turnover.ts';
import {
  PATIENT_PLATEAU_LOG_SD,
  PATIENT_RECOVERY_LOG_SD,
  PATIENT_RESPONSE_LOG_SD,
  PATIENT_SEVERITY_LOG_SD,
  type TrajectoryPopulation,
} from './parameters.ts';

/**
 * The individual patient: a Bayesian estimate of the patient's own multipliers,
 * θ = (ln severity, ln response, ln recovery, ln plateau), with the calibrated population as the prior
 * (θ ~ N(0, diag(sd²)), parameters.ts): how fast disuse takes this patient's muscle, how well it
 * answers treatment, how fast it grows back after remobilisation, and the size it grows back to.
 *
 * Maximum a posteriori by least squares: residuals (expected − measured)/error SD per measurement, plus
 * θk/sdk for the prior, so the prior is the penalty that shrinks the patient towards the population. The
 * posterior is approximated by a normal at the MAP (Laplace) with covariance (JᵀJ)⁻¹, J the Jacobian of
 * those whitened residuals (central differences). With no measurements the posterior is the prior; each
 * measurement adds information, so the covariance, and the forecast band built from it, shrink as
 * measurements accumulate. A parameter the measurements say nothing about (the recovery rate before
 * remobilisation, say) keeps its prior.
 */
export const PATIENT_PARAMETERS = ['logSeverity', 'logResponse', 'logRecovery', 'logPlateau'] as const;
export const PATIENT_PRIOR_SD: readonly number[] = [
  PATIENT_SEVERITY_LOG_SD,
  PATIENT_RESPONSE_LOG_SD,
  PATIENT_RECOVERY_LOG_SD,
  PATIENT_PLATEAU_LOG_SD,
];

export interface PatientPosterior {
  /** MAP of θ, in PATIENT_PARAMETERS order. */
  logEffects: number[];
  /** Posterior covariance of θ. */
  covariance: number[][];
  measurementsUsed: number;
  converged: boolean;
}

export const PRIOR_POSTERIOR: PatientPosterior = {
  logEffects: PATIENT_PRIOR_SD.map(() => 0),
  covariance: PATIENT_PRIOR_SD.map((sd, i) => PATIENT_PRIOR_SD.map((_, j) => (i === j ? sd * sd : 0))),
  measurementsUsed: 0,
  converged: true,
};

export function effectsOf(logEffects: ArrayLike<number>): PatientEffects {
  return {
    severity: Math.exp(logEffects[0] as number),
    response: Math.exp(logEffects[1] as number),
    recovery: Math.exp(logEffects[2] as number),
    plateau: Math.exp(logEffects[3] as number),
  };
}

/**
 * The patient parameters that can change the trajectory up to `untilDay` under this regimen: severity
 * only with disuse, response only with NMES or exercise, recovery and plateau only once the muscle is
 * free (remobilised within the horizon, or never immobilised). The others keep their prior exactly, so
 * the fit and the band leave them out.
 */
export function influentialParameters(regimen: TrajectoryRegimen, untilDay: number): number[] {
  const free = regimen.scenario === 'none' || regimen.remobiliseAtDay < untilDay;
  const treated = regimen.nmesMinutesPerDay > 0 || regimen.exerciseSessionsPerWeek > 0;
  return [regimen.scenario !== 'none', treated, free, free].flatMap((yes, i) => (yes ? [i] : []));
}

/** The fit's box on θ: ± 5 prior SDs. */
const BOUND_IN_PRIOR_SDS = 5;

/** The MAP problem for `solveLeastSquares` over the parameters in `fitted` (the rest held at 0). */
export function patientFitProblem(
  population: TrajectoryPopulation,
  regimen: TrajectoryRegimen,
  measurements: readonly PatientMeasurement[],
  geometry: CircumferenceGeometry,
  fitted: readonly number[] = PATIENT_PARAMETERS.map((_, i) => i),
): LeastSquaresProblem {
  const lastDay = Math.max(0, ...measurements.map((m) => m.day));
  const trajectory = new Float64Array(lastDay + 1);
  const errors = measurements.map((m) => measurementErrorSd(m));
  const theta = new Float64Array(PATIENT_PARAMETERS.length);
  const sd = fitted.map((j) => PATIENT_PRIOR_SD[j] as number);
  return {
    names: fitted.map((j) => PATIENT_PARAMETERS[j] as string),
    initial: fitted.map(() => 0),
    lower: sd.map((x) => -BOUND_IN_PRIOR_SDS * x),
    upper: sd.map((x) => BOUND_IN_PRIOR_SDS * x),
    residualCount: measurements.length + fitted.length,
    residuals(values, out) {
      fitted.forEach((j, i) => {
        theta[j] = values[i] as number;
      });
      simulateTurnover(buildCourse(population, regimen, effectsOf(theta)), lastDay, trajectory);
      measurements.forEach((m, i) => {
        const size = 1 + (trajectory[m.day] as number) / 100;
        out[i] = (expectedValue(m, size, geometry) - m.value) / (errors[i] as number);
      });
      sd.forEach((x, i) => {
        out[measurements.length + i] = (values[i] as number) / x;
      });
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
  const fitted = influentialParameters(regimen, Math.max(0, ...measurements.map((m) => m.day)) + 1);
  if (measurements.length === 0 || fitted.length === 0) return PRIOR_POSTERIOR;
  const fit = solveLeastSquares(
    patientFitProblem(population, regimen, measurements, geometry, fitted),
    PATIENT_FIT_OPTIONS,
  );
  // The fitted block of the posterior from the fit (its prior rows make JᵀJ positive definite); the
  // parameters left out keep their prior variance.
  const logEffects = PRIOR_POSTERIOR.logEffects.slice();
  const covariance = PRIOR_POSTERIOR.covariance.map((row) => row.slice());
  fitted.forEach((j, a) => {
    logEffects[j] = fit.parameters[a] as number;
    fitted.forEach((k, b) => {
      (covariance[j] as number[])[k] = fit.inverseNormalMatrix[a]?.[b] as number;
    });
  });
  return { logEffects, covariance, measurementsUsed: measurements.length, converged: fit.converged };
}
