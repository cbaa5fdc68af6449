import type { IdentificationResult } from '../physiology/identification/identify.ts';
import type { UndeterminedParameter } from './identify-recording.ts';

/**
 * Fit quality in plain words, for the clinician who saves the model. Thresholds (design choice):
 * a residual RMS within 2 % of the peak force is within a force transducer's usual accuracy (good);
 * within 5 % the model's shape still follows the contraction (acceptable); above it, or when the
 * search did not converge, the model does not describe this recording (poor).
 */
export const GOOD_FIT_RELATIVE_RMS = 0.02;
export const ACCEPTABLE_FIT_RELATIVE_RMS = 0.05;

export interface FitVerdict {
  quality: 'good' | 'acceptable' | 'poor';
  words: string;
}

export function fitVerdict(
  result: IdentificationResult,
  undetermined: readonly UndeterminedParameter[],
): FitVerdict {
  const percent = (100 * result.residual.relativeToPeak).toFixed(1);
  const quality: FitVerdict['quality'] = !result.converged
    ? 'poor'
    : result.residual.relativeToPeak <= GOOD_FIT_RELATIVE_RMS
      ? 'good'
      : result.residual.relativeToPeak <= ACCEPTABLE_FIT_RELATIVE_RMS
        ? 'acceptable'
        : 'poor';
  const parts = [
    quality === 'good'
      ? `Good fit: the model follows the measured force to within ${percent} % of the peak.`
      : quality === 'acceptable'
        ? `Acceptable fit: the model misses the measured force by ${percent} % of the peak on average.`
        : result.converged
          ? `Poor fit: the model misses the measured force by ${percent} % of the peak; check the channel, the pulse times and the units before saving.`
          : 'Poor fit: the search did not converge; check the channel, the pulse times and the units before saving.',
  ];
  if (undetermined.length > 0) {
    parts.push(
      `${undetermined.map((u) => u.symbol).join(', ')} could not be determined from this recording and kept their published values.`,
    );
  }
  if (result.poorlyDetermined.length > 0) {
    parts.push(`Uncertain: ${result.poorlyDetermined.map((p) => p.reason).join('; ')}.`);
  }
  return { quality, words: parts.join(' ') };
}
