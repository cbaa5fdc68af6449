/**
 * The one safety gate. Whether a stimulation programme may be approved, activated, sent to a device
 * or shown to the patient as due is decided here and nowhere else: every door (the approve and
 * version routes, FHIR import, the CLI `plan`, the patient's Today page, session logging and the
 * device driver) calls `gateProgramme` and acts on its answer.
 *
 * The gate returns every blocker, each with a stable code and a message a clinician reads:
 * - the screening: missing, malformed, any question unanswered (an unanswered question is never a
 *   "no"), a programme electrode site it did not cover, a contraindication at a programme site or for
 *   the whole patient, a caution whose intensity cap the programme does not carry, older than the
 *   latest recorded condition, or older than SCREENING_MAX_AGE_DAYS;
 * - an open red flag;
 * - no coded diagnosis;
 * - the programme: any output limit exceeded or the programme unreadable (./output-safety.ts), or a
 *   setting a stimulator cannot be set to (./device-settings.ts).
 *
 * Its input is its own small type (GateInput) so that a patient record maps onto it in one function.
 * It never throws on record content — a malformed record is a blocker — only on a malformed call
 * (an unknown purpose, an unreadable `now`), which is a programming error at the door.
 *
 * When nothing blocks, the gate returns a ClearedProgramme: a frozen copy of the programme that only
 * this module can create. The device driver accepts nothing else (`requireClearedProgramme`).
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { requireOneOf } from '../../shared/one-of.ts';
import { ELECTRODE_SITE_IDS } from '../anatomy/electrode-sites.ts';
import { normaliseIcd10Code } from '../coding/icd10cm.ts';
import { stepRank } from '../programme/evoked-force.ts';
import type { StimulationProgramme } from '../programme/stimulation-types.ts';
import {
  parseScreeningAnswers,
  SCREENING_QUESTIONS,
  type ScreeningResult,
  screenContraindications,
} from '../screening/contraindications.ts';
import { RED_FLAG_KEYS, RED_FLAG_RULES, type RedFlagKey } from '../screening/red-flags.ts';
import { deviceSettingProblems } from './device-settings.ts';
import { heldJointsOf, type ImmobilisedCondition } from './immobilisation.ts';
import { checkOutputSafety } from './output-safety.ts';

export const GATE_PURPOSES = ['approve', 'activate', 'send-to-device', 'show-as-due'] as const;
export type GatePurpose = (typeof GATE_PURPOSES)[number];

/**
 * A screening older than this (days) no longer clears a programme. Myotrophy's choice (UNCONFIRMED:
 * no source gives a re-screening interval): the answers that change fastest — pregnancy, a new DVT,
 * recent surgery, active bleeding — change within weeks, and a month is no longer than one or two
 * programme levels (2–6 weeks each), so the screening is repeated at least as often as the dose
 * steps up.
 */
export const SCREENING_MAX_AGE_DAYS = 30;
export const SCREENING_MAX_AGE_SOURCE =
  'Myotrophy choice (UNCONFIRMED): re-screen at least every 30 days, no longer than one or two programme levels';

