import { expOfMinus } from '../numerics/exp-of-minus.ts';
import { CalciumTransient } from './calcium.ts';
import { type FatigueRates, fatigueRates } from './fatigue-rates.ts';
import type { ForceModel } from './model.ts';

/**
 * Adaptive Dormand–Prince 5(4) integration of the force model's state [F, D, ∫F], with the
 * fourth-order dense output of F (Dormand & Prince 1980, J Comput Appl Math 6:19; dense output after
 * Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., §II.6).
 *
 * D is the fatigue drive. The three fatigue equations share their recovery rate 1/τfat and are
 * driven by F alone, so with A, τ1 and Km starting at rest,
 *   A = A_rest + αA·D,  τ1 = τ1_rest + ατ1·D,  Km = Km_rest + αKm·D,  dD/dt = F − D/τfat,  D(0) = 0
 * solves all three exactly (substitute into dA/dt = −(A − A_rest)/τfat + αA·F). One state instead
 * of three is fewer operations a step (no measurable gain in time: see docs/physiology.md); the
 * error of A, τ1 and Km is still controlled one by one, through α·(error of D).
 *
 * Written for this one system, with its state in scalar fields rather than arrays: a session of
 * 20,000 pulses takes ~150,000 steps, and a generic array-based stepper spent several times longer
 * on bookkeeping than on the model itself. It stops exactly where asked (every pulse, where the
 * forcing changes) and exposes each accepted step so the caller can find force peaks and samples.
 * No JavaScript ODE package offers breakpoints plus per-step dense output at this speed.
 */

export const C2 = 1 / 5;
export const C3 = 3 / 10;
export const C4 = 4 / 5;
export const C5 = 8 / 9;
export const A21 = 1 / 5;
export const A31 = 3 / 40;
export const A32 = 9 / 40;
export const A41 = 44 / 45;
export const A42 = -56 / 15;
export const A43 = 32 / 9;
export const A51 = 19372 / 6561;
export const A52 = -25360 / 2187;
export const A53 = 64448 / 6561;
export const A54 = -212 / 729;
export const A61 = 9017 / 3168;
export const A62 = -355 / 33;
export const A63 = 46732 / 5247;
export const A64 = 49 / 176;
export const A65 = -5103 / 18656;
export const B1 = 35 / 384;
export const B3 = 500 / 1113;
export const B4 = 125 / 192;
export const B5 = -2187 / 6784;
export const B6 = 11 / 84;
// Fifth- minus fourth-order weights: the local error estimate.
export const E1 = 71 / 57600;
export const E3 = -71 / 16695;
export const E4 = 71 / 1920;
export const E5 = -17253 / 339200;
export const E6 = 22 / 525;
export const E7 = -1 / 40;
// Dense-output weights.
export const D1 = -12715105075 / 11282082432;
export const D3 = 87487479700 / 32700410799;
export const D4 = -10690763975 / 1880347072;
export const D5 = 701980252875 / 199316789632;
export const D6 = -1453857185 / 822651844;
export const D7 = 69997945 / 29380423;

// A ninetieth: the stage nodes 1/5, 3/10, 4/5, 8/9 and 1 are 18, 27, 72, 80 and 90 of them.
const NINETIETH = 1 / 90;

/** Tight enough that peak force and force–time integral are converged to ≤ 1e-6 (see simulate.test.ts). */
export const DEFAULT_RELATIVE_TOLERANCE = 5e-9;

// The peak search stops when θ moves less than this (a fraction of the step: well under a
// nanosecond); at a maximum the force is flat, so the peak is then exact to rounding.
const PEAK_THETA_TOLERANCE = 1e-10;
const PEAK_SEARCH_ITERATIONS = 60;

/*
 * Step-size control: the next step is the last one times SAFETY·error^(−1/5), within [MIN_FACTOR,
 * MAX_FACTOR]. The power is taken from the squared error without the square root, and without
 * Math.exp and Math.log: with E = errorSquared = m·2ᵏ (m in [1, 2), read from its bits),
 * E^(−0.1) = m^(−0.1)·2^(−0.1·k), the second from a table over every exponent, the first from a
 * polynomial within 2.7e-6 of it. `error ** -0.2` went through the general power function, about a
 * fifth of the 120-s protocol's CPU time; exp(−0.1·ln E), which replaced it, still a seventh
 * (docs/physiology.md).
 */
