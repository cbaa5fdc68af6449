/**
 * The programme planner: patient, diagnosis and cause, screening, goal, target muscle and side,
 * strength–duration result and tolerance so far → a draft programme (stimulation, exercise, protein)
 * that a clinician must approve, or a refusal that names each reason and its source.
 *
 * Order of the gates: red flags (refer first), contraindications at the electrode sites, the
 * stimulation rules (innervation, threshold within the limits), then output safety — the same
 * ./output-safety.ts gate the server runs again on every edit and approval.
 */

import {
  classifyInnervation,
  type Innervation,
} from '../../physiology/strength-duration/strength-duration.ts';
import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import { lookupMuscle, type MuscleSite } from '../anatomy/electrode-sites.ts';
import { type Cause, lookupCause } from '../coding/causes.ts';
import { type CodingConflict, codeForSite, findCodingConflicts, lookupIcd10Code } from '../coding/icd10cm.ts';
import { checkOutputSafety, type OutputSafetyReport } from '../safety/output-safety.ts';
import {
  parseScreeningAnswers,
  type ScreeningAnswers,
  type ScreeningResult,
  screenContraindications,
} from '../screening/contraindications.ts';
import { assessRedFlags, type RedFlagAssessment, type RedFlagFindings } from '../screening/red-flags.ts';
import { PLAN_MAX_AGE_YEARS, PLAN_MIN_AGE_YEARS } from './age-range.ts';
import { buildExerciseProgramme, type ExerciseProgramme, type Immobilisation } from './exercise-programme.ts';
import { ILLNESS_LEVELS, type IllnessLevel, type ProteinTarget, proteinTarget } from './protein-target.ts';
import { buildStimulationProgramme, GOALS, type Goal, type Tolerance } from './stimulation-programme.ts';
import type { StimulationProgramme } from './stimulation-types.ts';

export const PLAN_SIDES = ['left', 'right'] as const;
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const INNERVATIONS: readonly Innervation[] = ['normal', 'partial-denervation', 'complete-denervation'];

/** Adult age assumed when none is given (years); the trajectory model assumes the same (UNCONFIRMED default). */
export const DEFAULT_PLAN_AGE_YEARS = 45;

export interface PlanInput {
  patient?: { ageYears?: number; sex?: Sex; weightKg?: number; severeKidneyDiseaseNotOnDialysis?: boolean };
  diagnosis?: { causeId?: string; icd10Code?: string };
  goal: Goal;
  muscle: string;
  side: 'left' | 'right';
  strengthDuration?: { chronaxieMs?: number; rheobaseMa?: number; innervation?: Innervation };
  /** Use triangular pulses to spare innervated neighbouring muscles (denervated-maintenance). */
  spareInnervatedNeighbours?: boolean;
  screening?: ScreeningAnswers;
  redFlags?: RedFlagFindings;
  tolerance?: Tolerance;
  /** MRC/Oxford grade 0–5 of the target muscle. */
  mrcGrade?: number;
  /** Maximal voluntary force of the target muscle by dynamometry (N): evoked-force targets become % of it. */
  dynamometryMvcN?: number;
  /** Casts and braces worn now: their joints are not moved until the removal date. */
  immobilisations?: Immobilisation[];
  /** The programme's first day (YYYY-MM-DD), to place removal dates in its weeks. */
  startDate?: string;
  illness?: IllnessLevel;
}

export interface RefusalReason {
  rule:
    | 'red-flag'
    | 'contraindication'
    | 'innervation'
    | 'threshold-above-limit'
    | 'strength-duration-needed'
    | 'output-safety';
  /** The screening key, red-flag key or safety rule that refused. */
  key: string;
  message: string;
  source: string;
  /** What to do instead, where Myotrophy knows (e.g. refer to a specialised denervated-muscle device). */
  recommendation?: string;
}

export interface ProgrammeRefusal {
  status: 'refused';
  goal: Goal;
  muscle: string;
  side: 'left' | 'right';
  reasons: RefusalReason[];
  screening: ScreeningResult | null;
  redFlags: RedFlagAssessment | null;
}

