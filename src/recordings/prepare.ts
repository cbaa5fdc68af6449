import type { ForceRecording } from '../physiology/identification/identify.ts';
import {
  type ButterworthLowPass,
  butterworthPowerResponse,
  designButterworthLowPass,
  filtfilt,
} from '../physiology/numerics/butterworth.ts';
import { medianInPlace } from '../physiology/numerics/median.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { findChannel, type RawRecording, type RecordingChannel } from './recording.ts';
import { KNOWN_UNITS, lookUpUnit } from './units.ts';

/**
 * From a raw recording to what identification needs: the force channel in newtons on a uniform
 * time base, its offset (and linear drift) removed, low-pass filtered without phase shift, with the
 * stimulation pulse times from a trigger channel or entered, all on one clock whose 0 is the first
 * pulse (or the entered onset).
 */

/**
 * Default low-pass cut-off (Hz): 100 Hz keeps the stimulated force's content (trains of 20–50 Hz,
 * the NMES range in Maffiuletti 2011 Eur J Appl Physiol 111:2391; |H|² ≥ 0.9999 at 50 Hz for the
 * 4th-order filter below) and removes transducer noise above it. Design choice. When the sample rate
 * is below 250 Hz, the cut-off is 0.4 × the sample rate instead (below Nyquist).
 */
export const DEFAULT_CUTOFF_HZ = 100;
/** Order of the Butterworth low-pass; forward-backward doubles its roll-off (8th-order magnitude, zero phase). */
export const DEFAULT_FILTER_ORDER = 4;
/**
 * Sample intervals within 1 % of their median count as uniform; otherwise the recording is
 * interpolated linearly onto a uniform grid at the mean interval. Design choice.
 */
export const UNIFORM_TOLERANCE = 0.01;
/** Samples before the first pulse, up to this before it, form the pre-stimulus baseline (s). */
export const BASELINE_GUARD_S = 0.005;
/**
 * After the last pulse, force has relaxed to under 0.1 % of its peak by this time (five of the
 * slowest published τ1, 0.1 s; Ding 2003), so later samples form the post-stimulus baseline (s).
 */
export const RELAXED_AFTER_S = 0.5;
/** A baseline needs at least this many samples to be used. Design choice. */
export const MIN_BASELINE_SAMPLES = 10;
/** Force channel labels recognised when none is named. */
const FORCE_LABELS = /force|torque|moment|kraft|fz|load|newton/i;

export interface PrepareOptions {
  /** Label of the force channel (default: the one channel in N or N·m, else the one whose label says force or torque). */
  forceChannel?: string;
  /** Unit of a force channel whose file states none (or to override it), e.g. 'kgf'. */
  forceUnit?: string;
  /** Scale of a force channel recorded in volts (N per V). */
  forceScaleNPerV?: number;
  /** Label of a trigger channel: the stimulation pulses are its rising edges. */
  triggerChannel?: string;
  /** Where the stimulation started on the file's clock, when the pulses come from a programme (default 0 s). */
  onsetS?: number;
  /** Pulse times from a programme or entered (s from the onset): they place the relaxed baseline after the last one. */
  pulseTimesS?: readonly number[];
  /** Low-pass cut-off (Hz), or 'off' for a recording already filtered (default DEFAULT_CUTOFF_HZ). */
  cutoffHz?: number | 'off';
  filterOrder?: number;
}

export interface Processing {
  forceChannel: string;
  /** 'N' or 'N·m' (torque is fitted as a force-like quantity). */
  forceUnit: string;
  sampleRateHz: number;
  resampled: boolean;
  triggerChannel?: string;
  /** Time on the file's clock taken as 0 (the first detected pulse, or the entered onset). */
  originS: number;
  offsetN: number;
  driftNPerS: number;
  /** null when filtering was turned off. */
  cutoffHz: number | null;
  filterOrder: number;
  /**
   * √(fs / 2B), B the noise bandwidth ∫|H|⁴ df of the zero-phase filter: filtered residuals are
   * correlated, so a least-squares fit to m filtered samples has about m·2B/fs independent ones and
   * its standard errors must be multiplied by this (identify-recording.ts does).
   */
  standardErrorInflation: number;
}

