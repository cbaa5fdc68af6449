import type { ForceModel } from './force-model.ts';
import type { PulseTrain } from './pulse-train.ts';

export interface SimulationOptions {
  /** End of the simulation (s). Defaults to the last pulse plus one second. */
  endS?: number;
  /** Relative tolerance of the adaptive integrator; the default gives results converged to ≤ 1e-6. */
  relativeTolerance?: number;
  /** Times (s, ascending, within [0, endS]) at which to report the force. */
  sampleTimesS?: readonly number[];
  /** Starts of the contractions (s, ascending, the first 0); each runs to the next start. */
  contractionStartsS?: readonly number[];
}

export interface ContractionSummary {
  startS: number;
  peakForceN: number;
  forceTimeIntegralNs: number;
}

export interface SimulationResult {
  peakForceN: number;
  forceTimeIntegralNs: number;
  contractions: ContractionSummary[];
  /** The fatigue state at the end (rest values for a model without fatigue). */
  finalState: { forceN: number; A: number; tau1: number; Km: number };
  /** Last contraction's peak over the first's. */
  fatigueIndex: number;
  /** Force at each of `sampleTimesS` (N). */
  sampledForceN: number[];
  /** Accepted integrator steps, for cost accounting. */
  steps: number;
}

export declare function simulateForce(
  model: ForceModel,
  train: PulseTrain,
  options?: SimulationOptions,
): SimulationResult;
