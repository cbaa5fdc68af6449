import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { ForceModel } from '../force/model.ts';
import type { PulseTrain } from '../force/pulse-train.ts';
import {
  hasSensitivity,
  type SensitivityParameter,
  simulateForceSensitivities,
} from '../force/sensitivities.ts';
import { DEFAULT_RELATIVE_TOLERANCE, simulateForce } from '../force/simulate.ts';
import { type LeastSquaresResult, solveLeastSquares } from '../numerics/least-squares.ts';

/**
 * Identification of a person's force-model parameters from a force recording, by bounded nonlinear
 * least squares (solveLeastSquares) on the simulated force at the recording's own sample times.
 *
 * What is fitted, by model (the rest is held at the given model's values):
 *   Ding 2003: A, τ1, τ2, Km. Ding 2007: plus PD0, PDt. Ben Hmed 2018: plus ar, bs, Is, cr.
 *   τc and R0's offset are never fitted: the force recording sees the calcium only through Km.
 * The fatigue coefficients (αA, ατ1, αKm, τfat) are identified separately (identify-fatigue.ts), with
 * these held fixed, because they need a different recording (minutes of repeated trains).
 *
 * Coordinates: each positive parameter is fitted as ln(p / p_start), the rest as p / |p_start|, so
 * every coordinate is of order one and a relative change means the same for all of them. Bounds are
 * physical (below). Standard errors are carried back by the delta method (dp = p·du for a log
 * coordinate), and correlations are those of the fit coordinates, which equal the delta-method ones.
 *
 * Speed: the model is sampled only at the recording's times. The search runs at a loose integrator
 * tolerance (SEARCH_RELATIVE_TOLERANCE) and is then polished, and its standard errors computed, at
 * the default tolerance; identify.test.ts checks that the two stages differ by far less than a
 * standard error. The Jacobian of the base and fatigue parameters comes from the forward
 * sensitivities (force/sensitivities.ts: one integration per point); PD0, PDt, ar, bs, Is, cr still
 * take finite differences.
 */

/** Samples as a list, or as a Float64Array (a prepared recording's, not copied to a list). */
export type Samples = readonly number[] | Float64Array;

/** A force recording: times (s, strictly increasing, ≥ 0, on the pulse train's clock) and force (N). */
export interface ForceRecording {
  timesS: Samples;
  forceN: Samples;
}

/** The parameters that can be identified, as the ForceModel fields they set. */
export type IdentifiableParameter =
  | 'forceScalingNPerS'
  | 'tau1S'
  | 'tau2S'
  | 'km'
  | 'pd0Us'
  | 'pdtUs'
  | 'ar'
  | 'bsPerMa'
  | 'isMa'
  | 'cr'
  | 'alphaAPerS2'
  | 'alphaTau1PerN'
  | 'alphaKmPerSN'
  | 'tauFatigueS';

type Section = 'base' | 'pulseWidth' | 'pulseAmplitude' | 'fatigue';

export interface ParameterSpec {
  name: IdentifiableParameter;
  symbol: string;
  unit: string;
  section: Section;
  /** 'log': fitted as ln(p/p_start), needs p > 0. 'linear': fitted as p/|p_start|. */
  coordinate: 'log' | 'linear';
  /** Physical bounds of the fit. */
  lower: number;
  upper: number;
  /** Used as the scale of a linear coordinate when the start value is 0. */
  typicalMagnitude: number;
}

/**
 * Bounds: wide physical ranges, not priors. They keep the model defined (positive time constants,
 * λ > 0 somewhere, A > 0) and inside validateForceModel's ranges, and span at least 10× either side of
 * every published value (force-model.ts), so an ordinary person's parameters never sit on one.
 * Design choice; no source gives population ranges for these parameters.
 */
