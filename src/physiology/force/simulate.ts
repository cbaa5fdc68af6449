import { InvalidInputError } from '../../shared/invalid-input.ts';
import { CalciumTransient } from './calcium.ts';
import { type ForceModel, pulseWidthForceFactor } from './model.ts';
import { type PulseTrain, validatePulseTrain } from './pulse-train.ts';
import { DEFAULT_RELATIVE_TOLERANCE, ForceStepper } from './stepper.ts';

export interface SimulationOptions {
  /** End of the simulation (s). Defaults to the last pulse plus one second. Later pulses are not reached. */
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

export interface FatigueState {
  forceN: number;
  A: number;
  tau1: number;
  Km: number;
}

export interface SimulationResult {
  peakForceN: number;
  forceTimeIntegralNs: number;
  contractions: ContractionSummary[];
  /** The state at the end (rest values of A, τ1, Km for a model without fatigue). */
  finalState: FatigueState;
  /** Last contraction's peak over the first's (NaN when the first produced no force). */
  fatigueIndex: number;
  /** Force at each of `sampleTimesS` (N). */
  sampledForceN: number[];
  /** Accepted integrator steps, for cost accounting. */
  steps: number;
}

export { DEFAULT_RELATIVE_TOLERANCE };

/**
 * Simulates the force (and, for fatigue models, the fatigue state) produced by a pulse train.
 *
 * The calcium term Cn is carried in closed form over the whole pulse history (CalciumTransient), so
 * no pulse is ever truncated and each pulse costs O(1). Force, the fatigue states
 * and the force–time integral are integrated by an adaptive Dormand–Prince 5(4) method that
 * restarts at every pulse (where the forcing changes) and at every contraction start.
 */
export function simulateForce(
  model: ForceModel,
  train: PulseTrain,
  options: SimulationOptions = {},
): SimulationResult {
  validatePulseTrain(train, {
    needsWidths: model.pulseWidth !== undefined,
    needsIntensities: model.pulseAmplitude !== undefined,
  });
  const times = train.timesS;
  const lastPulse = times.length > 0 ? times[times.length - 1] : 0;
  const endS = options.endS ?? lastPulse + 1;
  if (!Number.isFinite(endS) || endS <= 0) {
    throw new InvalidInputError(`the simulation end must be a positive number of seconds; got ${endS}`);
  }
  const relativeTolerance = options.relativeTolerance ?? DEFAULT_RELATIVE_TOLERANCE;
  if (!(relativeTolerance >= 1e-14 && relativeTolerance <= 1e-3)) {
    throw new InvalidInputError(
      `the relative tolerance must be from 1e-14 to 1e-3; got ${relativeTolerance}`,
    );
  }
  const contractionStarts = options.contractionStartsS ?? [0];
  checkAscending('contraction starts', contractionStarts, endS, true);
  const sampleTimes = options.sampleTimesS ?? [];
  checkAscending('sample times', sampleTimes, endS, false);

  const calcium = new CalciumTransient(model);
  const stepper = new ForceStepper(model, calcium, relativeTolerance);
  const pulseWidth = model.pulseWidth;

  const contractions: ContractionSummary[] = [];
  let contractionIndex = -1;
  // The contraction's largest force at a step's end, and the largest maximum inside a step as the
  // dense output values it (refined once, when the contraction closes).
  let contractionPeak = 0;
  let heldPeak = Number.NEGATIVE_INFINITY;
  let contractionIntegralStart = 0;
  const sampled: number[] = new Array(sampleTimes.length).fill(0);
  let nextSample = 0;
  while (nextSample < sampleTimes.length && sampleTimes[nextSample] <= 0) {
    sampled[nextSample] = 0;
    nextSample += 1;
  }

  const closeContraction = (): void => {
    if (contractionIndex < 0) return;
    const start = contractions[contractionIndex] as ContractionSummary;
    start.peakForceN =
      heldPeak > contractionPeak ? Math.max(contractionPeak, stepper.heldPeakForce()) : contractionPeak;
    start.forceTimeIntegralNs = stepper.forceIntegral - contractionIntegralStart;
  };

  const onStep = (s: ForceStepper): void => {
    const peak = Math.max(s.forceAtStepStart, s.force);
    if (peak > contractionPeak) contractionPeak = peak;
    // A local maximum inside the step: the force derivative turns from rising to falling.
    if (s.forceRateAtStepStart > 0 && s.forceRateAtStepEnd < 0) {
      const inStep = s.maxForceInStep();
      if (inStep > heldPeak && inStep > contractionPeak) {
        heldPeak = inStep;
        s.holdPeak();
      }
    }
    while (nextSample < sampleTimes.length && sampleTimes[nextSample] <= s.stepEndT) {
      sampled[nextSample] = s.forceAt(sampleTimes[nextSample]);
      nextSample += 1;
    }
  };

  // Walk the merged breakpoints: pulses and contraction starts.
  let pulseIndex = 0;
  let startIndex = 0;
  let firstStepAfterPulse = Number.NaN;
  let t = 0;
  const pulseCount = times.length;
  while (true) {
    // Events at the current time: a contraction start, then a pulse.
    while (startIndex < contractionStarts.length && contractionStarts[startIndex] <= t) {
      closeContraction();
      contractions.push({ startS: contractionStarts[startIndex], peakForceN: 0, forceTimeIntegralNs: 0 });
      contractionIndex += 1;
      contractionPeak = stepper.force;
      heldPeak = Number.NEGATIVE_INFINITY;
      contractionIntegralStart = stepper.forceIntegral;
      startIndex += 1;
    }
    while (pulseIndex < pulseCount && times[pulseIndex] <= t) {
      calcium.addPulse(times[pulseIndex], train.intensitiesMa?.[pulseIndex]);
      if (pulseWidth)
        stepper.widthFactor = pulseWidthForceFactor(pulseWidth, (train.widthsUs as number[])[pulseIndex]);
      pulseIndex += 1;
    }
    if (t >= endS) break;
    const startedOnPulse = pulseIndex > 0 && times[pulseIndex - 1] === t;
    let next = endS;
    if (pulseIndex < pulseCount && times[pulseIndex] < next) next = times[pulseIndex];
    if (startIndex < contractionStarts.length && contractionStarts[startIndex] < next) {
      next = contractionStarts[startIndex];
    }
    // After a pulse the calcium rises sharply: start from the first step of the last such interval.
    stepper.advance(t, next, onStep, firstStepAfterPulse);
    if (startedOnPulse && !(next - t <= firstStepAfterPulse)) firstStepAfterPulse = stepper.firstAcceptedStep;
    t = next;
  }
  closeContraction();

  let peakForceN = 0;
  for (const contraction of contractions) peakForceN = Math.max(peakForceN, contraction.peakForceN);
  const first = contractions[0] as ContractionSummary;
  const last = contractions[contractions.length - 1] as ContractionSummary;
  return {
    peakForceN,
    forceTimeIntegralNs: stepper.forceIntegral,
    contractions,
    finalState: {
      forceN: stepper.force,
      A: stepper.scaling,
      tau1: stepper.tau1,
      Km: stepper.km,
    },
    fatigueIndex: first.peakForceN > 0 ? last.peakForceN / first.peakForceN : Number.NaN,
    sampledForceN: sampled,
    steps: stepper.acceptedSteps,
  };
}

function checkAscending(label: string, values: readonly number[], endS: number, startsAtZero: boolean): void {
  if (startsAtZero && (values.length === 0 || values[0] !== 0)) {
    throw new InvalidInputError(`${label} must begin with 0 s`);
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value) || value < 0 || value > endS) {
      throw new InvalidInputError(`${label} must lie within 0 to ${endS} s; got ${value}`);
    }
    if (value < previous || (startsAtZero && value === previous)) {
      throw new InvalidInputError(`${label} must be in ascending order; ${value} s follows ${previous} s`);
    }
    previous = value;
  }
}