const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 5;
export const MAX_REJECTIONS_IN_A_ROW = 60;

const SMALLEST_NORMAL = 2.2250738585072014e-308;
const FLOAT = new Float64Array(1);
const WORDS = new Int32Array(FLOAT.buffer);
// The index of the 32-bit word holding a double's sign, exponent and top of its mantissa.
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const MANTISSA_STEP = 2 ** -20;
// 2^(−0.1·k) for each biased exponent k + 1023 of a normal double.
const POWER_OF_TWO_FACTOR = Float64Array.from({ length: 2047 }, (_, biased) => 2 ** (-0.1 * (biased - 1023)));
// m^(−0.1) on [1, 2) as a polynomial in u = m − 1.5 (least-squares fit on Chebyshev terms).
const M0 = 0.9602651862693216;
const M1 = -0.0640191676528377;
const M2 = 0.023416469530410985;
const M3 = -0.010899901951947346;
const M4 = 0.00631825067082887;
const M5 = -0.0035539888180798167;

/** The step-size factor for a step whose root-mean-square error norm, squared, is `errorSquared`. */
export function stepSizeFactor(errorSquared: number): number {
  if (!(errorSquared >= SMALLEST_NORMAL && errorSquared < Number.POSITIVE_INFINITY)) {
    // The formula's limits: 0 (and what underflows toward it) allows the largest step, ∞ the smallest.
    if (errorSquared < SMALLEST_NORMAL) return MAX_FACTOR;
    return errorSquared === Number.POSITIVE_INFINITY ? MIN_FACTOR : Number.NaN;
  }
  FLOAT[0] = errorSquared;
  const high = WORDS[HIGH_WORD];
  // m − 1.5 from the top 20 of the mantissa's 52 bits (to 1e-6, ample for a step-size factor).
  const u = (high & 0x000fffff) * MANTISSA_STEP - 0.5;
  // Estrin's scheme: the factor is on the path from one step's error to the next step's start.
  const u2 = u * u;
  const mantissaFactor = M0 + M1 * u + u2 * (M2 + M3 * u) + u2 * u2 * (M4 + M5 * u);
  const power = mantissaFactor * POWER_OF_TWO_FACTOR[high >>> 20];
  return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * power));
}

/**
 * The next trial step toward a breakpoint `remaining` ahead: all of it when the step nearly reaches
 * it, otherwise at most half of it, so that no sliver is left behind.
 */
export function stepTowardBreakpoint(proposed: number, remaining: number): number {
  if (proposed >= remaining * 0.999) return remaining;
  return Math.min(proposed, remaining * 0.5);
}

/**
 * dF/dt = A·w·x − F/(τ1 + τ2·x), x = Cn/(Km + Cn), where A·w, Km and τ1 are their rest values plus
 * their α times the drive D. Plain numbers in, no property reads: the compiler inlines it into the
 * step seven times, and at this size that leaves room in its inlining budget for the step-size
 * factor (a call, with its number boxed, at every step otherwise; docs/physiology.md).
 */
function forceRate(
  cn: number,
  force: number,
  drive: number,
  aRest: number,
  aAlpha: number,
  kmRest: number,
  kmAlpha: number,
  tau1Rest: number,
  tau1Alpha: number,
  tau2: number,
): number {
  const x = cn / (kmRest + kmAlpha * drive + cn);
  return (aRest + aAlpha * drive) * x - force / (tau1Rest + tau1Alpha * drive + tau2 * x);
}

export class ForceStepper {
  // The state, advanced in place.
  force = 0;
  /** The fatigue drive D (N·s): A, τ1 and Km are their rest values plus α·D. */
  drive = 0;
  forceIntegral = 0;
  /** Force factor of the latest pulse's width (1 without a pulse-width model). */
  widthFactor = 1;

  // The step just accepted, for the caller's peak search and sampling.
  stepStartT = 0;
  stepEndT = 0;
  forceAtStepStart = 0;
  forceRateAtStepStart = 0;
  forceRateAtStepEnd = 0;
  acceptedSteps = 0;
  rejectedSteps = 0;
  /** The first step accepted by the latest `advance`. */
  firstAcceptedStep = Number.NaN;
  /** Where `maxForceInStep` found its maximum (s). */
  peakTimeS = Number.NaN;