export const PARAMETER_SPECS: Record<IdentifiableParameter, ParameterSpec> = {
  forceScalingNPerS: spec('forceScalingNPerS', 'A', 'N/s', 'base', 'log', 10, 1e5, 3009),
  tau1S: spec('tau1S', 'τ1', 's', 'base', 'log', 1e-3, 2, 0.05),
  tau2S: spec('tau2S', 'τ2', 's', 'base', 'log', 1e-5, 2, 0.06),
  km: spec('km', 'Km', '1', 'base', 'log', 1e-3, 10, 0.1),
  pd0Us: spec('pd0Us', 'PD0', 'µs', 'pulseWidth', 'log', 1, 2000, 131),
  pdtUs: spec('pdtUs', 'PDt', 'µs', 'pulseWidth', 'log', 1, 5000, 194),
  ar: spec('ar', 'ar', '1', 'pulseAmplitude', 'log', 1e-3, 50, 0.586),
  bsPerMa: spec('bsPerMa', 'bs', '1/mA', 'pulseAmplitude', 'log', 1e-4, 5, 0.026),
  isMa: spec('isMa', 'Is', 'mA', 'pulseAmplitude', 'linear', -200, 500, 63.1),
  // λ = ar·(tanh(·) + cr) must be positive for some intensity: cr > −1.
  cr: spec('cr', 'cr', '1', 'pulseAmplitude', 'linear', -0.99, 10, 0.833),
  // Fatigue lowers A (αA ≤ 0) and raises τ1 and Km (α ≥ 0) in every published set (Ding 2003).
  alphaAPerS2: spec('alphaAPerS2', 'αA', '1/s²', 'fatigue', 'linear', -100, 0, 0.4),
  alphaTau1PerN: spec('alphaTau1PerN', 'ατ1', '1/N', 'fatigue', 'linear', 0, 0.01, 2.1e-5),
  alphaKmPerSN: spec('alphaKmPerSN', 'αKm', '1/(s·N)', 'fatigue', 'linear', 0, 0.01, 1.9e-5),
  tauFatigueS: spec('tauFatigueS', 'τfat', 's', 'fatigue', 'log', 1, 1e5, 127),
};

function spec(
  name: IdentifiableParameter,
  symbol: string,
  unit: string,
  section: Section,
  coordinate: 'log' | 'linear',
  lower: number,
  upper: number,
  typicalMagnitude: number,
): ParameterSpec {
  return { name, symbol, unit, section, coordinate, lower, upper, typicalMagnitude };
}

/** The parameters identified from one recording for a model's structure (fatigue excluded). */
export function defaultIdentifiedParameters(model: ForceModel): IdentifiableParameter[] {
  const names: IdentifiableParameter[] = ['forceScalingNPerS', 'tau1S', 'tau2S', 'km'];
  if (model.pulseWidth) names.push('pd0Us', 'pdtUs');
  if (model.pulseAmplitude) names.push('ar', 'bsPerMa', 'isMa', 'cr');
  return names;
}

export const FATIGUE_PARAMETERS: readonly IdentifiableParameter[] = [
  'alphaAPerS2',
  'alphaTau1PerN',
  'alphaKmPerSN',
  'tauFatigueS',
];

/**
 * Integrator tolerance during the search. At 1e-7 the sampled force of a 1-s, 30 Hz Ding 2003 train
 * is within 3e-4 N of the converged one (1e-6 relative to its peak), far below any recording's noise;
 * the polish at DEFAULT_RELATIVE_TOLERANCE removes even that (identify.test.ts).
 */
export const SEARCH_RELATIVE_TOLERANCE = 1e-7;
/**
 * A sensitivity Jacobian is reused within this distance in the fit coordinates (a 0.01 % change of
 * every parameter): the Jacobian then differs by about as much relative, so the standard errors by
 * ≪ 1e-3 (identify.test.ts compares them with a fit at the tight tolerance throughout).
 */
const JACOBIAN_REUSE_STEP = 1e-4;
/**
 * During the search the sensitivity Jacobian is reused within this distance (a 1 % change of every
 * parameter): there it only points the steps, each checked by the residuals, and a plain simulation
 * costs a fraction of a sensitivity integration. The polish integrates it again within
 * JACOBIAN_REUSE_STEP of where the fit ends, for the last steps and the standard errors.
 */
