import type { CalciumTransient } from './calcium.ts';
import { type FatigueRates, fatigueRates } from './fatigue-rates.ts';
import type { ForceModel } from './model.ts';

/**
 * Adaptive Dormand–Prince 5(4) integration of the force model's state [F, A, τ1, Km, ∫F], with the
 * fourth-order dense output of F (Dormand & Prince 1980, J Comput Appl Math 6:19; dense output after
 * Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., §II.6).
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

/** Tight enough that peak force and force–time integral are converged to ≤ 1e-6 (see simulate.test.ts). */
export const DEFAULT_RELATIVE_TOLERANCE = 5e-9;

// The peak search stops when θ moves less than this (a fraction of the step: well under a
// nanosecond); at a maximum the force is flat, so the peak is then exact to rounding.
const PEAK_THETA_TOLERANCE = 1e-10;
const PEAK_SEARCH_ITERATIONS = 60;

export const SAFETY = 0.9;
export const MIN_FACTOR = 0.2;
export const MAX_FACTOR = 5;
export const MAX_REJECTIONS_IN_A_ROW = 60;

/**
 * The next trial step toward a breakpoint `remaining` ahead: all of it when the step nearly reaches
 * it, otherwise at most half of it, so that no sliver is left behind.
 */
export function stepTowardBreakpoint(proposed: number, remaining: number): number {
  if (proposed >= remaining * 0.999) return remaining;
  return Math.min(proposed, remaining * 0.5);
}

export class ForceStepper {
  // The state, advanced in place.
  force = 0;
  scaling: number;
  tau1: number;
  km: number;
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
  /** Rates written by `ratesGivenCalcium`: dF/dt, dA/dt, dτ1/dt, dKm/dt. */
  rForce = 0;
  rScaling = 0;
  rTau1 = 0;
  rKm = 0;
  // Dense-output coefficients of F for the step just accepted.
  private dense1 = 0;
  private dense2 = 0;
  private dense3 = 0;
  private dense4 = 0;

