import { type ForceModel, facilitationCeiling, pulseAmplitudeCalciumGain } from './model.ts';

/**
 * The calcium–troponin term Cn of the Ding models over the whole pulse history.
 *
 * dCn/dt = (1/τc)·Σ λᵢRᵢ·exp(−(t − tᵢ)/τc) − Cn/τc has the closed form
 * Cn(t) = Σ λᵢRᵢ·((t − tᵢ)/τc)·exp(−(t − tᵢ)/τc). Writing s = (t − t_last)/τc,
 * Cn(t) = exp(−s)·(s·a + b) with a = Σ λᵢRᵢ·exp(−dᵢ) and b = Σ λᵢRᵢ·dᵢ·exp(−dᵢ), dᵢ = (t_last − tᵢ)/τc.
 * Both sums are updated in O(1) at each pulse, so no pulse is ever dropped and nothing overflows.
 * The same two sums with ∂Rᵢ/∂Km = exp(−dᵢ₋₁) in place of Rᵢ (R0 = Km + offset) give ∂Cn/∂Km, which the
 * forward sensitivities of the force (sensitivities.ts) need.
 */
export class CalciumTransient {
  private readonly tauCalciumS: number;
  /** 1/τc (1/s). */
  readonly perTauCalcium: number;
  private readonly facilitationCeiling: number;
  private readonly model: ForceModel;
  private lastPulseS = Number.NaN;
  private sumA = 0;
  private sumB = 0;
  private sumAKm = 0;
  private sumBKm = 0;

  constructor(model: ForceModel) {
    this.model = model;
    this.tauCalciumS = model.base.tauCalciumS;
    this.perTauCalcium = 1 / model.base.tauCalciumS;
    this.facilitationCeiling = facilitationCeiling(model.base);
  }

  /** Adds a pulse at `timeS` (after every earlier one) with the given intensity where the model uses it. */
  addPulse(timeS: number, intensityMa?: number): void {
    const gain = this.model.pulseAmplitude
      ? pulseAmplitudeCalciumGain(this.model.pulseAmplitude, intensityMa as number)
      : 1;
    if (Number.isNaN(this.lastPulseS)) {
      this.sumA = gain; // R₁ = 1
      this.sumB = 0;
      this.sumAKm = 0;
      this.sumBKm = 0;
    } else {
      const elapsed = (timeS - this.lastPulseS) / this.tauCalciumS;
      const decay = Math.exp(-elapsed);
      const facilitation = 1 + (this.facilitationCeiling - 1) * decay;
      this.sumB = decay * (this.sumB + elapsed * this.sumA);
      this.sumA = decay * this.sumA + gain * facilitation;
      this.sumBKm = decay * (this.sumBKm + elapsed * this.sumAKm);
      this.sumAKm = decay * this.sumAKm + gain * decay;
    }
    this.lastPulseS = timeS;
  }

  /** Takes the pulse history of `other` (same model), so that Cn can be read at its times later. */
  copyFrom(other: CalciumTransient): void {
    this.lastPulseS = other.lastPulseS;
    this.sumA = other.sumA;
    this.sumB = other.sumB;
    this.sumAKm = other.sumAKm;
    this.sumBKm = other.sumBKm;
  }

  /** The latest pulse (s); NaN before the first. */
  get latestPulseS(): number {
    return this.lastPulseS;
  }

  /** a of Cn = exp(−s)·(s·a + b), fixed until the next pulse (0 before the first). */
  get pulseSumA(): number {
    return Number.isNaN(this.lastPulseS) ? 0 : this.sumA;
  }

  /** b of Cn = exp(−s)·(s·a + b), fixed until the next pulse (0 before the first). */
  get pulseSumB(): number {
    return Number.isNaN(this.lastPulseS) ? 0 : this.sumB;
  }

  /** Cn at `timeS`, which must not precede the latest pulse. */
  at(timeS: number): number {
    if (Number.isNaN(this.lastPulseS)) return 0;
    const s = (timeS - this.lastPulseS) / this.tauCalciumS;
    return Math.exp(-s) * (s * this.sumA + this.sumB);
  }

  /** ∂Cn/∂Km at `timeS` (through the facilitation ceiling R0 = Km + offset), with the same restriction. */
  kmDerivativeAt(timeS: number): number {
    if (Number.isNaN(this.lastPulseS)) return 0;
    const s = (timeS - this.lastPulseS) / this.tauCalciumS;
    return Math.exp(-s) * (s * this.sumAKm + this.sumBKm);
  }
}
