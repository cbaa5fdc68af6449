/**
 * Every enumerated input of the core (sites, muscles, sides, goals, causes, scenario names,
 * screening and red-flag keys, regions, joints, contraction steps, model parameters) is checked by
 * own-property or list lookup: a prototype key (`constructor`, `toString`, `__proto__`,
 * `hasOwnProperty`, …) or any other string not on the list gets an InvalidInputError naming every
 * allowed value, never an accepted programme. The same property over HTTP routes and CLI commands
 * belongs to the doors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORCE_MODELS } from '../../physiology/force/model.ts';
import {
  FATIGUE_PARAMETERS,
  fitParameters,
  PARAMETER_SPECS,
} from '../../physiology/identification/identify.ts';
import { identifyFatigue } from '../../physiology/identification/identify-fatigue.ts';
import {
  OPTIMISATION_GOALS,
  optimiseStimulation,
  TARGET_OBJECTIVES,
} from '../../physiology/optimisation/optimise.ts';
import { forecastMuscle } from '../../physiology/trajectory/forecast.ts';
import { MEASUREMENT_KINDS, validateMeasurement } from '../../physiology/trajectory/measurement.ts';
import {
  TRAJECTORY_MUSCLES,
  TRAJECTORY_SCENARIOS,
  SEXES as TRAJECTORY_SEXES,
} from '../../physiology/trajectory/parameters.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  ELECTRODE_SITE_IDS,
  EXERCISE_REGIONS,
  lookupMuscle,
  MUSCLE_IDS,
  placementProblem,
  regionOfSite,
} from '../anatomy/electrode-sites.ts';
import { ATROPHY_SIDES, codeAtrophy } from '../coding/atrophy-codes.ts';
import { CAUSE_IDS, lookupCause } from '../coding/causes.ts';
import { codeForSite } from '../coding/icd10cm.ts';
import { BODY_SITES, SIDES } from '../coding/icd10cm-table.ts';
import { CONTRACTION_STEPS, evokedForceTarget, evokedForceVerdict } from '../programme/evoked-force.ts';
import { buildExerciseProgramme, IMMOBILISER_PRESET_IDS, JOINTS } from '../programme/exercise-programme.ts';
import { INNERVATIONS, PLAN_SIDES, type PlanInput, planProgramme, SEXES } from '../programme/plan.ts';
import { allNo, calfAfterCast, draftFor } from '../programme/plan-fixtures.ts';
import { previewProgramme } from '../programme/preview.ts';
import { ILLNESS_LEVELS, proteinTarget } from '../programme/protein-target.ts';
import { buildStimulationProgramme, GOALS } from '../programme/stimulation-programme.ts';
import { assessmentChange, KNOWN_MDC } from '../scores/assessment-change.ts';
import { CIRCUMFERENCE_LANDMARKS, circumferenceDeficit } from '../scores/circumference-deficit.ts';
import { MRC_GRADES, mrcValue } from '../scores/mrc-grade.ts';
import {
  parseScreeningAnswers,
  SCREENING_KEYS,
  screenContraindications,
} from '../screening/contraindications.ts';
import { assessRedFlags, RED_FLAG_KEYS } from '../screening/red-flags.ts';
import { GATE_PURPOSES, gateProgramme } from './programme-gate.ts';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

/** An object whose own (enumerable) property is `key`, even for '__proto__'. */
function withOwnKey(key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty({}, key, { value, enumerable: true });
}

const quads = lookupMuscle('quadriceps');
const strengthenDraft = draftFor('strengthen', 'quadriceps', 'left');
const target = evokedForceTarget(
  { minPercentMvc: 50, maxPercentMvc: 100, minStep: 'visible', maxStep: 'full-movement', titration: '' },
  undefined,
);

interface EntryPoint {
  name: string;
  allowed: readonly string[];
  call(bad: string): unknown;
}

/** Each enumerated field of a plan input: its allowed values, and the input that carries a bad value in it. */
const PLAN_FIELDS: [
  field: string,
  allowed: readonly string[],
  withBad: (bad: string) => Partial<PlanInput>,
][] = [
  ['goal', GOALS, (b) => ({ goal: b as never })],
  ['muscle', MUSCLE_IDS, (b) => ({ muscle: b })],
  ['side', PLAN_SIDES, (b) => ({ side: b as never })],
  ['sex', SEXES, (b) => ({ patient: { sex: b as never } })],
  ['illness', ILLNESS_LEVELS, (b) => ({ illness: b as never })],
  ['innervation', INNERVATIONS, (b) => ({ strengthDuration: { innervation: b as never } })],
  ['cause', CAUSE_IDS, (b) => ({ diagnosis: { causeId: b } })],
  ['screening key', SCREENING_KEYS, (b) => ({ screening: withOwnKey(b, false) })],
  ['red-flag key', RED_FLAG_KEYS, (b) => ({ redFlags: withOwnKey(b, false) })],
];

