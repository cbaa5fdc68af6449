import type { ForceModel } from '../physiology/force/model.ts';
import type { PulseTrain } from '../physiology/force/pulse-train.ts';
import {
  defaultIdentifiedParameters,
  FATIGUE_PARAMETERS,
  type IdentifiableParameter,
  type IdentificationResult,
  identifyForceModel,
  judgeDetermination,
} from '../physiology/identification/identify.ts';
import { identifyFatigue } from '../physiology/identification/identify-fatigue.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import type { PreparedRecording } from './prepare.ts';

/**
 * Identification from a prepared recording: the fit of identify.ts, with standard errors widened for
 * the filtered (correlated) residuals, parameters the recording cannot determine refused (held at
 * their start values and reported as undetermined, never as a number), and the measured and fitted
 * force for a plot.
 */

/**
 * Shortest recording (s from the first pulse) from which the fatigue coefficients are identified.
 * Measured from the Fisher information (identify-recording.test.ts repeats it): for the published
 * Ding 2003 fatigue set, 30 Hz trains 1 s on / 1 s off, 100 Hz sampling and noise of SD 2 N (about 1 %
 * of the peak force), the largest relative standard error of αA, ατ1, αKm, τfat (always τfat's) is
 * 97 000 % at 10 s (τfat undetermined), 34 % at 16 s, 14 % at 20 s, 9 % at 24 s, 6 % at 30 s, 1.7 % at
 * 60 s and 1.0 % at 120 s (one noise draw, seed 3; the fit started at the truth). At 30 s every coefficient stays under the
 * 25 % of POOR_RELATIVE_STANDARD_ERROR even with 4× that noise (standard errors scale with the noise).
 */
export const MIN_FATIGUE_RECORDING_S = 30;

/**
 * A parameter whose relative standard error exceeds this (100 %: its ±2 SE interval spans zero and
 * twice its value) is not determined by the recording: the profile of the fit is flat along it.
 * Design choice.
 */
export const UNDETERMINED_RELATIVE_STANDARD_ERROR = 1;

export interface UndeterminedParameter {
  parameter: IdentifiableParameter;
  symbol: string;
  /** The start model's value, at which it was held in the final fit. */
  heldAt: number;
  reason: string;
}

export interface RecordingIdentificationOptions {
  fatigue?: boolean;
  refitBase?: boolean;
  /** Parameters to hold at the start model's values. */
  hold?: readonly IdentifiableParameter[];
}

export interface RecordingIdentification {
  result: IdentificationResult;
  /** The parameters the recording could not determine: held, reported without a value. */
  undetermined: UndeterminedParameter[];
  /** Measured (filtered) and fitted force at the recording's times, and their difference. */
  fit: { timesS: number[]; measuredN: number[]; fittedN: number[]; residualN: number[] };
}

function undeterminedReason(p: IdentificationResult['parameters'][number]): string | undefined {
  if (!Number.isFinite(p.standardError))
    return 'the recording does not determine it (a flat direction of the fit)';
  if (p.relativeStandardError > UNDETERMINED_RELATIVE_STANDARD_ERROR) {
    return `relative standard error ${(100 * p.relativeStandardError).toFixed(0)} % (over ${100 * UNDETERMINED_RELATIVE_STANDARD_ERROR} %): the fit is flat along it`;
  }
  if (p.atBound) return `the fit ran to its bound (${p.lower} to ${p.upper} ${p.unit})`;
  return undefined;
}

function run(
  start: ForceModel,
  train: PulseTrain,
  prepared: PreparedRecording,
  names: readonly IdentifiableParameter[],
  options: RecordingIdentificationOptions,
): IdentificationResult {
  if (options.fatigue) {
    const base = names.filter((name) => !FATIGUE_PARAMETERS.includes(name));
    const allBase = defaultIdentifiedParameters(start);
    return identifyFatigue(start, train, prepared.force, {
      parameters: names.filter((name) => FATIGUE_PARAMETERS.includes(name)),
      refitBase: base.length > 0,
      holdBase: allBase.filter((name) => !base.includes(name)),
    });
  }
  return identifyForceModel(start, train, prepared.force, { parameters: names });
}

export function identifyFromRecording(
  start: ForceModel,
  train: PulseTrain,
  prepared: PreparedRecording,
  options: RecordingIdentificationOptions = {},
): RecordingIdentification {
  const times = prepared.force.timesS;
  const lastS = times[times.length - 1] ?? 0;
  if (options.fatigue && lastS < MIN_FATIGUE_RECORDING_S) {
    throw new InvalidInputError(
      `the recording lasts ${lastS.toFixed(1)} s after the first pulse; the fatigue coefficients need at least ${MIN_FATIGUE_RECORDING_S} s of repeated trains (e.g. 1 s on / 1 s off): shorter recordings leave τfat undetermined`,
    );
  }
  const candidates = options.fatigue
    ? [...(options.refitBase ? defaultIdentifiedParameters(start) : []), ...FATIGUE_PARAMETERS]
    : defaultIdentifiedParameters(start);
  let names = candidates.filter((name) => !(options.hold ?? []).includes(name));
  const undetermined: UndeterminedParameter[] = [];
  const inflation = prepared.processing.standardErrorInflation;
  let result: IdentificationResult | undefined;
  // Refit without the undetermined parameters until every one left is determined.
  for (let round = 0; round < candidates.length; round += 1) {
    if (names.length === 0) break;
    result = run(start, train, prepared, names, options);
    for (const p of result.parameters) {
      p.standardError *= inflation;
      p.relativeStandardError *= inflation;
    }
    result.poorlyDetermined = judgeDetermination(result.parameters, result.correlations);
    const refused = result.parameters
      .map((p) => ({ p, reason: undeterminedReason(p) }))
      .filter((entry): entry is { p: (typeof entry)['p']; reason: string } => entry.reason !== undefined);
    if (refused.length === 0) break;
    for (const { p, reason } of refused) {
      undetermined.push({ parameter: p.name, symbol: p.symbol, heldAt: p.initial, reason });
    }
    names = names.filter((name) => !refused.some(({ p }) => p.name === name));
    result = undefined;
  }
  if (!result) {
    throw new InvalidInputError(
      `the recording determines none of the parameters: ${undetermined.map((u) => `${u.symbol}: ${u.reason}`).join('; ')}`,
    );
  }
  if (inflation !== 1) {
    result.notes.push(
      `Standard errors are widened ×${inflation.toFixed(2)} for the low-pass filter (its residuals are correlated: about 1 in ${(inflation ** 2).toFixed(1)} samples is independent).`,
    );
  }
  if (undetermined.length > 0) {
    result.notes.push(
      `Not determined by this recording, so held at the start model's values and not reported: ${undetermined.map((u) => `${u.symbol} (${u.reason})`).join('; ')}.`,
    );
  }
  const fitted = result.fittedForceN;
  const measured = prepared.force.forceN;
  return {
    result,
    undetermined,
    fit: {
      timesS: [...times],
      measuredN: [...measured],
      fittedN: fitted,
      residualN: fitted.map((f, i) => (measured[i] as number) - f),
    },
  };
}