const SEARCH_JACOBIAN_REUSE_STEP = 1e-2;
/**
 * Stop when a step lowers the sum of squares by less than this fraction. With SSR ≈ m·σ², a reduction
 * ΔSSR moves the estimate by about √(ΔSSR/σ²) = √(1e-10·m) standard errors: 0.003 for a million
 * samples. Along a ridge (parameters that trade off) LM would otherwise crawl for hundreds of steps.
 */
const COST_TOLERANCE = 1e-10;

/**
 * One Levenberg–Marquardt stage of the fit: its finite-difference step (relative, in the fit
 * coordinates: well above the integrator's error at either tolerance), whether the differences are
 * central, and when it stops.
 */
interface FitStage {
  differenceStep: number;
  centralDifferences: boolean;
  /** Stop when no coordinate moves by more than this. */
  parameterTolerance: number;
  maxIterations: number;
}
/** The search, at SEARCH_RELATIVE_TOLERANCE: it stops at a 1e-6 relative change of every parameter. */
const SEARCH_STAGE: FitStage = {
  differenceStep: 1e-5,
  centralDifferences: false,
  parameterTolerance: 1e-6,
  maxIterations: 200,
};
/** The polish, at the default tolerance, where the standard errors are computed. */
const POLISH_STAGE: FitStage = {
  differenceStep: 1e-4,
  centralDifferences: true,
  parameterTolerance: 1e-8,
  maxIterations: 30,
};

/** A recording needs at least this many samples per fitted parameter (so the residual variance is estimated). */
export const MIN_SAMPLES_PER_PARAMETER = 5;
/**
 * A recording "overlaps" the train when it has a sample no later than this after some pulse: force
 * relaxes with τ1 + τ2·x ≤ about 0.12 s in the published sets, so 1 s after a pulse nothing is left
 * to fit. Design choice.
 */
export const OVERLAP_WINDOW_S = 1;
/** Largest recording accepted (samples), e.g. 10 minutes at 1 kHz. */
export const MAX_RECORDING_SAMPLES = 1_000_000;

/**
 * |correlation| above which two parameters are reported as trading off: at 0.95 the variance inflation
 * 1/(1 − ρ²) is 10, the usual threshold for a poorly conditioned pair. Design choice.
 */
export const TRADE_OFF_CORRELATION = 0.95;
/** Relative standard error above which a parameter is reported as poorly determined (25 %). Design choice. */
export const POOR_RELATIVE_STANDARD_ERROR = 0.25;

export interface IdentifiedParameter {
  name: IdentifiableParameter;
  symbol: string;
  unit: string;
  value: number;
  /** NaN when the recording does not determine it at all (a null direction of the fit). */
  standardError: number;
  /** standardError / |value|. */
  relativeStandardError: number;
  initial: number;
  lower: number;
  upper: number;
  /** The fit ended on a bound: its standard error describes only the local curvature. */
  atBound: boolean;
}

export interface PoorlyDetermined {
  parameter: IdentifiableParameter;
  reason: string;
}

export interface IdentificationResult {
  /** The complete model with the identified values, ready for simulateForce or `simulate --parameters`. */
  model: ForceModel;
  parameters: IdentifiedParameter[];
  /** Correlation matrix of the estimates, in the order of `parameters` (NaN where undetermined). */
  correlations: number[][];
  residual: {
    rmsN: number;
    /** rmsN over the largest recorded force. */
    relativeToPeak: number;
    sumOfSquaresN2: number;
    samples: number;
  };
  /** The fitted model's force at the recording's times (N): the polish's last simulation, not repeated. */
  fittedForceN: number[];
  /** LM trial steps, search plus polish. */
  iterations: number;
  converged: boolean;
  reason: string;
  poorlyDetermined: PoorlyDetermined[];
  notes: string[];
}

export interface IdentificationOptions {
  /** Which parameters to fit; the default depends on the model (defaultIdentifiedParameters). */
  parameters?: readonly IdentifiableParameter[];
  /** Identifier of the resulting model (default: the start model's id + '-identified'). */
  id?: string;
  /** Skip the loose-tolerance search and fit at the default tolerance throughout (for convergence checks). */
  searchRelativeTolerance?: number;
}

