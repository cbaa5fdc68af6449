/**
 * Stimulation programme rules: from goal, muscle, innervation and strength–duration result to
 * waveform, frequency, pulse width, contraction cycle, session dose, intensity ceiling and levels
 * week by week. Every number names its source; output limits come from ./output-safety.ts, and the
 * result still passes that gate in ./programme-plan.ts.
 */
import type { Innervation } from '../../physiology/strength-duration/strength-duration.ts';
import type { MuscleSite } from '../anatomy/electrode-sites.ts';
import { ENERGY_SOURCE, maxCompliantPeakMa } from '../safety/output-safety.ts';
import type {
  Channel,
  ContractionCycle,
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
}

export type StimulationOutcome =
  | { ok: true; programme: StimulationProgramme; warnings: string[] }
  | { ok: false; rule: 'innervation' | 'threshold-above-limit'; reason: string; source: string };

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
 * Albertin 2018: 4-s trains of 150-ms impulses with 500-ms pauses, 2 s rest. The phase width is set
 * to the chronaxie when it is known (the Weiss law's energy minimum is at d = c, Geddes 2004), within
 * 20–75 ms; the 20 ms floor is Myotrophy's (UNCONFIRMED).
 */
export const DENERVATED_PHASE_MS = { min: 20, max: 75, default: 60 } as const;
export const DENERVATED_PAUSE_S = 0.5;
export const DENERVATED_CYCLE: ContractionCycle = { onS: 4, offS: 2, rampUpS: 0, rampDownS: 0 };
export const DENERVATED_CEILING_MA = 250;
export const DENERVATED_SOURCE =
  'Kern et al. 2010 NNR (PMID 20460493) / RISE parameters (PMC7059583 Table 2); Albertin 2018 trains; Geddes 2004 (energy minimum at d = c)';
/** Reassess the strength–duration curve and revise parameters this often (weeks): RISE. */
export const DENERVATED_REVIEW_WEEKS = 12;

/**
 * Triangular phases for partly denervated muscle: innervated fibres accommodate to the slow rise,
 * denervated fibres do not (Globus Genesy 500 manual; Stimulette: exponential/triangular 100–500 ms
 * at about 1 Hz, starting at 100 ms, ≤ 250 ms usually enough; Pieber 2015: 200 ms triangle for
 * tibialis anterior). Here 100 ms phases at 1 Hz, longer when chronaxie exceeds 100 ms.
 */
export const TRIANGULAR_PHASE_MS = { min: 100, max: 250 } as const;
export const TRIANGULAR_FREQUENCY_HZ = 1;
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
  sources: string[];
}

/**
 * Per goal. Prevention: CefarCompex "prevention of disuse atrophy" L1 30 Hz (ramps 3 / 1.5 s, 5 s
 * plateau, 14 s rest) then L2 40 Hz 6 s / 12 s; dose 40 min twice a day (Dirks 2014). Reversal:
 * CefarCompex "disuse atrophy" L1 35 Hz 6 s (ramps 1.5 / 0.75 s), 7 s rest, two weeks, then L2 45 Hz
 * with 5 s rest, 25 min (also PowerDot PD-02 25 min); 5 sessions a week is Myotrophy's choice
 * (UNCONFIRMED). Strengthening: Nussbaum 2017 (ACL guideline): 50 Hz, 10 s on, 1:5 then 1:3 duty,
 * 15 contractions, 3 sessions a week, 4–6 weeks; ramps 2 / 1 s are Myotrophy's (UNCONFIRMED).
 */
