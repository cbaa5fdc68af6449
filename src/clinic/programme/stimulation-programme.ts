/**
 * Stimulation programme rules: from goal, muscle, innervation and strength–duration result to
 * waveform, frequency, pulse width, contraction cycle, session dose, intensity ceiling, evoked-force
 * target and levels week by week. Every number names its source; output limits come from
 * ../safety/output-safety.ts, and the result still passes that gate in ./plan.ts.
 *
 * Every setting is a number a stimulator can be set to (../../shared/device-steps.ts): whole hertz,
 * whole milliamperes (rounded down, so no limit is crossed), phase widths in 10 µs steps, whole
 * seconds. The ceilings are computed from the rounded widths and frequencies, so the values checked
 * against the limits are the values a person reads.
 */
import type { Innervation } from '../../physiology/strength-duration/strength-duration.ts';
import { DEFAULT_DEVICE_STEPS, floorToStep, roundToStep } from '../../shared/device-steps.ts';
import { requireOneOf } from '../../shared/one-of.ts';
import type { MuscleSite } from '../anatomy/electrode-sites.ts';
import {
  ENERGY_SOURCE,
  MAX_ENERGY_PER_PULSE_MJ,
  MAX_RMS_CURRENT_MA,
  maxCompliantPeakMa,
  RMS_SOURCE,
  TEST_LOAD_OHMS,
} from '../safety/output-safety.ts';
import {
  CONTRACTION_STEP_MEANING,
  type ContractionStep,
  type EvokedForceGoal,
  evokedForceTarget,
} from './evoked-force.ts';
import nmesGoalData from './nmes-goals.json' with { type: 'json' };
import type {
  Channel,
  ContractionCycle,
  DenervatedPhase,
  StimulationBlock,
  StimulationKind,
  StimulationLevel,
  StimulationProgramme,
  Waveform,
} from './stimulation-types.ts';

export const GOALS = [
  'prevent-disuse-atrophy',
  'reverse-atrophy',
  'strengthen',
  'denervated-maintenance',
] as const;
export type Goal = (typeof GOALS)[number];

/** What the person has tolerated so far (from logged sessions). */
export interface Tolerance {
  sessionsCompleted: number;
  /** Highest peak intensity reached in a session (mA). */
  highestToleratedMa?: number;
  /** Pain during or after the last session, 0–10. */
  lastPainScore?: number;
}

/** A screening caution's limit on the dose (the strictest of all present; ../screening/contraindications.ts). */
export interface DoseCap {
  keys: string[];
  ceilingFraction: number;
  maxPercentMvc: number;
  maxStep: ContractionStep;
  notes: string[];
}

export interface StimulationInput {
  goal: Goal;
  muscle: MuscleSite;
  side: 'left' | 'right';
  innervation: Innervation;
  chronaxieMs?: number;
  rheobaseMa?: number;
  /** Use triangular pulses so innervated neighbouring muscles are spared (automatic for partial denervation). */
  spareInnervatedNeighbours?: boolean;
  tolerance?: Tolerance;
  /** Maximal voluntary force of the treated muscle by dynamometry (N): the evoked-force target is then a % of it. */
  mvcN?: number;
  /** A screening caution's cap: applied to every ceiling and evoked-force target. */
  cap?: DoseCap | null;
}

/** What Myotrophy recommends when its output limits cannot reach the denervated muscle's threshold. */
export const SPECIALISED_DEVICE_REFERRAL =
  'refer to a specialised denervated-muscle stimulator (long biphasic impulses up to about 250 mA, as in the RISE programme) under specialist supervision';

export type StimulationRefusalRule = 'innervation' | 'threshold-above-limit' | 'strength-duration-needed';

export type StimulationOutcome =
  | { ok: true; programme: StimulationProgramme; warnings: string[] }
  | {
      ok: false;
      rule: StimulationRefusalRule;
      reason: string;
      source: string;
      /** Set when no programme within the limits can work: what to do instead. */
      recommendation?: string;
    };

// ——— Sourced constants ———

/**
 * Phase width for innervated muscle: set to the measured chronaxie (Compex 3 manual p.16: Mi-Scan
 * measures chronaxie and sets the pulse width to it), kept within 200–450 µs (Nussbaum 2017
 * Physiother Can: 250–400 µs; PowerDot presets 160–432 µs; Damo 2021: 500 µs gives more torque but
 * more discomfort). Default 300 µs (Orthopedics 1986 ACL trial; inside every range above).
 */
export const NMES_PHASE_WIDTH_US = { min: 200, max: 450, default: 300 } as const;
export const NMES_PHASE_WIDTH_SOURCE =
  'Compex 3 manual p.16 (pulse width = chronaxie); Nussbaum 2017 Physiother Can (250–400 µs); PowerDot PD-02 presets (160–432 µs)';

