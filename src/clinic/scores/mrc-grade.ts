/**
 * Medical Research Council (Oxford) muscle grades 0–5 and the MRC sum score.
 * Grades: 0 none; 1 flicker or trace; 2 movement with gravity eliminated; 3 against gravity; 4 against
 * some resistance; 5 normal. 4− and 4+ are in common use and count as 4 in the sum (Myotrophy's rule).
 * Sum score: 6 muscle groups on both sides, 0–60 (Kleyweg et al. 1988, Guillain–Barré trial). Below
 * 48 defines ICU-acquired weakness (clinical.md §3; the primary source, De Jonghe et al. 2002 JAMA,
 * was not retrieved: UNCONFIRMED citation). In the ICU, ICC 0.94 but κ 0.60 for the ICU-AW diagnosis
 * (Connolly, Crit Care cc13052).
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export const MRC_GRADES = ['0', '1', '2', '3', '4-', '4', '4+', '5'] as const;
export type MrcGrade = (typeof MRC_GRADES)[number];

export const MRC_DESCRIPTIONS: Record<MrcGrade, string> = {
  '0': 'no contraction',
  '1': 'flicker or trace of contraction',
  '2': 'active movement with gravity eliminated',
  '3': 'active movement against gravity',
  '4-': 'active movement against slight resistance',
  '4': 'active movement against gravity and some resistance',
  '4+': 'active movement against strong resistance',
  '5': 'normal power',
};

export const MRC_SUM_GROUPS = [
  'shoulder-abduction',
  'elbow-flexion',
  'wrist-extension',
  'hip-flexion',
  'knee-extension',
  'ankle-dorsiflexion',
] as const;
export type MrcSumGroup = (typeof MRC_SUM_GROUPS)[number];

export const ICU_AW_BELOW = 48;

/** The numeric value of a grade (4− and 4+ count as 4). */
export function mrcValue(grade: string | number): number {
  const text = String(grade).replace('−', '-');
  if (!(MRC_GRADES as readonly string[]).includes(text)) {
    throw new InvalidInputError(`MRC grade must be one of ${MRC_GRADES.join(', ')}; got '${String(grade)}'`);
  }
  return Number.parseInt(text, 10);
}

export interface MrcSumScore {
  total: number;
  /** Below 48: ICU-acquired weakness. */
  icuAcquiredWeakness: boolean;
  source: string;
}

/** MRC sum score from both sides of all 6 groups. */
export function mrcSumScore(
  grades: Record<MrcSumGroup, { left: string | number; right: string | number }>,
): MrcSumScore {
  let total = 0;
  for (const group of MRC_SUM_GROUPS) {
    const g = grades?.[group];
    if (!g)
      throw new InvalidInputError(
        `MRC sum score needs both sides of every group: ${MRC_SUM_GROUPS.join(', ')}; missing ${group}`,
      );
    total += mrcValue(g.left) + mrcValue(g.right);
  }
  return {
    total,
    icuAcquiredWeakness: total < ICU_AW_BELOW,
    source:
      'Kleyweg et al. 1988 (sum score); ICU-AW < 48 (clinical.md §3; De Jonghe 2002, UNCONFIRMED citation)',
  };
}