  private readonly calcium: CalciumTransient;
  private readonly tau2: number;
  private readonly fatigue: FatigueRates;
  private readonly rtol: number;
  private readonly atolForce: number;
  private readonly atolScaling: number;
  private readonly atolTau1: number;
  private readonly atolKm: number;
  private readonly maxStep: number;
  private h: number;
  // Dense-output coefficients of F for the step just accepted.
  private dense1 = 0;
  private dense2 = 0;
  private dense3 = 0;
  private dense4 = 0;
  private driveAtStepStart = 0;
  private integralAtStepStart = 0;
  // A maximum held by `holdPeak`: its step's start, the state there and the pulse history then.
  private readonly model: ForceModel;
  private readonly heldCalcium: CalciumTransient;
  private heldStartT = Number.NaN;
  private heldPeakT = Number.NaN;
  private heldForce = 0;
  private heldDrive = 0;
  private heldIntegral = 0;
  private heldWidthFactor = 1;
  private refiner: ForceStepper | undefined;

  constructor(model: ForceModel, calcium: CalciumTransient, relativeTolerance = DEFAULT_RELATIVE_TOLERANCE) {
    const { base } = model;
    this.model = model;
    this.calcium = calcium;
    this.heldCalcium = new CalciumTransient(model);
    this.tau2 = base.tau2S;
    this.fatigue = fatigueRates(model);
    this.rtol = relativeTolerance;
    // Absolute tolerances: the relative tolerance times each state's natural size, so a time
    // constant of 0.05 s and a force of 300 N are held to the same relative accuracy.
    const forceScale = base.forceScalingNPerS * (base.tau1S + base.tau2S);
    this.atolForce = relativeTolerance * forceScale;
    this.atolScaling = relativeTolerance * base.forceScalingNPerS;
    this.atolTau1 = relativeTolerance * base.tau1S;
    this.atolKm = relativeTolerance * base.km;
    // Never stride over a whole calcium transient, so the controller stays honest after long rests.
    this.maxStep = 50 * base.tau1S;
    this.h = Math.min(base.tauCalciumS, base.tau1S) / 20;
  }

  /** A (N/s) now. */
  get scaling(): number {
    return this.fatigue.restScalingNPerS + this.fatigue.alphaAPerS2 * this.drive;
  }

  /** τ1 (s) now. */
  get tau1(): number {
    return this.fatigue.restTau1S + this.fatigue.alphaTau1PerN * this.drive;
  }

  /** Km now. */
  get km(): number {
    return this.fatigue.restKm + this.fatigue.alphaKmPerSN * this.drive;
  }

  /** F at time t within the step just accepted, from the dense output. */
  forceAt(t: number): number {
    const width = this.stepEndT - this.stepStartT;
    const theta = width > 0 ? (t - this.stepStartT) / width : 1;
    const theta1 = 1 - theta;
    return (
      this.forceAtStepStart +
      theta * (this.dense1 + theta1 * (this.dense2 + theta * (this.dense3 + theta1 * this.dense4)))
    );
  }

  /**
   * The largest force inside the step just accepted, when the force rises at its start and falls
   * at its end. The dense output is a quartic in θ = (t − t0)/h,
   *   F(θ) = F0 + (d1 + d2)θ + (d3 + d4 − d2)θ² − (d3 + 2d4)θ³ + d4θ⁴,
   * whose derivative is h·dF/dt at the ends; its root is found by Newton steps kept inside a
   * shrinking bracket (bisection when a step would leave it).
   */
  maxForceInStep(): number {
    const { forceAtStepStart: f0, dense1: d1, dense2: d2, dense3: d3, dense4: d4 } = this;
    const c1 = d1 + d2;
    const c2 = d3 + d4 - d2;
    const c3 = -(d3 + 2 * d4);
    let low = 0;
    let high = 1;
    // Start where the slope, taken as linear between its values at the ends, is zero.
    const slopeAtEnd = c1 + 2 * c2 + 3 * c3 + 4 * d4;
    let theta = c1 > 0 && slopeAtEnd < 0 ? c1 / (c1 - slopeAtEnd) : 0.5;
    for (let i = 0; i < PEAK_SEARCH_ITERATIONS; i += 1) {
      const slope = c1 + theta * (2 * c2 + theta * (3 * c3 + theta * 4 * d4));
      // Exactly flat: the maximum. (Taken as a falling end, it sent the search back to bisecting
      // toward where it already was, for 30 iterations.)
      if (slope === 0) break;
      if (slope > 0) low = theta;
      else high = theta;
      const curvature = 2 * c2 + theta * (6 * c3 + theta * 12 * d4);
      let next = curvature < 0 ? theta - slope / curvature : Number.NaN;
      if (!(next > low && next < high)) next = 0.5 * (low + high);
      if (Math.abs(next - theta) < PEAK_THETA_TOLERANCE) {
        theta = next;
        break;
      }
      theta = next;
    }
    this.peakTimeS = this.stepStartT + theta * (this.stepEndT - this.stepStartT);
    return f0 + theta * (c1 + theta * (c2 + theta * (c3 + theta * d4)));
  }

