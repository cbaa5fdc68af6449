/**
 * Numeric pain rating scale (NPRS): one rating from 0 (no pain) to 10 (the worst pain imaginable),
 * lower is better. Minimal important difference 1.5 points for a small patient-perceived change
 * (Abbott & Schmitt 2014 J Orthop Sports Phys Ther 44(8):560: −1.5 to −3.5 for small to large
 * change). The session log's pain rating (0–10) is the same scale, asked about the session; the
 * scheduled questionnaire asks about the past week.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export const PAIN_RATING_MAX = 10;
export const PAIN_RATING_MID = 1.5;
export const PAIN_RATING_SOURCE =
  'Numeric pain rating scale 0–10; MID 1.5 (small change), Abbott & Schmitt 2014 JOSPT 44(8):560';

/** The pain rating, checked: a whole number 0–10. */
export function scorePainRating(ratings: readonly number[]): number {
  const rating = Array.isArray(ratings) && ratings.length === 1 ? ratings[0] : undefined;
  if (rating === undefined || !Number.isInteger(rating) || rating < 0 || rating > PAIN_RATING_MAX) {
    throw new InvalidInputError(
      `the pain rating needs one answer, a whole number 0 (no pain) to ${PAIN_RATING_MAX} (worst pain imaginable); got ${JSON.stringify(ratings)}`,
    );
  }
  return rating;
}
