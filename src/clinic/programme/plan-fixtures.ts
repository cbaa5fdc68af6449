/**
 * Test fixtures for planning: a screening answered "no" throughout, no red flags, and the plan
 * input for one left-leg muscle after a cast. Used by the tests beside it; not by the product.
 */
import { SCREENING_KEYS, type ScreeningAnswers } from '../screening/contraindications.ts';
import { RED_FLAG_KEYS, type RedFlagFindings } from '../screening/red-flags.ts';
import type { PlanInput } from './plan.ts';

export const allNo: ScreeningAnswers = Object.fromEntries(SCREENING_KEYS.map((k) => [k, false]));
export const noFlags: RedFlagFindings = Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, false]));

/** Reverse atrophy of this left-leg muscle after a cast, for this patient, screened and with no red flags. */
export function leftLegAfterCast(muscle: string, patient: PlanInput['patient']): PlanInput {
  return {
    patient,
    diagnosis: { causeId: 'cast' },
    goal: 'reverse-atrophy',
    muscle,
    side: 'left',
    screening: allNo,
    redFlags: noFlags,
  };
}