/** Checks a recording against the train: the errors a person can fix. */
export function validateRecording(
  recording: ForceRecording,
  train: PulseTrain,
  parameterCount: number,
): void {
  const { timesS, forceN } = recording ?? ({} as ForceRecording);
  const isSamples = (values: unknown) => Array.isArray(values) || values instanceof Float64Array;
  if (!isSamples(timesS) || !isSamples(forceN)) {
    throw new InvalidInputError('a force recording needs a list of times (s) and a list of forces (N)');
  }
  if (timesS.length !== forceN.length) {
    throw new InvalidInputError(
      `a force recording needs one force per time; got ${timesS.length} times and ${forceN.length} forces`,
    );
  }
  const needed = Math.max(MIN_SAMPLES_PER_PARAMETER * parameterCount, parameterCount + 2);
  if (timesS.length < needed) {
    throw new InvalidInputError(
      `the recording has ${timesS.length} samples; fitting ${parameterCount} parameters needs at least ${needed} (${MIN_SAMPLES_PER_PARAMETER} per parameter)`,
    );
  }
  if (timesS.length > MAX_RECORDING_SAMPLES) {
    throw new InvalidInputError(
      `the recording has ${timesS.length} samples; at most ${MAX_RECORDING_SAMPLES} are accepted (resample it)`,
    );
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < timesS.length; i += 1) {
    const t = timesS[i] as number;
    const f = forceN[i] as number;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new InvalidInputError(
        `recording sample ${i + 1}: time must be a number of seconds ≥ 0 (on the pulse train's clock); got ${String(t)}`,
      );
    }
    if (t <= previous) {
      throw new InvalidInputError(
        `recording sample ${i + 1}: times must increase strictly; ${t} s follows ${previous} s`,
      );
    }
    if (typeof f !== 'number' || !Number.isFinite(f)) {
      throw new InvalidInputError(
        `recording sample ${i + 1}: force must be a finite number of newtons; got ${String(f)}`,
      );
    }
    previous = t;
  }
  const pulses = train.timesS;
  const first = timesS[0] as number;
  const last = timesS[timesS.length - 1] as number;
  if (pulses.length === 0) throw new InvalidInputError('the pulse train has no pulses: nothing to fit');
  // Some sample must fall between a pulse and OVERLAP_WINDOW_S after it.
  let overlaps = false;
  let p = 0;
  for (const t of timesS) {
    while (p < pulses.length && (pulses[p] as number) <= t) p += 1;
    if (p > 0 && t - (pulses[p - 1] as number) <= OVERLAP_WINDOW_S) {
      overlaps = true;
      break;
    }
  }
  if (!overlaps) {
    throw new InvalidInputError(
      `the recording (${first} to ${last} s) does not overlap the pulse train (${pulses[0]} to ${pulses[pulses.length - 1]} s): it needs samples within ${OVERLAP_WINDOW_S} s after some pulse, on the same clock`,
    );
  }
  if (!(largestMagnitude(forceN) > 0)) {
    throw new InvalidInputError('the recorded force is zero throughout: there is nothing to fit');
  }
}

function largestMagnitude(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i += 1) largest = Math.max(largest, Math.abs(values[i] as number));
  return largest;
}

/** The value of one identifiable parameter in `model` (throws when the model lacks that part). */
export function parameterValue(model: ForceModel, name: IdentifiableParameter): number {
  const section = model[PARAMETER_SPECS[name].section] as Record<string, number> | undefined;
  const value = section?.[name];
  if (value === undefined) {
    throw new InvalidInputError(
      `model ${model.id} has no ${PARAMETER_SPECS[name].section} part, so ${PARAMETER_SPECS[name].symbol} cannot be fitted`,
    );
  }
  return value;
}

