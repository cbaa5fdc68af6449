import { FORCE_MODELS } from '../../physiology/force/model.ts';
import { withParameters } from '../../physiology/identification/identify.ts';

/**
 * The person and protocol behind examples/recordings/ding2003-person.* (written by
 * scripts/make-recording-fixtures.ts and examples/recordings/write_c3d.py): the tests recover
 * `truth` from each file.
 */
const onsetS = 0.3;
const frequencyHz = 30;
const onS = 0.6;
export const RECORDING_FIXTURE = {
  truth: withParameters(
    FORCE_MODELS.ding2003,
    ['forceScalingNPerS', 'tau1S', 'tau2S', 'km'],
    [3009 * 1.2, 0.050957 * 0.85, 0.06 * 1.25, 0.103 * 0.8],
  ),
  onsetS,
  frequencyHz,
  onS,
  pulseTimesS: Array.from({ length: Math.round(onS * frequencyHz) }, (_, i) => onsetS + i / frequencyHz),
  rateHz: 1000,
  durationS: 1.5,
  offsetN: 15,
  driftNPerS: 4,
  noiseN: 2,
  triggerV: 5,
  triggerWidthS: 0.002,
} as const;
