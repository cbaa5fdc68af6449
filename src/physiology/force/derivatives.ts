import { CalciumTransient } from './calcium.ts';
import {
  type ForceModel,
  facilitationCeiling,
  pulseAmplitudeCalciumGain,
  pulseWidthForceFactor,
} from './model.ts';
import type { PulseTrain } from './pulse-train.ts';
import { ForceStepper } from './stepper.ts';

export interface PublishedState {
  cn: number;
  forceN: number;
  A: number;
  tau1: number;
  Km: number;
}

/**
 * The models' right-hand side in their published form, with Cn as a state and the calcium sum
 * taken pulse by pulse over every pulse up to `timeS`: d/dt [Cn, F, A, τ1, Km]. The simulator uses
 * the closed form instead; this is the reference it is checked against, and what other
 * implementations publish test vectors for.
 */
export function publishedDerivatives(
  model: ForceModel,
  train: PulseTrain,
  timeS: number,
  state: PublishedState,
): [number, number, number, number, number] {
  const tauC = model.base.tauCalciumS;
  const r0 = facilitationCeiling(model.base);
  let sum = 0;
  let widthFactor = 1;
  for (let i = 0; i < train.timesS.length && train.timesS[i] <= timeS; i += 1) {
    const t = train.timesS[i];
    const facilitation = i === 0 ? 1 : 1 + (r0 - 1) * Math.exp(-(t - train.timesS[i - 1]) / tauC);
    const gain = model.pulseAmplitude
      ? pulseAmplitudeCalciumGain(model.pulseAmplitude, (train.intensitiesMa as number[])[i])
      : 1;
    sum += gain * facilitation * Math.exp(-(timeS - t) / tauC);
    if (model.pulseWidth)
      widthFactor = pulseWidthForceFactor(model.pulseWidth, (train.widthsUs as number[])[i]);
  }
  const stepper = new ForceStepper(model, new CalciumTransient(model));
  stepper.widthFactor = widthFactor;
  stepper.ratesGivenCalcium(state.cn, state.forceN, state.A, state.tau1, state.Km);
  return [(sum - state.cn) / tauC, stepper.rForce, stepper.rScaling, stepper.rTau1, stepper.rKm];
}