export interface DraftProgramme {
  status: 'draft';
  /** Every programme starts as a draft that a clinician approves; blockers must be cleared first. */
  approval: { required: true; by: 'clinician'; blockers: string[] };
  patient: { ageYears: number; sex?: Sex; weightKg?: number };
  goal: Goal;
  muscle: { id: string; label: string };
  side: 'left' | 'right';
  diagnosis: {
    codes: { code: string; title: string; billable: boolean }[];
    cause?: { id: string; label: string; group: string };
    conflicts: CodingConflict[];
  };
  innervation: {
    status: Innervation;
    basis: 'stated' | 'chronaxie' | 'assumed';
    chronaxieMs?: number;
    rheobaseMa?: number;
  };
  screening: ScreeningResult | null;
  redFlags: RedFlagAssessment | null;
  stimulation: StimulationProgramme;
  exercise: ExerciseProgramme;
  protein: ProteinTarget;
  safety: OutputSafetyReport;
  warnings: string[];
}

export type PlanOutcome = DraftProgramme | ProgrammeRefusal;

/**
 * Thrown by shells that want an exception for a refusal (the CLI exits 2 with it). The refusal
 * names every reason and its source.
 */
export class ProgrammeRefusedError extends InvalidInputError {
  readonly refusal: ProgrammeRefusal;
  constructor(refusal: ProgrammeRefusal) {
    super(
      `programme refused: ${refusal.reasons.map((r) => `${r.rule} '${r.key}': ${r.message} (source: ${r.source})`).join('; ')}`,
    );
    this.refusal = refusal;
  }
}

