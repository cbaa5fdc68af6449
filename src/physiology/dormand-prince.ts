/**
 * Adaptive Dormand–Prince 5(4) integrator with its fourth-order dense output
 * (Dormand & Prince 1980, J Comput Appl Math 6:19; dense output after Hairer, Nørsett & Wanner,
 * Solving ODEs I, 2nd ed., §II.6). Written here rather than taken from a library because the
 * force models need to stop exactly at every stimulation pulse (the forcing changes there), to
 * look inside each accepted step for force peaks and samples, and to run allocation-free: the
 * JavaScript ODE packages offer neither breakpoints nor per-step dense output at this speed.
 */

/** dy/dt = f(t, y), written into `dydt`. */
export type Derivative = (t: number, y: Float64Array, dydt: Float64Array) => void;

export interface DormandPrinceOptions {
  relativeTolerance: number;
  /**
   * Typical magnitude of each component; the absolute tolerance of a component is
   * relativeTolerance × its scale, so small states (a time constant of 0.05 s) and large ones
   * (a force of 300 N) are held to the same relative accuracy.
   */
  scales: readonly number[];
  /** First trial step (s). */
  initialStep?: number;
  /** Largest step (s); bounds how far a step may stride across quiet intervals. */
  maxStep?: number;
}

const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const A71 = 35 / 384;
const A73 = 500 / 1113;
const A74 = 125 / 192;
const A75 = -2187 / 6784;
const A76 = 11 / 84;
// Difference between the fifth- and fourth-order weights: the local error estimate.
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
// Dense-output coefficients.
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 5;
const MAX_REJECTIONS_IN_A_ROW = 60;

/**
 * One integrator for one system size. It holds its work arrays so repeated integration
 * allocates nothing; after each accepted step the step's endpoints, derivatives and dense output
 * are available to the `onStep` callback.
 */
export class DormandPrince {
  readonly dimension: number;
  /** Start and end of the step just accepted. */
  stepStartT = 0;
  stepEndT = 0;
  /** State at the start of the step just accepted (the end state is the caller's y). */
  readonly stepStartY: Float64Array;
  /** Derivatives at the start (k1) and end (k7) of the step just accepted. */
  readonly k1: Float64Array;
  readonly k7: Float64Array;
  acceptedSteps = 0;
  rejectedSteps = 0;
  /** The first step accepted by the latest `advance`: a good first trial for a like interval. */
  firstAcceptedStep = Number.NaN;

  private readonly f: Derivative;
  private readonly rtol: number;
  private readonly atol: Float64Array;
  private readonly maxStep: number;
  private h: number;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly trial: Float64Array;
  private readonly next: Float64Array;
  private readonly dense: Float64Array; // 5 coefficient rows of `dimension`

  constructor(f: Derivative, options: DormandPrinceOptions) {
    const n = options.scales.length;
    this.dimension = n;
    this.f = f;
    this.rtol = options.relativeTolerance;
    this.atol = Float64Array.from(options.scales, (s) => s * options.relativeTolerance);
    this.maxStep = options.maxStep ?? Number.POSITIVE_INFINITY;
    this.h = options.initialStep ?? 1e-4;
    this.stepStartY = new Float64Array(n);
    this.k1 = new Float64Array(n);
    this.k2 = new Float64Array(n);
    this.k3 = new Float64Array(n);
    this.k4 = new Float64Array(n);
    this.k5 = new Float64Array(n);
    this.k6 = new Float64Array(n);
    this.k7 = new Float64Array(n);
    this.trial = new Float64Array(n);
    this.next = new Float64Array(n);
    this.dense = new Float64Array(5 * n);
  }