const NMES_GOALS: Record<Exclude<Goal, 'denervated-maintenance'>, NmesGoalSpec> = {
  'prevent-disuse-atrophy': {
    levels: [
      {
        fromWeek: 1,
        toWeek: 2,
        frequencyHz: 30,
        cycle: { onS: 9.5, offS: 14, rampUpS: 3, rampDownS: 1.5 },
        workMinutes: 34,
      },
      {
        fromWeek: 3,
        toWeek: 6,
        frequencyHz: 40,
        cycle: { onS: 6, offS: 12, rampUpS: 1.5, rampDownS: 0.75 },
        workMinutes: 34,
      },
    ],
    sessionsPerDay: 2,
    sessionsPerWeek: 14,
    intensityTarget: 'a strong, visible contraction at the highest comfortable intensity',
    sources: [
      'CefarCompex Physio 5 practical guide: prevention of disuse atrophy L1/L2',
      'Dirks et al. 2014 Acta Physiol (40 min twice daily kept quadriceps CSA during 5-d immobilisation)',
    ],
  },
  'reverse-atrophy': {
    levels: [
      {
        fromWeek: 1,
        toWeek: 2,
        frequencyHz: 35,
        cycle: { onS: 6, offS: 7, rampUpS: 1.5, rampDownS: 0.75 },
        workMinutes: 25,
      },
      {
        fromWeek: 3,
        toWeek: 8,
        frequencyHz: 45,
        cycle: { onS: 6, offS: 5, rampUpS: 1.5, rampDownS: 0.75 },
        workMinutes: 25,
      },
    ],
    sessionsPerDay: 1,
    sessionsPerWeek: 5,
    intensityTarget: 'the maximum tolerated intensity with a strong visible contraction',
    sources: [
      'CefarCompex Physio 5 practical guide: disuse atrophy L1 (two weeks) then L2',
      'PowerDot PD-02 manual p.17: disuse atrophy 25 min',
      'sessions per week: Myotrophy choice (UNCONFIRMED)',
    ],
  },
  strengthen: {
    levels: [
      {
        fromWeek: 1,
        toWeek: 2,
        frequencyHz: 50,
        cycle: { onS: 10, offS: 50, rampUpS: 2, rampDownS: 1 },
        workMinutes: 15,
      },
      {
        fromWeek: 3,
        toWeek: 6,
        frequencyHz: 50,
        cycle: { onS: 10, offS: 30, rampUpS: 2, rampDownS: 1 },
        workMinutes: 10,
      },
    ],
    sessionsPerDay: 1,
    sessionsPerWeek: 3,
    intensityTarget: 'the maximum tolerated intensity (at least a strong comfortable contraction)',
    sources: [
      'Nussbaum et al. 2017 Physiother Can (PMC5683854 Table 7): 30–50 Hz, 250–400 µs, ON:OFF 6–10 s : 12–50 s, 12–15 contractions, 3×/week, 4–6 weeks, max tolerated',
      'Stevens-Lapsley 2012 PTJ: intensity correlated with strength gains',
    ],
  },
};

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

function capFor(
  frequencyHz: number,
  phaseWidthUs: number,
  shape: Waveform['pulseShape'],
  ceilingMa: number,
): number {
  return Math.min(
    ceilingMa,
    maxCompliantPeakMa({ frequencyHz, phaseWidthUs, pulseShape: shape, phasesPerPulse: 2 }),
  );
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
  const us = Math.round(clamp(chronaxieMs * 1000, NMES_PHASE_WIDTH_US.min, NMES_PHASE_WIDTH_US.max));
  return {
    phaseWidthUs: us,
    basis: 'chronaxie',
    rule: `phase width = chronaxie ${chronaxieMs} ms, kept within ${NMES_PHASE_WIDTH_US.min}–${NMES_PHASE_WIDTH_US.max} µs (${NMES_PHASE_WIDTH_SOURCE})`,
  };
}