const ENTRY_POINTS: EntryPoint[] = [
  { name: 'lookupMuscle', allowed: MUSCLE_IDS, call: (b) => lookupMuscle(b) },
  { name: 'regionOfSite', allowed: ELECTRODE_SITE_IDS, call: (b) => regionOfSite(b) },
  {
    name: 'placementProblem site',
    allowed: ELECTRODE_SITE_IDS,
    call: (b) =>
      placementProblem([
        { site: b, side: 'left' },
        { site: b, side: 'left' },
      ]),
  },
  {
    name: 'screenContraindications site',
    allowed: ELECTRODE_SITE_IDS,
    call: (b) => screenContraindications(allNo, [b]),
  },
  {
    name: 'parseScreeningAnswers key',
    allowed: SCREENING_KEYS,
    call: (b) => parseScreeningAnswers(withOwnKey(b, true)),
  },
  { name: 'assessRedFlags key', allowed: RED_FLAG_KEYS, call: (b) => assessRedFlags(withOwnKey(b, true)) },
  { name: 'lookupCause', allowed: CAUSE_IDS, call: (b) => lookupCause(b) },
  { name: 'codeForSite site', allowed: BODY_SITES, call: (b) => codeForSite(b, 'left') },
  { name: 'codeForSite side', allowed: SIDES, call: (b) => codeForSite('thigh', b) },
  { name: 'codeAtrophy site', allowed: BODY_SITES, call: (b) => codeAtrophy(b, 'bilateral') },
  { name: 'codeAtrophy side', allowed: ATROPHY_SIDES, call: (b) => codeAtrophy('thigh', b) },
  {
    name: 'circumferenceDeficit landmark',
    allowed: Object.keys(CIRCUMFERENCE_LANDMARKS),
    call: (b) =>
      circumferenceDeficit({ affectedCm: 36, unaffectedCm: 38, distanceCm: 10, landmark: b as never }),
  },
  {
    name: 'assessmentChange measure',
    allowed: Object.keys(KNOWN_MDC),
    call: (b) => assessmentChange({ previous: 40, current: 50, measure: b as never }),
  },
  { name: 'mrcValue', allowed: MRC_GRADES, call: (b) => mrcValue(b) },
  {
    name: 'proteinTarget illness',
    allowed: ILLNESS_LEVELS,
    call: (b) => proteinTarget({ ageYears: 60, exercising: true, illness: b as never }),
  },
  {
    name: 'buildExerciseProgramme region',
    allowed: EXERCISE_REGIONS,
    call: (b) => buildExerciseProgramme({ region: b as never, innervation: 'normal' }),
  },
  {
    name: 'buildExerciseProgramme innervation',
    allowed: INNERVATIONS,
    call: (b) => buildExerciseProgramme({ region: 'thigh', innervation: b as never }),
  },
  {
    name: 'buildExerciseProgramme cast device',
    allowed: [...IMMOBILISER_PRESET_IDS, 'cast', 'brace'],
    call: (b) =>
      buildExerciseProgramme({
        region: 'thigh',
        innervation: 'normal',
        immobilisations: [{ device: b as never }],
      }),
  },
  {
    name: 'buildExerciseProgramme cast joint',
    allowed: JOINTS,
    call: (b) =>
      buildExerciseProgramme({
        region: 'thigh',
        innervation: 'normal',
        immobilisations: [{ device: 'cast', joints: [b as never] }],
      }),
  },
  {
    name: 'buildStimulationProgramme goal',
    allowed: GOALS,
    call: (b) =>
      buildStimulationProgramme({ goal: b as never, muscle: quads, side: 'left', innervation: 'normal' }),
  },
  {
    name: 'buildStimulationProgramme side',
    allowed: ['left', 'right'],
    call: (b) =>
      buildStimulationProgramme({
        goal: 'strengthen',
        muscle: quads,
        side: b as never,
        innervation: 'normal',
      }),
  },
  {
    name: 'buildStimulationProgramme innervation',
    allowed: INNERVATIONS,
    call: (b) =>
      buildStimulationProgramme({ goal: 'strengthen', muscle: quads, side: 'left', innervation: b as never }),
  },
  ...PLAN_FIELDS.map(
    ([field, allowed, withBad]): EntryPoint => ({
      name: `planProgramme ${field}`,
      allowed,
      call: (b) => planProgramme({ ...calfAfterCast, ...withBad(b) }),
    }),
  ),
  {
    name: 'previewProgramme scenario',
    allowed: TRAJECTORY_SCENARIOS,
    call: (b) => previewProgramme(strengthenDraft, { scenario: b as never }),
  },
  {
    name: 'evokedForceVerdict step',
    allowed: CONTRACTION_STEPS,
    call: (b) => evokedForceVerdict(target, { step: b as never }),
  },
  {
    name: 'gateProgramme purpose',
    allowed: GATE_PURPOSES,
    call: (b) =>
      gateProgramme({
        purpose: b as never,
        programme: strengthenDraft.stimulation,
        screening: null,
        openRedFlags: [],
        conditions: [],
        now: '2025-03-10T12:00:00Z',
      }),
  },
  {
    name: 'forecastMuscle scenario',
    allowed: TRAJECTORY_SCENARIOS,
    call: (b) => forecastMuscle({ scenario: b as never, muscle: 'quadriceps', days: 10 }),
  },
  {
    name: 'forecastMuscle muscle',
    allowed: TRAJECTORY_MUSCLES,
    call: (b) => forecastMuscle({ scenario: 'cast', muscle: b as never, days: 10 }),
  },
  {
    name: 'forecastMuscle sex',
    allowed: TRAJECTORY_SEXES,
    call: (b) => forecastMuscle({ scenario: 'cast', muscle: 'quadriceps', days: 10, sex: b as never }),
  },
  {
    name: 'validateMeasurement kind',
    allowed: MEASUREMENT_KINDS,
    call: (b) => validateMeasurement({ kind: b as never, day: 0, value: 1, baseline: 1 } as never, 0, 10),
  },
  {
    name: 'optimiseStimulation goal',
    allowed: OPTIMISATION_GOALS,
    call: (b) =>
      optimiseStimulation(FORCE_MODELS['ding2003-fatigue'], { goal: b as never, contractions: 10 }),
  },
  {
    name: 'optimiseStimulation objective',
    allowed: TARGET_OBJECTIVES,
    call: (b) =>
      optimiseStimulation(FORCE_MODELS['ding2003-fatigue'], {
        goal: 'target-force',
        contractions: 10,
        targetForceN: 100,
        minimise: b as never,
      }),
  },
  {
    name: 'fitParameters parameter',
    allowed: Object.keys(PARAMETER_SPECS),
    call: (b) => fitParameters(FORCE_MODELS.ding2003, {} as never, {} as never, [b as never]),
  },
  {
    name: 'identifyFatigue parameter',
    allowed: FATIGUE_PARAMETERS,
    call: (b) =>
      identifyFatigue(FORCE_MODELS['ding2003-fatigue'], {} as never, {} as never, {
        parameters: [b as never],
      }),
  },
];

