import type { ForceModel } from './model.ts';

/**
 * The fatigue equations' coefficients, as both integrators read them (Ding 2003):
 *   dA/dt = −(A − A_rest)/τfat + αA·F, dτ1/dt = −(τ1 − τ1_rest)/τfat + ατ1·F,
 *   dKm/dt = −(Km − Km_rest)/τfat + αKm·F.
 * Without fatigue the recovery rate and the α's are zero and `fatigues` is false.
 */
export interface FatigueRates {
  readonly fatigues: boolean;
  /** A_rest (N/s). */
  readonly restScalingNPerS: number;
  /** τ1_rest (s). */
  readonly restTau1S: number;
  /** Km_rest. */
  readonly restKm: number;
  /** 1/τfat (1/s). */
  readonly recoveryPerS: number;
  readonly alphaAPerS2: number;
  readonly alphaTau1PerN: number;
  readonly alphaKmPerSN: number;
}

export function fatigueRates(model: ForceModel): FatigueRates {
  const { base, fatigue } = model;
  return {
    fatigues: fatigue !== undefined,
    restScalingNPerS: base.forceScalingNPerS,
    restTau1S: base.tau1S,
    restKm: base.km,
    recoveryPerS: fatigue ? 1 / fatigue.tauFatigueS : 0,
    alphaAPerS2: fatigue?.alphaAPerS2 ?? 0,
    alphaTau1PerN: fatigue?.alphaTau1PerN ?? 0,
    alphaKmPerSN: fatigue?.alphaKmPerSN ?? 0,
  };
}
