import { InvalidInputError } from '../shared/invalid-input.ts';

/**
 * A recording as read from a file, before any processing: one time base and named channels in
 * canonical units. Readers (delimited-text.ts, opensim.ts, c3d.ts) produce it; prepare.ts turns it
 * into the force recording and pulse times that identification needs.
 */

export const RECORDING_FORMATS = ['csv', 'sto', 'c3d'] as const;
export type RecordingFormat = (typeof RECORDING_FORMATS)[number];

export interface RecordingChannel {
  label: string;
  /**
   * Canonical unit after conversion: 'N', 'N·m', 'V', or '' when the file does not state one
   * (then the reader's convention applies and prepare.ts says so).
   */
  unit: string;
  /** The unit as the file wrote it ('' when absent). */
  unitInFile: string;
  values: Float64Array;
}

export interface RawRecording {
  format: RecordingFormat;
  /** Sample times (s), strictly increasing. */
  timesS: Float64Array;
  channels: RecordingChannel[];
  /** What the reader decided on its own (delimiter, decimal comma, header line, units), in plain words. */
  notes: string[];
}

/** A file that cannot be read as a recording: the message names where (line or byte) and what was expected. */
export class RecordingFormatError extends InvalidInputError {}

/** Largest file accepted (bytes): a 10-minute, 2 kHz, 16-channel recording as text is about 60 MB. */
export const MAX_RECORDING_BYTES = 128 * 1024 * 1024;

/** Largest number of samples per channel accepted: 10 minutes at 5 kHz. */
export const MAX_RECORDING_ROWS = 3_000_000;

/** Checks a time base: finite and strictly increasing. `where(i)` names sample i in the file. */
export function requireIncreasingTimes(timesS: Float64Array, where: (index: number) => string): void {
  for (let i = 0; i < timesS.length; i += 1) {
    const t = timesS[i] as number;
    if (!Number.isFinite(t)) throw new RecordingFormatError(`${where(i)}: the time is not a finite number`);
    if (i > 0 && t <= (timesS[i - 1] as number)) {
      throw new RecordingFormatError(
        `${where(i)}: time ${t} s does not follow ${timesS[i - 1]} s; times must increase strictly (sort the file, or remove repeated rows)`,
      );
    }
  }
}

/** The channel whose label matches `label` (case and surrounding spaces ignored), or a clear error listing the labels. */
export function findChannel(recording: RawRecording, label: string, role: string): RecordingChannel {
  const wanted = label.trim().toLowerCase();
  const channel = recording.channels.find((c) => c.label.trim().toLowerCase() === wanted);
  if (!channel) {
    throw new InvalidInputError(
      `the recording has no channel '${label}' for the ${role}; its channels are: ${recording.channels.map((c) => `'${c.label}'`).join(', ')}`,
    );
  }
  return channel;
}
