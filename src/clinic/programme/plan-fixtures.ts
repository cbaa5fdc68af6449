/**
 * Test fixtures for planning: a screening answered "no" throughout, no red flags, the plan input
 * for one left-leg muscle after a cast, the usual calf example, a draft planned from a goal,
 * muscle and side, and any such target for property tests. Used by the tests beside it and in
 * src/clinic; not by the product.
 */
import fc from 'fast-check';
import { MUSCLE_IDS } from '../anatomy/electrode-sites.ts';
import { SCREENING_KEYS, type ScreeningAnswers } from '../screening/contraindications.ts';
import { RED_FLAG_KEYS, type RedFlagFindings } from '../screening/red-flags.ts';
import { type DraftProgramme, PLAN_SIDES, type PlanInput, planProgramme, requireDraft } from './plan.ts';
import { GOALS, type Goal } from './stimulation-programme.ts';

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

/** The planning tests' usual example: the left calf of a 70-year-old woman of 60 kg after a cast. */
export const calfAfterCast = leftLegAfterCast('triceps-surae', { ageYears: 70, sex: 'female', weightKg: 60 });

/** The draft planned for this goal on this muscle and side, with any further input; throws a refusal. */
export function draftFor(
  goal: Goal,
  muscle: string,
  side: PlanInput['side'],
  further: Omit<Partial<PlanInput>, 'goal' | 'muscle' | 'side'> = {},
): DraftProgramme {
  return requireDraft(planProgramme({ ...further, goal, muscle, side }));
}

/** Any goal on any planned muscle on either side, for property tests. */
export const anyPlanTarget = fc.record({
  goal: fc.constantFrom(...GOALS),
  muscle: fc.constantFrom(...MUSCLE_IDS),
  side: fc.constantFrom(...PLAN_SIDES),
});

/**
 * Any plan input for property tests: a target, a strength–duration curve, with or without a
 * measured MVC, a caution in the screening and a cast or sling.
 */
export const anyPlanInput: fc.Arbitrary<PlanInput> = fc
  .record({
    target: anyPlanTarget,
    chronaxieMs: fc.double({ min: 0.05, max: 80, noNaN: true }),
    rheobaseMa: fc.double({ min: 1, max: 40, noNaN: true }),
    mvc: fc.option(fc.double({ min: 20, max: 900, noNaN: true }), { nil: undefined }),
    caution: fc.constantFrom(undefined, 'osteoporosisFragilityFracture', 'autonomicDysreflexiaRisk'),
    cast: fc.constantFrom(
      undefined,
      'below-knee-cast',
      'above-knee-cast',
      'short-arm-cast',
      'shoulder-sling',
    ),
  })
  .map(
    (r) =>
      ({
        ...r.target,
        strengthDuration: { chronaxieMs: r.chronaxieMs, rheobaseMa: r.rheobaseMa },
        screening: r.caution ? { ...allNo, [r.caution]: true } : allNo,
        ...(r.mvc !== undefined ? { dynamometryMvcN: r.mvc } : {}),
        ...(r.cast ? { immobilisations: [{ device: r.cast }] } : {}),
      }) as PlanInput,
  );

/** Any programme the planner drafts (inputs it refuses are skipped), for property tests. */
export const anyPlannedDraft: fc.Arbitrary<DraftProgramme> = anyPlanInput
  .map(planProgramme)
  .filter((outcome): outcome is DraftProgramme => outcome.status === 'draft');