function nmesProgramme(input: StimulationInput, warnings: string[]): StimulationProgramme {
  const goal = input.goal as Exclude<Goal, 'denervated-maintenance'>;
  const spec = NMES_GOALS[goal];
  const pulseWidth = innervatedPhaseWidth(input.chronaxieMs);
  const w = pulseWidth.phaseWidthUs;
  const levels: StimulationLevel[] = spec.levels.map((l, i) => {
    const cap = capFor(l.frequencyHz, w, 'rectangular', NMES_CEILING_MA);
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
    };
  });
  if (input.innervation === 'partial-denervation') {
    warnings.push(
      'Partial denervation: short pulses excite only the innervated fibres; consider a denervated-maintenance programme with triangular pulses for the denervated ones.',
    );
  }
  return {
    kind: 'nmes',
    muscle: input.muscle.id,
    side: input.side,
    channels: [channelFor(input.muscle, input.side, input.muscle.electrodeCm2)],
    waveform: { ...BIPHASIC, pulseShape: 'rectangular' },
    pulseWidth,
    levels,
    intensityRule: `${spec.intensityTarget}; ceiling ${levels[0]?.blocks[1]?.maxIntensityMa} mA peak (Myotrophy NMES ceiling ${NMES_CEILING_MA} mA, within the output limits).`,
    progressionRules: progressionRules('nmes', input.tolerance),
    sources: [NMES_PHASE_WIDTH_SOURCE, WARM_SOURCE, ...spec.sources],
  };
}

/** Weiss law threshold (mA) at a phase of `d` ms: b·(1 + c/d) (Geddes 2004). */
export function weissThresholdMa(rheobaseMa: number, chronaxieMs: number, phaseMs: number): number {
  return rheobaseMa * (1 + chronaxieMs / phaseMs);
}

