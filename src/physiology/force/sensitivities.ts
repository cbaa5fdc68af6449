import { InvalidInputError } from '../../shared/invalid-input.ts';
import { CalciumTransient } from './calcium.ts';
import { type FatigueRates, fatigueRates } from './fatigue-rates.ts';
import { type ForceModel, pulseWidthForceFactor } from './model.ts';
import { type PulseTrain, validatePulseTrain } from './pulse-train.ts';
import {
  A21,
  A31,
  A32,
  A41,
  A42,
  A43,
  A51,
  A52,
  A53,
  A54,
  A61,
  A62,
  A63,
  A64,
  A65,
  B1,
  B3,
  B4,
  B5,
  B6,
  C2,
  C3,
  C4,
  C5,
  D1,
  D3,
  D4,
  D5,
  D6,
  D7,
  E1,
  E3,
  E4,
  E5,
  E6,
  E7,
  MAX_REJECTIONS_IN_A_ROW,
  stepSizeFactor,
  stepTowardBreakpoint,
} from './stepper.ts';

/**
 * Forward sensitivities of the force: F(tᵢ) and ∂F(tᵢ)/∂p for each parameter p at the sample times,
 * from one integration of the state [F, D] together with its sensitivity equations
 *   dS/dt = (∂f/∂y)·S + ∂f/∂p,  S = ∂y/∂p,  S(0) = ∂y(0)/∂p
 * (Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., §I.14). A least-squares fit gets its Jacobian
 * from one such integration instead of one simulation per parameter (finite differences).
 *
 * D is ForceStepper's fatigue drive: A = A_rest + αA·D, τ1 = τ1_rest + ατ1·D, Km = Km_rest + αKm·D and
 * dD/dt = F − D/τfat, so each parameter adds two sensitivity components, ∂F/∂p and ∂D/∂p, and
 * ∂A/∂p = [p = A_rest] + [p = αA]·D + αA·∂D/∂p (likewise τ1 and Km). Half the components of the
 * equivalent [F, A, τ1, Km] form, and half its cost per step.
 *
 * Same Dormand–Prince 5(4) pair, breakpoints at every pulse and dense output as ForceStepper; the
 * step size is controlled on the state only, F and D seen as errors of A, τ1 and Km as ForceStepper
 * does (the sensitivities follow the same linearised dynamics, and sensitivities.test.ts checks them
 * against finite differences). Km also enters through the calcium's facilitation ceiling
 * R0 = Km + offset (CalciumTransient.kmDerivativeAt).
 */

/** The parameters whose sensitivities are integrated: the base and fatigue parameters of every model. */
export const SENSITIVITY_PARAMETERS = [
  'forceScalingNPerS',
  'tau1S',
  'tau2S',
  'km',
  'alphaAPerS2',
  'alphaTau1PerN',
  'alphaKmPerSN',
  'tauFatigueS',
] as const;
export type SensitivityParameter = (typeof SENSITIVITY_PARAMETERS)[number];

export function hasSensitivity(name: string): name is SensitivityParameter {
  return (SENSITIVITY_PARAMETERS as readonly string[]).includes(name);
}

export interface SensitivityOptions {
  endS: number;
  /** Times (s, ascending, within [0, endS]) at which to report F and ∂F/∂p. */
  sampleTimesS: ArrayLike<number>;
  relativeTolerance: number;
}

export interface ForceSensitivities {
  /** F at each sample time (N). */
  sampledForceN: Float64Array;
  /** ∂F/∂p at each sample time, row-major: sample i, parameter j at i·n + j. */
  sensitivities: Float64Array;
  /** Accepted steps, for cost accounting. */
  steps: number;
}

