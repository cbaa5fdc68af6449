import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import type { ForceModel } from './model.ts';
import { PULSE_TRAIN_LIMITS, type PulseTrain } from './pulse-train.ts';

/**
 * A stimulation programme as a clinician or a device describes it: trains of pulses at a
 * frequency, on for `onS` and off for `offS`, repeated, with optional ramps and an onset doublet.
 */
export interface ProgrammeDescription {
  frequencyHz: number;
  onS: number;
  offS: number;
  repetitions: number;
  /** Phase width of every pulse at full level (µs). */
  pulseWidthUs?: number;
  /** Peak current of every pulse at full level (mA). */
  intensityMa?: number;
  /** Time within each train over which the level rises to full (s). */
  rampUpS?: number;
  /** Time at the end of each train over which the level falls (s). */
  rampDownS?: number;
  /** An extra pulse this long after each train's first pulse (ms): the catch-like onset doublet. */
  doubletIntervalMs?: number;
  /** End of the simulation (s); defaults to repetitions × (on + off). */
  endS?: number;
}

export interface ProgrammeTrain {
  train: PulseTrain;
  /** Start of each train (s): each one contraction. */
  contractionStartsS: number[];
  endS: number;
}

/** Pulses closer to the train's end than this are taken to fall on it, and are left out. */
const TRAIN_END_TOLERANCE_S = 1e-9;

export const PROGRAMME_LIMITS = {
  frequencyHz: { min: 0.1, max: 1000 },
  onS: { min: 0.001, max: 3600 },
  offS: { min: 0, max: 3600 },
  repetitions: { min: 1, max: 100_000 },
  pulseWidthUs: { min: 1, max: PULSE_TRAIN_LIMITS.maxWidthUs },
  intensityMa: { min: 0, max: PULSE_TRAIN_LIMITS.maxIntensityMa },
  endS: { min: 0.001, max: 86_400 },
} as const;

/**
 * The pulse train of a programme. Train r starts at r·(on + off); its pulses fall at
 * t0 + k/f for k = 0, 1, … while t0 + k/f < t0 + on. Ramps scale the model's own input (pulse
 * width for a width model, intensity for an amplitude model) linearly, so the first and last
 * pulses of a ramp are already above zero: level = min(1, (τ + 1/f)/rampUp, (on − τ)/rampDown)
 * for a pulse τ seconds into its train.
 */