function denervatedProgramme(input: StimulationInput, warnings: string[]): StimulationOutcome {
  const triangular = input.innervation === 'partial-denervation' || input.spareInnervatedNeighbours === true;
  let phaseMs: number;
  let basis: 'chronaxie' | 'default' = 'default';
  let rule: string;
  let frequencyHz: number;
  if (triangular) {
    phaseMs = clamp(
      input.chronaxieMs ?? TRIANGULAR_PHASE_MS.min,
      TRIANGULAR_PHASE_MS.min,
      TRIANGULAR_PHASE_MS.max,
    );
    if (input.chronaxieMs !== undefined) basis = 'chronaxie';
    frequencyHz = TRIANGULAR_FREQUENCY_HZ;
    rule = `triangular phases of ${phaseMs} ms (at least the chronaxie, within ${TRIANGULAR_PHASE_MS.min}–${TRIANGULAR_PHASE_MS.max} ms) at ${frequencyHz} Hz (${TRIANGULAR_SOURCE})`;
  } else {
    if (input.chronaxieMs !== undefined) {
      phaseMs = clamp(input.chronaxieMs, DENERVATED_PHASE_MS.min, DENERVATED_PHASE_MS.max);
      basis = 'chronaxie';
      rule = `phase width = chronaxie ${input.chronaxieMs} ms (energy minimum of the Weiss law), kept within ${DENERVATED_PHASE_MS.min}–${DENERVATED_PHASE_MS.max} ms`;
    } else {
      phaseMs = DENERVATED_PHASE_MS.default;
      rule = `no chronaxie measured: ${phaseMs} ms per phase (RISE 60–75 ms)`;
    }
    // Impulse, then a 500 ms pause (Albertin 2018).
    frequencyHz = Math.round((1 / ((2 * phaseMs) / 1000 + DENERVATED_PAUSE_S)) * 1000) / 1000;
    rule += `; ${DENERVATED_PAUSE_S * 1000} ms pause between impulses → ${frequencyHz} Hz (${DENERVATED_SOURCE})`;
  }
  const phaseWidthUs = phaseMs * 1000;
  const shape = triangular ? 'triangular' : 'rectangular';
  const cap = capFor(frequencyHz, phaseWidthUs, shape, DENERVATED_CEILING_MA);

  if (input.rheobaseMa !== undefined) {
    // A triangular phase reaches its peak only at the end; the rectangular Weiss threshold is a lower bound for it.
    const threshold =
      input.chronaxieMs !== undefined
        ? weissThresholdMa(input.rheobaseMa, input.chronaxieMs, phaseMs)
        : input.rheobaseMa;
    if (threshold > cap) {
      return {
        ok: false,
        rule: 'threshold-above-limit',
        reason: `the denervated muscle needs at least ${threshold.toFixed(1)} mA at ${phaseMs} ms per phase (Weiss law b·(1 + c/d) with rheobase ${input.rheobaseMa} mA${input.chronaxieMs !== undefined ? `, chronaxie ${input.chronaxieMs} ms` : ''}), above the ${cap} mA that the 300 mJ-per-pulse limit at 500 Ω allows: no safe programme reaches a contraction`,
        source: `${ENERGY_SOURCE}; Geddes 2004 IEEE TBME (Weiss law)`,
      };
    }
    if (threshold > 0.8 * cap) {
      warnings.push(
        `The threshold (${threshold.toFixed(1)} mA) is close to the ${cap} mA ceiling: little room to reach a visible contraction.`,
      );
    }
  }

  const cycle = { ...DENERVATED_CYCLE };
  const target =
    'a visible twitch of the denervated muscle at each impulse (no tetanic contraction at this stage)';
  const levels: StimulationLevel[] = [
    { level: 1, fromWeek: 1, toWeek: 4, workMinutes: 10 },
    { level: 2, fromWeek: 5, toWeek: DENERVATED_REVIEW_WEEKS, workMinutes: 15 },
  ].map((l, i) => ({
    level: l.level,
    fromWeek: l.fromWeek,
    toWeek: l.toWeek,
    sessionsPerDay: 1,
    sessionsPerWeek: 5,
    blocks: [
      {
        kind: 'warm-up',
        minutes: 2,
        frequencyHz,
        phaseWidthUs,
        maxIntensityMa: cap,
        intensityTarget: 'just-visible twitches',
      },
      {
        kind: 'work',
        minutes: l.workMinutes,
        frequencyHz,
        phaseWidthUs,
        cycle,
        maxIntensityMa: cap,
        intensityTarget: target,
      },
      {
        kind: 'cool-down',
        minutes: 2,
        frequencyHz,
        phaseWidthUs,
        maxIntensityMa: cap,
        intensityTarget: 'just-visible twitches',
      },
    ],
    progressWhen:
      i === 0
        ? 'after week 4 if the skin tolerates the electrodes and twitches stay visible'
        : `at week ${DENERVATED_REVIEW_WEEKS}: repeat the strength–duration test and revise the programme (RISE)`,
  }));
  warnings.push(
    'Denervated-muscle dosing (minutes, sessions per week, level weeks) is UNCONFIRMED: RISE gives the pulse parameters, not this schedule; agree it with the treating team.',
  );
  return {
    ok: true,
    warnings,
    programme: {
      kind: triangular ? 'denervated-triangular' : 'denervated-rectangular',
      muscle: input.muscle.id,
      side: input.side,
      channels: [channelFor(input.muscle, input.side, input.muscle.largeElectrodeCm2)],
      waveform: { ...BIPHASIC, interphaseGapUs: 0, pulseShape: shape },
      pulseWidth: { phaseWidthUs, basis, rule },
      levels,
      intensityRule: `${target}; ceiling ${cap} mA peak, the most the 300 mJ-per-pulse limit at 500 Ω allows at this pulse width${cap === DENERVATED_CEILING_MA ? ' (RISE device maximum 250 mA)' : ''}.`,
      progressionRules: progressionRules(
        triangular ? 'denervated-triangular' : 'denervated-rectangular',
        input.tolerance,
      ),
      sources: triangular ? [TRIANGULAR_SOURCE, DENERVATED_SOURCE] : [DENERVATED_SOURCE],
    },
  };
}

/** The stimulation programme for a goal and muscle, or the reason none fits. */
export function buildStimulationProgramme(input: StimulationInput): StimulationOutcome {
  const warnings: string[] = [];
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