// The Dormand–Prince weights of ForceStepper, as rows over the seven stage rates.
const STAGE_2 = Float64Array.of(A21, 0, 0, 0, 0, 0, 0);
const STAGE_3 = Float64Array.of(A31, A32, 0, 0, 0, 0, 0);
const STAGE_4 = Float64Array.of(A41, A42, A43, 0, 0, 0, 0);
const STAGE_5 = Float64Array.of(A51, A52, A53, A54, 0, 0, 0);
const STAGE_6 = Float64Array.of(A61, A62, A63, A64, A65, 0, 0);
const SOLUTION = Float64Array.of(B1, 0, B3, B4, B5, B6, 0);
const ERROR = Float64Array.of(E1, 0, E3, E4, E5, E6, E7);
const DENSE = Float64Array.of(D1, 0, D3, D4, D5, D6, D7);

// Parameter kinds, by their place in SENSITIVITY_PARAMETERS.
const REST_A = 0;
const REST_TAU1 = 1;
const TAU2 = 2;
const REST_KM = 3;
const ALPHA_A = 4;
const ALPHA_TAU1 = 5;
const ALPHA_KM = 6;
const TAU_FATIGUE = 7;

export function simulateForceSensitivities(
  model: ForceModel,
  train: PulseTrain,
  parameters: readonly SensitivityParameter[],
  options: SensitivityOptions,
): ForceSensitivities {
  validatePulseTrain(train, {
    needsWidths: model.pulseWidth !== undefined,
    needsIntensities: model.pulseAmplitude !== undefined,
  });
  const kinds = Int8Array.from(parameters, (name) => {
    const kind = SENSITIVITY_PARAMETERS.indexOf(name);
    if (kind < 0) {
      throw new InvalidInputError(
        `no sensitivity for '${String(name)}'; available: ${SENSITIVITY_PARAMETERS.join(', ')}`,
      );
    }
    if (kind >= ALPHA_A && !model.fatigue) {
      throw new InvalidInputError(`model ${model.id} has no fatigue part, so ${name} has no sensitivity`);
    }
    return kind;
  });
  const calcium = new CalciumTransient(model);
  const stepper = new SensitivityStepper(model, calcium, kinds, options);
  // Walk the pulses, as simulateForce does (breakpoints at every pulse).
  const { endS } = options;
  const times = train.timesS;
  let pulseIndex = 0;
  let firstStepAfterPulse = Number.NaN;
  let t = 0;
  while (true) {
    while (pulseIndex < times.length && (times[pulseIndex] as number) <= t) {
      calcium.addPulse(times[pulseIndex] as number, train.intensitiesMa?.[pulseIndex]);
      if (model.pulseWidth) {
        stepper.widthFactor = pulseWidthForceFactor(
          model.pulseWidth,
          (train.widthsUs as number[])[pulseIndex] as number,
        );
      }
      pulseIndex += 1;
    }
    if (t >= endS) break;
    const startedOnPulse = pulseIndex > 0 && times[pulseIndex - 1] === t;
    let next = endS;
    if (pulseIndex < times.length && (times[pulseIndex] as number) < next) next = times[pulseIndex] as number;
    const first = stepper.advance(t, next, firstStepAfterPulse);
    if (startedOnPulse && !(next - t <= firstStepAfterPulse)) firstStepAfterPulse = first;
    t = next;
  }
  return { sampledForceN: stepper.sampledForceN, sensitivities: stepper.sensitivities, steps: stepper.steps };
}

/**
 * The augmented integration. A class, not closures: the step size and counters change every step,
 * and as fields they stay unboxed doubles (in a closure's context each write allocated a number).
 */
class SensitivityStepper {
  widthFactor = 1;
  steps = 0;
  readonly sampledForceN: Float64Array;
  readonly sensitivities: Float64Array;
  private readonly calcium: CalciumTransient;
  private readonly kinds: Int8Array;
  private readonly n: number;
  private readonly size: number;
  private readonly samples: ArrayLike<number>;
  private nextSample = 0;
  private readonly tau2: number;
  private readonly fatigue: FatigueRates;
  /** ∂Cn/∂Km costs a second exponential per stage: only when Km is among the parameters. */
  private readonly needsKm: boolean;
  private readonly rtol: number;
  private readonly atol: Float64Array;
  private readonly maxStep: number;
  private h: number;
  private readonly y: Float64Array;
  private readonly yNew: Float64Array;
  private readonly stage: Float64Array;
  private k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private k7: Float64Array;