export interface PreparedRecording {
  /** Filtered force at times ≥ 0 on the stimulation clock, ready for identification. */
  force: ForceRecording;
  /** The force before filtering (offset removed), same times: for plots. */
  unfilteredForceN: Float64Array;
  /** Pulse times (s) on the stimulation clock, from the trigger; absent when pulses come from a programme. */
  pulseTimesS?: number[];
  processing: Processing;
  notes: string[];
}

function chooseForceChannel(recording: RawRecording, label: string | undefined): RecordingChannel {
  if (label !== undefined) return findChannel(recording, label, 'force');
  const inForceUnits = recording.channels.filter((c) => c.unit === 'N' || c.unit === 'N·m');
  if (inForceUnits.length === 1) return inForceUnits[0] as RecordingChannel;
  const named = recording.channels.filter((c) => FORCE_LABELS.test(c.label));
  if (named.length === 1) return named[0] as RecordingChannel;
  if (recording.channels.length === 1) return recording.channels[0] as RecordingChannel;
  throw new InvalidInputError(
    `name the force channel: the recording has ${recording.channels.length} channels (${recording.channels.map((c) => `'${c.label}'${c.unitInFile ? ` in ${c.unitInFile}` : ''}`).join(', ')}) and none is alone in being in N or named force/torque`,
  );
}

/** The force channel's values in N (or N·m), or an error saying what unit is needed. */
function forceInNewtons(
  channel: RecordingChannel,
  options: PrepareOptions,
  notes: string[],
): { values: Float64Array; unit: string } {
  if (options.forceUnit !== undefined) {
    const conversion = lookUpUnit(options.forceUnit);
    if (!conversion || (conversion.canonical !== 'N' && conversion.canonical !== 'N·m')) {
      throw new InvalidInputError(
        `force unit '${options.forceUnit}' is not a force or torque unit; known units are ${KNOWN_UNITS}`,
      );
    }
    if (channel.unitInFile !== '' && channel.unitInFile !== options.forceUnit) {
      notes.push(
        `The file states '${channel.unitInFile}' for '${channel.label}'; taken as ${options.forceUnit} as declared.`,
      );
    }
    const fileFactor = channel.unitInFile === '' ? 1 : (lookUpUnit(channel.unitInFile)?.factor ?? 1);
    return {
      values: channel.values.map((v) => (v / fileFactor) * conversion.factor),
      unit: conversion.canonical,
    };
  }
  if (channel.unit === 'N' || channel.unit === 'N·m') return { values: channel.values, unit: channel.unit };
  if (channel.unit === 'V') {
    if (options.forceScaleNPerV === undefined) {
      throw new InvalidInputError(
        `the force channel '${channel.label}' is in volts (${channel.unitInFile}): declare the transducer's calibration in N per V`,
      );
    }
    const scale = options.forceScaleNPerV;
    return { values: channel.values.map((v) => v * scale), unit: 'N' };
  }
  if (channel.unitInFile === '') {
    notes.push(`The force channel '${channel.label}' states no unit: taken as newtons.`);
    return { values: channel.values, unit: 'N' };
  }
  throw new InvalidInputError(
    `the force channel '${channel.label}' is in '${channel.unitInFile}', not a force or torque; declare its unit (${KNOWN_UNITS}) or choose another channel`,
  );
}

/** Linear interpolation of (times, values) at uniform times start + i·dt. */
function onUniformGrid(
  times: Float64Array,
  values: Float64Array,
  start: number,
  dt: number,
  n: number,
): Float64Array {
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i += 1) {
    const t = start + i * dt;
    while (j < times.length - 2 && (times[j + 1] as number) < t) j += 1;
    const t0 = times[j] as number;
    const t1 = times[j + 1] as number;
    const w = t1 > t0 ? Math.min(1, Math.max(0, (t - t0) / (t1 - t0))) : 0;
    out[i] = (values[j] as number) * (1 - w) + (values[j + 1] as number) * w;
  }
  return out;
}

/** Rising edges through half the channel's range, each at its linearly interpolated crossing time. */
export function detectPulses(timesS: Float64Array, trigger: Float64Array, label: string): number[] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < trigger.length; i += 1) {
    const v = trigger[i] as number;
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  if (!(high > low)) {
    throw new InvalidInputError(
      `missing trigger: channel '${label}' is flat (${low} throughout); expected a pulse on it for each stimulus`,
    );
  }
  const threshold = (low + high) / 2;
  const pulses: number[] = [];
  for (let i = 1; i < trigger.length; i += 1) {
    const a = trigger[i - 1] as number;
    const b = trigger[i] as number;
    if (a < threshold && b >= threshold) {
      const t0 = timesS[i - 1] as number;
      const t1 = timesS[i] as number;
      pulses.push(t0 + ((threshold - a) / (b - a)) * (t1 - t0));
    }
  }
  if (pulses.length === 0) {
    throw new InvalidInputError(
      `missing trigger: channel '${label}' never rises through ${threshold} (half its range); it starts high and has no rising edge`,
    );
  }
  return pulses;
}

