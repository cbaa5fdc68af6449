/**
 * Lower Extremity Functional Scale (Binkley et al. 1999 Phys Ther 79:371): 20 items, each 0
 * (extreme difficulty or unable) to 4 (no difficulty); total 0–80, higher is better. MDC (90 % CI) 9
 * points; MCID 9 points (RehabMeasures summary of Binkley 1999). The item names below are short
 * paraphrases, not the questionnaire's wording (redistribution rights UNCONFIRMED). No source gives a
 * rule for missing items (UNCONFIRMED), so an incomplete form is not scored.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export const LEFS_ITEMS = [
  'usual work, housework or school',
  'usual hobbies, recreation or sport',
  'getting into or out of the bath',
  'walking between rooms',
  'putting on shoes or socks',
  'squatting',
  'lifting an object from the floor',
  'light activities around the home',
  'heavy activities around the home',
  'getting into or out of a car',
  'walking 2 blocks',
  'walking a mile',
  'going up or down 10 stairs',
  'standing for 1 hour',
  'sitting for 1 hour',
  'running on even ground',
  'running on uneven ground',
  'making sharp turns while running fast',
  'hopping',
  'rolling over in bed',
] as const;

/** Each item is scored 0 (extreme difficulty or unable) to 4 (no difficulty). */
export const LEFS_ITEM_MAX = 4;
export const LEFS_MAX = 20 * LEFS_ITEM_MAX;
export const LEFS_MDC = 9;
export const LEFS_MCID = 9;
export const LEFS_SOURCE = 'Binkley et al. 1999 Phys Ther 79:371 (via RehabMeasures: MDC 9, MCID 9)';

export interface LefsScore {
  total: number;
  /** Percentage of the maximum 80. */
  percentOfMax: number;
  source: string;
}

export function scoreLefs(items: readonly number[]): LefsScore {
  if (!Array.isArray(items) || items.length !== LEFS_ITEMS.length) {
    throw new InvalidInputError(
      `LEFS needs all ${LEFS_ITEMS.length} items, each a whole number 0–4; got ${Array.isArray(items) ? items.length : 'no'} items (no rule for missing items is sourced)`,
    );
  }
  let total = 0;
  items.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > LEFS_ITEM_MAX) {
      throw new InvalidInputError(
        `LEFS item ${i + 1} (${LEFS_ITEMS[i]}) must be a whole number 0–4; got ${String(v)}`,
      );
    }
    total += v;
  });
  return { total, percentOfMax: (total / LEFS_MAX) * 100, source: LEFS_SOURCE };
}
