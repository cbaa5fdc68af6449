import { type ForceModel, facilitationCeiling, pulseAmplitudeCalciumGain } from './model.ts';

// The Dormand–Prince 5(4) nodes c₂…c₅ (stepper.ts), where the stepper asks for Cn within a step.
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
const NINETIETH = 1 / 90;

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
  private readonly perTauCalcium: number;
  private readonly facilitationCeiling: number;
  private readonly model: ForceModel;
  private lastPulseS = Number.NaN;
  private sumA = 0;
  private sumB = 0;
  private sumAKm = 0;
  private sumBKm = 0;
  // exp(−s) at the end of the latest `atStages` call, which is where the next step starts.
  private endS = Number.NaN;
  private endDecay = 0;

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
    this.endS = Number.NaN;
  }

  /** Takes the pulse history of `other` (same model), so that Cn can be read at its times later. */
  copyFrom(other: CalciumTransient): void {
    this.lastPulseS = other.lastPulseS;
    this.sumA = other.sumA;
    this.sumB = other.sumB;
    this.sumAKm = other.sumAKm;
    this.sumBKm = other.sumBKm;
    this.endS = Number.NaN;
  }

  /** Cn at `timeS`, which must not precede the latest pulse. */
  at(timeS: number): number {
    if (Number.isNaN(this.lastPulseS)) return 0;
    const s = (timeS - this.lastPulseS) / this.tauCalciumS;
    return Math.exp(-s) * (s * this.sumA + this.sumB);
  }

  /**
   * Cn at the Dormand–Prince stage times t + c·h (c = 1/5, 3/10, 4/5, 8/9) and at `endS` (t + h, or
   * the breakpoint it lands on), into `out`, all after the latest pulse.
   */
  atStages(startS: number, stepS: number, endS: number, out: Float64Array): void {
    if (Number.isNaN(this.lastPulseS)) {
      out.fill(0);
      return;
    }
    const perTauC = this.perTauCalcium;
    const { sumA, sumB } = this;
    const s0 = (startS - this.lastPulseS) * perTauC;
    const delta = stepS * perTauC;
    // exp(−s) at the stages with one exponential a step, not five: the nodes 1/5, 3/10, 4/5, 8/9 and
    // the end are 18, 27, 72, 80 and 90 ninetieths of the step, so exp(−s0 − k·δ/90) = exp(−s0)·rᵏ
    // with r = exp(−δ/90), by products; exp(−s0) is the previous step's end value (computed afresh
    // after a pulse, a rejected step or a step cut short to land on a breakpoint). (Five
    // exponentials took about a fifth of the 120-s protocol's CPU time.)
    const decay0 = startS === this.endS ? this.endDecay : expOfMinus(s0);
    const r = expOfMinus(delta * NINETIETH);
    const r2 = r * r;
    const r4 = r2 * r2;
    const r8 = r4 * r4;
    const r9 = r8 * r; // exp(−δ/10)
    const r18 = r9 * r9;
    const r27 = r18 * r9;
    const r72 = r27 * r27 * r18;
    const r80 = r72 * r8;
    // Cn = exp(−s)·(s·a + b) with s = s0 + c·δ.
    const atStart = s0 * sumA + sumB;
    const slope = delta * sumA;
    out[0] = decay0 * r18 * (atStart + C2 * slope);
    out[1] = decay0 * r27 * (atStart + C3 * slope);
    out[2] = decay0 * r72 * (atStart + C4 * slope);
    out[3] = decay0 * r80 * (atStart + C5 * slope);
    // A step cut short to land on a breakpoint ends within rounding of s0 + δ, so exp(−s) there is
    // the same product times exp(−(the difference)).
    const uncut = endS === startS + stepS;
    const sEnd = uncut ? s0 + delta : (endS - this.lastPulseS) * perTauC;
    const decayEnd = decay0 * r80 * r8 * r2 * (uncut ? 1 : expOfMinus(sEnd - s0 - delta));
    this.endS = endS;
    this.endDecay = decayEnd;
    out[4] = decayEnd * (sEnd * sumA + sumB);
  }

  /** ∂Cn/∂Km at `timeS` (through the facilitation ceiling R0 = Km + offset), with the same restriction. */
  kmDerivativeAt(timeS: number): number {
    if (Number.isNaN(this.lastPulseS)) return 0;
    const s = (timeS - this.lastPulseS) / this.tauCalciumS;
    return Math.exp(-s) * (s * this.sumAKm + this.sumBKm);
  }
}

// Below this the Taylor polynomial of degree 7 gives exp(−x) to a relative 2e-17 (x⁸/8!).
const SMALL_EXPONENT = 1 / 32;
const INVERSE_6 = 1 / 6;
const INVERSE_24 = 1 / 24;
const INVERSE_120 = 1 / 120;
const INVERSE_720 = 1 / 720;
const INVERSE_5040 = 1 / 5040;

/**
 * exp(−x): by its Taylor polynomial (in Estrin's scheme) for the |x| ≤ 1/32 of nearly every call,
 * otherwise by Math.exp, whose call was a tenth of the 120-s protocol's CPU time.
 */
function expOfMinus(x: number): number {
  if (!(Math.abs(x) <= SMALL_EXPONENT)) return Math.exp(-x);
  const x2 = x * x;
  return (
    1 -
    x +
    x2 * (0.5 - x * INVERSE_6) +
    x2 * x2 * (INVERSE_24 - x * INVERSE_120 + x2 * (INVERSE_720 - x * INVERSE_5040))
  );
}