function expectRefusal(entry: EntryPoint, bad: string): void {
  let outcome: unknown;
  try {
    outcome = entry.call(bad);
  } catch (error) {
    expect(error, `${entry.name}(${JSON.stringify(bad)})`).toBeInstanceOf(InvalidInputError);
    const message = (error as Error).message;
    for (const allowed of entry.allowed)
      expect(message, `${entry.name}: names '${allowed}'`).toContain(allowed);
    return;
  }
  throw new Error(`${entry.name} accepted ${JSON.stringify(bad)}: ${JSON.stringify(outcome)?.slice(0, 200)}`);
}

describe('every enumerated core input refuses prototype keys and unknown strings, naming the allowed values', () => {
  for (const entry of ENTRY_POINTS) {
    it(entry.name, () => {
      for (const key of PROTOTYPE_KEYS) expectRefusal(entry, key);
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            fc.constantFrom(...PROTOTYPE_KEYS).map((k) => `${k} `),
          ),
          (bad) => {
            fc.pre(
              !entry.allowed.includes(bad) &&
                !(entry.name === 'mrcValue' && entry.allowed.includes(bad.replace('−', '-'))),
            );
            expectRefusal(entry, bad);
          },
        ),
        { numRuns: 60, seed: 3 },
      );
    });
  }

  it('the gate never clears a programme with an unknown electrode site or red flag, and says what is known', () => {
    const base = strengthenDraft.stimulation;
    for (const bad of [...PROTOTYPE_KEYS, 'calf', 'Quadriceps']) {
      const programme = structuredClone(base);
      for (const e of programme.channels[0]?.electrodes ?? []) e.site = bad;
      const decision = gateProgramme({
        purpose: 'send-to-device',
        programme,
        screening: { screenedAt: '2025-03-09', answers: allNo, electrodeSites: [bad] },
        openRedFlags: [],
        conditions: [{ code: 'M62.551', recordedAt: '2025-03-01' }],
        now: '2025-03-10T12:00:00Z',
      });
      expect(decision.allowed).toBe(false);
      const text = decision.allowed ? '' : decision.blockers.map((b) => b.message).join(' ');
      for (const site of ELECTRODE_SITE_IDS) expect(text).toContain(site);
      const flagged = gateProgramme({
        purpose: 'show-as-due',
        programme: base,
        screening: { screenedAt: '2025-03-09', answers: allNo, electrodeSites: ['quadriceps'] },
        openRedFlags: [{ key: bad, raisedAt: '2025-03-09' }],
        conditions: [{ code: 'M62.551', recordedAt: '2025-03-01' }],
        now: '2025-03-10T12:00:00Z',
      });
      expect(flagged.allowed).toBe(false);
      const flagText = flagged.allowed ? '' : flagged.blockers.map((b) => b.message).join(' ');
      for (const key of RED_FLAG_KEYS) expect(flagText).toContain(key);
    }
  });
});