export function buildProgrammeTrain(description: ProgrammeDescription, model: ForceModel): ProgrammeTrain {
  const d = description;
  const f = requireFiniteInRange(
    'frequency (Hz)',
    d.frequencyHz,
    PROGRAMME_LIMITS.frequencyHz.min,
    PROGRAMME_LIMITS.frequencyHz.max,
  );
  const onS = requireFiniteInRange('on time (s)', d.onS, PROGRAMME_LIMITS.onS.min, PROGRAMME_LIMITS.onS.max);
  const offS = requireFiniteInRange(
    'off time (s)',
    d.offS,
    PROGRAMME_LIMITS.offS.min,
    PROGRAMME_LIMITS.offS.max,
  );
  const repetitions = requireFiniteInRange(
    'repetitions',
    d.repetitions,
    PROGRAMME_LIMITS.repetitions.min,
    PROGRAMME_LIMITS.repetitions.max,
  );
  if (!Number.isInteger(repetitions))
    throw new InvalidInputError(`repetitions must be a whole number; got ${repetitions}`);
  const rampUpS = requireFiniteInRange('ramp-up (s)', d.rampUpS ?? 0, 0, onS);
  const rampDownS = requireFiniteInRange('ramp-down (s)', d.rampDownS ?? 0, 0, onS);
  if (rampUpS + rampDownS > onS + TRAIN_END_TOLERANCE_S) {
    throw new InvalidInputError(
      `ramp-up plus ramp-down (${rampUpS + rampDownS} s) must fit within the on time (${onS} s)`,
    );
  }
  const usesWidth = model.pulseWidth !== undefined;
  const usesIntensity = model.pulseAmplitude !== undefined;
  if ((rampUpS > 0 || rampDownS > 0) && !usesWidth && !usesIntensity) {
    throw new InvalidInputError(
      `model ${model.id} has no pulse-width or intensity input, so a ramp cannot change its force; use a pulse-width model (ding2007) or an intensity model (hmed2018)`,
    );
  }
  const widthUs =
    d.pulseWidthUs === undefined
      ? undefined
      : requireFiniteInRange(
          'pulse width (µs)',
          d.pulseWidthUs,
          PROGRAMME_LIMITS.pulseWidthUs.min,
          PROGRAMME_LIMITS.pulseWidthUs.max,
        );
  const intensityMa =
    d.intensityMa === undefined
      ? undefined
      : requireFiniteInRange(
          'intensity (mA)',
          d.intensityMa,
          PROGRAMME_LIMITS.intensityMa.min,
          PROGRAMME_LIMITS.intensityMa.max,
        );
  if (usesWidth && widthUs === undefined) {
    throw new InvalidInputError(`model ${model.id} responds to pulse width: give a pulse width in µs`);
  }
  if (usesIntensity && intensityMa === undefined) {
    throw new InvalidInputError(`model ${model.id} responds to intensity: give an intensity in mA`);
  }
  const periodS = 1 / f;
  let doubletS: number | undefined;
  if (d.doubletIntervalMs !== undefined) {
    doubletS = requireFiniteInRange('doublet interval (ms)', d.doubletIntervalMs, 0.1, 1000) / 1000;
    if (doubletS >= periodS) {
      throw new InvalidInputError(
        `the doublet interval (${d.doubletIntervalMs} ms) must be shorter than the pulse period (${(periodS * 1000).toPrecision(4)} ms at ${f} Hz)`,
      );
    }
  }
  const cycleS = onS + offS;
  const endS =
    d.endS === undefined
      ? repetitions * cycleS
      : requireFiniteInRange('end time (s)', d.endS, PROGRAMME_LIMITS.endS.min, PROGRAMME_LIMITS.endS.max);

  // Offsets of the pulses within one train, and their levels.
  const offsets: number[] = [];
  for (let k = 0; k / f < onS - TRAIN_END_TOLERANCE_S; k += 1) {
    offsets.push(k / f);
    if (k === 0 && doubletS !== undefined && doubletS < onS - TRAIN_END_TOLERANCE_S) offsets.push(doubletS);
  }
  const levels = offsets.map((tau) => {
    let level = 1;
    if (rampUpS > 0) level = Math.min(level, (tau + periodS) / rampUpS);
    if (rampDownS > 0) level = Math.min(level, (onS - tau) / rampDownS);
    return level;
  });
  const trainsReached = Math.min(repetitions, Math.ceil(endS / cycleS - TRAIN_END_TOLERANCE_S));
  const total = offsets.length * trainsReached;
  if (total > PULSE_TRAIN_LIMITS.maxPulses) {
    throw new InvalidInputError(
      `this programme has ${total} pulses; at most ${PULSE_TRAIN_LIMITS.maxPulses} can be simulated at once`,
    );
  }
  const timesS: number[] = [];
  const widthsUs: number[] | undefined = widthUs === undefined ? undefined : [];
  const intensitiesMa: number[] | undefined = intensityMa === undefined ? undefined : [];
  const contractionStartsS: number[] = [];
  for (let r = 0; r < trainsReached; r += 1) {
    const startS = r * cycleS;
    contractionStartsS.push(startS);
    for (let i = 0; i < offsets.length; i += 1) {
      const t = startS + offsets[i];
      if (t > endS) break;
      timesS.push(t);
      if (widthsUs && widthUs !== undefined) widthsUs.push(usesWidth ? widthUs * levels[i] : widthUs);
      if (intensitiesMa && intensityMa !== undefined) {
        intensitiesMa.push(usesIntensity ? intensityMa * levels[i] : intensityMa);
      }
    }
  }
  const train: PulseTrain = { timesS };
  if (widthsUs) train.widthsUs = widthsUs;
  if (intensitiesMa) train.intensitiesMa = intensitiesMa;
  return { train, contractionStartsS, endS };
}