export const BLOCKER_CODES = [
  'screening-missing',
  'screening-malformed',
  'screening-unanswered',
  'screening-site-not-covered',
  'contraindicated',
  'caution-cap-missing',
  'screening-older-than-condition',
  'screening-expired',
  'red-flag-open',
  'no-coded-diagnosis',
  'record-malformed',
  'programme-malformed',
  'output-limit',
  'not-device-settable',
  'immobilised-joint-moved',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface GateBlocker {
  code: BlockerCode;
  /** In a clinician's words. */
  message: string;
  source: string;
  /** The screening key, red-flag key, ICD-10-CM code or output rule concerned, where there is one. */
  key?: string;
  /** The electrode site concerned, where there is one. */
  site?: string;
}

export interface GateScreening {
  /** When it was recorded: ISO 8601 date (YYYY-MM-DD, taken as the start of that UTC day) or date-time. */
  screenedAt: string;
  /** The yes/no answers by screening key (../screening/contraindications.ts). */
  answers: Record<string, unknown>;
  /** The electrode sites its site questions were answered for. */
  electrodeSites: readonly string[];
}

export interface GateRedFlag {
  /** A red-flag key (../screening/red-flags.ts). */
  key: string;
  raisedAt: string;
}

export interface GateCondition extends ImmobilisedCondition {
  /** ICD-10-CM code, e.g. 'M62.562'. */
  code: string;
  recordedAt: string;
}

export interface GateInput {
  purpose: GatePurpose;
  /** The stimulation programme (as the planner drafts it; any object is accepted and checked). */
  programme: unknown;
  /** The latest screening, or null when none is recorded. */
  screening: GateScreening | null;
  /** Red flags not yet resolved by a clinician. */
  openRedFlags: readonly GateRedFlag[];
  /** Coded conditions with the date each was recorded. */
  conditions: readonly GateCondition[];
  /** The moment of the decision (ISO 8601 date-time). */
  now: string;
  /**
   * The programme's exercise part, when it is to be judged with the stimulation (approval and
   * activation judge the whole programme); see `gateExerciseProgramme` for the exercise alone.
   */
  exercise?: unknown;
  /** The day week 1 of the exercise part starts (YYYY-MM-DD or date-time); `now` when not given. */
  exerciseStartDate?: string | null;
}

/** What the gate needs to judge an exercise programme on its own: no stimulation part. */
export type ExerciseGateInput = Omit<GateInput, 'programme'> & { exercise: unknown };

/** The gate's answer on an exercise programme: nothing reaches a stimulator, so nothing is cleared. */
export interface ExerciseGateDecision {
  allowed: boolean;
  purpose: GatePurpose;
  blockers: GateBlocker[];
  warnings: string[];
}

declare const clearedBrand: unique symbol;

/**
 * A programme the gate cleared: a deep-frozen copy, the purpose it was cleared for and when. Only
 * `gateProgramme` creates one (the brand cannot be named outside this module, and
 * `isClearedProgramme` recognises only values this module issued).
 */
export interface ClearedProgramme {
  readonly programme: Readonly<StimulationProgramme>;
  readonly purpose: GatePurpose;
  readonly clearedAt: string;
  readonly [clearedBrand]: true;
}

export type GateDecision =
  | { allowed: true; purpose: GatePurpose; blockers: []; warnings: string[]; cleared: ClearedProgramme }
  | { allowed: false; purpose: GatePurpose; blockers: GateBlocker[]; warnings: string[] };

const issued = new WeakSet<object>();

/** True only for a ClearedProgramme that `gateProgramme` issued. */
export function isClearedProgramme(value: unknown): value is ClearedProgramme {
  return typeof value === 'object' && value !== null && issued.has(value);
}

/** The cleared programme, when it was issued by the gate for `purpose`; otherwise an error naming why. */
export function requireClearedProgramme(
  value: unknown,
  purpose: GatePurpose = 'send-to-device',
): ClearedProgramme {
  if (!isClearedProgramme(value)) {
    throw new InvalidInputError(
      'refused: this programme was not cleared by the safety gate (gateProgramme); no setting may reach a stimulator without it',
    );
  }
  if (value.purpose !== purpose) {
    throw new InvalidInputError(
      `refused: the programme was cleared to ${value.purpose}, not to ${purpose}; ask the gate again for ${purpose}`,
    );
  }
  return value;
}

const GATE_SOURCE = 'Myotrophy safety gate (docs/safety/hazards.md)';
/** A blocker the gate itself states (no clinical source beyond its own rule). */
const gateFault = (code: BlockerCode, message: string): GateBlocker => ({
  code,
  message,
  source: GATE_SOURCE,
});
const SCREENING_SOURCE = 'Myotrophy screening rules (src/clinic/screening/contraindications.ts)';
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch, or null for an unreadable date; a bare date is the start of that UTC day. */
function instant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const t = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isFinite(t) ? t : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The electrode sites a programme places, read from any object. */
function programmeSites(programme: unknown): string[] {
  const sites = new Set<string>();
  if (!isObject(programme) || !Array.isArray(programme.channels)) return [];
  for (const channel of programme.channels) {
    if (!isObject(channel) || !Array.isArray(channel.electrodes)) continue;
    for (const e of channel.electrodes) if (isObject(e) && typeof e.site === 'string') sites.add(e.site);
  }
  return [...sites];
}

function knownSite(site: string): boolean {
  return ELECTRODE_SITE_IDS.includes(site);
}

function screeningBlockers(
  input: GateInput,
  sites: string[],
  blockers: GateBlocker[],
  warnings: string[],
): void {
  const screening = input.screening;
  if (screening === null || screening === undefined) {
    blockers.push({
      code: 'screening-missing',
      message: 'No contraindication screening is recorded: screen the patient before stimulation.',
      source: SCREENING_SOURCE,
    });
    return;
  }
  if (!isObject(screening)) {
    blockers.push({
      code: 'screening-malformed',
      message: 'The screening record cannot be read.',
      source: GATE_SOURCE,
    });
    return;
  }
  const now = instant(input.now) as number;
  const screenedAt = instant(screening.screenedAt);
  if (screenedAt === null) {
    blockers.push({
      code: 'screening-malformed',
      message: `The screening has no readable date (got ${JSON.stringify(screening.screenedAt)}): record it again.`,
      source: GATE_SOURCE,
    });
  } else {
    const ageDays = Math.floor((now - screenedAt) / DAY_MS);
    if (ageDays > SCREENING_MAX_AGE_DAYS) {
      blockers.push({
        code: 'screening-expired',
        message: `The screening is ${ageDays} days old; a screening from the last ${SCREENING_MAX_AGE_DAYS} days is needed: screen again.`,
        source: SCREENING_MAX_AGE_SOURCE,
      });
    }
    const conditions = Array.isArray(input.conditions) ? input.conditions : [];
    let latest: { code: string; at: number } | null = null;
    for (const c of conditions) {
      const at = isObject(c) ? instant(c.recordedAt) : null;
      if (at !== null && (latest === null || at > latest.at)) latest = { code: String(c.code), at };
    }
    if (latest !== null && screenedAt < latest.at) {
      blockers.push({
        code: 'screening-older-than-condition',
        message: `The screening (${screening.screenedAt}) is older than the latest recorded condition (${latest.code}, ${new Date(latest.at).toISOString().slice(0, 10)}): screen again for the current condition.`,
        source: GATE_SOURCE,
        key: latest.code,
      });
    }
  }

  let result: ScreeningResult;
  const screenedSites = Array.isArray(screening.electrodeSites)
    ? screening.electrodeSites.filter((s): s is string => typeof s === 'string')
    : [];
  try {
    const answers = parseScreeningAnswers(screening.answers);
    result = screenContraindications(answers, sites.filter(knownSite));
  } catch (error) {
    blockers.push({
      code: 'screening-malformed',
      message: `The screening answers cannot be used: ${error instanceof Error ? error.message : String(error)}`,
      source: SCREENING_SOURCE,
    });
    return;
  }
  for (const key of result.unanswered) {
    blockers.push({
      code: 'screening-unanswered',
      message: `Screening question not answered: "${SCREENING_QUESTIONS[key].question}" An unanswered question is not a "no".`,
      source: SCREENING_SOURCE,
      key,
    });
  }
  for (const site of sites) {
    if (!screenedSites.includes(site)) {
      blockers.push({
        code: 'screening-site-not-covered',
        message: `The programme places electrodes on the ${site}, which the screening did not cover: answer the site questions for it.`,
        source: SCREENING_SOURCE,
        site,
      });
    }
  }
  for (const f of result.patient.findings) {
    if (f.verdict !== 'contraindicated') continue;
    blockers.push({
      code: 'contraindicated',
      message: `Contraindicated for this patient (${f.key}): ${f.reason}`,
      source: f.source,
      key: f.key,
    });
  }
  for (const s of result.sites) {
    for (const f of s.findings) {
      if (f.verdict !== 'contraindicated' || result.patient.findings.some((p) => p.key === f.key)) continue;
      blockers.push({
        code: 'contraindicated',
        message: `Contraindicated at the ${s.site} (${f.key}): ${f.reason}`,
        source: f.source,
        key: f.key,
        site: s.site,
      });
    }
  }
  if (result.cap) capBlockers(input.programme, result.cap, blockers);
  for (const p of result.precautions) warnings.push(`Precaution (${p.key}): ${p.reason}`);
}

/** A caution's cap must be carried by the programme: its ceiling fraction and every evoked-force target. */
function capBlockers(
  programme: unknown,
  cap: NonNullable<ScreeningResult['cap']>,
  blockers: GateBlocker[],
): void {
  const p = isObject(programme) ? (programme as Partial<StimulationProgramme>) : {};
  const carried = p.intensityCap;
  const levels = Array.isArray(p.levels) ? p.levels : [];
  for (const key of cap.keys) {
    const problems: string[] = [];
    if (!isObject(carried) || !Array.isArray(carried.keys) || !carried.keys.includes(key)) {
      problems.push('the programme was not planned with this caution (re-plan it)');
    } else if (!(carried.ceilingFraction <= cap.ceilingFraction)) {
      problems.push(`its ceiling fraction ${carried.ceilingFraction} is above ${cap.ceilingFraction}`);
    }
    for (const level of levels) {
      const t = isObject(level) ? level.evokedForceTarget : undefined;
      if (!t) continue;
      if (t.maxPercentMvc > cap.maxPercentMvc || stepRank(t.maxStep) > stepRank(cap.maxStep)) {
        problems.push(
          `level ${level.level} aims above the cap (${cap.maxPercentMvc} % MVC or a ${cap.maxStep} contraction)`,
        );
      }
    }
    if (problems.length > 0) {
      blockers.push({
        code: 'caution-cap-missing',
        message: `Screening caution ${key} limits the dose, but ${problems.join('; ')}.`,
        source: SCREENING_SOURCE,
        key,
      });
    }
  }
}

function redFlagBlockers(input: GateInput, blockers: GateBlocker[]): void {
  const flags = Array.isArray(input.openRedFlags) ? input.openRedFlags : [];
  for (const flag of flags) {
    const key =
      isObject(flag) && typeof flag.key === 'string' ? flag.key : String(isObject(flag) ? flag.key : flag);
    if ((RED_FLAG_KEYS as readonly string[]).includes(key)) {
      const rule = RED_FLAG_RULES[key as RedFlagKey];
      blockers.push({
        code: 'red-flag-open',
        message: `Open red flag: ${rule.label}. Refer ${rule.urgency === 'immediate' ? 'immediately' : 'without delay'} to ${rule.referTo}; stimulation stays paused until a clinician resolves the flag.`,
        source: rule.source,
        key,
      });
    } else {
      // An unknown flag still blocks: a flag Myotrophy cannot read is not a flag it may ignore.
      blockers.push({
        code: 'red-flag-open',
        message: `Open red flag '${key}' (not one Myotrophy knows; known: ${RED_FLAG_KEYS.join(', ')}): stimulation stays paused until a clinician resolves it.`,
        source: GATE_SOURCE,
        key,
      });
    }
  }
}

function diagnosisBlockers(input: GateInput, blockers: GateBlocker[], warnings: string[]): void {
  const conditions = Array.isArray(input.conditions) ? input.conditions : [];
  let coded = 0;
  for (const c of conditions) {
    const code: unknown = isObject(c) ? c.code : c;
    try {
      normaliseIcd10Code(code as string);
      coded += 1;
    } catch {
      warnings.push(`A condition has no usable ICD-10-CM code (${JSON.stringify(code)}).`);
    }
  }
  if (coded === 0) {
    blockers.push({
      code: 'no-coded-diagnosis',
      message: 'No coded diagnosis: record the diagnosis with its ICD-10-CM code before stimulation.',
      source: GATE_SOURCE,
    });
  }
}

/** The programme part of the gate: unreadable programme, output limits, device-settable values. */
export function programmeBlockers(programme: unknown): GateBlocker[] {
  const blockers: GateBlocker[] = [];
  const report = checkOutputSafety(programme);
  for (const v of report.violations) {
    blockers.push({
      code: v.rule === 'malformed' ? 'programme-malformed' : 'output-limit',
      message: `${v.where}: ${v.message}`,
      source: v.source,
      key: v.rule,
    });
  }
  for (const p of deviceSettingProblems(programme)) {
    blockers.push({
      code: 'not-device-settable',
      message: `${p.where}: ${p.field} ${p.value} is not a value a stimulator can be set to (steps of ${p.step}).`,
      source: 'Myotrophy device steps (src/shared/device-steps.ts)',
      key: p.field,
    });
  }
  return blockers;
}

const IMMOBILISATION_SOURCE =
  'Myotrophy immobilisation rule (src/clinic/programme/exercise-programme.ts): no moves of a joint a cast or brace holds until its removal date';

/**
 * The exercise part: readable stages, and no move of a joint a recorded cast or brace holds during
 * a stage that overlaps the time it is on (from `now`; week 1 starts on `exerciseStartDate`).
 */
function exerciseBlockers(
  input: GateInput | ExerciseGateInput,
  blockers: GateBlocker[],
  warnings: string[],
): void {
  const exercise = input.exercise;
  const stages = isObject(exercise) && Array.isArray(exercise.stages) ? exercise.stages : null;
  if (stages === null) {
    blockers.push(
      gateFault(
        'programme-malformed',
        'The exercise part cannot be read: it needs its stages, each with its exercises.',
      ),
    );
    return;
  }
  const now = instant(input.now) as number;
  const start = instant(input.exerciseStartDate ?? input.now) ?? now;
  const conditions = Array.isArray(input.conditions) ? input.conditions : [];
  for (const held of heldJointsOf(conditions)) {
    if (held.joints.length === 0) {
      warnings.push(
        `A ${held.label} is recorded, but its site names no joint Myotrophy can check: check the exercises by hand.`,
      );
      continue;
    }
    const heldFrom = Math.max(now, instant(held.from) ?? Number.NEGATIVE_INFINITY);
    const heldUntil = instant(held.until) ?? Number.POSITIVE_INFINITY;
    if (!(heldFrom < heldUntil)) continue;
    for (const stage of stages) {
      if (!isObject(stage) || !Array.isArray(stage.exercises)) {
        blockers.push(
          gateFault('programme-malformed', 'An exercise stage cannot be read: it needs its exercises.'),
        );
        return;
      }
      const fromWeek = typeof stage.fromWeek === 'number' ? stage.fromWeek : 1;
      const toWeek = typeof stage.toWeek === 'number' ? stage.toWeek : Number.POSITIVE_INFINITY;
      const stageFrom = start + (fromWeek - 1) * 7 * DAY_MS;
      const stageUntil = start + toWeek * 7 * DAY_MS;
      if (!(stageFrom < heldUntil && heldFrom < stageUntil)) continue;
      for (const e of stage.exercises) {
        const joints = isObject(e) && Array.isArray(e.joints) ? e.joints : null;
        const moved = joints?.filter((j) => held.joints.includes(j)) ?? [];
        if (joints === null || moved.length > 0) {
          const name = isObject(e) && typeof e.name === 'string' ? e.name : 'an exercise';
          blockers.push({
            code: 'immobilised-joint-moved',
            message: `Stage ${String(stage.stage ?? '?')} prescribes "${name}", which ${joints === null ? 'names no joints, so it may move' : 'moves'} the ${(joints === null ? held.joints : moved).join(' and ')} held by the ${held.label} (${held.until ? `until ${held.until}` : 'no removal date recorded'}): re-plan with the cast or brace (isometric and neighbouring-joint work instead).`,
            source: IMMOBILISATION_SOURCE,
            key: held.joints.join(','),
            site: held.site,
          });
        }
      }
    }
  }
}

/** Open red flags that stop exercise too (a flag Myotrophy does not know stops it); the others hold progression. */
function exerciseRedFlagBlockers(
  input: ExerciseGateInput,
  blockers: GateBlocker[],
  warnings: string[],
): void {
  const all: GateBlocker[] = [];
  redFlagBlockers(input as GateInput, all);
  for (const b of all) {
    const known = (RED_FLAG_KEYS as readonly string[]).includes(b.key as string);
    if (known && RED_FLAG_RULES[b.key as RedFlagKey].exerciseWhileOpen === 'hold') {
      warnings.push(`${b.message} Exercise continues without progression while it is open.`);
    } else {
      blockers.push({ ...b, message: `${b.message} Exercise stops too while it is open.` });
    }
  }
}

function checkCall(input: unknown): GatePurpose {
  if (!isObject(input))
    throw new InvalidInputError(
      'the gate needs an object: purpose, programme, screening, openRedFlags, conditions, now',
    );
  const purpose = requireOneOf('gate purpose', input.purpose, GATE_PURPOSES);
  if (instant(input.now) === null) {
    throw new InvalidInputError(
      `the gate needs 'now' as an ISO 8601 date-time; got ${JSON.stringify(input.now)}`,
    );
  }
  return purpose;
}

function recordBlockers(
  input: GateInput | ExerciseGateInput,
  blockers: GateBlocker[],
  warnings: string[],
): void {
  diagnosisBlockers(input as GateInput, blockers, warnings);
  if (!Array.isArray(input.openRedFlags) || !Array.isArray(input.conditions)) {
    blockers.push(
      gateFault(
        'record-malformed',
        'The record must list open red flags and conditions (empty lists when there are none).',
      ),
    );
  }
}

/**
 * The gate for an exercise programme on its own (no stimulation part), or for a programme's exercise
 * part at the exercise doors (the Today list, the exercise log). What applies: a coded diagnosis; no
 * open red flag that stops exercise (a flag that only holds progression is a warning); no move of a
 * joint a recorded cast or brace holds; a readable programme. The electrical screening and output
 * limits concern stimulation only. Nothing is cleared for a device: an exercise programme has no
 * settings to send.
 */
export function gateExerciseProgramme(input: ExerciseGateInput): ExerciseGateDecision {
  const purpose = checkCall(input);
  const blockers: GateBlocker[] = [];
  const warnings: string[] = [];
  exerciseRedFlagBlockers(input, blockers, warnings);
  recordBlockers(input, blockers, warnings);
  exerciseBlockers(input, blockers, warnings);
  if (purpose === 'send-to-device') {
    blockers.push(
      gateFault(
        'programme-malformed',
        'An exercise programme has no stimulation settings: nothing can be sent to a stimulator.',
      ),
    );
  }
  return { allowed: blockers.length === 0, purpose, blockers, warnings };
}

/** Decides whether the programme may be used for `purpose`, listing every blocker. */
export function gateProgramme(input: GateInput): GateDecision {
  const purpose = checkCall(input);
  const blockers: GateBlocker[] = [];
  const warnings: string[] = [];
  const sites = programmeSites(input.programme);
  screeningBlockers(input, sites, blockers, warnings);
  redFlagBlockers(input, blockers);
  recordBlockers(input, blockers, warnings);
  blockers.push(...programmeBlockers(input.programme));
  if (input.exercise !== undefined && input.exercise !== null) exerciseBlockers(input, blockers, warnings);
  if (blockers.length > 0) return { allowed: false, purpose, blockers, warnings };
  const cleared = {
    programme: deepFreeze(structuredClone(input.programme) as StimulationProgramme),
    purpose,
    clearedAt: new Date(instant(input.now) as number).toISOString(),
  } as unknown as ClearedProgramme;
  Object.freeze(cleared);
  issued.add(cleared);
  return { allowed: true, purpose, blockers: [], warnings, cleared };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