/**
 * Ceiling on peak current for surface NMES of innervated muscle (mA). A design choice below the
 * output limits: trials report 15–47 mA in the ICU (Maffiuletti 2013) and "maximum tolerated" in
 * surgery trials; portable stimulators commonly stop at 100–120 mA (UNCONFIRMED).
 */
export const NMES_CEILING_MA = 100;

/**
 * Denervated muscle (RISE; Kern 2010, PMC7059583 Table 2): biphasic impulses of 120–150 ms
 * (60–75 ms per phase), up to ±80 V / 250 mA, large electrodes, parameters revised every 12 weeks.
 * Albertin 2018: 4-s trains of 150-ms impulses with 500-ms pauses, 2 s rest. The twitch phase width
 * is set to the measured chronaxie (the Weiss law's energy minimum is at d = c, Geddes 2004), within
 * 20–75 ms; the 20 ms floor is Myotrophy's (UNCONFIRMED). Frequencies are whole hertz: the highest
 * that keeps at least Albertin's 500 ms pause after each impulse (1 Hz for every twitch width here).
 */
export const DENERVATED_PHASE_MS = { min: 20, max: 75 } as const;
export const DENERVATED_PAUSE_S = 0.5;
export const DENERVATED_CYCLE: ContractionCycle = { onS: 4, offS: 2, rampUpS: 0, rampDownS: 0 };
export const DENERVATED_CEILING_MA = 250;
export const DENERVATED_SOURCE =
  'Kern et al. 2010 NNR (PMID 20460493) / RISE parameters (PMC7059583 Table 2); Albertin 2018 trains; Geddes 2004 (energy minimum at d = c)';
/** Reassess the strength–duration curve and revise parameters this often (weeks): RISE. */
export const DENERVATED_REVIEW_WEEKS = 12;

/**
 * The device ceiling for denervated muscle is this multiple of the Weiss threshold b·(1 + c/d) at
 * the phase width used: room to titrate from a just-visible response to a strong one while keeping
 * the skin load low. Myotrophy's choice (UNCONFIRMED: no source gives a ratio).
 */
export const DENERVATED_THRESHOLD_FACTOR = 1.5;

/**
 * The twitch → burst → tetanic progression of RISE (Kern 2010; phases of 0–4, 2–6, 4–12 and 8–24
 * months in Gargiulo 2011, PMC7059583 Table 2). What each phase delivers is UNCONFIRMED: the
 * research notes record bursts of about 40 ms impulses at 20–25 Hz without a primary source. Here a
 * burst or tetanic train uses 20 ms phases (a 40 ms impulse) at 20 Hz — the highest whole frequency
 * at which the impulse fits its period — in 2-s bursts with 4 s rest, then 4-s tetanic trains with
 * 4 s rest; the weeks follow the 12-week review. All of it UNCONFIRMED and re-derived at each review.
 */
export const DENERVATED_TRAIN = { phaseMs: 20, frequencyHz: 20 } as const;
const DENERVATED_SCHEDULE: readonly {
  phase: DenervatedPhase;
  fromWeek: number;
  toWeek: number;
  workMinutes: number;
  cycle: ContractionCycle;
}[] = [
  { phase: 'twitch', fromWeek: 1, toWeek: 4, workMinutes: 10, cycle: DENERVATED_CYCLE },
  { phase: 'twitch', fromWeek: 5, toWeek: 12, workMinutes: 15, cycle: DENERVATED_CYCLE },
  {
    phase: 'burst',
    fromWeek: 13,
    toWeek: 24,
    workMinutes: 15,
    cycle: { onS: 2, offS: 4, rampUpS: 0, rampDownS: 0 },
  },
  {
    phase: 'tetanic',
    fromWeek: 25,
    toWeek: 52,
    workMinutes: 20,
    cycle: { onS: 4, offS: 4, rampUpS: 0, rampDownS: 0 },
  },
];
const DENERVATED_PHASE_TARGET: Record<DenervatedPhase, EvokedForceGoal> = {
  twitch: {
    minPercentMvc: 0,
    maxPercentMvc: 100,
    minStep: 'visible',
    maxStep: 'partial-movement',
    titration:
      'raise the intensity until each impulse gives a visible twitch; never above the ceiling (RISE: no tetanic contraction at this stage)',
  },
  burst: {
    minPercentMvc: 0,
    maxPercentMvc: 100,
    minStep: 'visible',
    maxStep: 'full-movement',
    titration: 'raise the intensity until each burst gives a fused contraction that moves the joint',
  },
  tetanic: {
    minPercentMvc: 0,
    maxPercentMvc: 100,
    minStep: 'partial-movement',
    maxStep: 'full-movement',
    titration:
      'raise the intensity until each train moves the joint through its range (add light loads as it strengthens)',
  },
};

