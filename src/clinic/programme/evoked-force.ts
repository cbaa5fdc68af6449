/**
 * Dose by evoked force: every level of a stimulation programme names the contraction it aims for,
 * and every session records the contraction it reached, so intensity is titrated session by session
 * towards the target rather than set once in mA.
 *
 * With a dynamometry MVC of the treated muscle, the target is a percentage of that MVC (the evoked
 * force the stimulation produces, measured the same way). Without one, the target is a step on an
 * observed-contraction scale (palpable → visible → partial movement → full movement).
 *
 * Sources: NMES training intensity, expressed as evoked force in % of MVC, correlates with the
 * strength gained (Stevens-Lapsley 2012 PTJ, R² 0.68 at 3.5 weeks after TKA, in Myotrophy's research
 * notes; the TKA dose–response study of evoked knee-extensor torque as % MVC). "At least 50 % of MVC
 * where tolerated, titrated each session" is Maffiuletti et al. 2018 (Arch Phys Med Rehabil) as read
 * in issue 14; the paper's text was not retrieved, so the 50 % figure is UNCONFIRMED. The observed
 * contraction scale is Myotrophy's (UNCONFIRMED), modelled on the MRC grades 1–3 (flicker, movement
 * with gravity eliminated, against gravity).
 */
import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import { requireOneOf } from '../../shared/one-of.ts';

/** Observed contraction, weakest first. */
export const CONTRACTION_STEPS = ['palpable', 'visible', 'partial-movement', 'full-movement'] as const;
export type ContractionStep = (typeof CONTRACTION_STEPS)[number];

/** What each step means, in the clinician's words. */
export const CONTRACTION_STEP_MEANING: Readonly<Record<ContractionStep, string>> = {
  palpable: 'a contraction felt under the fingers but not seen',
  visible: 'a contraction seen under the skin, the joint does not move',
  'partial-movement': 'the contraction moves the joint through part of its range',
  'full-movement': 'the contraction moves the joint through its full range against gravity',
};

export const EVOKED_FORCE_SOURCE =
  'Maffiuletti et al. 2018 Arch Phys Med Rehabil (dose by evoked force, ≥ 50 % MVC where tolerated: UNCONFIRMED, paper not retrieved); Stevens-Lapsley 2012 PTJ (evoked force correlates with strength gain)';

export interface EvokedForceTarget {
  /** Aim for at least this % of the muscle's MVC (when an MVC was measured by dynamometry). */
  minPercentMvc: number;
  /** Never aim above this % of MVC (a screening caution may lower it). */
  maxPercentMvc: number;
  /** With an MVC: the force in newtons that `minPercentMvc` stands for. */
  minForceN?: number;
  /** Without an MVC: aim for at least this observed contraction … */
  minStep: ContractionStep;
  /** … and no more than this one. */
  maxStep: ContractionStep;
  /** 'dynamometry' when an MVC was given (aim by % MVC), else 'observed' (aim by the steps). */
  basis: 'dynamometry' | 'observed';
  /** How to titrate, in the clinician's words. */
  titration: string;
  source: string;
}

/** What a session reached: the evoked force as % MVC where measured, and the observed contraction. */
export interface EvokedForceRecord {
  percentMvc?: number;
  step?: ContractionStep;
}

export function stepRank(step: ContractionStep): number {
  return CONTRACTION_STEPS.indexOf(step);
}

/** The weaker of two steps. */
export function weakerStep(a: ContractionStep, b: ContractionStep): ContractionStep {
  return stepRank(a) <= stepRank(b) ? a : b;
}

export interface EvokedForceGoal {
  minPercentMvc: number;
  maxPercentMvc: number;
  minStep: ContractionStep;
  maxStep: ContractionStep;
  titration: string;
}

/** Builds a level's target from its goal, the MVC where measured, and any screening cap. */
export function evokedForceTarget(
  goal: EvokedForceGoal,
  mvcN: number | undefined,
  cap?: { maxPercentMvc: number; maxStep: ContractionStep },
): EvokedForceTarget {
  const maxPercentMvc = Math.min(goal.maxPercentMvc, cap?.maxPercentMvc ?? goal.maxPercentMvc);
  const maxStep = cap ? weakerStep(goal.maxStep, cap.maxStep) : goal.maxStep;
  const minPercentMvc = Math.min(goal.minPercentMvc, maxPercentMvc);
  const minStep = weakerStep(goal.minStep, maxStep);
  const target: EvokedForceTarget = {
    minPercentMvc,
    maxPercentMvc,
    minStep,
    maxStep,
    basis: mvcN === undefined ? 'observed' : 'dynamometry',
    titration: goal.titration,
    source: EVOKED_FORCE_SOURCE,
  };
  if (mvcN !== undefined) {
    requireFiniteInRange('MVC (N)', mvcN, 1, 10_000);
    target.minForceN = Math.round((mvcN * minPercentMvc) / 100);
  }
  return target;
}

export type EvokedForceVerdict = 'below-target' | 'on-target' | 'above-cap' | 'not-recorded';

/** Checks a session's evoked force (% MVC, else the observed step) against a level's target. */
export function evokedForceVerdict(target: EvokedForceTarget, record: EvokedForceRecord): EvokedForceVerdict {
  if (record.step !== undefined) requireOneOf('contraction step', record.step, CONTRACTION_STEPS);
  if (record.percentMvc !== undefined) {
    requireFiniteInRange('evoked force (% MVC)', record.percentMvc, 0, 200);
  }
  if (target.basis === 'dynamometry' && record.percentMvc !== undefined) {
    if (record.percentMvc > target.maxPercentMvc) return 'above-cap';
    return record.percentMvc >= target.minPercentMvc ? 'on-target' : 'below-target';
  }
  if (record.step !== undefined) {
    const rank = stepRank(record.step);
    if (rank > stepRank(target.maxStep)) return 'above-cap';
    return rank >= stepRank(target.minStep) ? 'on-target' : 'below-target';
  }
  if (record.percentMvc !== undefined) {
    throw new InvalidInputError(
      'this programme aims by observed contraction (no MVC was measured): record the contraction step, one of ' +
        CONTRACTION_STEPS.join(', '),
    );
  }
  return 'not-recorded';
}
