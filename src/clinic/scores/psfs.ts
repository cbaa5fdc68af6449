/**
 * Patient-Specific Functional Scale (Stratford et al. 1995 Physiother Can 47:258): the patient names
 * up to five activities they find hard because of their problem and rates each from 0 (unable to do
 * it) to 10 (able to do it as before the problem); the score is the mean of the ratings, 0–10,
 * higher is better. At follow-ups the same activities are rated again. Minimal important difference
 * 1.3 points for a small patient-perceived change (2.3 medium, 2.7 large; Abbott & Schmitt 2014
 * J Orthop Sports Phys Ther 44(8):560). The PSFS is free to use; its instructions below are
 * Myotrophy's own words.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export const PSFS_ACTIVITY_MAX = 10;
export const PSFS_MAX_ACTIVITIES = 5;
/** Longest activity name kept: a Myotrophy limit for a short phrase, no source. */
export const PSFS_ACTIVITY_MAX_CHARS = 80;
export const PSFS_MID = 1.3;
export const PSFS_SOURCE =
  'Stratford et al. 1995 Physiother Can 47:258; MID 1.3 (small change), Abbott & Schmitt 2014 JOSPT 44(8):560';

export interface PsfsActivity {
  /** The activity in the patient's own words, e.g. "climbing the stairs to my flat". */
  activity: string;
  /** 0 (unable to do it) to 10 (able to do it as before the problem). */
  score: number;
}

/** The PSFS score: the mean rating, to one decimal as the scale is reported. */
export function scorePsfs(activities: readonly PsfsActivity[]): number {
  if (!Array.isArray(activities) || activities.length < 1 || activities.length > PSFS_MAX_ACTIVITIES) {
    throw new InvalidInputError(
      `the PSFS needs 1 to ${PSFS_MAX_ACTIVITIES} activities, each with a rating 0–10; got ${Array.isArray(activities) ? activities.length : 'no'} activities`,
    );
  }
  const seen = new Set<string>();
  let sum = 0;
  activities.forEach(({ activity, score }, i) => {
    const name = typeof activity === 'string' ? activity.trim() : '';
    if (name.length === 0 || name.length > PSFS_ACTIVITY_MAX_CHARS) {
      throw new InvalidInputError(
        `PSFS activity ${i + 1} must be named in 1 to ${PSFS_ACTIVITY_MAX_CHARS} characters; got ${JSON.stringify(activity)}`,
      );
    }
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) throw new InvalidInputError(`PSFS activity "${name}" is named twice; name each once`);
    seen.add(key);
    if (!Number.isInteger(score) || score < 0 || score > PSFS_ACTIVITY_MAX) {
      throw new InvalidInputError(
        `the rating of PSFS activity "${name}" must be a whole number 0–${PSFS_ACTIVITY_MAX}; got ${String(score)}`,
      );
    }
    sum += score;
  });
  return Math.round((sum / activities.length) * 10) / 10;
}