/**
 * Triangular phases for partly denervated muscle: innervated fibres accommodate to the slow rise,
 * denervated fibres do not (Globus Genesy 500 manual; Stimulette: exponential/triangular 100–500 ms
 * at about 1 Hz, starting at 100 ms, ≤ 250 ms usually enough; Pieber 2015: 200 ms triangle for
 * tibialis anterior). Here 100 ms phases at 1 Hz, longer when chronaxie exceeds 100 ms.
 */
export const TRIANGULAR_PHASE_MS = { min: 100, max: 250 } as const;
export const TRIANGULAR_FREQUENCY_HZ = 1;
/**
 * A triangular phase carries half the charge of a rectangle of the same peak, so at equal threshold
 * charge (the Weiss law in charge form, Q = b·(d + c), Geddes 2004) its threshold peak is twice the
 * rectangular one. Denervated fibres accommodate little, which is why the equal-charge estimate is used;
 * the ratio itself is UNCONFIRMED (no measured triangle thresholds in the sources).
 */
export const TRIANGLE_THRESHOLD_RATIO = 2;
export const TRIANGULAR_SOURCE =
  'Globus Genesy 500 manual (triangular spares innervated fibres); Stimulette (100–500 ms, ~1 Hz); Pieber 2015 J NeuroEng Rehabil';

/** Warm-up 5 Hz for 3 min (Enraf-Nonius ICU protocol); recovery 3 Hz for 3 min (CefarCompex Physio 5 guide). */
const WARM_UP = { frequencyHz: 5, minutes: 3 };
const COOL_DOWN = { frequencyHz: 3, minutes: 3 };
const WARM_SOURCE =
  'Enraf-Nonius ICU protocol (3-min 5 Hz warm-up); CefarCompex Physio 5 guide (recovery 3 Hz, 3 min)';

/** First sessions at half the work time, raising intensity contraction by contraction (Compex manuals; Chattanooga: full energy only after ≥ 3 sessions). */
export const INTRODUCTORY_SESSIONS = 3;

/** Pain thresholds (0–10) for holding or stepping back a level. UNCONFIRMED: Myotrophy's choice. */
export const PAIN_HOLD_FROM = 4;
export const PAIN_STEP_BACK_FROM = 6;

interface NmesLevelSpec {
  fromWeek: number;
  toWeek: number;
  frequencyHz: number;
  cycle: ContractionCycle;
  workMinutes: number;
}

interface NmesGoalSpec {
  levels: NmesLevelSpec[];
  sessionsPerDay: number;
  sessionsPerWeek: number;
  intensityTarget: string;
  evokedForce: EvokedForceGoal;
  sources: string[];
}

/**
 * Evoked force for innervated muscle: at least 50 % of MVC where tolerated, titrated each session
 * (Maffiuletti 2018 as read in issue 14: UNCONFIRMED, paper not retrieved; Stevens-Lapsley 2012:
 * intensity correlates with strength gain). Without an MVC: a visible contraction at least (a cast
 * holds the joint still), or movement through part of the range where the limb is free.
 */
const TITRATE =
  'each session, raise the intensity contraction by contraction until the contraction reaches the target or the most the person tolerates; record the force (or the contraction seen) reached';
const FREE_LIMB_FORCE: EvokedForceGoal = {
  minPercentMvc: 50,
  maxPercentMvc: 100,
  minStep: 'partial-movement',
  maxStep: 'full-movement',
  titration: TITRATE,
};

/**
 * Per goal, in whole seconds (CefarCompex's 1.5 s and 0.75 s ramps become 2 s and 1 s, its 9.5 s
 * contraction 10 s: a device sets whole seconds). Prevention: CefarCompex "prevention of disuse
 * atrophy" L1 30 Hz (ramps 3 / 1.5 s, 5 s plateau, 14 s rest) then L2 40 Hz 6 s / 12 s; dose 40 min
 * twice a day (Dirks 2014). Reversal: CefarCompex "disuse atrophy" frequencies (35 Hz for two weeks,
 * then 45 Hz), 25 min (also PowerDot PD-02 25 min); rest starts long for deconditioned muscle and
 * shortens by level — 1:4, then 1:3 (Nussbaum 2017 Physiother Can Table 7: ON:OFF 1:3–1:5 when weak),
 * then 1:2 (knee-surgery systematic review 2019: duty 1:2–1:3; CefarCompex 6 s / 12 s). The
 * CefarCompex L2 6 s / 5 s was too fatiguing to start deconditioned muscle on (issue 14); 5 sessions
 * a week is Myotrophy's choice (UNCONFIRMED). Strengthening: Nussbaum 2017 (ACL guideline): 50 Hz,
 * 10 s on, 1:5 then 1:3 duty, 15 contractions, 3 sessions a week, 4–6 weeks; ramps 2 / 1 s are
 * Myotrophy's (UNCONFIRMED). The goals are data, in ./nmes-goals.json: each aims for FREE_LIMB_FORCE
 * but for the steps its `evokedForceChanges` names (prevention in a cast: a visible contraction).
 */