/** ∫₀^{fs/2} |H(f)|⁴ df of the forward-backward filter (Hz), by the midpoint rule on 4096 points. */
export function noiseBandwidthHz(filter: ButterworthLowPass): number {
  const steps = 4096;
  const nyquist = filter.sampleRateHz / 2;
  let sum = 0;
  for (let j = 0; j < steps; j += 1)
    sum += butterworthPowerResponse(filter, ((j + 0.5) / steps) * nyquist) ** 2;
  return (sum / steps) * nyquist;
}

export function prepareRecording(recording: RawRecording, options: PrepareOptions = {}): PreparedRecording {
  const notes = [...recording.notes];
  const channel = chooseForceChannel(recording, options.forceChannel);
  const { values: forceValues, unit } = forceInNewtons(channel, options, notes);
  if (unit === 'N·m') notes.push(`'${channel.label}' is a torque (N·m): it is fitted as the model's force.`);
  const times = recording.timesS;
  if (times.length < 3)
    throw new InvalidInputError(`the recording has ${times.length} samples; at least 3 are needed`);
  // One array for the sample intervals now and, on a uniform recording, the force with its offset
  // removed later: every new array of a million samples costs its pages' first touch (about
  // 2 400 page faults, 10–20 ms of system time here) whenever the allocator has none free.
  const work = new Float64Array(times.length);
  const intervals = work.subarray(0, times.length - 1);
  for (let i = 1; i < times.length; i += 1)
    intervals[i - 1] = (times[i] as number) - (times[i - 1] as number);
  // Reorders the intervals; the check below does not care about their order.
  let dt = medianInPlace(intervals);
  let irregular = false;
  for (let i = 0; i < intervals.length && !irregular; i += 1)
    irregular = Math.abs((intervals[i] as number) - dt) > UNIFORM_TOLERANCE * dt;
  const start = times[0] as number;
  const meanInterval = ((times[times.length - 1] as number) - start) / (times.length - 1);
  if (irregular) dt = meanInterval;
  const n = irregular
    ? Math.floor(((times[times.length - 1] as number) - start) / dt + 1e-9) + 1
    : times.length;
  const grid = irregular ? Float64Array.from({ length: n }, (_, i) => start + i * dt) : times;
  // On a uniform recording the channel itself, read only: the offset is removed into a new array.
  const measured = irregular ? onUniformGrid(times, forceValues, start, dt, n) : forceValues;
  const sampleRateHz = 1 / dt;
  if (irregular)
    notes.push(
      `The sample times are irregular: resampled linearly at ${sampleRateHz.toFixed(2)} Hz (the mean interval).`,
    );

  let pulses: number[] | undefined;
  let originS = options.onsetS ?? 0;
  if (options.triggerChannel !== undefined) {
    const trigger = findChannel(recording, options.triggerChannel, 'trigger');
    const triggerValues = irregular ? onUniformGrid(times, trigger.values, start, dt, n) : trigger.values;
    const detected = detectPulses(grid, triggerValues, trigger.label);
    originS = detected[0] as number;
    pulses = detected.map((t) => t - originS);
    notes.push(
      `${detected.length} stimulation pulse(s) found on '${trigger.label}', the first at ${originS.toFixed(4)} s (taken as 0).`,
    );
  }
  const known = pulses ?? options.pulseTimesS;
  const lastPulseS = known && known.length > 0 ? originS + (known[known.length - 1] as number) : undefined;

  // Offset and drift from the baselines before the first pulse and after the force has relaxed:
  // the grid increases, so each baseline is a run of indices, [0, preEnd) and [postStart, n).
  const firstIndexFrom = (t: number) => {
    let i = 0;
    while (i < n && (grid[i] as number) < t) i += 1;
    return i;
  };
  const preEnd = firstIndexFrom(originS - BASELINE_GUARD_S);
  let postStart = n;
  if (lastPulseS !== undefined) {
    while (postStart > preEnd && (grid[postStart - 1] as number) > lastPulseS + RELAXED_AFTER_S)
      postStart -= 1;
  }
  const meanOver = (from: number, to: number, of: ArrayLike<number>) => {
    let sum = 0;
    for (let i = from; i < to; i += 1) sum += of[i] as number;
    return sum / (to - from);
  };
  let offsetN = 0;
  let driftNPerS = 0;
  let referenceS = originS;
  if (preEnd >= MIN_BASELINE_SAMPLES) {
    offsetN = meanOver(0, preEnd, measured);
    referenceS = meanOver(0, preEnd, grid);
    if (n - postStart >= MIN_BASELINE_SAMPLES) {
      const postTime = meanOver(postStart, n, grid);
      driftNPerS = (meanOver(postStart, n, measured) - offsetN) / (postTime - referenceS);
      notes.push(
        `Offset ${offsetN.toPrecision(4)} N and drift ${driftNPerS.toPrecision(3)} N/s removed (baselines before the first pulse and ${RELAXED_AFTER_S} s after the last).`,
      );
    } else {
      notes.push(`Offset ${offsetN.toPrecision(4)} N removed (the mean before the first pulse).`);
    }
  } else {
    notes.push(
      `No baseline of ${MIN_BASELINE_SAMPLES} samples before the first pulse: the offset was not removed. Record at least ${(MIN_BASELINE_SAMPLES / sampleRateHz + BASELINE_GUARD_S).toPrecision(2)} s before stimulating.`,
    );
  }
  // On a uniform recording `work` (the intervals, no longer needed) has exactly n samples.
  let force = irregular ? measured : work;
  for (let i = 0; i < n; i += 1)
    force[i] = (measured[i] as number) - offsetN - driftNPerS * ((grid[i] as number) - referenceS);

  const filterOrder = options.filterOrder ?? DEFAULT_FILTER_ORDER;
  const unfiltered = force;
  let cutoffHz: number | null = null;
  let inflation = 1;
  if (options.cutoffHz === 'off') {
    notes.push('Not filtered (filtering turned off).');
  } else {
    cutoffHz = options.cutoffHz ?? (sampleRateHz >= 250 ? DEFAULT_CUTOFF_HZ : 0.4 * sampleRateHz);
    const filter = designButterworthLowPass(filterOrder, cutoffHz, sampleRateHz);
    force = filtfilt(filter, force);
    inflation = Math.sqrt(sampleRateHz / 2 / noiseBandwidthHz(filter));
    notes.push(
      `Low-pass filtered at ${cutoffHz.toPrecision(4)} Hz: Butterworth order ${filterOrder}, forward and backward (zero phase).`,
    );
  }

  // Samples from the origin on: the grid increases, so they are a run of indices, found by
  // bisection (a walk back from the end crossed the whole recording when the origin is early).
  let firstKept = 0;
  for (let last = n; firstKept < last; ) {
    const middle = (firstKept + last) >>> 1;
    if ((grid[middle] as number) - originS >= 0) last = middle;
    else firstKept = middle + 1;
  }
  const keptCount = n - firstKept;
  if (keptCount === 0) {
    throw new InvalidInputError(
      `the recording ends (${grid[n - 1]} s) before the stimulation starts (${originS} s on the file's clock)`,
    );
  }
  const processing: Processing = {
    forceChannel: channel.label,
    forceUnit: unit,
    sampleRateHz,
    resampled: irregular,
    originS,
    offsetN,
    driftNPerS,
    cutoffHz,
    filterOrder,
    standardErrorInflation: inflation,
  };
  if (options.triggerChannel !== undefined) processing.triggerChannel = options.triggerChannel;
  // A loop, not the typed array's map: map calls a function per sample, 15× slower here.
  const keptTimesS = new Float64Array(keptCount);
  for (let i = 0; i < keptCount; i += 1) keptTimesS[i] = (grid[firstKept + i] as number) - originS;
  const prepared: PreparedRecording = {
    // Typed arrays, not lists: a list of a million numbers costs more than the rest of the import.
    force: {
      timesS: keptTimesS,
      forceN: force.subarray(firstKept),
    },
    unfilteredForceN: unfiltered.subarray(firstKept),
    processing,
    notes,
  };
  if (pulses) prepared.pulseTimesS = pulses;
  return prepared;
}