  /**
   * Keeps the maximum `maxForceInStep` just found, to be valued again by `heldPeakForce`. The dense
   * output's error grows as h⁵ with a constant larger than the step's own, so in the long steps after
   * a contraction's last pulse it was most of a peak's error (1.1e-7 of 1.14e-7 at the default
   * tolerance, docs/physiology.md); holding only the best candidate keeps the cost at one step a
   * contraction.
   */
  holdPeak(): void {
    this.heldStartT = this.stepStartT;
    this.heldPeakT = this.peakTimeS;
    this.heldForce = this.forceAtStepStart;
    this.heldDrive = this.driveAtStepStart;
    this.heldIntegral = this.integralAtStepStart;
    this.heldWidthFactor = this.widthFactor;
    this.heldCalcium.copyFrom(this.calcium);
  }

  /**
   * The force at the held maximum, from the held step's start by this same integrator landing on
   * it exactly (a fifth-order step, not the interpolant).
   */
  heldPeakForce(): number {
    if (Number.isNaN(this.heldPeakT)) return Number.NaN;
    if (this.heldPeakT <= this.heldStartT) return this.heldForce;
    this.refiner ??= new ForceStepper(this.model, this.heldCalcium, this.rtol);
    const refiner = this.refiner;
    refiner.force = this.heldForce;
    refiner.drive = this.heldDrive;
    refiner.forceIntegral = this.heldIntegral;
    refiner.widthFactor = this.heldWidthFactor;
    refiner.advance(this.heldStartT, this.heldPeakT, undefined, this.heldPeakT - this.heldStartT);
    return refiner.force;
  }