  /**
   * Advances `y` (in place) from t0 to exactly t1. The derivative is evaluated afresh at t0,
   * so a forcing that jumps at t0 is honoured. Calls `onStep` after every accepted step.
   * `firstStep` overrides the carried-over step size, e.g. with the first step of the previous
   * interval between stimulation pulses, which saves the rejections a sharp restart would cost.
   */
  advance(
    y: Float64Array,
    t0: number,
    t1: number,
    onStep?: (stepper: DormandPrince) => void,
    firstStep?: number,
  ): void {
    const n = this.dimension;
    const { f, k1, k2, k3, k4, k5, k6, k7, trial, next, atol, rtol } = this;
    let t = t0;
    f(t, y, k1);
    if (firstStep !== undefined && firstStep > 0) this.h = firstStep;
    this.firstAcceptedStep = Number.NaN;
    let rejections = 0;
    while (t < t1) {
      let h = Math.min(this.h, this.maxStep);
      const remaining = t1 - t;
      let last = false;
      // Land exactly on t1, and avoid leaving a sliver behind.
      if (h >= remaining * 0.999) {
        h = remaining;
        last = true;
      } else if (h > remaining * 0.5) {
        h = remaining * 0.5;
      }
      for (let i = 0; i < n; i += 1) trial[i] = y[i] + h * A21 * k1[i];
      f(t + C2 * h, trial, k2);
      for (let i = 0; i < n; i += 1) trial[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
      f(t + C3 * h, trial, k3);
      for (let i = 0; i < n; i += 1) trial[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
      f(t + C4 * h, trial, k4);
      for (let i = 0; i < n; i += 1) {
        trial[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
      }
      f(t + C5 * h, trial, k5);
      for (let i = 0; i < n; i += 1) {
        trial[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
      }
      const tEnd = last ? t1 : t + h;
      f(tEnd, trial, k6);
      for (let i = 0; i < n; i += 1) {
        next[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
      }
      f(tEnd, next, k7);
      let errorSquares = 0;
      for (let i = 0; i < n; i += 1) {
        const estimate = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
        const scale = atol[i] + rtol * Math.max(Math.abs(y[i]), Math.abs(next[i]));
        const ratio = estimate / scale;
        errorSquares += ratio * ratio;
      }
      const error = Math.sqrt(errorSquares / n);
      if (!(error <= 1)) {
        rejections += 1;
        this.rejectedSteps += 1;
        if (rejections > MAX_REJECTIONS_IN_A_ROW || !Number.isFinite(error)) {
          throw new Error(`integration failed at t = ${t} s: the solution is not finite or too stiff`);
        }
        this.h = h * Math.max(MIN_FACTOR, SAFETY * error ** -0.2);
        continue;
      }
      rejections = 0;
      this.acceptedSteps += 1;
      if (Number.isNaN(this.firstAcceptedStep)) this.firstAcceptedStep = h;
      this.stepStartT = t;
      this.stepEndT = tEnd;
      if (onStep) this.prepareDense(y, next, h);
      this.stepStartY.set(y);
      y.set(next);
      t = tEnd;
      const factor =
        error === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * error ** -0.2));
      // Keep the proposed step for the next interval even when this one was cut short to land on t1.
      this.h = last ? Math.max(this.h, h) : h * factor;
      if (onStep) onStep(this);
      k1.set(k7);
    }
  }

  /** The dense-output value of `component` at time t within the step just accepted. */
  denseValue(component: number, t: number): number {
    const n = this.dimension;
    const width = this.stepEndT - this.stepStartT;
    const theta = width > 0 ? (t - this.stepStartT) / width : 1;
    const theta1 = 1 - theta;
    const d = this.dense;
    return (
      d[component] +
      theta *
        (d[n + component] +
          theta1 * (d[2 * n + component] + theta * (d[3 * n + component] + theta1 * d[4 * n + component])))
    );
  }

  private prepareDense(y: Float64Array, next: Float64Array, h: number): void {
    const n = this.dimension;
    const { dense, k1, k3, k4, k5, k6, k7 } = this;
    for (let i = 0; i < n; i += 1) {
      const difference = next[i] - y[i];
      const bspl = h * k1[i] - difference;
      dense[i] = y[i];
      dense[n + i] = difference;
      dense[2 * n + i] = bspl;
      dense[3 * n + i] = difference - h * k7[i] - bspl;
      dense[4 * n + i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
    }
  }
}