const NMES_GOALS = Object.fromEntries(
  Object.entries(nmesGoalData).map(([goal, { evokedForceChanges, ...spec }]) => [
    goal,
    { ...spec, evokedForce: { ...FREE_LIMB_FORCE, ...evokedForceChanges } },
  ]),
) as Record<Exclude<Goal, 'denervated-maintenance'>, NmesGoalSpec>;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

const BIPHASIC: Omit<Waveform, 'pulseShape'> = {
  phases: 'biphasic',
  balance: 'symmetric',
  interphaseGapUs: 100,
};

function channelFor(muscle: MuscleSite, side: 'left' | 'right', sizeCm2: number): Channel {
  return {
    electrodes: muscle.electrodes.map((e) => ({
      site: muscle.id,
      side,
      position: e.position,
      landmark: e.landmark,
      sizeCm2,
    })),
  };
}

const STEPS = DEFAULT_DEVICE_STEPS;

/** The most current (mA, rounded down to the device step) the output limits allow at this setting. */
function limitCapMa(frequencyHz: number, phaseWidthUs: number, shape: Waveform['pulseShape']): number {
  const exact = maxCompliantPeakMa({ frequencyHz, phaseWidthUs, pulseShape: shape, phasesPerPulse: 2 });
  return floorToStep(exact, STEPS.currentMa);
}

/** The ceiling after a screening caution: a fraction of the planned one, rounded down. */
function capped(ceilingMa: number, cap: DoseCap | null | undefined): number {
  return cap ? floorToStep(ceilingMa * cap.ceilingFraction, STEPS.currentMa) : ceilingMa;
}

function programmeCap(cap: DoseCap | null | undefined): StimulationProgramme['intensityCap'] | undefined {
  if (!cap) return undefined;
  return {
    keys: cap.keys,
    ceilingFraction: cap.ceilingFraction,
    maxPercentMvc: cap.maxPercentMvc,
    notes: cap.notes,
  };
}

/** First sessions are introductory unless 3 were done without marked pain. */
function needsIntroduction(tolerance: Tolerance | undefined): boolean {
  return (
    (tolerance?.sessionsCompleted ?? 0) < INTRODUCTORY_SESSIONS ||
    (tolerance?.lastPainScore ?? 0) >= PAIN_STEP_BACK_FROM
  );
}

function progressionRules(kind: StimulationKind, tolerance: Tolerance | undefined): string[] {
  const rules = [
    'Within a session, raise the intensity contraction by contraction towards the target; never above the block’s maxIntensityMa (CefarCompex / Compex manuals).',
    `Move to the next level when its weeks are done and the last 3 sessions were completed with pain below ${PAIN_HOLD_FROM}/10 (pain thresholds UNCONFIRMED: Myotrophy's choice); do not rush levels (Compex manuals).`,
    `Pain ${PAIN_HOLD_FROM}–${PAIN_STEP_BACK_FROM - 1}/10: stay at the level. Pain ≥ ${PAIN_STEP_BACK_FROM}/10, skin redness lasting over an hour, or a new red flag: step back a level and tell the clinician.`,
  ];
  if (needsIntroduction(tolerance)) {
    rules.unshift(
      `First ${INTRODUCTORY_SESSIONS} sessions: half the work time, building intensity gradually; full intensity only after ${INTRODUCTORY_SESSIONS} sessions (Compex manuals; Chattanooga Wireless Professional manual).`,
    );
  }
  if (kind !== 'nmes') {
    rules.push(
      `Repeat the strength–duration test every ${DENERVATED_REVIEW_WEEKS} weeks and revise the parameters (RISE, Kern 2010); if chronaxie falls below 1 ms (reinnervation), change to NMES.`,
    );
  }
  return rules;
}

function innervatedPhaseWidth(chronaxieMs: number | undefined): StimulationProgramme['pulseWidth'] {
  if (chronaxieMs === undefined) {
    return {
      phaseWidthUs: NMES_PHASE_WIDTH_US.default,
      basis: 'default',
      rule: `no chronaxie measured: ${NMES_PHASE_WIDTH_US.default} µs per phase (${NMES_PHASE_WIDTH_SOURCE})`,
    };
  }
  const us = roundToStep(
    clamp(chronaxieMs * 1000, NMES_PHASE_WIDTH_US.min, NMES_PHASE_WIDTH_US.max),
    STEPS.pulseWidthUs,
  );
  return {
    phaseWidthUs: us,
    basis: 'chronaxie',
    rule: `phase width = chronaxie ${chronaxieMs} ms, kept within ${NMES_PHASE_WIDTH_US.min}–${NMES_PHASE_WIDTH_US.max} µs and rounded to ${STEPS.pulseWidthUs} µs (${NMES_PHASE_WIDTH_SOURCE})`,
  };
}