/** A copy of `model` with the given parameters replaced. */
export function withParameters(
  model: ForceModel,
  names: readonly IdentifiableParameter[],
  values: ArrayLike<number>,
): ForceModel {
  const next: ForceModel = { ...model, base: { ...model.base } };
  if (model.pulseWidth) next.pulseWidth = { ...model.pulseWidth };
  if (model.pulseAmplitude) next.pulseAmplitude = { ...model.pulseAmplitude };
  if (model.fatigue) next.fatigue = { ...model.fatigue };
  names.forEach((name, j) => {
    const section = next[PARAMETER_SPECS[name].section] as unknown as Record<string, number>;
    section[name] = values[j] as number;
  });
  return next;
}

/** Maps between parameters and fit coordinates. */
interface Coordinates {
  toParameters(x: ArrayLike<number>, out: Float64Array): void;
  /** dp/dx at x, per parameter. */
  derivative(parameters: ArrayLike<number>, j: number): number;
  initial: number[];
  lower: number[];
  upper: number[];
}

function coordinates(specs: readonly ParameterSpec[], start: readonly number[]): Coordinates {
  const scale = specs.map((s, j) => {
    const p = start[j] as number;
    if (s.coordinate === 'log') return p;
    return p !== 0 ? Math.abs(p) : s.typicalMagnitude;
  });
  const forward = (s: ParameterSpec, j: number, p: number): number =>
    s.coordinate === 'log' ? Math.log(p / (scale[j] as number)) : p / (scale[j] as number);
  return {
    toParameters(x, out) {
      specs.forEach((s, j) => {
        const u = x[j] as number;
        out[j] = s.coordinate === 'log' ? (scale[j] as number) * Math.exp(u) : (scale[j] as number) * u;
      });
    },
    derivative(parameters, j) {
      return specs[j]?.coordinate === 'log' ? (parameters[j] as number) : (scale[j] as number);
    },
    initial: specs.map((s, j) => forward(s, j, start[j] as number)),
    lower: specs.map((s, j) => forward(s, j, s.lower)),
    upper: specs.map((s, j) => forward(s, j, s.upper)),
  };
}

/**
 * Fits `names` of `start` to the recording. The shared engine of identifyForceModel and
 * identifyFatigue; exported for them, not for callers.
 */