function oneOf<T extends string>(label: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidInputError(
      `${label} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function resolveInnervation(
  input: PlanInput,
  cause: Cause | undefined,
  warnings: string[],
): DraftProgramme['innervation'] {
  const sd = input.strengthDuration ?? {};
  const out: DraftProgramme['innervation'] = { status: 'normal', basis: 'assumed' };
  if (sd.chronaxieMs !== undefined)
    out.chronaxieMs = requireFiniteInRange('chronaxie (ms)', sd.chronaxieMs, 0.01, 300);
  if (sd.rheobaseMa !== undefined)
    out.rheobaseMa = requireFiniteInRange('rheobase (mA)', sd.rheobaseMa, 0.1, 250);
  if (sd.innervation !== undefined) {
    out.status = oneOf('innervation', sd.innervation, INNERVATIONS);
    out.basis = 'stated';
    if (out.chronaxieMs !== undefined && classifyInnervation(out.chronaxieMs) !== out.status) {
      warnings.push(
        `Stated innervation '${out.status}' differs from the chronaxie band (${classifyInnervation(out.chronaxieMs)} for ${out.chronaxieMs} ms; denervation bands UNCONFIRMED): the stated status was used.`,
      );
    }
    return out;
  }
  if (out.chronaxieMs !== undefined) {
    out.status = classifyInnervation(out.chronaxieMs);
    out.basis = 'chronaxie';
    if (out.status !== 'normal') {
      warnings.push(
        'Innervation read from chronaxie bands: < 1 ms normal (implied by sources); 1–10 ms partial and > 10 ms complete denervation are UNCONFIRMED bands.',
      );
    }
    return out;
  }
  if (input.goal === 'denervated-maintenance') {
    throw new InvalidInputError(
      'denervated-maintenance needs a strength–duration result: give the chronaxie (ms) or the innervation (normal, partial-denervation, complete-denervation)',
    );
  }
  if (cause && cause.innervation !== 'innervated') {
    warnings.push(
      `The cause (${cause.label}) can denervate muscle: run a strength–duration test before relying on NMES; innervation was assumed normal.`,
    );
  } else {
    warnings.push(
      'No strength–duration result: innervation assumed normal and the default phase width used.',
    );
  }
  return out;
}

function diagnosisFor(
  input: PlanInput,
  muscle: MuscleSite,
  cause: Cause | undefined,
): DraftProgramme['diagnosis'] {
  const codes: DraftProgramme['diagnosis']['codes'] = [];
  if (input.diagnosis?.icd10Code !== undefined) {
    const found = lookupIcd10Code(input.diagnosis.icd10Code);
    codes.push({ code: found.code, title: found.title, billable: found.billable });
  } else if (cause?.atrophyCoding !== 'instead-of-m62.5') {
    const coded = codeForSite(muscle.bodySite, input.side);
    codes.push({ code: coded.code, title: coded.title, billable: coded.billable });
  }
  for (const c of cause?.codes ?? []) {
    if (codes.some((x) => x.code === c.code)) continue;
    const found = lookupIcd10Code(c.code);
    codes.push({ code: found.code, title: found.title, billable: found.billable });
  }
  const diagnosis: DraftProgramme['diagnosis'] = {
    codes,
    conflicts: findCodingConflicts(codes.map((c) => c.code)),
  };
  if (cause) diagnosis.cause = { id: cause.id, label: cause.label, group: cause.group };
  return diagnosis;
}

/** Plans a programme. Throws InvalidInputError for malformed input; returns a refusal for unsafe requests. */
export function planProgramme(input: PlanInput): PlanOutcome {
  if (input === null || typeof input !== 'object')
    throw new InvalidInputError('the plan input must be an object');
  const goal = oneOf('goal', input.goal, GOALS);
  const muscle = lookupMuscle(input.muscle);
  const side = oneOf('side', input.side, PLAN_SIDES);
  const warnings: string[] = [];
  const blockers: string[] = [];

  const ageYears =
    input.patient?.ageYears === undefined
      ? DEFAULT_PLAN_AGE_YEARS
      : requireFiniteInRange('age (years)', input.patient.ageYears, PLAN_MIN_AGE_YEARS, PLAN_MAX_AGE_YEARS);
  if (input.patient?.ageYears === undefined)
    warnings.push(`Age not given: ${DEFAULT_PLAN_AGE_YEARS} years assumed.`);
  const sex = input.patient?.sex === undefined ? undefined : oneOf('sex', input.patient.sex, SEXES);
  const weightKg =
    input.patient?.weightKg === undefined
      ? undefined
      : requireFiniteInRange('weight (kg)', input.patient.weightKg, 20, 400);
  if (input.mrcGrade !== undefined) requireFiniteInRange('MRC grade', input.mrcGrade, 0, 5);
  if (input.dynamometryMvcN !== undefined)
    requireFiniteInRange('dynamometry MVC (N)', input.dynamometryMvcN, 1, 10_000);
  const illness = input.illness === undefined ? 'none' : oneOf('illness', input.illness, ILLNESS_LEVELS);
  if (input.tolerance !== undefined) {
    requireFiniteInRange('sessions completed', input.tolerance.sessionsCompleted, 0, 10_000);
    if (input.tolerance.highestToleratedMa !== undefined)
      requireFiniteInRange('highest tolerated intensity (mA)', input.tolerance.highestToleratedMa, 0, 250);
    if (input.tolerance.lastPainScore !== undefined)
      requireFiniteInRange('last pain score (0–10)', input.tolerance.lastPainScore, 0, 10);
  }
  const cause = input.diagnosis?.causeId === undefined ? undefined : lookupCause(input.diagnosis.causeId);
  const innervation = resolveInnervation(input, cause, warnings);
  const diagnosis = diagnosisFor(input, muscle, cause);
  for (const conflict of diagnosis.conflicts) warnings.push(`Coding conflict: ${conflict.rule}.`);

  const redFlags = input.redFlags === undefined ? null : assessRedFlags(input.redFlags);
  const screening =
    input.screening === undefined
      ? null
      : screenContraindications(parseScreeningAnswers(input.screening), [muscle.id]);

  const reasons: RefusalReason[] = [];
  for (const r of redFlags?.referrals ?? []) {
    reasons.push({
      rule: 'red-flag',
      key: r.flag,
      message: `refer ${r.urgency === 'immediate' ? 'immediately' : 'without delay'} to ${r.referTo}: ${r.reason}`,
      source: r.source,
    });
  }
  for (const c of screening?.contraindications ?? []) {
    reasons.push({ rule: 'contraindication', key: c.key, message: c.reason, source: c.source });
  }

  const stimulation = buildStimulationProgramme({
    goal,
    muscle,
    side,
    innervation: innervation.status,
    ...(innervation.chronaxieMs !== undefined ? { chronaxieMs: innervation.chronaxieMs } : {}),
    ...(innervation.rheobaseMa !== undefined ? { rheobaseMa: innervation.rheobaseMa } : {}),
    ...(input.spareInnervatedNeighbours !== undefined
      ? { spareInnervatedNeighbours: input.spareInnervatedNeighbours }
      : {}),
    ...(input.tolerance !== undefined ? { tolerance: input.tolerance } : {}),
    ...(input.dynamometryMvcN !== undefined ? { mvcN: input.dynamometryMvcN } : {}),
    cap: screening?.cap ?? null,
  });
  if (!stimulation.ok) {
    reasons.push({
      rule: stimulation.rule,
      key: stimulation.rule,
      message: stimulation.reason,
      source: stimulation.source,
      ...(stimulation.recommendation ? { recommendation: stimulation.recommendation } : {}),
    });
  }

  let safety: OutputSafetyReport | undefined;
  if (stimulation.ok) {
    safety = checkOutputSafety(stimulation.programme);
    for (const v of safety.violations) {
      reasons.push({
        rule: 'output-safety',
        key: v.rule,
        message: `${v.where}: ${v.message}`,
        source: v.source,
      });
    }
  }

  if (reasons.length > 0 || !stimulation.ok || !safety) {
    return { status: 'refused', goal, muscle: muscle.id, side, reasons, screening, redFlags };
  }

  warnings.push(...stimulation.warnings);
  for (const p of screening?.precautions ?? [])
    warnings.push(`Precaution (${p.key}): ${p.reason} [${p.source}]`);
  for (const w of safety.warnings) warnings.push(`Output (${w.where}): ${w.message} [${w.source}]`);
  if (screening === null) blockers.push('contraindication screening not recorded');
  else if (!screening.complete)
    blockers.push(`screening incomplete: unanswered ${screening.unanswered.join(', ')}`);
  if (redFlags === null) blockers.push('red-flag screen not recorded');
  else if (redFlags.unanswered.length > 0)
    blockers.push(`red-flag screen incomplete: unanswered ${redFlags.unanswered.join(', ')}`);
  if (cause?.stimulation.fit === 'specialist') {
    blockers.push(`${cause.label}: stimulation only with the specialist's agreement`);
    warnings.push(`${cause.label}: ${cause.stimulation.how}`);
  }

  const exercise = buildExerciseProgramme({
    region: muscle.exerciseRegion,
    innervation: innervation.status,
    ...(input.mrcGrade !== undefined ? { mrcGrade: input.mrcGrade } : {}),
    ...(input.immobilisations !== undefined ? { immobilisations: input.immobilisations } : {}),
    ...(input.startDate !== undefined ? { startDate: input.startDate } : {}),
  });
  const protein = proteinTarget({
    ageYears,
    illness,
    exercising: goal !== 'denervated-maintenance',
    ...(weightKg !== undefined ? { weightKg } : {}),
    ...(input.patient?.severeKidneyDiseaseNotOnDialysis ? { severeKidneyDiseaseNotOnDialysis: true } : {}),
  });

  const patient: DraftProgramme['patient'] = { ageYears };
  if (sex !== undefined) patient.sex = sex;
  if (weightKg !== undefined) patient.weightKg = weightKg;
  return {
    status: 'draft',
    approval: { required: true, by: 'clinician', blockers },
    patient,
    goal,
    muscle: { id: muscle.id, label: muscle.label },
    side,
    diagnosis,
    innervation,
    screening,
    redFlags,
    stimulation: stimulation.programme,
    exercise,
    protein,
    safety,
    warnings,
  };
}

/** The draft, or a ProgrammeRefusedError naming every reason and source. */
export function requireDraft(outcome: PlanOutcome): DraftProgramme {
  if (outcome.status === 'refused') throw new ProgrammeRefusedError(outcome);
  return outcome;
}