  constructor(model: ForceModel, calcium: CalciumTransient, relativeTolerance = DEFAULT_RELATIVE_TOLERANCE) {
    const { base } = model;
    this.calcium = calcium;
    this.tau2 = base.tau2S;
    this.scaling = base.forceScalingNPerS;
    this.tau1 = base.tau1S;
    this.km = base.km;
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
    let theta = 0.5;
    for (let i = 0; i < PEAK_SEARCH_ITERATIONS; i += 1) {
      const slope = c1 + theta * (2 * c2 + theta * (3 * c3 + theta * 4 * d4));
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
    return f0 + theta * (c1 + theta * (c2 + theta * (c3 + theta * d4)));
  }

  /**
   * Advances the state from t0 to exactly t1, calling `onStep` after every accepted step.
   * `firstStep` overrides the carried-over step size for the first trial.
   */
  advance(t0: number, t1: number, onStep: (stepper: ForceStepper) => void, firstStep?: number): void {
    const { rtol, atolForce, atolScaling, atolTau1, atolKm } = this;
    let t = t0;
    let f = this.force;
    let a = this.scaling;
    let tau = this.tau1;
    let k = this.km;
    let integral = this.forceIntegral;
    this.rates(t, f, a, tau, k);
    let k1f = this.rForce;
    let k1a = this.rScaling;
    let k1t = this.rTau1;
    let k1k = this.rKm;
    if (firstStep !== undefined && firstStep > 0) this.h = firstStep;
    this.firstAcceptedStep = Number.NaN;
    let rejections = 0;
    while (t < t1) {
      const remaining = t1 - t;
      const h = stepTowardBreakpoint(Math.min(this.h, this.maxStep), remaining);
      const last = h === remaining;
      // Stage 2
      this.rates(t + C2 * h, f + h * A21 * k1f, a + h * A21 * k1a, tau + h * A21 * k1t, k + h * A21 * k1k);
      const k2f = this.rForce;
      const k2a = this.rScaling;
      const k2t = this.rTau1;
      const k2k = this.rKm;
      // Stage 3
      this.rates(
        t + C3 * h,
        f + h * (A31 * k1f + A32 * k2f),
        a + h * (A31 * k1a + A32 * k2a),
        tau + h * (A31 * k1t + A32 * k2t),
        k + h * (A31 * k1k + A32 * k2k),
      );
      const k3f = this.rForce;
      const k3a = this.rScaling;
      const k3t = this.rTau1;
      const k3k = this.rKm;
      // Stage 4
      this.rates(
        t + C4 * h,
        f + h * (A41 * k1f + A42 * k2f + A43 * k3f),
        a + h * (A41 * k1a + A42 * k2a + A43 * k3a),
        tau + h * (A41 * k1t + A42 * k2t + A43 * k3t),
        k + h * (A41 * k1k + A42 * k2k + A43 * k3k),
      );
      const k4f = this.rForce;
      const k4a = this.rScaling;
      const k4t = this.rTau1;
      const k4k = this.rKm;
      // Stage 5
      const f5 = f + h * (A51 * k1f + A52 * k2f + A53 * k3f + A54 * k4f);
      this.rates(
        t + C5 * h,
        f5,
        a + h * (A51 * k1a + A52 * k2a + A53 * k3a + A54 * k4a),
        tau + h * (A51 * k1t + A52 * k2t + A53 * k3t + A54 * k4t),
        k + h * (A51 * k1k + A52 * k2k + A53 * k3k + A54 * k4k),
      );
      const k5f = this.rForce;
      const k5a = this.rScaling;
      const k5t = this.rTau1;
      const k5k = this.rKm;
      // Stage 6
      const tEnd = last ? t1 : t + h;
      const f6 = f + h * (A61 * k1f + A62 * k2f + A63 * k3f + A64 * k4f + A65 * k5f);
      // Stages 6 and 7 share their time, so the calcium term is evaluated once for both.
      const cnEnd = this.calcium.at(tEnd);
      this.ratesGivenCalcium(
        cnEnd,
        f6,
        a + h * (A61 * k1a + A62 * k2a + A63 * k3a + A64 * k4a + A65 * k5a),
        tau + h * (A61 * k1t + A62 * k2t + A63 * k3t + A64 * k4t + A65 * k5t),
        k + h * (A61 * k1k + A62 * k2k + A63 * k3k + A64 * k4k + A65 * k5k),
      );
      const k6f = this.rForce;
      const k6a = this.rScaling;
      const k6t = this.rTau1;
      const k6k = this.rKm;
      // Fifth-order solution; ∫F integrates the stage forces with the same weights.
      const fNew = f + h * (B1 * k1f + B3 * k3f + B4 * k4f + B5 * k5f + B6 * k6f);
      const aNew = a + h * (B1 * k1a + B3 * k3a + B4 * k4a + B5 * k5a + B6 * k6a);
      const tauNew = tau + h * (B1 * k1t + B3 * k3t + B4 * k4t + B5 * k5t + B6 * k6t);
      const kNew = k + h * (B1 * k1k + B3 * k3k + B4 * k4k + B5 * k5k + B6 * k6k);
      // Stage forces for ∫F: F at each stage's point.
      const f3 = f + h * (A31 * k1f + A32 * k2f);
      const f4 = f + h * (A41 * k1f + A42 * k2f + A43 * k3f);
      const integralNew = integral + h * (B1 * f + B3 * f3 + B4 * f4 + B5 * f5 + B6 * f6);
      this.ratesGivenCalcium(cnEnd, fNew, aNew, tauNew, kNew);
      const k7f = this.rForce;
      const k7a = this.rScaling;
      const k7t = this.rTau1;
      const k7k = this.rKm;
      const errF =
        (h * (E1 * k1f + E3 * k3f + E4 * k4f + E5 * k5f + E6 * k6f + E7 * k7f)) /
        (atolForce + rtol * Math.max(Math.abs(f), Math.abs(fNew)));
      const errA =
        (h * (E1 * k1a + E3 * k3a + E4 * k4a + E5 * k5a + E6 * k6a + E7 * k7a)) /
        (atolScaling + rtol * Math.max(Math.abs(a), Math.abs(aNew)));
      const errT =
        (h * (E1 * k1t + E3 * k3t + E4 * k4t + E5 * k5t + E6 * k6t + E7 * k7t)) /
        (atolTau1 + rtol * Math.max(Math.abs(tau), Math.abs(tauNew)));
      const errK =
        (h * (E1 * k1k + E3 * k3k + E4 * k4k + E5 * k5k + E6 * k6k + E7 * k7k)) /
        (atolKm + rtol * Math.max(Math.abs(k), Math.abs(kNew)));
      // ∫F's error: the same embedded pair applied to its rate, F at the stage points.
      const errI =
        (h * (E1 * f + E3 * f3 + E4 * f4 + E5 * f5 + E6 * f6 + E7 * fNew)) /
        (atolForce + rtol * Math.max(Math.abs(integral), Math.abs(integralNew)));
      const error = Math.sqrt((errF * errF + errA * errA + errT * errT + errK * errK + errI * errI) / 5);
      if (!(error <= 1)) {
        rejections += 1;
        this.rejectedSteps += 1;
        if (rejections > MAX_REJECTIONS_IN_A_ROW || !Number.isFinite(error)) {
          throw new Error(`force integration failed at t = ${t} s: the solution is not finite`);
        }
        this.h = h * Math.max(MIN_FACTOR, SAFETY * error ** -0.2);
        continue;
      }
      rejections = 0;
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
      this.forceRateAtStepStart = k1f;
      this.forceRateAtStepEnd = k7f;
      t = tEnd;
      f = fNew;
      a = aNew;
      tau = tauNew;
      k = kNew;
      integral = integralNew;
      this.force = f;
      this.scaling = a;
      this.tau1 = tau;
      this.km = k;
      this.forceIntegral = integral;
      const factor =
        error === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * error ** -0.2));
      // A step cut short to land on t1 says nothing against the longer step proposed before it.
      this.h = last ? Math.max(this.h, h) : h * factor;
      onStep(this);
      k1f = k7f;
      k1a = k7a;
      k1t = k7t;
      k1k = k7k;
    }
  }

  private rates(t: number, force: number, scaling: number, tau1: number, km: number): void {
    this.ratesGivenCalcium(this.calcium.at(t), force, scaling, tau1, km);
  }

  /**
   * The model's equations, into the rate fields:
   *   dF/dt = A·w·x − F/(τ1 + τ2·x), x = Cn/(Km + Cn), w the latest pulse's width factor;
   *   fatigue: dA/dt = −(A − A_rest)/τfat + αA·F, and likewise τ1 and Km (zero without fatigue).
   */
  ratesGivenCalcium(cn: number, force: number, scaling: number, tau1: number, km: number): void {
    const x = cn / (km + cn);
    this.rForce = scaling * this.widthFactor * x - force / (tau1 + this.tau2 * x);
    const f = this.fatigue;
    if (f.fatigues) {
      this.rScaling = (f.restScalingNPerS - scaling) * f.recoveryPerS + f.alphaAPerS2 * force;
      this.rTau1 = (f.restTau1S - tau1) * f.recoveryPerS + f.alphaTau1PerN * force;
      this.rKm = (f.restKm - km) * f.recoveryPerS + f.alphaKmPerSN * force;
    }
  }
}