function nmesProgramme(input: StimulationInput, warnings: string[]): StimulationProgramme {
  const goal = input.goal as Exclude<Goal, 'denervated-maintenance'>;
  const spec = NMES_GOALS[goal];
  const pulseWidth = innervatedPhaseWidth(input.chronaxieMs);
  const w = pulseWidth.phaseWidthUs;
  const target = evokedForceTarget(spec.evokedForce, input.mvcN, input.cap ?? undefined);
  const levels: StimulationLevel[] = spec.levels.map((l, i) => {
    const cap = capped(Math.min(NMES_CEILING_MA, limitCapMa(l.frequencyHz, w, 'rectangular')), input.cap);
    const blocks: StimulationBlock[] = [
      {
        kind: 'warm-up',
        minutes: WARM_UP.minutes,
        frequencyHz: WARM_UP.frequencyHz,
        phaseWidthUs: w,
        maxIntensityMa: cap,
        intensityTarget: 'comfortable twitches, well below the work intensity',
      },
      {
        kind: 'work',
        minutes: l.workMinutes,
        frequencyHz: l.frequencyHz,
        phaseWidthUs: w,
        cycle: l.cycle,
        maxIntensityMa: cap,
        intensityTarget: spec.intensityTarget,
      },
      {
        kind: 'cool-down',
        minutes: COOL_DOWN.minutes,
        frequencyHz: COOL_DOWN.frequencyHz,
        phaseWidthUs: w,
        maxIntensityMa: cap,
        intensityTarget: 'comfortable twitches to relax the muscle',
      },
    ];
    return {
      level: i + 1,
      fromWeek: l.fromWeek,
      toWeek: l.toWeek,
      sessionsPerDay: spec.sessionsPerDay,
      sessionsPerWeek: spec.sessionsPerWeek,
      blocks,
      progressWhen:
        i + 1 < spec.levels.length
          ? `after week ${l.toWeek}, when the last 3 sessions were completed with pain below ${PAIN_HOLD_FROM}/10`
          : 'last level: review the programme with the clinician at the end of the block',
      evokedForceTarget: target,
    };
  });
  if (input.cap) {
    warnings.push(
      `Screening caution (${input.cap.keys.join(', ')}): ceiling at ${Math.round(input.cap.ceilingFraction * 100)} % and evoked force at most ${input.cap.maxPercentMvc} % MVC. ${input.cap.notes.join(' ')}`,
    );
  }
  if (input.innervation === 'partial-denervation') {
    warnings.push(
      'Partial denervation: short pulses excite only the innervated fibres; consider a denervated-maintenance programme with triangular pulses for the denervated ones.',
    );
  }
  const programme: StimulationProgramme = {
    kind: 'nmes',
    muscle: input.muscle.id,
    side: input.side,
    channels: [channelFor(input.muscle, input.side, input.muscle.electrodeCm2)],
    waveform: { ...BIPHASIC, pulseShape: 'rectangular' },
    pulseWidth,
    levels,
    intensityRule: `${spec.intensityTarget}, aiming for ${target.basis === 'dynamometry' ? `at least ${target.minPercentMvc} % of MVC (${target.minForceN} N)` : `at least ${CONTRACTION_STEP_MEANING[target.minStep]}`}; ceiling ${levels[0]?.blocks[1]?.maxIntensityMa} mA peak (Myotrophy NMES ceiling ${NMES_CEILING_MA} mA, within the output limits${input.cap ? ', lowered by a screening caution' : ''}).`,
    progressionRules: progressionRules('nmes', input.tolerance),
    sources: [NMES_PHASE_WIDTH_SOURCE, WARM_SOURCE, ...spec.sources, target.source],
  };
  const intensityCap = programmeCap(input.cap);
  if (intensityCap) programme.intensityCap = intensityCap;
  return programme;
}

/** Weiss law threshold (mA) at a phase of `d` ms: b·(1 + c/d) (Geddes 2004). */
export function weissThresholdMa(rheobaseMa: number, chronaxieMs: number, phaseMs: number): number {
  return rheobaseMa * (1 + chronaxieMs / phaseMs);
}

/** The whole frequency (≥ 1 Hz) that leaves at least the RISE pause after each impulse of two phases. */
function twitchFrequencyHz(phaseMs: number): number {
  return Math.max(1, Math.floor(1 / ((2 * phaseMs) / 1000 + DENERVATED_PAUSE_S)));
}

