import { InvalidInputError } from '../../shared/invalid-input.ts';

/**
 * Butterworth low-pass filters, designed digitally by the bilinear transform with the cut-off
 * pre-warped, as cascades of second-order sections (plus one first-order section for odd orders),
 * and a zero-phase forward-backward application (the semantics of scipy.signal.filtfilt / MATLAB
 * filtfilt: odd extension at both ends, each pass started in the steady state of its first sample).
 *
 * Closed forms the tests check: the single-pass power response is exactly
 *   |H(f)|² = 1 / (1 + (tan(π f / fs) / tan(π fc / fs))^(2N)),
 * so the forward-backward response is |H(f)|² (no phase), −6 dB at the cut-off, 1 at DC.
 * Source: Oppenheim & Schafer, Discrete-Time Signal Processing, 3rd ed., §7.1 (bilinear transform of
 * the analog Butterworth prototype); Gustafsson 1996 IEEE Trans Signal Process 44:988 (forward-backward
 * filtering and its initial conditions).
 */

/** One section y = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²) x; a first-order section has b2 = a2 = 0. */
export interface BiquadSection {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export interface ButterworthLowPass {
  order: number;
  cutoffHz: number;
  sampleRateHz: number;
  sections: BiquadSection[];
}

/** Orders accepted: 1 to 8 (the forward-backward filter doubles it). */
export const MAX_BUTTERWORTH_ORDER = 8;

export function designButterworthLowPass(
  order: number,
  cutoffHz: number,
  sampleRateHz: number,
): ButterworthLowPass {
  if (!Number.isInteger(order) || order < 1 || order > MAX_BUTTERWORTH_ORDER) {
    throw new InvalidInputError(
      `the filter order must be a whole number from 1 to ${MAX_BUTTERWORTH_ORDER}; got ${String(order)}`,
    );
  }
  if (!(Number.isFinite(sampleRateHz) && sampleRateHz > 0)) {
    throw new InvalidInputError(
      `the sample rate must be a positive number of Hz; got ${String(sampleRateHz)}`,
    );
  }
  const nyquistHz = sampleRateHz / 2;
  if (!(Number.isFinite(cutoffHz) && cutoffHz > 0 && cutoffHz < nyquistHz)) {
    throw new InvalidInputError(
      `the low-pass cut-off must be above 0 and below half the sample rate (${nyquistHz} Hz); got ${String(cutoffHz)} Hz`,
    );
  }
  const k = Math.tan((Math.PI * cutoffHz) / sampleRateHz);
  const sections: BiquadSection[] = [];
  for (let pair = 0; pair < Math.floor(order / 2); pair += 1) {
    // Damping of the pole pair: 2ζ = 1/Q = 2 sin(π(2p + 1)/(2N)).
    const twoZeta = 2 * Math.sin((Math.PI * (2 * pair + 1)) / (2 * order));
    const norm = 1 / (1 + twoZeta * k + k * k);
    const b0 = k * k * norm;
    sections.push({
      b0,
      b1: 2 * b0,
      b2: b0,
      a1: 2 * (k * k - 1) * norm,
      a2: (1 - twoZeta * k + k * k) * norm,
    });
  }
  if (order % 2 === 1) {
    const b0 = k / (1 + k);
    sections.push({ b0, b1: b0, b2: 0, a1: (k - 1) / (k + 1), a2: 0 });
  }
  return { order, cutoffHz, sampleRateHz, sections };
}

/** The single-pass power response |H(f)|² of the digital Butterworth low-pass (closed form). */
export function butterworthPowerResponse(filter: ButterworthLowPass, frequencyHz: number): number {
  const ratio =
    Math.tan((Math.PI * frequencyHz) / filter.sampleRateHz) /
    Math.tan((Math.PI * filter.cutoffHz) / filter.sampleRateHz);
  return 1 / (1 + ratio ** (2 * filter.order));
}

/**
 * Transposed direct form II state of a section for a constant input x0 (and so output gain·x0):
 * the state each pass starts in, so that the first sample starts no transient.
 */
function steadyState(s: BiquadSection, x0: number): { z1: number; z2: number } {
  const y0 = ((s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2)) * x0;
  const z2 = s.b2 * x0 - s.a2 * y0;
  return { z1: s.b1 * x0 - s.a1 * y0 + z2, z2 };
}

/** One section over `x` in place, from `first` by `step`, started in its steady state. */
function runSection(s: BiquadSection, x: Float64Array, first: number, step: 1 | -1): void {
  const { b0, b1, b2, a1, a2 } = s;
  let { z1, z2 } = steadyState(s, x[first] as number);
  for (let k = 0, i = first; k < x.length; k += 1, i += step) {
    const input = x[i] as number;
    const output = b0 * input + z1;
    z1 = b1 * input - a1 * output + z2;
    z2 = b2 * input - a2 * output;
    x[i] = output;
  }
}

/**
 * Two sections in one walk: each sample goes through `p` and then `q`, the same sums as two walks,
 * but the two recursions overlap in the processor instead of running one after the other, and the
 * array is read and written once. `q` starts in the steady state of `p`'s first output, as it
 * would after a walk of `p` alone.
 */
function runSectionPair(
  p: BiquadSection,
  q: BiquadSection,
  x: Float64Array,
  first: number,
  step: 1 | -1,
): void {
  const { b0: pb0, b1: pb1, b2: pb2, a1: pa1, a2: pa2 } = p;
  const { b0: qb0, b1: qb1, b2: qb2, a1: qa1, a2: qa2 } = q;
  const x0 = x[first] as number;
  let { z1: p1, z2: p2 } = steadyState(p, x0);
  const y0 = pb0 * x0 + p1;
  p1 = pb1 * x0 - pa1 * y0 + p2;
  p2 = pb2 * x0 - pa2 * y0;
  let { z1: q1, z2: q2 } = steadyState(q, y0);
  const out0 = qb0 * y0 + q1;
  q1 = qb1 * y0 - qa1 * out0 + q2;
  q2 = qb2 * y0 - qa2 * out0;
  x[first] = out0;
  for (let k = 1, i = first + step; k < x.length; k += 1, i += step) {
    const input = x[i] as number;
    const middle = pb0 * input + p1;
    p1 = pb1 * input - pa1 * middle + p2;
    p2 = pb2 * input - pa2 * middle;
    const output = qb0 * middle + q1;
    q1 = qb1 * middle - qa1 * output + q2;
    q2 = qb2 * middle - qa2 * output;
    x[i] = output;
  }
}

/**
 * Runs the cascade over `x` in place, forward (`step` 1, from x[0]) or backward (`step` −1, from the
 * last sample), each section started in its steady state for the first sample it meets. Backward
 * by index rather than on a reversed copy: the same sums, without two passes that only move memory.
 */
function runCascade(sections: readonly BiquadSection[], x: Float64Array, step: 1 | -1): void {
  const first = step === 1 ? 0 : x.length - 1;
  let s = 0;
  for (; s + 1 < sections.length; s += 2)
    runSectionPair(sections[s] as BiquadSection, sections[s + 1] as BiquadSection, x, first, step);
  if (s < sections.length) runSection(sections[s] as BiquadSection, x, first, step);
}

/** Samples of odd extension at each end: 3 × (order + 1), scipy's default (filtfilt and sosfiltfilt) for this filter. */
export function filtfiltPadLength(filter: ButterworthLowPass): number {
  return 3 * (filter.order + 1);
}

/**
 * Zero-phase low-pass: the cascade forward, then backward, over the signal extended at each end by
 * its odd reflection (2·x[0] − x[k], 2·x[n−1] − x[n−1−k]). Needs more samples than the pad length.
 */
export function filtfilt(filter: ButterworthLowPass, signal: ArrayLike<number>): Float64Array {
  const n = signal.length;
  const pad = filtfiltPadLength(filter);
  if (n <= pad) {
    throw new InvalidInputError(
      `zero-phase filtering needs more than ${pad} samples (the edge extension of a ${filter.order}th-order filter); got ${n}`,
    );
  }
  const first = signal[0] as number;
  const last = signal[n - 1] as number;
  const extended = new Float64Array(n + 2 * pad);
  for (let k = 0; k < pad; k += 1) extended[k] = 2 * first - (signal[pad - k] as number);
  // A Float64Array is copied whole, as one memory copy rather than element by element.
  if (signal instanceof Float64Array) extended.set(signal, pad);
  else for (let i = 0; i < n; i += 1) extended[pad + i] = signal[i] as number;
  for (let k = 0; k < pad; k += 1) extended[pad + n + k] = 2 * last - (signal[n - 2 - k] as number);
  runCascade(filter.sections, extended, 1);
  runCascade(filter.sections, extended, -1);
  return extended.subarray(pad, pad + n);
}