  /**
   * Advances the state from t0 to exactly t1, calling `onStep` (when given) after every accepted step.
   * `firstStep` overrides the carried-over step size for the first trial.
   */
  advance(
    t0: number,
    t1: number,
    onStep: ((stepper: ForceStepper) => void) | undefined,
    firstStep?: number,
  ): void {
    const { rtol, atolForce, fatigue, widthFactor, tau2 } = this;
    const { restScalingNPerS: restA, restKm: kmRest, restTau1S: tau1Rest } = fatigue;
    const { alphaAPerS2: alphaA, alphaTau1PerN: tau1Alpha, alphaKmPerSN: kmAlpha } = fatigue;
    // A·w at rest and its α: the force's scaling with the latest pulse's width factor.
    const aRest = restA * widthFactor;
    const aAlpha = alphaA * widthFactor;
    // The error of D seen as errors of A, τ1 and Km (zero without fatigue, where D is not used).
    const atolScaling = this.atolScaling;
    const atolTau1 = this.atolTau1;
    const atolKm = this.atolKm;
    const recovery = fatigue.recoveryPerS;
    let t = t0;
    let f = this.force;
    let d = this.drive;
    let integral = this.forceIntegral;
    // Cn = exp(−s)·(s·a + b), s = (t − t_last)/τc, with the pulse history's sums a and b fixed over
    // this call (pulses fall on its ends). Before the first pulse both are 0, and so is Cn.
    const { calcium } = this;
    const lastPulse = Number.isNaN(calcium.latestPulseS) ? t0 : calcium.latestPulseS;
    const sumA = calcium.pulseSumA;
    const sumB = calcium.pulseSumB;
    const perTauC = calcium.perTauCalcium;
    const sAtT0 = (t0 - lastPulse) * perTauC;
    // exp(−s) at each step's start, carried from the step before. A call that starts on the pulse
    // just added (nearly every call) starts at s = 0.
    let decayAtStart = sAtT0 === 0 ? 1 : Math.exp(-sAtT0);
    const cnAtT0 = decayAtStart * (sAtT0 * sumA + sumB);
    let k1f = forceRate(cnAtT0, f, d, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
    let k1d = f - recovery * d;
    if (firstStep !== undefined && firstStep > 0) this.h = firstStep;
    this.firstAcceptedStep = Number.NaN;
    let rejections = 0;
    while (t < t1) {
      const remaining = t1 - t;
      const h = stepTowardBreakpoint(Math.min(this.h, this.maxStep), remaining);
      const last = h === remaining;
      // Cn at the stages, written out here: a call from this long method is not inlined, and one
      // per step cost a sixth of the 120-s protocol's CPU time. exp(−s) takes one exponential a step,
      // not five: the nodes 1/5, 3/10, 4/5, 8/9 and 1 are 18, 27, 72, 80 and 90 ninetieths of the
      // step, so exp(−s0 − k·δ/90) = exp(−s0)·rᵏ with r = exp(−δ/90), by products.
      const s0 = (t - lastPulse) * perTauC;
      const delta = h * perTauC;
      const r = expOfMinus(delta * NINETIETH);
      const r2 = r * r;
      const r4 = r2 * r2;
      const r8 = r4 * r4;
      const r9 = r8 * r;
      const r18 = r9 * r9;
      const r27 = r18 * r9;
      const r72 = r27 * r27 * r18;
      const r80 = r72 * r8;
      const atStart = s0 * sumA + sumB;
      const slope = delta * sumA;
      const cn2 = decayAtStart * r18 * (atStart + C2 * slope);
      const cn3 = decayAtStart * r27 * (atStart + C3 * slope);
      const cn4 = decayAtStart * r72 * (atStart + C4 * slope);
      const cn5 = decayAtStart * r80 * (atStart + C5 * slope);
      // A last step lands on t1, within a rounding of t + h: exp(−s) there is the same product times
      // exp(−ε) = 1 − ε, exact to rounding for an ε that small.
      const sEnd = last ? (t1 - lastPulse) * perTauC : s0 + delta;
      const decayAtEnd = decayAtStart * r80 * r8 * r2 * (last ? 1 - (sEnd - s0 - delta) : 1);
      const cnEnd = decayAtEnd * (sEnd * sumA + sumB);
      // The step times each weight, once: a stage's value then waits on its last rate for one
      // product and one sum (the chain from stage to stage sets the step's time, not the count of
      // operations).
      const hA21 = h * A21;
      const hA31 = h * A31;
      const hA32 = h * A32;
      const hA41 = h * A41;
      const hA42 = h * A42;
      const hA43 = h * A43;
      const hA51 = h * A51;
      const hA52 = h * A52;
      const hA53 = h * A53;
      const hA54 = h * A54;
      const hA61 = h * A61;
      const hA62 = h * A62;
      const hA63 = h * A63;
      const hA64 = h * A64;
      const hA65 = h * A65;
      const hB1 = h * B1;
      const hB3 = h * B3;
      const hB4 = h * B4;
      const hB5 = h * B5;
      const hB6 = h * B6;
      // Stages 2–5; dD/dt at a stage is that stage's F minus the recovery.
      const f2 = f + hA21 * k1f;
      const d2 = d + hA21 * k1d;
      const k2f = forceRate(cn2, f2, d2, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
      const k2d = f2 - recovery * d2;
      const f3 = f + hA31 * k1f + hA32 * k2f;
      const d3 = d + hA31 * k1d + hA32 * k2d;
      const k3f = forceRate(cn3, f3, d3, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
      const k3d = f3 - recovery * d3;
      const f4 = f + hA41 * k1f + hA42 * k2f + hA43 * k3f;
      const d4 = d + hA41 * k1d + hA42 * k2d + hA43 * k3d;
      const k4f = forceRate(cn4, f4, d4, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
      const k4d = f4 - recovery * d4;
      const f5 = f + hA51 * k1f + hA52 * k2f + hA53 * k3f + hA54 * k4f;
      const d5 = d + hA51 * k1d + hA52 * k2d + hA53 * k3d + hA54 * k4d;
      const k5f = forceRate(cn5, f5, d5, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
      const k5d = f5 - recovery * d5;
      // Stages 6 and 7 share their time, so the calcium term is evaluated once for both.
      const tEnd = last ? t1 : t + h;
      const f6 = f + hA61 * k1f + hA62 * k2f + hA63 * k3f + hA64 * k4f + hA65 * k5f;
      const d6 = d + hA61 * k1d + hA62 * k2d + hA63 * k3d + hA64 * k4d + hA65 * k5d;
      const k6f = forceRate(cnEnd, f6, d6, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
      const k6d = f6 - recovery * d6;
      // Fifth-order solution; ∫F integrates the stage forces with the same weights.
      const fNew = f + hB1 * k1f + hB3 * k3f + hB4 * k4f + hB5 * k5f + hB6 * k6f;
      const dNew = d + hB1 * k1d + hB3 * k3d + hB4 * k4d + hB5 * k5d + hB6 * k6d;
      const integralNew = integral + (hB1 * f + hB3 * f3 + hB4 * f4 + hB5 * f5 + hB6 * f6);
      const k7f = forceRate(cnEnd, fNew, dNew, aRest, aAlpha, kmRest, kmAlpha, tau1Rest, tau1Alpha, tau2);
      const k7d = fNew - recovery * dNew;
      // The force's error comes last (it waits for k7f), so what does not need k7f is done first:
      // its tolerance's reciprocal, and the other components.
      const perForceTolerance = 1 / (atolForce + rtol * Math.max(Math.abs(f), Math.abs(fNew)));
      const errF =
        (E1 * k1f + E3 * k3f + E4 * k4f + E5 * k5f + E6 * k6f + E7 * k7f) * (h * perForceTolerance);
      const errD = h * (E1 * k1d + E3 * k3d + E4 * k4d + E5 * k5d + E6 * k6d + E7 * k7d);
      const errA =
        (alphaA * errD) /
        (atolScaling + rtol * Math.max(Math.abs(restA + alphaA * d), Math.abs(restA + alphaA * dNew)));
      const errT =
        (tau1Alpha * errD) /
        (atolTau1 +
          rtol * Math.max(Math.abs(tau1Rest + tau1Alpha * d), Math.abs(tau1Rest + tau1Alpha * dNew)));
      const errK =
        (kmAlpha * errD) /
        (atolKm + rtol * Math.max(Math.abs(kmRest + kmAlpha * d), Math.abs(kmRest + kmAlpha * dNew)));
      // ∫F's error: the same embedded pair applied to its rate, F at the stage points.
      const errI =
        (h * (E1 * f + E3 * f3 + E4 * f4 + E5 * f5 + E6 * f6 + E7 * fNew)) /
        (atolForce + rtol * Math.max(Math.abs(integral), Math.abs(integralNew)));
      // The root-mean-square error, kept squared: error^(−1/5) = exp(−0.1·ln error²).
      const errorSquared = (errA * errA + errT * errT + errK * errK + errI * errI + errF * errF) * 0.2;
      if (!(errorSquared <= 1)) {
        rejections += 1;
        this.rejectedSteps += 1;
        if (rejections > MAX_REJECTIONS_IN_A_ROW || !Number.isFinite(errorSquared)) {
          throw new Error(`force integration failed at t = ${t} s: the solution is not finite`);
        }
        this.h = h * stepSizeFactor(errorSquared);
        continue;
      }
      rejections = 0;
      decayAtStart = decayAtEnd;
      this.acceptedSteps += 1;
      if (Number.isNaN(this.firstAcceptedStep)) this.firstAcceptedStep = h;
      // Dense output of F over the step.
      const difference = fNew - f;
      const bspl = h * k1f - difference;
      this.dense1 = difference;
      this.dense2 = bspl;
      this.dense3 = difference - h * k7f - bspl;
      this.dense4 = h * (D1 * k1f + D3 * k3f + D4 * k4f + D5 * k5f + D6 * k6f + D7 * k7f);
      this.stepStartT = t;
      this.stepEndT = tEnd;
      this.forceAtStepStart = f;
      this.driveAtStepStart = d;
      this.integralAtStepStart = integral;
      this.forceRateAtStepStart = k1f;
      this.forceRateAtStepEnd = k7f;
      t = tEnd;
      f = fNew;
      d = dNew;
      integral = integralNew;
      this.force = f;
      this.drive = d;
      this.forceIntegral = integral;
      const factor = stepSizeFactor(errorSquared);
      // A step cut short to land on t1 says nothing against the longer step proposed before it.
      this.h = last ? Math.max(this.h, h) : h * factor;
      if (onStep) onStep(this);
      k1f = k7f;
      k1d = k7d;
    }
  }
}