interface DenervatedSetting {
  phaseMs: number;
  phaseWidthUs: number;
  frequencyHz: number;
  thresholdMa: number;
  /** The most the output limits allow, before rounding down to a whole mA. */
  limitExactMa: number;
  ceilingMa: number;
}

/** Phase width, frequency, threshold and ceiling of one denervated phase, from the strength–duration curve. */
function denervatedSetting(
  phaseMs: number,
  frequencyHz: number,
  shape: Waveform['pulseShape'],
  sd: { rheobaseMa: number; chronaxieMs: number },
  cap: DoseCap | null | undefined,
): DenervatedSetting {
  const phaseWidthUs = roundToStep(phaseMs * 1000, STEPS.pulseWidthUs);
  const roundedMs = phaseWidthUs / 1000;
  const rectangularMa = weissThresholdMa(sd.rheobaseMa, sd.chronaxieMs, roundedMs);
  const thresholdMa = shape === 'triangular' ? TRIANGLE_THRESHOLD_RATIO * rectangularMa : rectangularMa;
  const limitExactMa = maxCompliantPeakMa({
    frequencyHz,
    phaseWidthUs,
    pulseShape: shape,
    phasesPerPulse: 2,
  });
  const ceilingMa = capped(
    Math.min(
      floorToStep(DENERVATED_THRESHOLD_FACTOR * thresholdMa, STEPS.currentMa),
      floorToStep(limitExactMa, STEPS.currentMa),
      DENERVATED_CEILING_MA,
    ),
    cap,
  );
  return { phaseMs: roundedMs, phaseWidthUs, frequencyHz, thresholdMa, limitExactMa, ceilingMa };
}

function limitsWording(frequencyHz: number): string {
  return `${MAX_ENERGY_PER_PULSE_MJ} mJ per pulse and ${MAX_RMS_CURRENT_MA} mA r.m.s. into ${TEST_LOAD_OHMS} Ω at ${frequencyHz} Hz`;
}

