import type { ForceModel } from '../../force/model.ts';
import type { PulseTrain } from '../../force/pulse-train.ts';
import { simulateForce } from '../../force/simulate.ts';
import { seededGaussian } from '../../numerics/seeded-random.ts';
import type { ForceRecording } from '../identify.ts';

/**
 * A synthetic force recording for the identification tests and benchmarks: the truth's force,
 * simulated converged (tolerance 1e-12), at k/rateHz for k = firstSample … round(endS·rateHz), plus
 * seeded Gaussian noise of SD noiseN.
 */
export interface SyntheticRecordingOptions {
  endS: number;
  /** Samples per second (default 1 kHz). */
  rateHz?: number;
  /** 1 (default): the first sample one interval after time 0; 0: at time 0. */
  firstSample?: 0 | 1;
  noiseN: number;
  seed: number;
}

export function syntheticForceRecording(
  truth: ForceModel,
  train: PulseTrain,
  { endS, rateHz = 1000, firstSample = 1, noiseN, seed }: SyntheticRecordingOptions,
): ForceRecording & { timesS: number[]; forceN: number[] } {
  const last = Math.round(endS * rateHz);
  const timesS = Array.from({ length: last - firstSample + 1 }, (_, i) => (i + firstSample) / rateHz);
  const clean = simulateForce(truth, train, {
    endS: timesS[timesS.length - 1] as number,
    sampleTimesS: timesS,
    relativeTolerance: 1e-12,
  }).sampledForceN;
  const noise = seededGaussian(seed);
  return { timesS, forceN: clean.map((f) => f + noiseN * noise()) };
}