  constructor(model: ForceModel, calcium: CalciumTransient, kinds: Int8Array, options: SensitivityOptions) {
    const { base } = model;
    this.calcium = calcium;
    this.kinds = kinds;
    this.n = kinds.length;
    this.size = 2 + 2 * this.n;
    this.samples = options.sampleTimesS;
    this.sampledForceN = new Float64Array(this.samples.length);
    this.sensitivities = new Float64Array(this.samples.length * this.n);
    while (this.nextSample < this.samples.length && (this.samples[this.nextSample] as number) <= 0) {
      this.nextSample += 1;
    }
    this.tau2 = base.tau2S;
    this.fatigue = fatigueRates(model);
    this.needsKm = kinds.includes(REST_KM);
    const rtol = options.relativeTolerance;
    this.rtol = rtol;
    // Absolute tolerances as ForceStepper's: each state's natural size times the relative tolerance.
    this.atol = Float64Array.of(
      rtol * base.forceScalingNPerS * (base.tau1S + this.tau2),
      rtol * base.forceScalingNPerS,
      rtol * base.tau1S,
      rtol * base.km,
    );
    this.maxStep = 50 * base.tau1S;
    this.h = Math.min(base.tauCalciumS, base.tau1S) / 20;
    const size = this.size;
    this.y = new Float64Array(size);
    this.yNew = new Float64Array(size);
    this.stage = new Float64Array(size);
    this.k1 = new Float64Array(size);
    this.k2 = new Float64Array(size);
    this.k3 = new Float64Array(size);
    this.k4 = new Float64Array(size);
    this.k5 = new Float64Array(size);
    this.k6 = new Float64Array(size);
    this.k7 = new Float64Array(size);
    // At rest F, D and all their sensitivities are 0: the arrays start at 0.
  }

  /** The rates of the state and its sensitivities at time t (state s), into `out`. */
  private ratesAt(t: number, s: Float64Array, out: Float64Array): void {
    this.rates(this.calcium.at(t), this.needsKm ? this.calcium.kmDerivativeAt(t) : 0, s, out);
  }

  /** d/dt of the state and its sensitivities at calcium cn (and ∂cn/∂Km), into `out`. */
  private rates(cn: number, cnKm: number, s: Float64Array, out: Float64Array): void {
    const { tau2, widthFactor } = this;
    const {
      restScalingNPerS: restA,
      restTau1S: restTau1,
      restKm,
      recoveryPerS: recovery,
      alphaAPerS2: alphaA,
      alphaTau1PerN: alphaTau1,
      alphaKmPerSN: alphaKm,
    } = this.fatigue;
    const force = s[0] as number;
    const drive = s[1] as number;
    const scaling = restA + alphaA * drive;
    const km = restKm + alphaKm * drive;
    const kmCn = km + cn;
    const x = cn / kmCn;
    const inverseDenominator = 1 / (restTau1 + alphaTau1 * drive + tau2 * x);
    out[0] = scaling * widthFactor * x - force * inverseDenominator;
    out[1] = force - recovery * drive;
    const forceOverD2 = force * inverseDenominator * inverseDenominator;
    // ∂(dF/dt)/∂x, and x's partial derivatives in Km and Cn.
    const byX = scaling * widthFactor + tau2 * forceOverD2;
    const xByKm = -x / kmCn;
    const xByCn = km / (kmCn * kmCn);
    for (let j = 0; j < this.n; j += 1) {
      const o = 2 + 2 * j;
      const sF = s[o] as number;
      const sD = s[o + 1] as number;
      // ∂A/∂p, ∂τ1/∂p, ∂Km/∂p through the drive, plus the parameter's own term below.
      let sA = alphaA * sD;
      let sT = alphaTau1 * sD;
      let sK = alphaKm * sD;
      let dF = 0;
      let dD = sF - recovery * sD;
      switch (this.kinds[j]) {
        case REST_A:
          sA += 1;
          break;
        case REST_TAU1:
          sT += 1;
          break;
        case TAU2:
          dF = forceOverD2 * x;
          break;
        case REST_KM:
          sK += 1;
          dF = byX * xByCn * cnKm;
          break;
        case ALPHA_A:
          sA += drive;
          break;
        case ALPHA_TAU1:
          sT += drive;
          break;
        case ALPHA_KM:
          sK += drive;
          break;
        case TAU_FATIGUE:
          // d(−D/τfat)/dτfat = D/τfat².
          dD += drive * recovery * recovery;
          break;
      }
      out[o] = dF - sF * inverseDenominator + widthFactor * x * sA + forceOverD2 * sT + byX * xByKm * sK;
      out[o + 1] = dD;
    }
  }

