import { MUSCLE_IDS } from '../../clinic/anatomy/electrode-sites.ts';
import { CAUSE_IDS } from '../../clinic/coding/causes.ts';
import { PLAN_MAX_AGE_YEARS, PLAN_MIN_AGE_YEARS } from '../../clinic/programme/age-range.ts';
import {
  type DraftProgramme,
  INNERVATIONS,
  PLAN_SIDES,
  type PlanInput,
  planProgramme,
  requireDraft,
  SEXES,
} from '../../clinic/programme/plan.ts';
import { type ProgrammePreview, previewProgramme } from '../../clinic/programme/preview.ts';
import { ILLNESS_LEVELS } from '../../clinic/programme/protein-target.ts';
import { GOALS } from '../../clinic/programme/stimulation-programme.ts';
import { type GateDecision, gateProgramme } from '../../clinic/safety/programme-gate.ts';
import { SCREENING_KEYS, SCREENING_QUESTIONS } from '../../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS } from '../../clinic/screening/red-flags.ts';
import { TRAJECTORY_SCENARIOS } from '../../physiology/trajectory/parameters.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import {
  FORCE_DOSE_OPTIONS,
  FORCE_DOSE_USAGE,
  forceDoseFromOptions,
  forceDoseLines,
  mvcFromOptions,
} from '../force-dose-options.ts';
import { choice, optionalNumber, optionalString, readJsonFile, UsageError } from '../options.ts';

const SCREENING_HELP = SCREENING_KEYS.map((k) => `    ${k}: ${SCREENING_QUESTIONS[k].question}`).join('\n');

function readAnswers(
  option: string,
  allowed: readonly string[],
  values: OptionValues,
): Record<string, unknown> | undefined {
  const path = optionalString(values, option);
  if (path === undefined) return undefined;
  const parsed = readJsonFile(
    option,
    path,
    () => `not valid JSON; expected an object of true/false answers with keys: ${allowed.join(', ')}`,
  );
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(
      `--${option} ${path}: expected a JSON object of true/false answers with keys: ${allowed.join(', ')}`,
    );
  }
  // Key and value checks (unknown keys, non-boolean values → exit 2 naming the allowed keys) happen in the clinic rules.
  return parsed as Record<string, unknown>;
}

function choiceOrUndefined<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
): T | undefined {
  return values[name] === undefined ? undefined : choice(values, name, allowed);
}

/**
 * The gate's answer on a planned draft, as the command's inputs give the record: the screening
 * answered now for exactly the sites planned, the red flags found now, and --code as the recorded
 * diagnosis (a code the planner only derived from the muscle is not a recorded diagnosis).
 */
export function gatePlannedDraft(
  draft: DraftProgramme,
  given: { screening?: Record<string, unknown>; redFlags?: Record<string, unknown>; code?: string },
  now: Date,
): GateDecision {
  const at = now.toISOString();
  const sites = [...new Set(draft.stimulation.channels.flatMap((c) => c.electrodes.map((e) => e.site)))];
  return gateProgramme({
    purpose: 'approve',
    programme: draft.stimulation,
    screening: given.screening ? { screenedAt: at, answers: given.screening, electrodeSites: sites } : null,
    openRedFlags: Object.entries(given.redFlags ?? {})
      .filter(([, present]) => present === true)
      .map(([key]) => ({ key, raisedAt: at })),
    conditions: given.code ? [{ code: given.code, recordedAt: at }] : [],
    exercise: draft.exercise,
    now: at,
  });
}

