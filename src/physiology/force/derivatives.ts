import { fatigueRates } from './fatigue-rates.ts';
import {
  type ForceModel,
  facilitationCeiling,
  pulseAmplitudeCalciumGain,
  pulseWidthForceFactor,
} from './model.ts';
import type { PulseTrain } from './pulse-train.ts';

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
  const { cn, forceN, A, tau1, Km } = state;
  const x = cn / (Km + cn);
  const f = fatigueRates(model);
  return [
    (sum - cn) / tauC,
    A * widthFactor * x - forceN / (tau1 + model.base.tau2S * x),
    (f.restScalingNPerS - A) * f.recoveryPerS + f.alphaAPerS2 * forceN,
    (f.restTau1S - tau1) * f.recoveryPerS + f.alphaTau1PerN * forceN,
    (f.restKm - Km) * f.recoveryPerS + f.alphaKmPerSN * forceN,
  ];
}
