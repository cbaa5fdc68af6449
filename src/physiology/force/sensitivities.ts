import { InvalidInputError } from '../../shared/invalid-input.ts';
import { CalciumTransient } from './calcium.ts';
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
  MAX_FACTOR,
  MAX_REJECTIONS_IN_A_ROW,
  MIN_FACTOR,
  SAFETY,
} from './stepper.ts';

/**
 * Forward sensitivities of the force: F(tᵢ) and ∂F(tᵢ)/∂p for each parameter p at the sample times,
 * from one integration of the state [F, A, τ1, Km] together with its sensitivity equations
 *   dS/dt = (∂f/∂y)·S + ∂f/∂p,  S = ∂y/∂p,  S(0) = ∂y(0)/∂p
 * (Hairer, Nørsett & Wanner, Solving ODEs I, 2nd ed., §I.14). A least-squares fit gets its Jacobian
 * from one such integration instead of one simulation per parameter (finite differences).
 *
 * Same Dormand–Prince 5(4) pair, breakpoints at every pulse and dense output as ForceStepper; the
 * step size is controlled on the state only (the sensitivities follow the same linearised dynamics,
 * and sensitivities.test.ts checks them against finite differences). The rest values A, τ1, Km
 * enter as initial values and in the recovery terms, Km also through the calcium's facilitation
 * ceiling R0 = Km + offset (CalciumTransient.kmDerivativeAt).
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
  const { endS, sampleTimesS: samples, relativeTolerance: rtol } = options;
  const { base, fatigue, pulseWidth } = model;
  const n = kinds.length;
  const size = 4 + 4 * n;
  const tau2 = base.tau2S;
  const restA = base.forceScalingNPerS;
  const restTau1 = base.tau1S;
  const restKm = base.km;
  const recovery = fatigue ? 1 / fatigue.tauFatigueS : 0;
  const alphaA = fatigue?.alphaAPerS2 ?? 0;
  const alphaTau1 = fatigue?.alphaTau1PerN ?? 0;
  const alphaKm = fatigue?.alphaKmPerSN ?? 0;
  // Absolute tolerances as ForceStepper's: each state's natural size times the relative tolerance.
  const atol = [rtol * restA * (restTau1 + tau2), rtol * restA, rtol * restTau1, rtol * restKm];
  const maxStep = 50 * restTau1;
  const calcium = new CalciumTransient(model);
  // ∂Cn/∂Km costs a second exponential per stage: only when Km is among the parameters.
  const needsKm = kinds.includes(REST_KM);
  const cnKmAt = (t: number): number => (needsKm ? calcium.kmDerivativeAt(t) : 0);
  let widthFactor = 1;

  const y = new Float64Array(size);
  y[1] = restA;
  y[2] = restTau1;
  y[3] = restKm;
  kinds.forEach((kind, j) => {
    if (kind === REST_A) y[4 + 4 * j + 1] = 1;
    if (kind === REST_TAU1) y[4 + 4 * j + 2] = 1;
    if (kind === REST_KM) y[4 + 4 * j + 3] = 1;
  });

  /** d/dt of the state and its sensitivities at calcium cn (and ∂cn/∂Km), into `out`. */
  const rates = (cn: number, cnKm: number, s: Float64Array, out: Float64Array): void => {
    const force = s[0] as number;
    const scaling = s[1] as number;
    const tau1 = s[2] as number;
    const km = s[3] as number;
    const kmCn = km + cn;
    const x = cn / kmCn;
    const inverseDenominator = 1 / (tau1 + tau2 * x);
    out[0] = scaling * widthFactor * x - force * inverseDenominator;
    const forceOverD2 = force * inverseDenominator * inverseDenominator;
    // ∂(dF/dt)/∂x, and x's partial derivatives in Km and Cn.
    const byX = scaling * widthFactor + tau2 * forceOverD2;
    const xByKm = -x / kmCn;
    const xByCn = km / (kmCn * kmCn);
    const fatigues = fatigue !== undefined;
    if (fatigues) {
      out[1] = (restA - scaling) * recovery + alphaA * force;
      out[2] = (restTau1 - tau1) * recovery + alphaTau1 * force;
      out[3] = (restKm - km) * recovery + alphaKm * force;
    }
    for (let j = 0; j < n; j += 1) {
      const o = 4 + 4 * j;
      const sF = s[o] as number;
      const sA = s[o + 1] as number;
      const sT = s[o + 2] as number;
      const sK = s[o + 3] as number;
      let dF = -sF * inverseDenominator + widthFactor * x * sA + forceOverD2 * sT + byX * xByKm * sK;
      let dA = 0;
      let dT = 0;
      let dK = 0;
      if (fatigues) {
        dA = alphaA * sF - recovery * sA;
        dT = alphaTau1 * sF - recovery * sT;
        dK = alphaKm * sF - recovery * sK;
      }
      switch (kinds[j]) {
        case REST_A:
          if (fatigues) dA += recovery;
          break;
        case REST_TAU1:
          if (fatigues) dT += recovery;
          break;
        case TAU2:
          dF += forceOverD2 * x;
          break;
        case REST_KM:
          dF += byX * xByCn * cnKm;
          if (fatigues) dK += recovery;
          break;
        case ALPHA_A:
          dA += force;
          break;
        case ALPHA_TAU1:
          dT += force;
          break;
        case ALPHA_KM:
          dK += force;
          break;
        case TAU_FATIGUE: {
          const byTau = -recovery * recovery;
          dA += (restA - scaling) * byTau;
          dT += (restTau1 - tau1) * byTau;
          dK += (restKm - km) * byTau;
          break;
        }
      }
      out[o] = dF;
      out[o + 1] = dA;
      out[o + 2] = dT;
      out[o + 3] = dK;
    }
  };

  const m = samples.length;
  const sampledForceN = new Float64Array(m);
  const sensitivities = new Float64Array(m * n);
  let nextSample = 0;
  while (nextSample < m && (samples[nextSample] as number) <= 0) nextSample += 1;

  let k1 = new Float64Array(size);
  const k2 = new Float64Array(size);
  const k3 = new Float64Array(size);
  const k4 = new Float64Array(size);
  const k5 = new Float64Array(size);
  const k6 = new Float64Array(size);
  let k7 = new Float64Array(size);
  const stage = new Float64Array(size);
  const yNew = new Float64Array(size);
  let h = Math.min(base.tauCalciumS, restTau1) / 20;
  let steps = 0;

  /** Writes F and ∂F/∂p at the samples inside the step just taken, by the dense output. */
  const sampleStep = (t0: number, t1: number, step: number): void => {
    while (nextSample < m && (samples[nextSample] as number) <= t1) {
      const theta = t1 > t0 ? ((samples[nextSample] as number) - t0) / (t1 - t0) : 1;
      const theta1 = 1 - theta;
      for (let c = 0; c < size; c += 4) {
        const difference = (yNew[c] as number) - (y[c] as number);
        const bspl = step * (k1[c] as number) - difference;
        const d3 = difference - step * (k7[c] as number) - bspl;
        const d4 =
          step *
          (D1 * (k1[c] as number) +
            D3 * (k3[c] as number) +
            D4 * (k4[c] as number) +
            D5 * (k5[c] as number) +
            D6 * (k6[c] as number) +
            D7 * (k7[c] as number));
        const value =
          (y[c] as number) + theta * (difference + theta1 * (bspl + theta * (d3 + theta1 * d4)));
        if (c === 0) sampledForceN[nextSample] = value;
        else sensitivities[nextSample * n + (c / 4 - 1)] = value;
      }
      nextSample += 1;
    }
  };

  const advance = (t0: number, t1: number, firstStep: number): number => {
    let t = t0;
    let firstAccepted = Number.NaN;
    if (firstStep > 0) h = firstStep;
    rates(calcium.at(t), cnKmAt(t), y, k1);
    let rejections = 0;
    while (t < t1) {
      let step = Math.min(h, maxStep);
      const remaining = t1 - t;
      let last = false;
      if (step >= remaining * 0.999) {
        step = remaining;
        last = true;
      } else if (step > remaining * 0.5) {
        step = remaining * 0.5;
      }
      const tEnd = last ? t1 : t + step;
      for (let i = 0; i < size; i += 1) stage[i] = (y[i] as number) + step * A21 * (k1[i] as number);
      let ts = t + C2 * step;
      rates(calcium.at(ts), cnKmAt(ts), stage, k2);
      for (let i = 0; i < size; i += 1)
        stage[i] = (y[i] as number) + step * (A31 * (k1[i] as number) + A32 * (k2[i] as number));
      ts = t + C3 * step;
      rates(calcium.at(ts), cnKmAt(ts), stage, k3);
      for (let i = 0; i < size; i += 1)
        stage[i] =
          (y[i] as number) +
          step * (A41 * (k1[i] as number) + A42 * (k2[i] as number) + A43 * (k3[i] as number));
      ts = t + C4 * step;
      rates(calcium.at(ts), cnKmAt(ts), stage, k4);
      for (let i = 0; i < size; i += 1)
        stage[i] =
          (y[i] as number) +
          step *
            (A51 * (k1[i] as number) +
              A52 * (k2[i] as number) +
              A53 * (k3[i] as number) +
              A54 * (k4[i] as number));
      ts = t + C5 * step;
      rates(calcium.at(ts), cnKmAt(ts), stage, k5);
      for (let i = 0; i < size; i += 1)
        stage[i] =
          (y[i] as number) +
          step *
            (A61 * (k1[i] as number) +
              A62 * (k2[i] as number) +
              A63 * (k3[i] as number) +
              A64 * (k4[i] as number) +
              A65 * (k5[i] as number));
      const cnEnd = calcium.at(tEnd);
      const cnKmEnd = cnKmAt(tEnd);
      rates(cnEnd, cnKmEnd, stage, k6);
      for (let i = 0; i < size; i += 1)
        yNew[i] =
          (y[i] as number) +
          step *
            (B1 * (k1[i] as number) +
              B3 * (k3[i] as number) +
              B4 * (k4[i] as number) +
              B5 * (k5[i] as number) +
              B6 * (k6[i] as number));
      rates(cnEnd, cnKmEnd, yNew, k7);
      let sum = 0;
      for (let i = 0; i < 4; i += 1) {
        const estimate =
          (step *
            (E1 * (k1[i] as number) +
              E3 * (k3[i] as number) +
              E4 * (k4[i] as number) +
              E5 * (k5[i] as number) +
              E6 * (k6[i] as number) +
              E7 * (k7[i] as number))) /
          ((atol[i] as number) + rtol * Math.max(Math.abs(y[i] as number), Math.abs(yNew[i] as number)));
        sum += estimate * estimate;
      }
      const error = Math.sqrt(sum / 4);
      if (!(error <= 1)) {
        rejections += 1;
        if (rejections > MAX_REJECTIONS_IN_A_ROW || !Number.isFinite(error)) {
          throw new Error(`force sensitivity integration failed at t = ${t} s: the solution is not finite`);
        }
        h = step * Math.max(MIN_FACTOR, SAFETY * error ** -0.2);
        continue;
      }
      rejections = 0;
      steps += 1;
      if (Number.isNaN(firstAccepted)) firstAccepted = step;
      sampleStep(t, tEnd, step);
      y.set(yNew);
      const factor =
        error === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, SAFETY * error ** -0.2));
      h = last ? Math.max(h, step) : step * factor;
      t = tEnd;
      // First same as last: the end rates are the next step's first.
      const swap = k1;
      k1 = k7;
      k7 = swap;
    }
    return firstAccepted;
  };

  // Walk the pulses, as simulateForce does (breakpoints at every pulse).
  const times = train.timesS;
  let pulseIndex = 0;
  let firstStepAfterPulse = Number.NaN;
  let t = 0;
  while (true) {
    while (pulseIndex < times.length && (times[pulseIndex] as number) <= t) {
      calcium.addPulse(times[pulseIndex] as number, train.intensitiesMa?.[pulseIndex]);
      if (pulseWidth) {
        widthFactor = pulseWidthForceFactor(pulseWidth, (train.widthsUs as number[])[pulseIndex] as number);
      }
      pulseIndex += 1;
    }
    if (t >= endS) break;
    const startedOnPulse = pulseIndex > 0 && times[pulseIndex - 1] === t;
    let next = endS;
    if (pulseIndex < times.length && (times[pulseIndex] as number) < next) next = times[pulseIndex] as number;
    const first = advance(t, next, firstStepAfterPulse);
    if (startedOnPulse && !(next - t <= firstStepAfterPulse)) firstStepAfterPulse = first;
    t = next;
  }
  return { sampledForceN, sensitivities, steps };
}