function denervatedProgramme(input: StimulationInput, warnings: string[]): StimulationOutcome {
  if (input.rheobaseMa === undefined || input.chronaxieMs === undefined) {
    return {
      ok: false,
      rule: 'strength-duration-needed',
      reason:
        'denervated-maintenance derives its pulse width and current from the measured strength–duration curve: record a strength–duration test (rheobase and chronaxie) first; without it Myotrophy cannot know whether any current within the limits will contract the muscle',
      source: `${DENERVATED_SOURCE}; Geddes 2004 IEEE TBME (Weiss law)`,
    };
  }
  const sd = { rheobaseMa: input.rheobaseMa, chronaxieMs: input.chronaxieMs };
  const triangular = input.innervation === 'partial-denervation' || input.spareInnervatedNeighbours === true;
  const shape: Waveform['pulseShape'] = triangular ? 'triangular' : 'rectangular';
  let twitchMs: number;
  let rule: string;
  if (triangular) {
    twitchMs = clamp(sd.chronaxieMs, TRIANGULAR_PHASE_MS.min, TRIANGULAR_PHASE_MS.max);
    rule = `triangular phases of ${twitchMs} ms (at least the chronaxie, within ${TRIANGULAR_PHASE_MS.min}–${TRIANGULAR_PHASE_MS.max} ms) at ${TRIANGULAR_FREQUENCY_HZ} Hz (${TRIANGULAR_SOURCE})`;
  } else {
    twitchMs = clamp(sd.chronaxieMs, DENERVATED_PHASE_MS.min, DENERVATED_PHASE_MS.max);
    rule = `phase width = chronaxie ${sd.chronaxieMs} ms (energy minimum of the Weiss law), kept within ${DENERVATED_PHASE_MS.min}–${DENERVATED_PHASE_MS.max} ms`;
  }
  const twitch = denervatedSetting(
    twitchMs,
    triangular ? TRIANGULAR_FREQUENCY_HZ : twitchFrequencyHz(twitchMs),
    shape,
    sd,
    input.cap,
  );
  rule += `, rounded to ${STEPS.pulseWidthUs} µs: ${twitch.phaseMs} ms; ${twitch.frequencyHz} Hz, the whole frequency that leaves at least ${DENERVATED_PAUSE_S * 1000} ms between impulses (${DENERVATED_SOURCE})`;

  const limitOnly = floorToStep(twitch.limitExactMa, STEPS.currentMa);
  if (twitch.thresholdMa > twitch.limitExactMa) {
    return {
      ok: false,
      rule: 'threshold-above-limit',
      reason: `the denervated muscle needs at least ${twitch.thresholdMa.toFixed(1)} mA at ${twitch.phaseMs} ms per phase (Weiss law b·(1 + c/d) with rheobase ${sd.rheobaseMa} mA, chronaxie ${sd.chronaxieMs} ms${triangular ? `, × ${TRIANGLE_THRESHOLD_RATIO} for a triangular phase` : ''}), above the ${twitch.limitExactMa.toFixed(1)} mA that the output limits allow at this pulse width (${limitsWording(twitch.frequencyHz)}; ${limitOnly} mA on a device set in whole mA): no programme within these limits can contract this muscle; ${SPECIALISED_DEVICE_REFERRAL}`,
      source: `${ENERGY_SOURCE}; ${RMS_SOURCE}; Geddes 2004 IEEE TBME (Weiss law)`,
      recommendation: SPECIALISED_DEVICE_REFERRAL,
    };
  }
  if (twitch.ceilingMa < twitch.thresholdMa) {
    return {
      ok: false,
      rule: 'threshold-above-limit',
      reason: `the denervated muscle needs at least ${twitch.thresholdMa.toFixed(1)} mA at ${twitch.phaseMs} ms per phase, above the ${twitch.ceilingMa} mA ceiling left after rounding to whole mA${input.cap ? ` and the screening caution (${input.cap.keys.join(', ')}) cap` : ''}: no programme within these limits can contract this muscle; ${SPECIALISED_DEVICE_REFERRAL}`,
      source: `${ENERGY_SOURCE}; Geddes 2004 IEEE TBME (Weiss law)`,
      recommendation: SPECIALISED_DEVICE_REFERRAL,
    };
  }
  if (twitch.thresholdMa > 0.8 * twitch.ceilingMa) {
    warnings.push(
      `The threshold (${twitch.thresholdMa.toFixed(1)} mA) is close to the ${twitch.ceilingMa} mA ceiling: little room to reach a strong twitch.`,
    );
  }

  // Bursts and tetanic trains: rectangular (complete denervation) only, and only while the limits reach the threshold.
  const settings: Record<DenervatedPhase, DenervatedSetting | null> = { twitch, burst: null, tetanic: null };
  if (!triangular) {
    const trainMs = Math.min(twitch.phaseMs, DENERVATED_TRAIN.phaseMs);
    const train = denervatedSetting(trainMs, DENERVATED_TRAIN.frequencyHz, shape, sd, input.cap);
    if (train.ceilingMa >= train.thresholdMa) {
      settings.burst = train;
      settings.tetanic = train;
    } else {
      warnings.push(
        `Bursts and tetanic trains (${train.phaseMs} ms phases at ${train.frequencyHz} Hz) would need at least ${train.thresholdMa.toFixed(1)} mA, above the ${train.ceilingMa} mA the output limits leave (${limitsWording(train.frequencyHz)}): the programme stops at single twitches; to progress, ${SPECIALISED_DEVICE_REFERRAL}.`,
      );
    }
  } else {
    warnings.push(
      'Partial denervation: triangular single impulses only; bursts and tetanic trains are for completely denervated muscle (RISE). Move to NMES as reinnervation shows (chronaxie below 1 ms).',
    );
  }

  const levels: StimulationLevel[] = [];
  for (const step of DENERVATED_SCHEDULE) {
    const setting = settings[step.phase];
    if (!setting) continue;
    const isLast = step === DENERVATED_SCHEDULE.at(-1);
    const block = (
      kind: StimulationBlock['kind'],
      minutes: number,
      intensityTarget: string,
    ): StimulationBlock => ({
      kind,
      minutes,
      frequencyHz: setting.frequencyHz,
      phaseWidthUs: setting.phaseWidthUs,
      maxIntensityMa: setting.ceilingMa,
      intensityTarget,
    });
    const work = block(
      'work',
      step.workMinutes,
      step.phase === 'twitch'
        ? 'a visible twitch of the denervated muscle at each impulse (no tetanic contraction at this stage)'
        : step.phase === 'burst'
          ? 'a fused contraction with each burst'
          : 'a tetanic contraction that moves the joint with each train',
    );
    work.cycle = { ...step.cycle };
    levels.push({
      level: levels.length + 1,
      fromWeek: step.fromWeek,
      toWeek: step.toWeek,
      sessionsPerDay: 1,
      sessionsPerWeek: 5,
      blocks: [
        block('warm-up', 2, 'just-visible twitches'),
        work,
        block('cool-down', 2, 'just-visible twitches'),
      ],
      progressWhen: isLast
        ? `at week ${step.toWeek}: repeat the strength–duration test and review the programme (RISE)`
        : step.toWeek % DENERVATED_REVIEW_WEEKS === 0
          ? `at week ${step.toWeek}: repeat the strength–duration test, re-derive the parameters from the new curve, and move on only when this stage gives its target contraction reliably (RISE)`
          : `after week ${step.toWeek} if the skin tolerates the electrodes and the target contraction is reached`,
      evokedForceTarget: evokedForceTarget(
        DENERVATED_PHASE_TARGET[step.phase],
        undefined,
        input.cap ?? undefined,
      ),
      phase: step.phase,
    });
  }
  if (levels.at(-1)?.phase === 'twitch') {
    const last = levels.at(-1) as StimulationLevel;
    last.progressWhen = `at week ${last.toWeek}: repeat the strength–duration test and review the programme (RISE)`;
  }
  warnings.push(
    'Denervated-muscle dosing (minutes, sessions per week, level weeks, the burst and tetanic settings) is UNCONFIRMED: RISE gives the twitch pulse parameters, not this schedule; agree it with the treating team.',
  );
  if (input.cap) {
    warnings.push(
      `Screening caution (${input.cap.keys.join(', ')}): ceiling at ${Math.round(input.cap.ceilingFraction * 100)} %. ${input.cap.notes.join(' ')}`,
    );
  }
  const programme: StimulationProgramme = {
    kind: triangular ? 'denervated-triangular' : 'denervated-rectangular',
    muscle: input.muscle.id,
    side: input.side,
    channels: [channelFor(input.muscle, input.side, input.muscle.largeElectrodeCm2)],
    waveform: { ...BIPHASIC, interphaseGapUs: 0, pulseShape: shape },
    pulseWidth: { phaseWidthUs: twitch.phaseWidthUs, basis: 'chronaxie', rule },
    levels,
    intensityRule: `a visible response of the denervated muscle, titrated each session; ceiling ${twitch.ceilingMa} mA peak for single impulses: ${DENERVATED_THRESHOLD_FACTOR} × the ${twitch.thresholdMa.toFixed(1)} mA threshold at ${twitch.phaseMs} ms (Weiss law from the measured curve${triangular ? `, × ${TRIANGLE_THRESHOLD_RATIO} for triangles` : ''}; factor UNCONFIRMED), rounded down, within the output limits (${limitOnly} mA at this width).`,
    progressionRules: progressionRules(
      triangular ? 'denervated-triangular' : 'denervated-rectangular',
      input.tolerance,
    ),
    sources: triangular ? [TRIANGULAR_SOURCE, DENERVATED_SOURCE] : [DENERVATED_SOURCE],
    threshold: {
      rheobaseMa: sd.rheobaseMa,
      chronaxieMs: sd.chronaxieMs,
      phaseMs: twitch.phaseMs,
      thresholdMa: Number(twitch.thresholdMa.toFixed(2)),
      factor: DENERVATED_THRESHOLD_FACTOR,
    },
  };
  const intensityCap = programmeCap(input.cap);
  if (intensityCap) programme.intensityCap = intensityCap;
  return { ok: true, warnings, programme };
}