export function fitParameters(
  start: ForceModel,
  train: PulseTrain,
  recording: ForceRecording,
  names: readonly IdentifiableParameter[],
  options: { id?: string; searchRelativeTolerance?: number; notes?: string[] } = {},
): IdentificationResult {
  if (names.length === 0) throw new InvalidInputError('choose at least one parameter to identify');
  const unique = new Set(names);
  if (unique.size !== names.length)
    throw new InvalidInputError(`a parameter is listed twice: ${names.join(', ')}`);
  const specs = names.map((name) => {
    // Own properties only: 'constructor' or '__proto__' is not a parameter.
    const s =
      typeof name === 'string' && Object.hasOwn(PARAMETER_SPECS, name) ? PARAMETER_SPECS[name] : undefined;
    if (!s) {
      throw new InvalidInputError(
        `unknown parameter '${String(name)}'; identifiable: ${Object.keys(PARAMETER_SPECS).join(', ')}`,
      );
    }
    return s;
  });
  validateRecording(recording, train, names.length);
  const startValues = names.map((name) => parameterValue(start, name));
  specs.forEach((s, j) => {
    const v = startValues[j] as number;
    if (!(v >= s.lower && v <= s.upper) || (s.coordinate === 'log' && !(v > 0))) {
      throw new InvalidInputError(
        `the starting ${s.symbol} (${v} ${s.unit}) is outside the range that can be identified, ${s.lower} to ${s.upper} ${s.unit}`,
      );
    }
  });

  const times = Array.from(recording.timesS);
  const measured = Float64Array.from(recording.forceN);
  const endS = times[times.length - 1] as number;
  const m = times.length;
  const n = names.length;
  const map = coordinates(specs, startValues);
  const parameters = new Float64Array(n);

  // The last simulation at the default tolerance and where it was made: the fitted curve when the
  // polish ends there (it evaluates its final point last, or the point it returns to is re-checked).
  const lastPolished = { at: new Float64Array(n).fill(Number.NaN), forceN: [] as number[] };
  const makeResiduals = (tolerance: number) => (x: Float64Array, out: Float64Array) => {
    map.toParameters(x, parameters);
    const model = withParameters(start, names, parameters);
    const result = simulateForce(model, train, { endS, sampleTimesS: times, relativeTolerance: tolerance });
    const sampled = result.sampledForceN;
    for (let i = 0; i < m; i += 1) out[i] = (sampled[i] as number) - (measured[i] as number);
    if (tolerance === DEFAULT_RELATIVE_TOLERANCE) {
      lastPolished.at.set(x);
      lastPolished.forceN = sampled;
    }
  };

  const makeJacobian =
    (residuals: (x: Float64Array, out: Float64Array) => void, step: number, central: boolean) =>
    (x: Float64Array, out: Float64Array) => {
      const base = new Float64Array(m);
      const plus = new Float64Array(m);
      const minus = new Float64Array(m);
      const point = Float64Array.from(x);
      if (!central) residuals(x, base);
      for (let j = 0; j < n; j += 1) {
        const xj = x[j] as number;
        // Step inward where a bound is near.
        const h = xj + step > (map.upper[j] as number) ? -step : step;
        point[j] = xj + h;
        residuals(point, plus);
        if (central && xj - h >= (map.lower[j] as number) && xj - h <= (map.upper[j] as number)) {
          point[j] = xj - h;
          residuals(point, minus);
          for (let i = 0; i < m; i += 1)
            out[i * n + j] = ((plus[i] as number) - (minus[i] as number)) / (2 * h);
        } else {
          if (central) residuals(x, base);
          for (let i = 0; i < m; i += 1) out[i * n + j] = ((plus[i] as number) - (base[i] as number)) / h;
        }
        point[j] = xj;
      }
    };

  const searchTolerance = options.searchRelativeTolerance ?? SEARCH_RELATIVE_TOLERANCE;
  /**
   * The Jacobian from the forward sensitivities when every parameter has them: one integration
   * instead of one simulation per parameter (two with central differences). It is integrated at the
   * search tolerance in both stages, which leaves it within about 1e-6 of the converged one, far
   * finer than the fit or its standard errors need. It is reused while no coordinate has moved by
   * more than JACOBIAN_REUSE_STEP from where it was integrated: the last steps of the search and the
   * polish move far less, and the residuals, not the Jacobian, decide where the fit ends.
   */
  let reuseStep = SEARCH_JACOBIAN_REUSE_STEP;
  const sensitivityJacobian = (): ((x: Float64Array, out: Float64Array) => void) => {
    const tolerance = Math.max(searchTolerance, DEFAULT_RELATIVE_TOLERANCE);
    const evaluatedAt = new Float64Array(n).fill(Number.NaN);
    const jacobian = new Float64Array(m * n);
    return (x, out) => {
      if (evaluatedAt.some((v, j) => !(Math.abs(v - (x[j] as number)) <= reuseStep))) {
        map.toParameters(x, parameters);
        const { sensitivities } = simulateForceSensitivities(
          withParameters(start, names, parameters),
          train,
          names as readonly SensitivityParameter[],
          { endS, sampleTimesS: times, relativeTolerance: tolerance },
        );
        for (let j = 0; j < n; j += 1) {
          const byCoordinate = map.derivative(parameters, j);
          for (let i = j; i < m * n; i += n) jacobian[i] = (sensitivities[i] as number) * byCoordinate;
        }
        evaluatedAt.set(x);
      }
      out.set(jacobian);
    };
  };
  const analyticJacobian = names.every(hasSensitivity) ? sensitivityJacobian() : undefined;
  /** One LM stage: residuals at `tolerance`, the Jacobian from the sensitivities or finite differences. */
  const stage = (
    initial: readonly number[],
    tolerance: number,
    { differenceStep, centralDifferences, maxIterations, parameterTolerance }: FitStage,
  ): LeastSquaresResult => {
    const residuals = makeResiduals(tolerance);
    return solveLeastSquares(
      {
        names,
        initial,
        lower: map.lower,
        upper: map.upper,
        residualCount: m,
        residuals,
        jacobian: analyticJacobian ?? makeJacobian(residuals, differenceStep, centralDifferences),
      },
      { maxIterations, parameterTolerance, costTolerance: COST_TOLERANCE },
    );
  };

  let initial = map.initial;
  let iterations = 0;
  if (searchTolerance > DEFAULT_RELATIVE_TOLERANCE) {
    const search = stage(initial, searchTolerance, SEARCH_STAGE);
    initial = search.parameters;
    iterations += search.iterations;
  }
  reuseStep = JACOBIAN_REUSE_STEP;
  const polish = stage(initial, DEFAULT_RELATIVE_TOLERANCE, POLISH_STAGE);
  iterations += polish.iterations;

  const values = new Float64Array(n);
  map.toParameters(polish.parameters, values);
  const identified: IdentifiedParameter[] = specs.map((s, j) => {
    const value = values[j] as number;
    const standardError = Math.abs(map.derivative(values, j)) * (polish.standardErrors[j] as number);
    const x = polish.parameters[j] as number;
    const span = (map.upper[j] as number) - (map.lower[j] as number);
    return {
      name: s.name,
      symbol: s.symbol,
      unit: s.unit,
      value,
      standardError,
      relativeStandardError: standardError / Math.abs(value),
      initial: startValues[j] as number,
      lower: s.lower,
      upper: s.upper,
      atBound: x <= (map.lower[j] as number) + 1e-9 * span || x >= (map.upper[j] as number) - 1e-9 * span,
    };
  });
  const correlations = polish.covariance.map((row, a) =>
    row.map((c, b) => {
      const scale = Math.sqrt((polish.covariance[a]?.[a] as number) * (polish.covariance[b]?.[b] as number));
      return a === b && Number.isFinite(c) ? 1 : c / scale;
    }),
  );
  const poorlyDetermined = judgeDetermination(identified, correlations);
  const peak = largestMagnitude(measured);
  const model = withParameters(start, names, values);
  const fittedForceN = polish.parameters.every((x, j) => x === lastPolished.at[j])
    ? lastPolished.forceN
    : simulateForce(model, train, { endS, sampleTimesS: times }).sampledForceN;
  model.id = options.id ?? `${start.id}-identified`;
  model.source = `identified by myotrophy from a force recording (${m} samples, ${names.map((name) => PARAMETER_SPECS[name].symbol).join(', ')} fitted); other parameters from: ${start.source}`;
  return {
    model,
    parameters: identified,
    correlations,
    residual: {
      rmsN: polish.rmsResidual,
      relativeToPeak: polish.rmsResidual / peak,
      sumOfSquaresN2: polish.residualSumOfSquares,
      samples: m,
    },
    fittedForceN,
    iterations,
    converged: polish.converged,
    reason: polish.reason,
    poorlyDetermined,
    notes: options.notes ?? [],
  };
}

