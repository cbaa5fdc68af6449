import { FORCE_MODELS, type ForceModel } from '../src/physiology/force/model.ts';
import { buildProgrammeTrain } from '../src/physiology/force/programme-train.ts';
import { FATIGUE_PARAMETERS, withParameters } from '../src/physiology/identification/identify.ts';

/**
 * The people the identification tests and benchmarks record: each 15–25 % away from the published
 * Ding 2003 values the fit starts from, so a fit that returned its start would fail.
 */

/** Ding 2003's base parameters A, τ1, τ2, Km, each 15–25 % away from the published values. */
export const DING2003_PERSON = withParameters(
  FORCE_MODELS.ding2003,
  ['forceScalingNPerS', 'tau1S', 'tau2S', 'km'],
  [3009 * 1.2, 0.050957 * 0.85, 0.06 * 1.25, 0.103 * 0.8],
);

/** The published fatigue model, whose fatigue coefficients a fit starts from. */
export const PUBLISHED_FATIGUE_MODEL = FORCE_MODELS['ding2003-fatigue'];
const published = PUBLISHED_FATIGUE_MODEL.fatigue as NonNullable<ForceModel['fatigue']>;

/** The published base with αA, ατ1, αKm and τfat each 15–25 % away from the published values. */
export const FATIGUE_PERSON = withParameters(PUBLISHED_FATIGUE_MODEL, FATIGUE_PARAMETERS, [
  published.alphaAPerS2 * 1.2,
  published.alphaTau1PerN * 0.8,
  published.alphaKmPerSN * 1.25,
  published.tauFatigueS * 0.85,
]);

/** 60 s of 1 s on / 1 s off at 30 Hz: long enough for fatigue to show, too short for recovery. */
export const FATIGUE_BLOCK = buildProgrammeTrain(
  { frequencyHz: 30, onS: 1, offS: 1, repetitions: 30 },
  PUBLISHED_FATIGUE_MODEL,
);
