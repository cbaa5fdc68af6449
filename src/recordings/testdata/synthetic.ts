import type { ForceModel } from '../../physiology/force/model.ts';
import type { PulseTrain } from '../../physiology/force/pulse-train.ts';
import {
  type SyntheticRecordingOptions,
  syntheticForceRecording,
} from '../../physiology/identification/testdata/synthetic-recording.ts';
import type { RawRecording } from '../recording.ts';

/** The synthetic recording of syntheticForceRecording as a file's raw channels: one force channel in N. */
export function syntheticRawRecording(
  truth: ForceModel,
  train: PulseTrain,
  options: SyntheticRecordingOptions,
): RawRecording {
  const { timesS, forceN } = syntheticForceRecording(truth, train, options);
  return {
    format: 'csv',
    timesS: Float64Array.from(timesS),
    channels: [{ label: 'force', unit: 'N', unitInFile: 'N', values: Float64Array.from(forceN) }],
    notes: [],
  };
}