/** Which parameters the fit leaves poorly determined, and why (relative standard error, bound, trade-off). */
export function judgeDetermination(
  identified: readonly IdentifiedParameter[],
  correlations: number[][],
): PoorlyDetermined[] {
  const out: PoorlyDetermined[] = [];
  identified.forEach((p, a) => {
    const reasons: string[] = [];
    if (!Number.isFinite(p.standardError)) {
      reasons.push('the recording does not determine it (no standard error: a null direction of the fit)');
    } else if (p.relativeStandardError > POOR_RELATIVE_STANDARD_ERROR) {
      reasons.push(
        `relative standard error ${(100 * p.relativeStandardError).toFixed(0)} % (> ${100 * POOR_RELATIVE_STANDARD_ERROR} %)`,
      );
    }
    if (p.atBound) reasons.push(`ended on its bound (${p.lower} to ${p.upper} ${p.unit})`);
    const partners = identified
      .map((q, b) => ({ q, rho: correlations[a]?.[b] as number, b }))
      .filter(({ rho, b }) => b !== a && Math.abs(rho) > TRADE_OFF_CORRELATION)
      .map(({ q, rho }) => `${q.symbol} (ρ = ${rho.toFixed(3)})`);
    if (partners.length > 0) reasons.push(`trades off with ${partners.join(', ')}`);
    if (reasons.length > 0) out.push({ parameter: p.name, reason: `${p.symbol}: ${reasons.join('; ')}` });
  });
  return out;
}

