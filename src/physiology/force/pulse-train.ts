import { InvalidInputError } from '../../shared/invalid-input.ts';

/**
 * A pulse train: the times of the stimulation pulses, with each pulse's width and intensity where
 * the model uses them. Times are in seconds from the start of the simulation, strictly increasing.
 */
export interface PulseTrain {
  timesS: number[];
  /** Phase width of each pulse (µs); needed by pulse-width models (Ding 2007). */
  widthsUs?: number[];
  /** Peak current of each pulse (mA); needed by pulse-amplitude models (Ben Hmed 2018). */
  intensitiesMa?: number[];
}

/** Bounds that keep a train physical and its simulation within memory. */
export const PULSE_TRAIN_LIMITS = {
  maxPulses: 2_000_000,
  maxWidthUs: 1_000_000,
  maxIntensityMa: 1000,
} as const;

export function validatePulseTrain(
  train: PulseTrain,
  needs: { needsWidths: boolean; needsIntensities: boolean },
): void {
  const { timesS, widthsUs, intensitiesMa } = train;
  if (!Array.isArray(timesS)) throw new InvalidInputError('a pulse train needs an array of pulse times (s)');
  if (timesS.length > PULSE_TRAIN_LIMITS.maxPulses) {
    throw new InvalidInputError(
      `a pulse train may hold at most ${PULSE_TRAIN_LIMITS.maxPulses} pulses; got ${timesS.length}`,
    );
  }
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < timesS.length; i += 1) {
    const t = timesS[i] as number;
    if (!Number.isFinite(t) || t < 0) {
      throw new InvalidInputError(`pulse ${i + 1}: time must be a number of seconds ≥ 0; got ${t}`);
    }
    if (t <= previous) {
      throw new InvalidInputError(
        `pulse ${i + 1}: times must increase strictly; ${t} s follows ${previous} s`,
      );
    }
    previous = t;
  }
  checkPerPulse(
    'width',
    'µs',
    widthsUs,
    timesS.length,
    needs.needsWidths,
    0,
    PULSE_TRAIN_LIMITS.maxWidthUs,
    true,
  );
  checkPerPulse(
    'intensity',
    'mA',
    intensitiesMa,
    timesS.length,
    needs.needsIntensities,
    0,
    PULSE_TRAIN_LIMITS.maxIntensityMa,
    false,
  );
}

function checkPerPulse(
  label: string,
  unit: string,
  values: number[] | undefined,
  count: number,
  needed: boolean,
  min: number,
  max: number,
  strictlyPositive: boolean,
): void {
  if (values === undefined) {
    if (needed) throw new InvalidInputError(`this model needs a ${label} (${unit}) for every pulse`);
    return;
  }
  if (values.length !== count) {
    throw new InvalidInputError(`a ${label} is needed for each of the ${count} pulses; got ${values.length}`);
  }
  for (let i = 0; i < count; i += 1) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || v < min || v > max || (strictlyPositive && v === 0)) {
      const lower = strictlyPositive ? `above ${min}` : `from ${min}`;
      throw new InvalidInputError(`pulse ${i + 1}: ${label} must be ${lower} to ${max} ${unit}; got ${v}`);
    }
  }
}