  /** Writes F and ∂F/∂p at the samples inside the step just taken, by the dense output. */
  private sampleStep(t0: number, t1: number, step: number): void {
    const { samples, y, yNew, k1, k7, size, n } = this;
    while (this.nextSample < samples.length && (samples[this.nextSample] as number) <= t1) {
      const i = this.nextSample;
      const theta = t1 > t0 ? ((samples[i] as number) - t0) / (t1 - t0) : 1;
      const theta1 = 1 - theta;
      for (let c = 0; c < size; c += 2) {
        const difference = (yNew[c] as number) - (y[c] as number);
        const bspl = step * (k1[c] as number) - difference;
        const d3 = difference - step * (k7[c] as number) - bspl;
        const d4 = step * this.weightedRates(c, DENSE);
        const value = (y[c] as number) + theta * (difference + theta1 * (bspl + theta * (d3 + theta1 * d4)));
        if (c === 0) this.sampledForceN[i] = value;
        else this.sensitivities[i * n + (c / 2 - 1)] = value;
      }
      this.nextSample += 1;
    }
  }

  /** w[0]·k1[i] + … + w[6]·k7[i]: the stage rates of component i, weighted. */
  private weightedRates(i: number, w: Float64Array): number {
    return (
      (w[0] as number) * (this.k1[i] as number) +
      (w[1] as number) * (this.k2[i] as number) +
      (w[2] as number) * (this.k3[i] as number) +
      (w[3] as number) * (this.k4[i] as number) +
      (w[4] as number) * (this.k5[i] as number) +
      (w[5] as number) * (this.k6[i] as number) +
      (w[6] as number) * (this.k7[i] as number)
    );
  }

  /**
   * out = y + step·Σ w·k over the first `stages` stage rates (the later weights of the row are 0): a
   * stage's state, or with the B weights the new state (whose weight of k2 is 0 and skipped). Each
   * component's sum is added stage by stage in order, written out so that no list of the rates is
   * made per call (it was most of the garbage of a fit).
   */
  private combine(out: Float64Array, step: number, w: Float64Array, stages: number): void {
    const { y, size, k1, k2, k3, k4, k5, k6 } = this;
    const w1 = step * (w[0] as number);
    const w2 = step * (w[1] as number);
    const w3 = step * (w[2] as number);
    const w4 = step * (w[3] as number);
    const w5 = step * (w[4] as number);
    const w6 = step * (w[5] as number);
    for (let i = 0; i < size; i += 1) {
      let v = (y[i] as number) + w1 * (k1[i] as number);
      if (stages === 6) {
        // The solution row: B2 = 0.
        v = v + w3 * (k3[i] as number) + w4 * (k4[i] as number);
        v = v + w5 * (k5[i] as number) + w6 * (k6[i] as number);
      } else {
        if (stages > 1) v = v + w2 * (k2[i] as number);
        if (stages > 2) v = v + w3 * (k3[i] as number);
        if (stages > 3) v = v + w4 * (k4[i] as number);
        if (stages > 4) v = v + w5 * (k5[i] as number);
      }
      out[i] = v;
    }
  }