/** The stimulation programme for a goal and muscle, or the reason none fits. */
export function buildStimulationProgramme(input: StimulationInput): StimulationOutcome {
  const warnings: string[] = [];
  // The goal picks a row of a table: checked against the list, never looked up on a plain object.
  requireOneOf('goal', input.goal, GOALS);
  requireOneOf('side', input.side, ['left', 'right'] as const);
  requireOneOf('innervation', input.innervation, [
    'normal',
    'partial-denervation',
    'complete-denervation',
  ] as const);
  if (input.goal === 'denervated-maintenance') {
    if (input.innervation === 'normal') {
      return {
        ok: false,
        rule: 'innervation',
        reason:
          'denervated-maintenance needs partly or completely denervated muscle; this muscle is innervated (chronaxie < 1 ms): choose prevent-disuse-atrophy, reverse-atrophy or strengthen',
        source: 'Physio-pedia Strength-Duration Curve (normal nerve chronaxie < 1 ms)',
      };
    }
    return denervatedProgramme(input, warnings);
  }
  if (input.innervation === 'complete-denervation') {
    return {
      ok: false,
      rule: 'innervation',
      reason: `completely denervated muscle does not respond to the short pulses of ${input.goal}; choose denervated-maintenance (long pulses)`,
      source: 'Physio-pedia Strength-Duration Curve: denervated muscle gives no response at short durations',
    };
  }
  const programme = nmesProgramme(input, warnings);
  const tolerance = input.tolerance;
  const cap = programme.levels[0]?.blocks[1]?.maxIntensityMa ?? 0;
  if (tolerance?.highestToleratedMa !== undefined && tolerance.highestToleratedMa > cap) {
    warnings.push(
      `Sessions so far reached ${tolerance.highestToleratedMa} mA, above this programme's ${cap} mA ceiling: the device must be held at ${cap} mA.`,
    );
  }
  if (tolerance?.lastPainScore !== undefined && tolerance.lastPainScore >= PAIN_STEP_BACK_FROM) {
    warnings.push(
      `The last session hurt (${tolerance.lastPainScore}/10): start at level 1 with the introductory half-time sessions and review before progressing.`,
    );
  }
  return { ok: true, programme, warnings };
}