export const planCommand: Command = {
  name: 'plan',
  summary: [
    'Plan a draft stimulation + exercise programme for one muscle, or refuse it, naming the contraindication and its source.',
    'A draft must be approved by a clinician. Exit 2 when refused or when the input is wrong.',
    `--screening FILE: a JSON object of true/false answers (unanswered keys are reported, never taken as "no"); keys:\n${SCREENING_HELP}`,
    `--red-flags FILE: a JSON object of true/false findings; keys: ${RED_FLAG_KEYS.join(', ')}`,
  ].join('\n'),
  usage: [
    `plan --goal G --muscle M --side S [--chronaxie MS] [--screening FILE] [--json]`,
    `     G: ${GOALS.join(', ')}; M: ${MUSCLE_IDS.join(', ')}; S: ${PLAN_SIDES.join(', ')}`,
    `     [--rheobase MA] [--innervation ${INNERVATIONS.join('|')}] [--spare-neighbours] [--red-flags FILE]`,
    `     [--cause ${CAUSE_IDS.join('|')}] [--code ICD10] [--age Y] [--sex ${SEXES.join('|')}] [--weight KG]`,
    `     [--mrc 0-5] [--illness ${ILLNESS_LEVELS.join('|')}] [--sessions-done N] [--highest-ma MA] [--last-pain 0-10]`,
    `     [--scenario ${TRAJECTORY_SCENARIOS.join('|')}] [--days D] [--no-preview] [--require-approvable]`,
    '     The safety gate is asked whether the draft could be approved as given (screening answered now,',
    '     --code as the recorded diagnosis, open red flags); its blockers are printed, and with',
    '     --require-approvable a blocked draft exits 2 listing every blocker.',
    FORCE_DOSE_USAGE,
  ],
  options: {
    ...declareOptions(
      [
        'goal',
        'muscle',
        'side',
        'chronaxie',
        'rheobase',
        'innervation',
        'screening',
        'red-flags',
        'cause',
        'code',
        'age',
        'sex',
        'weight',
        'mrc',
        'illness',
        'sessions-done',
        'highest-ma',
        'last-pain',
        'scenario',
        'days',
      ],
      ['spare-neighbours', 'no-preview', 'require-approvable'],
    ),
    ...FORCE_DOSE_OPTIONS,
  },
  run(values) {
    const goal = choice(values, 'goal', GOALS);
    const muscle = choice(values, 'muscle', MUSCLE_IDS);
    const side = choice(values, 'side', PLAN_SIDES);
    const chronaxieMs = optionalNumber(values, 'chronaxie', { min: 0.01, max: 300, unit: 'ms' });
    const rheobaseMa = optionalNumber(values, 'rheobase', { min: 0.1, max: 250, unit: 'mA' });
    const innervation = choiceOrUndefined(values, 'innervation', INNERVATIONS);
    const cause = choiceOrUndefined(values, 'cause', CAUSE_IDS);
    const code = optionalString(values, 'code');
    const ageYears = optionalNumber(values, 'age', {
      min: PLAN_MIN_AGE_YEARS,
      max: PLAN_MAX_AGE_YEARS,
      unit: 'years',
    });
    const sex = choiceOrUndefined(values, 'sex', SEXES);
    const weightKg = optionalNumber(values, 'weight', { min: 20, max: 400, unit: 'kg' });
    const mrcGrade = optionalNumber(values, 'mrc', { min: 0, max: 5, integer: true });
    const illness = choiceOrUndefined(values, 'illness', ILLNESS_LEVELS);
    const sessionsDone = optionalNumber(values, 'sessions-done', { min: 0, max: 10_000, integer: true });
    const highestMa = optionalNumber(values, 'highest-ma', { min: 0, max: 250, unit: 'mA' });
    const lastPain = optionalNumber(values, 'last-pain', { min: 0, max: 10 });
    const scenario = choiceOrUndefined(values, 'scenario', TRAJECTORY_SCENARIOS);
    const days = optionalNumber(values, 'days', { min: 1, max: 3650, integer: true });
    const screening = readAnswers('screening', SCREENING_KEYS, values);
    const redFlags = readAnswers('red-flags', RED_FLAG_KEYS, values);

    const input: PlanInput = { goal, muscle, side };
    const mvcN = mvcFromOptions(values);
    if (mvcN !== undefined) input.dynamometryMvcN = mvcN;
    const patient: NonNullable<PlanInput['patient']> = {};
    if (ageYears !== undefined) patient.ageYears = ageYears;
    if (sex !== undefined) patient.sex = sex;
    if (weightKg !== undefined) patient.weightKg = weightKg;
    if (Object.keys(patient).length > 0) input.patient = patient;
    if (cause !== undefined || code !== undefined) {
      input.diagnosis = {
        ...(cause !== undefined ? { causeId: cause } : {}),
        ...(code !== undefined ? { icd10Code: code } : {}),
      };
    }
    if (chronaxieMs !== undefined || rheobaseMa !== undefined || innervation !== undefined) {
      input.strengthDuration = {
        ...(chronaxieMs !== undefined ? { chronaxieMs } : {}),
        ...(rheobaseMa !== undefined ? { rheobaseMa } : {}),
        ...(innervation !== undefined ? { innervation } : {}),
      };
    }
    if (values['spare-neighbours'] === true) input.spareInnervatedNeighbours = true;
    if (screening !== undefined) input.screening = screening as PlanInput['screening'];
    if (redFlags !== undefined) input.redFlags = redFlags as PlanInput['redFlags'];
    if (mrcGrade !== undefined) input.mrcGrade = mrcGrade;
    if (illness !== undefined) input.illness = illness;
    if (sessionsDone !== undefined || highestMa !== undefined || lastPain !== undefined) {
      input.tolerance = {
        sessionsCompleted: sessionsDone ?? 0,
        ...(highestMa !== undefined ? { highestToleratedMa: highestMa } : {}),
        ...(lastPain !== undefined ? { lastPainScore: lastPain } : {}),
      };
    }

    // A refusal throws ProgrammeRefusedError (an InvalidInputError): main prints it and exits 2.
    const planned = requireDraft(planProgramme(input));
    const forceDose = forceDoseFromOptions(values, planned, highestMa);
    // The dose changes only the level-1 work block; the programme passed output safety again.
    const draft = forceDose
      ? { ...planned, stimulation: forceDose.programme, safety: forceDose.safety }
      : planned;
    // The gate judges the programme as it would be approved: the dosed one when dosed by force.
    const gate = gatePlannedDraft(draft, { screening, redFlags, code }, new Date());
    if (!gate.allowed && values['require-approvable'] === true) {
      throw new InvalidInputError(
        `the draft cannot be approved as given: ${gate.blockers.length} safety blocker${gate.blockers.length === 1 ? '' : 's'}:\n${gate.blockers.map((b) => `  - [${b.code}] ${b.message}`).join('\n')}`,
      );
    }
    let preview: ProgrammePreview | null = null;
    if (values['no-preview'] !== true) {
      preview = previewProgramme(draft, {
        ...(scenario !== undefined ? { scenario } : {}),
        ...(days !== undefined ? { days } : {}),
      });
    }
    const stim = draft.stimulation;
    const l1 = stim.levels[0];
    const work = l1?.blocks.find((b) => b.kind === 'work');
    const text = [
      `DRAFT (needs clinician approval${draft.approval.blockers.length ? `; blockers: ${draft.approval.blockers.join('; ')}` : ''})`,
      `${draft.goal} — ${draft.muscle.label}, ${draft.side}; ${draft.diagnosis.codes.map((c) => c.code).join(', ')}`,
      `stimulation: ${stim.kind}, ${stim.waveform.balance} ${stim.waveform.phases} ${stim.waveform.pulseShape}, ${stim.pulseWidth.phaseWidthUs} µs per phase (${stim.pulseWidth.basis})`,
      ...stim.levels.map((l) => {
        const w = l.blocks.find((b) => b.kind === 'work');
        return `  level ${l.level}, weeks ${l.fromWeek}–${l.toWeek}: ${w?.frequencyHz} Hz, ${w?.cycle ? `${w.cycle.onS} s on / ${w.cycle.offS} s off, ` : ''}${l.blocks.map((b) => `${b.kind} ${b.minutes} min`).join(' + ')}, ${l.sessionsPerDay}/day, ${l.sessionsPerWeek}/week, ≤ ${w?.maxIntensityMa} mA`;
      }),
      `safety: ${draft.safety.rmsCurrentMa.toFixed(1)} mA r.m.s., ${draft.safety.energyPerPulseMj.toFixed(1)} mJ/pulse, ${draft.safety.currentDensityMaPerCm2.toFixed(2)} mA/cm² at the ceiling`,
      `exercise: ${draft.exercise.stages.map((s) => `weeks ${s.fromWeek}–${s.toWeek}: ${s.exercises.map((e) => `${e.name} ${e.sets}×${e.reps}`).join(', ')}`).join(' | ')}`,
      `protein: ${draft.protein.minGPerKgPerDay ?? '—'}${draft.protein.maxGPerKgPerDay ? `–${draft.protein.maxGPerKgPerDay}` : '+'} g/kg/day`,
      ...(preview?.session
        ? [
            `simulated session (${preview.session.model}): peak ${preview.session.peakForceN.toFixed(1)} N, fatigue index ${preview.session.fatigueIndex.toFixed(3)}: ${preview.session.fatigueWords}`,
          ]
        : []),
      ...(preview?.trajectory
        ? [
            `forecast day ${preview.trajectory.days}: ${preview.trajectory.changePctAtEnd.withProgramme}% with vs ${preview.trajectory.changePctAtEnd.withoutProgramme}% without`,
          ]
        : []),
      ...draft.warnings.map((w) => `warning: ${w}`),
      gate.allowed
        ? 'safety gate: approvable as given (a clinician still approves it)'
        : `safety gate: NOT approvable as given — ${gate.blockers.length} blocker${gate.blockers.length === 1 ? '' : 's'}:`,
      ...gate.blockers.map((b) => `  - [${b.code}] ${b.message}`),
    ];
    if (work === undefined) text.push('warning: no work block');
    if (forceDose) text.push(...forceDoseLines(forceDose));
    const { programme: _dosed, ...forceDoseJson } = forceDose ?? { programme: undefined };
    return {
      json: {
        ...draft,
        preview,
        ...(forceDose ? { forceDose: forceDoseJson } : {}),
        gate: { allowed: gate.allowed, blockers: gate.blockers, warnings: gate.warnings },
      },
      text: text.join('\n'),
    };
  },
};
