/**
 * What the programme designer offers first for a recorded condition: a goal from the cause, and a
 * target muscle from the body site. The clinician changes either before generating; the planner
 * and the safety gate decide what a programme may hold. These are Myotrophy's choices, not sourced
 * rules.
 */
import type { BodySite } from '../coding/icd10cm-table.ts';
import type { Goal } from './stimulation-programme.ts';

/** Causes that usually leave the muscle denervated, so long-pulse maintenance comes first. */
const DENERVATING_CAUSES: readonly string[] = ['peripheral-nerve-injury', 'polio', 'spinal-cord-injury'];
/** Causes of slow, general wasting, where rebuilding comes first. */
const WASTING_CAUSES: readonly string[] = ['sedentary', 'sarcopenia', 'malnutrition'];

/** The goal offered first for a condition's cause (a cause id from ../coding/causes.ts). */
export function suggestedGoal(causeId: string | null | undefined): Goal {
  if (!causeId) return 'prevent-disuse-atrophy';
  if (DENERVATING_CAUSES.includes(causeId)) return 'denervated-maintenance';
  if (WASTING_CAUSES.includes(causeId)) return 'reverse-atrophy';
  return 'prevent-disuse-atrophy';
}

/** The muscle (an id from ../anatomy/electrode-sites.ts) a body site usually calls for. */
const MUSCLE_FOR_SITE: Partial<Record<BodySite, string>> = {
  thigh: 'quadriceps',
  'lower-leg': 'triceps-surae',
  'ankle-foot': 'tibialis-anterior',
  'upper-arm': 'biceps-brachii',
  shoulder: 'deltoid',
  forearm: 'wrist-extensors',
  hand: 'wrist-flexors',
  'back-lumbosacral': 'lumbar-paraspinals',
};
/** A peripheral nerve injury most often means foot drop: the dorsiflexors first. */
const NERVE_INJURY_MUSCLE = 'tibialis-anterior';
const DEFAULT_MUSCLE = 'quadriceps';

/** The muscle offered first for a condition's body site and cause. */
export function suggestedMuscle(site: string | null | undefined, causeId: string | null | undefined): string {
  if (causeId === 'peripheral-nerve-injury') return NERVE_INJURY_MUSCLE;
  return MUSCLE_FOR_SITE[(site ?? '') as BodySite] ?? DEFAULT_MUSCLE;
}
