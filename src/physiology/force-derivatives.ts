import {
  type ForceModel,
  facilitationCeiling,
  pulseAmplitudeCalciumGain,
  pulseWidthForceFactor,
} from './force-model.ts';
import type { PulseTrain } from './pulse-train.ts';

/** Layout of the integrated state: force, the three fatigue states, and the force–time integral. */
export const STATE = { force: 0, scaling: 1, tau1: 2, km: 3, forceIntegral: 4 } as const;
export const STATE_SIZE = 5;

/** d/dt of [F, A, τ1, Km, ∫F], given the calcium term and the latest pulse's width factor. */
export type ForceDerivative = (cn: number, widthFactor: number, y: Float64Array, dydt: Float64Array) => void;

/**
 * The force and fatigue equations of `model`, with its constants bound once (this runs millions of
 * times a second):
 *   dF/dt = A·w·x − F/(τ1 + τ2·x), x = Cn/(Km + Cn), w the width factor (1 without a width model);
 *   fatigue: dA/dt = −(A − A_rest)/τfat + αA·F, and likewise τ1 and Km.
 */
export function forceDerivative(model: ForceModel): ForceDerivative {
  const tau2 = model.base.tau2S;
  const fatigue = model.fatigue;
  if (!fatigue) {
    return (cn, widthFactor, y, dydt) => {
      const force = y[STATE.force];
      const x = cn / (y[STATE.km] + cn);
      dydt[STATE.force] = y[STATE.scaling] * widthFactor * x - force / (y[STATE.tau1] + tau2 * x);
      dydt[STATE.scaling] = 0;
      dydt[STATE.tau1] = 0;
      dydt[STATE.km] = 0;
      dydt[STATE.forceIntegral] = force;
    };
  }
  const recovery = 1 / fatigue.tauFatigueS;
  const { forceScalingNPerS: restA, tau1S: restTau1, km: restKm } = model.base;
  const { alphaAPerS2, alphaTau1PerN, alphaKmPerSN } = fatigue;
  return (cn, widthFactor, y, dydt) => {
    const force = y[STATE.force];
    const scaling = y[STATE.scaling];
    const tau1 = y[STATE.tau1];
    const km = y[STATE.km];
    const x = cn / (km + cn);
    dydt[STATE.force] = scaling * widthFactor * x - force / (tau1 + tau2 * x);
    dydt[STATE.scaling] = (restA - scaling) * recovery + alphaAPerS2 * force;
    dydt[STATE.tau1] = (restTau1 - tau1) * recovery + alphaTau1PerN * force;
    dydt[STATE.km] = (restKm - km) * recovery + alphaKmPerSN * force;
    dydt[STATE.forceIntegral] = force;
  };
}

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
  const y = Float64Array.from([state.forceN, state.A, state.tau1, state.Km, 0]);
  const dydt = new Float64Array(STATE_SIZE);
  forceDerivative(model)(state.cn, widthFactor, y, dydt);
  return [(sum - state.cn) / tauC, dydt[STATE.force], dydt[STATE.scaling], dydt[STATE.tau1], dydt[STATE.km]];
}