  /**
   * The step's error estimate in units of the tolerance: of F, and of D seen as errors of A, τ1 and
   * Km (ForceStepper's scales).
   */
  private errorNormSquared(step: number): number {
    const { y, yNew, rtol, atol } = this;
    const { restScalingNPerS, restTau1S, restKm, alphaAPerS2, alphaTau1PerN, alphaKmPerSN } = this.fatigue;
    const errF =
      (step * this.weightedRates(0, ERROR)) /
      ((atol[0] as number) + rtol * Math.max(Math.abs(y[0] as number), Math.abs(yNew[0] as number)));
    const errD = step * this.weightedRates(1, ERROR);
    const d0 = y[1] as number;
    const d1 = yNew[1] as number;
    const errA =
      (alphaAPerS2 * errD) /
      ((atol[1] as number) +
        rtol *
          Math.max(
            Math.abs(restScalingNPerS + alphaAPerS2 * d0),
            Math.abs(restScalingNPerS + alphaAPerS2 * d1),
          ));
    const errT =
      (alphaTau1PerN * errD) /
      ((atol[2] as number) +
        rtol * Math.max(Math.abs(restTau1S + alphaTau1PerN * d0), Math.abs(restTau1S + alphaTau1PerN * d1)));
    const errK =
      (alphaKmPerSN * errD) /
      ((atol[3] as number) +
        rtol * Math.max(Math.abs(restKm + alphaKmPerSN * d0), Math.abs(restKm + alphaKmPerSN * d1)));
    // Kept squared: the step-size factor takes the squared norm (stepSizeFactor).
    return (errF * errF + errA * errA + errT * errT + errK * errK) / 4;
  }

  /** Advances from t0 to exactly t1; returns the first accepted step. */
  advance(t0: number, t1: number, firstStep: number): number {
    const { y, yNew, stage, k2, k3, k4, k5, k6 } = this;
    let t = t0;
    let firstAccepted = Number.NaN;
    if (firstStep > 0) this.h = firstStep;
    this.ratesAt(t, y, this.k1);
    let rejections = 0;
    while (t < t1) {
      const k1 = this.k1;
      const k7 = this.k7;
      const remaining = t1 - t;
      const step = stepTowardBreakpoint(Math.min(this.h, this.maxStep), remaining);
      const last = step === remaining;
      const tEnd = last ? t1 : t + step;
      this.combine(stage, step, STAGE_2, 1);
      this.ratesAt(t + C2 * step, stage, k2);
      this.combine(stage, step, STAGE_3, 2);
      this.ratesAt(t + C3 * step, stage, k3);
      this.combine(stage, step, STAGE_4, 3);
      this.ratesAt(t + C4 * step, stage, k4);
      this.combine(stage, step, STAGE_5, 4);
      this.ratesAt(t + C5 * step, stage, k5);
      this.combine(stage, step, STAGE_6, 5);
      // Stages 6 and 7 share their time, so the calcium terms are evaluated once for both.
      const cnEnd = this.calcium.at(tEnd);
      const cnKmEnd = this.needsKm ? this.calcium.kmDerivativeAt(tEnd) : 0;
      this.rates(cnEnd, cnKmEnd, stage, k6);
      this.combine(yNew, step, SOLUTION, 6);
      this.rates(cnEnd, cnKmEnd, yNew, k7);
      const errorSquared = this.errorNormSquared(step);
      if (!(errorSquared <= 1)) {
        rejections += 1;
        if (rejections > MAX_REJECTIONS_IN_A_ROW || !Number.isFinite(errorSquared)) {
          throw new Error(`force sensitivity integration failed at t = ${t} s: the solution is not finite`);
        }
        this.h = step * stepSizeFactor(errorSquared);
        continue;
      }
      rejections = 0;
      this.steps += 1;
      if (Number.isNaN(firstAccepted)) firstAccepted = step;
      this.sampleStep(t, tEnd, step);
      y.set(yNew);
      const factor = stepSizeFactor(errorSquared);
      this.h = last ? Math.max(this.h, step) : step * factor;
      t = tEnd;
      // First same as last: the end rates are the next step's first.
      this.k1 = k7;
      this.k7 = k1;
    }
    return firstAccepted;
  }
}
