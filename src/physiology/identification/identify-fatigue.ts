import { InvalidInputError } from '../../shared/invalid-input.ts';
import { DING_2003_FATIGUE, type ForceModel } from '../force/model.ts';
import type { PulseTrain } from '../force/pulse-train.ts';
import {
  defaultIdentifiedParameters,
  FATIGUE_PARAMETERS,
  type ForceRecording,
  fitParameters,
  type IdentifiableParameter,
  type IdentificationResult,
} from './identify.ts';

/**
 * Identification of the fatigue coefficients αA, ατ1, αKm and τfat from a recording of repeated
 * trains, with the base parameters (A, τ1, τ2, Km, and PD0/PDt or ar/bs/Is/cr) held at the given
 * model's values: identify those first from a short, unfatigued recording.
 *
 * What a recording can tell apart (identify-fatigue.test.ts measures it):
 * - αA lowers the whole force of later contractions; ατ1 raises the plateau and slows the relaxation;
 *   αKm slows the rise. Sampled through each contraction, their effects have different shapes, so
 *   one fatiguing block of 1 s on / 1 s off trains separates them.
 * - τfat is seen only through recovery. During a fatiguing block the recovery term (A − A_rest)/τfat
 *   is small against αA·F for the first minute, so τfat trades off with the α's there. A rest with
 *   test contractions after the block shows the recovery directly and pins τfat down.
 * - Held base parameters are taken as exact: an error in them (e.g. A 1.5 % high from a short
 *   recording) moves the α's by more than their standard errors, which do not include it. With
 *   `refitBase` the base parameters are fitted jointly from the same recording, whose first
 *   contractions are unfatigued and determine them.
 */

export interface FatigueIdentificationOptions {
  /** Which fatigue coefficients to fit (default all four). */
  parameters?: readonly IdentifiableParameter[];
  /** Also fit the model's base parameters (defaultIdentifiedParameters) jointly from this recording. */
  refitBase?: boolean;
  /** With refitBase: base parameters to keep held. */
  holdBase?: readonly IdentifiableParameter[];
  id?: string;
  searchRelativeTolerance?: number;
}

/**
 * Fits the fatigue coefficients of `start` (or, if it has none, the published Ding 2003 coefficients
 * as the starting point) to a repeated-train recording, holding every base parameter fixed.
 */
export function identifyFatigue(
  start: ForceModel,
  train: PulseTrain,
  recording: ForceRecording,
  options: FatigueIdentificationOptions = {},
): IdentificationResult {
  const names = options.parameters ?? FATIGUE_PARAMETERS;
  const notFatigue = names.find((name) => !FATIGUE_PARAMETERS.includes(name));
  // Compared with undefined: an empty name is falsy but still not a parameter.
  if (notFatigue !== undefined) {
    throw new InvalidInputError(
      `fatigue identification fits only ${FATIGUE_PARAMETERS.join(', ')}; got ${String(notFatigue)}`,
    );
  }
  const base = options.refitBase
    ? defaultIdentifiedParameters(start).filter((name) => !(options.holdBase ?? []).includes(name))
    : [];
  const notes = options.refitBase
    ? [
        `The base parameters (${base.join(', ')}) are fitted jointly with the fatigue coefficients from this recording.`,
      ]
    : [
        `The base parameters are held at the given model's values (A ${start.base.forceScalingNPerS} N/s, τ1 ${start.base.tau1S} s, τ2 ${start.base.tau2S} s, Km ${start.base.km}${start.pulseWidth ? ', PD0/PDt' : ''}${start.pulseAmplitude ? ', ar/bs/Is/cr' : ''}); only the fatigue coefficients are fitted. Errors in the held values are not in the standard errors below; refit the base jointly if in doubt.`,
      ];
  let model = start;
  if (!start.fatigue) {
    model = { ...start, fatigue: { ...DING_2003_FATIGUE } };
    notes.push(
      'The model had no fatigue part: the fit started from the published Ding 2003 coefficients (αA −0.4 1/s², ατ1 2.1e−5 1/N, αKm 1.9e−5 1/(s·N), τfat 127 s).',
    );
  }
  notes.push(...fatigueDesignNotes(train, recording));
  return fitParameters(model, train, recording, [...base, ...names], {
    id: options.id ?? `${start.id.replace(/-identified$/, '')}-fatigue-identified`,
    ...(options.searchRelativeTolerance !== undefined
      ? { searchRelativeTolerance: options.searchRelativeTolerance }
      : {}),
    notes,
  });
}

/**
 * A rest of at least this long with samples in it counts as showing recovery: 10 % of the published
 * τfat (127 s, Ding 2003) recovers about 10 % of the fatigue, well above noise. Design choice.
 */
export const RECOVERY_REST_S = 12.7;

function fatigueDesignNotes(train: PulseTrain, recording: ForceRecording): string[] {
  const notes: string[] = [];
  const times = train.timesS;
  const last = recording.timesS[recording.timesS.length - 1] as number;
  let longestRest = 0;
  for (let i = 1; i < times.length && (times[i] as number) <= last; i += 1) {
    longestRest = Math.max(longestRest, (times[i] as number) - (times[i - 1] as number));
  }
  if (longestRest < RECOVERY_REST_S) {
    notes.push(
      `The recording has no rest of ${RECOVERY_REST_S} s or more followed by a test contraction: recovery is not observed, so τfat trades off with the α's. Add a rest with brief test trains (e.g. 1 s every 15 s for 2 minutes) after the fatiguing block.`,
    );
  }
  if (last < 30) {
    notes.push(
      `The recording lasts ${last} s; fatigue of a few per cent per minute needs at least a minute of repeated trains to rise above the noise.`,
    );
  }
  return notes;
}