/**
 * Identifies a person's force-model parameters (A, τ1, τ2, Km, and PD0, PDt or ar, bs, Is, cr) from a
 * force recording made with `train`, starting from `start` (a published model or earlier values).
 */
export function identifyForceModel(
  start: ForceModel,
  train: PulseTrain,
  recording: ForceRecording,
  options: IdentificationOptions = {},
): IdentificationResult {
  const names = options.parameters ?? defaultIdentifiedParameters(start);
  const notes: string[] = [];
  if (start.fatigue) {
    notes.push(
      `The fatigue coefficients are held at the start model's values (${start.fatigue.alphaAPerS2} 1/s², ${start.fatigue.alphaTau1PerN} 1/N, ${start.fatigue.alphaKmPerSN} 1/(s·N), ${start.fatigue.tauFatigueS} s); identify them from a repeated-train recording with the fatigue option.`,
    );
  }
  notes.push(...designNotes(start, train, recording));
  return fitParameters(start, train, recording, names, {
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(options.searchRelativeTolerance !== undefined
      ? { searchRelativeTolerance: options.searchRelativeTolerance }
      : {}),
    notes,
  });
}

/**
 * A recording shows relaxation when it has a sample this long after a pulse with no pulse between:
 * 3 × the published τ1 (0.051 s, Ding 2003), where x = Cn/(Km + Cn) has fallen near zero (τc 0.02 s)
 * and the force decays with τ1 alone, which separates τ1 from τ2. Design choice.
 */
export const RELAXATION_OBSERVED_S = 0.15;

/** Whether some sample lies RELAXATION_OBSERVED_S or more after a pulse, with no pulse in between. */
export function recordsRelaxation(train: PulseTrain, timesS: Samples): boolean {
  const pulses = train.timesS;
  let p = 0;
  for (const t of timesS) {
    while (p < pulses.length && (pulses[p] as number) <= t) p += 1;
    if (p > 0 && t - (pulses[p - 1] as number) >= RELAXATION_OBSERVED_S) return true;
  }
  return false;
}

/** What the recording cannot tell apart, whatever the fit says. */
function designNotes(model: ForceModel, train: PulseTrain, recording: ForceRecording): string[] {
  const notes: string[] = [];
  if (!recordsRelaxation(train, recording.timesS)) {
    notes.push(
      `The recording never shows the force relaxing (no sample ${RELAXATION_OBSERVED_S} s or more after a pulse): during a tetanus only τ1 + τ2·x is seen, so τ1 and τ2 trade off. Keep recording for at least 0.3 s after each train.`,
    );
  }
  const distinct = (values: readonly number[] | undefined) => new Set(values ?? []).size;
  if (model.pulseWidth && distinct(train.widthsUs) < 3) {
    notes.push(
      'With fewer than 3 distinct pulse widths, A·(1 − exp(−(pw − PD0)/PDt)) is one number per width: A, PD0 and PDt cannot be separated. Record trains at 3 or more widths (e.g. 150, 250, 400, 600 µs) or with a width ramp.',
    );
  }
  if (model.pulseAmplitude && distinct(train.intensitiesMa) < 4) {
    notes.push(
      'With fewer than 4 distinct intensities, λ = ar·(tanh(bs·(I − Is)) + cr) is one number per intensity: ar, bs, Is and cr cannot be separated, and the overall size of λ trades off with Km (x = λC/(Km + λC)). Record trains at 4 or more intensities spanning recruitment (e.g. 30–120 mA) or with an intensity ramp.',
    );
  }
  return notes;
}
