import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import { OPTIMISATION_LIMITS } from '../../shared/stimulation-bounds.ts';
import type { ForceModel } from '../force/model.ts';
import { buildProgrammeTrain } from '../force/programme-train.ts';
import { type ContractionSummary, DEFAULT_RELATIVE_TOLERANCE, simulateForce } from '../force/simulate.ts';

/**
 * Stimulation-pattern optimisation: choose frequency, pulse width or intensity, on/off times and an
 * onset doublet, within allowed ranges, for one of two goals (docs/optimisation.md):
 *
 * - `target-force`: N contractions, each reaching at least a target peak force, with the least
 *   fatigue (drop in A at the end of the last contraction) or the least charge.
 * - `max-fti`: the largest force–time integral over N contractions with the drop in A within a
 *   fatigue budget.
 *
 * Method. The model's "force lever" (pulse width for Ding 2007, intensity for Ben Hmed 2018,
 * frequency for Ding 2003, which has no other) moves the force monotonically, so for every other
 * choice of settings the best lever value lies on the constraint boundary and is found by bisection
 * on the device's integer grid: the least that reaches the target, or the most within the fatigue
 * budget. The remaining settings (frequency unless it is the lever, doublet, on, off) are searched
 * by a coarse grid and then a compass (pattern) search with step halving down to the device
 * resolution. Both are derivative-free and need no smoothness: the settings are partly discrete and
 * the objective is piecewise smooth in them. The conventional programme is among the starting
 * points, so the optimum is never worse than it when it is allowed.
 */

export type OptimisationGoal = 'target-force' | 'max-fti';
export const OPTIMISATION_GOALS: readonly OptimisationGoal[] = ['target-force', 'max-fti'];
export type TargetObjective = 'fatigue' | 'charge';
export const TARGET_OBJECTIVES: readonly TargetObjective[] = ['fatigue', 'charge'];

export interface SettingRange {
  min: number;
  max: number;
}

export interface OptimisationRanges {
  frequencyHz: SettingRange;
  /** Searched for pulse-width models (Ding 2007). */
  pulseWidthUs: SettingRange;
  /** Searched for intensity models (Ben Hmed 2018). */
  intensityMa: SettingRange;
  onS: SettingRange;
  /** Off time; `min` undefined means off ≥ on. */
  offS: { min?: number; max: number };
  /** Onset doublet intervals tried besides none (ms); empty: no doublets. */
  doubletIntervalsMs: number[];
}

/**
 * Clinical defaults. Frequency 10–100 Hz: the span used for NMES in ICU trials (8–100 Hz, Maffiuletti
 * 2013 SR) and by home devices (30–100 Hz, PowerDot/Compex atrophy programmes). Width 100–600 µs and
 * intensity 20–130 mA: around the 250–400 µs of the guidelines (Nussbaum 2017, Physiother Can) and
 * over the range the Ding 2007 and Ben Hmed 2018 models were fitted on (cocofest test trains
 * 200–600 µs, 20–130 mA). On 2–10 s and off ≥ on up to 50 s: Nussbaum 2017 gives on 6–10 s, off
 * 12–50 s; ICU trials used on 2–12 s (Maffiuletti 2013). Doublet 5 ms: the initial interpulse
 * interval that gave the most catch-like augmentation in human quadriceps (Binder-Macleod & Lee 1996,
 * J Appl Physiol 80:2051). docs/optimisation.md tabulates each range with its source.
 */
export const CLINICAL_DEFAULT_RANGES: OptimisationRanges = {
  frequencyHz: { min: 10, max: 100 },
  pulseWidthUs: { min: 100, max: 600 },
  intensityMa: { min: 20, max: 130 },
  onS: { min: 2, max: 10 },
  offS: { max: 50 },
  doubletIntervalsMs: [5],
};

/**
 * The conventional programme the optimum is compared with: 30 Hz constant frequency, no doublet,
 * 6 s on / 18 s off (1:3; Nussbaum 2017 gives 30–50 Hz, on 6–10 s, 1:3–1:5 when weak), its lever
 * set by the same rule as the optimum (least reaching the target, or most within the budget).
 */
export const CONVENTIONAL = { frequencyHz: 30, onS: 6, offS: 18 } as const;

/**
 * Pulse width and intensity of the models that do not use them, for charge accounting only (they do
 * not change the force): 300 µs (within Nussbaum 2017's 250–400 µs) and 50 mA (the r.m.s. limit of
 * IEC 60601-2-10 as quoted in the research notes is 50 mA; a nominal value). Design choice.
 */
export const NOMINAL_PULSE_WIDTH_US = 300;
export const NOMINAL_INTENSITY_MA = 50;

/** Device resolution of the settings: whole Hz, µs and mA, on in 0.5 s, off in 1 s. Design choice. */
export const RESOLUTION = { frequencyHz: 1, pulseWidthUs: 1, intensityMa: 1, onS: 0.5, offS: 1 } as const;

/** Force is followed this long after the last contraction ends, to catch its relaxation. */
export const SESSION_TAIL_S = 1;
/** Integrator tolerance during the search; the chosen pattern is re-simulated at the default. */
export const SEARCH_RELATIVE_TOLERANCE = 1e-6;
/**
 * Constraints are met with this relative margin in the search, so the loose tolerance (peak and
 * fatigue within ≈ 2e-5 of the converged values in a 10-contraction session) cannot flip them when
 * the pattern is re-simulated at the default tolerance.
 */
const SEARCH_MARGIN = 1e-4;
/** Largest number of setting combinations evaluated (each costs one bisection). */
export const MAX_EVALUATIONS = 400;
export const MAX_CONTRACTIONS = 200;

export interface OptimisationRequest {
  goal: OptimisationGoal;
  /** Number of contractions in the session. */
  contractions: number;
  /** target-force: every contraction's peak must reach this (N). */
  targetForceN?: number;
  /** target-force: what to minimise (default fatigue). */
  minimise?: TargetObjective;
  /** max-fti: the largest allowed drop in A at the end of the session (%). */
  maxFatiguePercent?: number;
  ranges?: Partial<OptimisationRanges>;
  /** Width used for charge when the model does not use width (µs). */
  nominalPulseWidthUs?: number;
  /** Intensity used for charge when the model does not use intensity (mA). */
  nominalIntensityMa?: number;
}

export interface StimulationPattern {
  frequencyHz: number;
  pulseWidthUs: number;
  intensityMa: number;
  onS: number;
  offS: number;
  doubletIntervalMs: number | null;
  contractions: number;
}

export interface PatternOutcome {
  /** Weakest contraction's peak (N). */
  minContractionPeakN: number;
  firstPeakN: number;
  lastPeakN: number;
  forceTimeIntegralNs: number;
  /** 100·(1 − A_end/A_rest) at the end of the session; null for a model without fatigue. */
  fatigueDropPercent: number | null;
  /** Last contraction's peak over the first's. */
  fatigueIndex: number;
  /** Σ intensity × width over all pulses (µC per phase). */
  chargeUc: number;
  pulses: number;
  sessionS: number;
  contractions: ContractionSummary[];
}

export interface ConstraintValue {
  name: string;
  value: number;
  limit: number;
  unit: string;
  relation: '≥' | '≤';
  satisfied: boolean;
}

export interface Objective {
  name: 'fatigue' | 'charge' | 'force-time-integral';
  description: string;
  value: number;
  unit: string;
  sense: 'minimise' | 'maximise';
}

export interface EvaluatedPattern {
  pattern: StimulationPattern;
  outcome: PatternOutcome;
  objective: Objective;
  constraints: ConstraintValue[];
  feasible: boolean;
}

export type ForceLever = 'pulseWidthUs' | 'intensityMa' | 'frequencyHz';

export interface OptimisationResult {
  goal: OptimisationGoal;
  modelId: string;
  lever: ForceLever;
  chosen: EvaluatedPattern;
  /** The conventional 30 Hz programme, its lever set by the same rule; null when no lever value is feasible. */
  conventional: EvaluatedPattern | null;
  /** Why the conventional programme is missing or infeasible, when it is. */
  conventionalNote: string | null;
  /** chosen − conventional, and relative to the conventional (positive = better for the goal). */
  improvement: { absolute: number; relative: number } | null;
  ranges: Omit<OptimisationRanges, 'offS'> & { offS: { min: number | null; max: number } };
  search: { method: string; evaluations: number; simulations: number };
  notes: string[];
}

interface Settings {
  frequencyHz: number;
  onS: number;
  offS: number;
  doubletIntervalMs: number | null;
}

const roundTo = (value: number, step: number) => Math.round(value / step) * step;

function checkRange(label: string, range: SettingRange, limits: SettingRange, unit: string): SettingRange {
  requireFiniteInRange(`${label} minimum (${unit})`, range.min, limits.min, limits.max);
  requireFiniteInRange(`${label} maximum (${unit})`, range.max, limits.min, limits.max);
  if (range.min > range.max) {
    throw new InvalidInputError(
      `${label}: the minimum (${range.min} ${unit}) is above the maximum (${range.max} ${unit})`,
    );
  }
  return { min: range.min, max: range.max };
}

function resolveRanges(partial: Partial<OptimisationRanges> | undefined): OptimisationRanges {
  const r = { ...CLINICAL_DEFAULT_RANGES, ...(partial ?? {}) };
  const offMin = r.offS.min;
  const ranges: OptimisationRanges = {
    frequencyHz: checkRange('frequency', r.frequencyHz, OPTIMISATION_LIMITS.frequencyHz, 'Hz'),
    pulseWidthUs: checkRange('pulse width', r.pulseWidthUs, OPTIMISATION_LIMITS.pulseWidthUs, 'µs'),
    intensityMa: checkRange('intensity', r.intensityMa, OPTIMISATION_LIMITS.intensityMa, 'mA'),
    onS: checkRange('on time', r.onS, { min: 0.5, max: 60 }, 's'),
    offS: {
      ...(offMin !== undefined ? { min: requireFiniteInRange('off time minimum (s)', offMin, 0, 600) } : {}),
      max: requireFiniteInRange('off time maximum (s)', r.offS.max, 0, 600),
    },
    doubletIntervalsMs: r.doubletIntervalsMs.map((d) =>
      requireFiniteInRange('doublet interval (ms)', d, 1, 50),
    ),
  };
  for (const d of ranges.doubletIntervalsMs) {
    if (d >= 1000 / ranges.frequencyHz.max) {
      throw new InvalidInputError(
        `the doublet interval (${d} ms) must be shorter than the pulse period at the highest frequency allowed (${(1000 / ranges.frequencyHz.max).toPrecision(3)} ms at ${ranges.frequencyHz.max} Hz)`,
      );
    }
  }
  const lowestOff = offMin ?? ranges.onS.min;
  if (lowestOff > ranges.offS.max) {
    throw new InvalidInputError(
      `the off time cannot be both ≥ ${lowestOff} s${offMin === undefined ? ' (off ≥ on)' : ''} and ≤ ${ranges.offS.max} s`,
    );
  }
  return ranges;
}

/** The settings of a model that move its force, and which one the bisection sets. */
export function forceLever(model: ForceModel): ForceLever {
  if (model.pulseWidth) return 'pulseWidthUs';
  if (model.pulseAmplitude) return 'intensityMa';
  return 'frequencyHz';
}

/** Simulates a pattern over a session: N contractions, ending SESSION_TAIL_S after the last one. */
export function simulatePattern(
  model: ForceModel,
  pattern: StimulationPattern,
  relativeTolerance = DEFAULT_RELATIVE_TOLERANCE,
): PatternOutcome {
  const n = pattern.contractions;
  const endS = (n - 1) * (pattern.onS + pattern.offS) + pattern.onS + SESSION_TAIL_S;
  const programme = buildProgrammeTrain(
    {
      frequencyHz: pattern.frequencyHz,
      onS: pattern.onS,
      offS: pattern.offS,
      repetitions: n,
      ...(model.pulseWidth ? { pulseWidthUs: pattern.pulseWidthUs } : {}),
      ...(model.pulseAmplitude ? { intensityMa: pattern.intensityMa } : {}),
      ...(pattern.doubletIntervalMs !== null ? { doubletIntervalMs: pattern.doubletIntervalMs } : {}),
      endS,
    },
    model,
  );
  const result = simulateForce(model, programme.train, {
    endS: programme.endS,
    contractionStartsS: programme.contractionStartsS,
    relativeTolerance,
  });
  const peaks = result.contractions.map((c) => c.peakForceN);
  const pulses = programme.train.timesS.length;
  return {
    minContractionPeakN: Math.min(...peaks),
    firstPeakN: peaks[0] as number,
    lastPeakN: peaks[peaks.length - 1] as number,
    forceTimeIntegralNs: result.forceTimeIntegralNs,
    fatigueDropPercent: model.fatigue ? 100 * (1 - result.finalState.A / model.base.forceScalingNPerS) : null,
    fatigueIndex: result.fatigueIndex,
    chargeUc: (pulses * pattern.intensityMa * pattern.pulseWidthUs) / 1000,
    pulses,
    sessionS: programme.endS,
    contractions: result.contractions,
  };
}

interface Problem {
  model: ForceModel;
  goal: OptimisationGoal;
  contractions: number;
  targetForceN: number;
  minimise: TargetObjective;
  maxFatiguePercent: number;
  lever: ForceLever;
  leverRange: SettingRange;
  nominalPulseWidthUs: number;
  nominalIntensityMa: number;
}

function patternOf(problem: Problem, settings: Settings, leverValue: number): StimulationPattern {
  const pattern: StimulationPattern = {
    frequencyHz: settings.frequencyHz,
    pulseWidthUs: problem.nominalPulseWidthUs,
    intensityMa: problem.nominalIntensityMa,
    onS: settings.onS,
    offS: settings.offS,
    doubletIntervalMs: settings.doubletIntervalMs,
    contractions: problem.contractions,
  };
  pattern[problem.lever] = leverValue;
  return pattern;
}

function assess(problem: Problem, pattern: StimulationPattern, outcome: PatternOutcome): EvaluatedPattern {
  const constraints: ConstraintValue[] = [];
  let objective: Objective;
  if (problem.goal === 'target-force') {
    constraints.push({
      name: 'weakest contraction peak',
      value: outcome.minContractionPeakN,
      limit: problem.targetForceN,
      unit: 'N',
      relation: '≥',
      satisfied: outcome.minContractionPeakN >= problem.targetForceN,
    });
    objective =
      problem.minimise === 'fatigue'
        ? {
            name: 'fatigue',
            description: 'drop in A at the end of the session, 100·(1 − A_end/A_rest)',
            value: outcome.fatigueDropPercent as number,
            unit: '%',
            sense: 'minimise',
          }
        : {
            name: 'charge',
            description: 'charge per phase summed over all pulses',
            value: outcome.chargeUc,
            unit: 'µC',
            sense: 'minimise',
          };
  } else {
    constraints.push({
      name: 'drop in A at the end of the session',
      value: outcome.fatigueDropPercent as number,
      limit: problem.maxFatiguePercent,
      unit: '%',
      relation: '≤',
      satisfied: (outcome.fatigueDropPercent as number) <= problem.maxFatiguePercent,
    });
    objective = {
      name: 'force-time-integral',
      description: 'force–time integral over the session',
      value: outcome.forceTimeIntegralNs,
      unit: 'N·s',
      sense: 'maximise',
    };
  }
  constraints.push({
    name: 'off time',
    value: pattern.offS,
    limit: pattern.onS,
    unit: 's',
    relation: '≥',
    satisfied: pattern.offS >= pattern.onS,
  });
  return { pattern, outcome, objective, constraints, feasible: constraints.every((c) => c.satisfied) };
}

/** Lower is better. */
const cost = (e: EvaluatedPattern) =>
  e.objective.sense === 'minimise' ? e.objective.value : -e.objective.value;

class Search {
  evaluations = 0;
  simulations = 0;
  private readonly memo = new Map<string, EvaluatedPattern | null>();
  /** The best weakest-contraction peak (target-force) or least fatigue (max-fti) seen, for error messages. */
  closest: { value: number; pattern: StimulationPattern } | null = null;

  constructor(private readonly problem: Problem) {}

  private run(pattern: StimulationPattern, tolerance: number): PatternOutcome {
    this.simulations += 1;
    return simulatePattern(this.problem.model, pattern, tolerance);
  }

  private noteClosest(pattern: StimulationPattern, outcome: PatternOutcome): void {
    const p = this.problem;
    const value =
      p.goal === 'target-force' ? outcome.minContractionPeakN : (outcome.fatigueDropPercent as number);
    const better =
      this.closest === null ||
      (p.goal === 'target-force' ? value > this.closest.value : value < this.closest.value);
    if (better) this.closest = { value, pattern };
  }

  /**
   * How far the goal's constraint is met, as a fraction (≥ 0: met with the search margin). Smooth in
   * the lever, so regula falsi can interpolate it.
   */
  private margin(outcome: PatternOutcome): number {
    const p = this.problem;
    return p.goal === 'target-force'
      ? outcome.minContractionPeakN / p.targetForceN - 1 - SEARCH_MARGIN
      : 1 - SEARCH_MARGIN - (outcome.fatigueDropPercent as number) / p.maxFatiguePercent;
  }

  /**
   * The lever on the constraint boundary for these settings, by regula falsi / bisection on the integer grid:
   * target-force wants the least value that meets the target, max-fti the most within the budget.
   * Null when no value in range meets the constraint.
   */
  evaluate(
    settings: Settings,
    guess?: number,
    tolerance = SEARCH_RELATIVE_TOLERANCE,
  ): EvaluatedPattern | null {
    const p = this.problem;
    const key = `${settings.frequencyHz}|${settings.onS}|${settings.offS}|${settings.doubletIntervalMs}|${tolerance}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.evaluations += 1;
    const lo = Math.ceil(p.leverRange.min);
    const hi = Math.floor(p.leverRange.max);
    const at = (value: number) => {
      const pattern = patternOf(p, settings, value);
      const outcome = this.run(pattern, tolerance);
      this.noteClosest(pattern, outcome);
      return { value, pattern, outcome, margin: this.margin(outcome) };
    };
    // target-force: the constraint holds at the top of the range if anywhere; max-fti: at the bottom.
    const [okEnd, failEnd] = p.goal === 'target-force' ? [hi, lo] : [lo, hi];
    const towardFail = Math.sign(failEnd - okEnd);
    type Point = ReturnType<typeof at>;
    let ok: Point | null = null;
    let fail: Point | null = null;
    if (guess !== undefined && okEnd !== failEnd) {
      // Warm start: from the lever of a nearby pattern, step outward (doubling) until the boundary is bracketed.
      const clampLever = (v: number) => Math.min(hi, Math.max(lo, Math.round(v)));
      const first = at(clampLever(guess));
      let step = 1;
      if (first.margin >= 0) {
        ok = first;
        while (ok.value !== failEnd) {
          const trial = at(clampLever(ok.value + towardFail * step));
          if (trial.margin < 0) {
            fail = trial;
            break;
          }
          ok = trial;
          step *= 2;
        }
      } else {
        fail = first;
        while (fail.value !== okEnd) {
          const trial = at(clampLever(fail.value - towardFail * step));
          if (trial.margin >= 0) {
            ok = trial;
            break;
          }
          fail = trial;
          step *= 2;
        }
        if (!ok) fail = null;
      }
    } else {
      const top = at(okEnd);
      if (top.margin >= 0) {
        ok = top;
        const bottom = okEnd === failEnd ? top : at(failEnd);
        if (bottom.margin >= 0) ok = bottom;
        else fail = bottom;
      }
    }
    if (ok && fail) {
      // Regula falsi on the integer grid, falling back to bisection whenever the bracket did not halve.
      let halved = true;
      while (Math.abs(ok.value - fail.value) > 1) {
        const width = Math.abs(ok.value - fail.value);
        const low = Math.min(ok.value, fail.value) + 1;
        const high = Math.max(ok.value, fail.value) - 1;
        let next = halved
          ? Math.round(fail.value + ((ok.value - fail.value) * fail.margin) / (fail.margin - ok.margin))
          : Math.round((ok.value + fail.value) / 2);
        next = Math.min(high, Math.max(low, next));
        const trial = at(next);
        if (trial.margin >= 0) ok = trial;
        else fail = trial;
        halved = Math.abs(ok.value - fail.value) <= width / 2;
      }
    }
    const found = ok;
    const evaluated = found ? assess(p, found.pattern, found.outcome) : null;
    this.memo.set(key, evaluated);
    return evaluated;
  }
}

function geometricGrid(min: number, max: number, count: number, step: number): number[] {
  const values = new Set<number>();
  for (let i = 0; i < count; i += 1) {
    const v = count === 1 ? min : min * (max / min) ** (i / (count - 1));
    values.add(Math.min(max, Math.max(min, roundTo(v, step))));
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * Chooses the stimulation pattern for `request` within its ranges. Throws InvalidInputError when the
 * goal cannot be met (naming the most that can be reached) or the request is malformed.
 */
export function optimiseStimulation(model: ForceModel, request: OptimisationRequest): OptimisationResult {
  const goal = request.goal;
  if (!OPTIMISATION_GOALS.includes(goal)) {
    throw new InvalidInputError(`unknown goal '${String(goal)}'; goals: ${OPTIMISATION_GOALS.join(', ')}`);
  }
  const contractions = requireFiniteInRange(
    'number of contractions',
    request.contractions,
    1,
    MAX_CONTRACTIONS,
  );
  if (!Number.isInteger(contractions)) {
    throw new InvalidInputError(`the number of contractions must be a whole number; got ${contractions}`);
  }
  const ranges = resolveRanges(request.ranges);
  const minimise = request.minimise ?? 'fatigue';
  if (!TARGET_OBJECTIVES.includes(minimise)) {
    throw new InvalidInputError(
      `unknown objective '${String(minimise)}'; choose ${TARGET_OBJECTIVES.join(' or ')}`,
    );
  }
  const needsFatigue = goal === 'max-fti' || minimise === 'fatigue';
  if (needsFatigue && !model.fatigue) {
    throw new InvalidInputError(
      `${goal === 'max-fti' ? 'the max-fti goal limits' : 'minimising fatigue needs'} the drop in A, which model ${model.id} does not simulate: use a fatigue model (e.g. ding2003-fatigue)${goal === 'target-force' ? ', or minimise charge' : ''}`,
    );
  }
  let targetForceN = Number.NaN;
  let maxFatiguePercent = Number.NaN;
  if (goal === 'target-force') {
    if (request.targetForceN === undefined)
      throw new InvalidInputError('the target-force goal needs a target force (N)');
    targetForceN = requireFiniteInRange('target force (N)', request.targetForceN, 0.001, 1e5);
  } else {
    if (request.maxFatiguePercent === undefined) {
      throw new InvalidInputError(
        'the max-fti goal needs a fatigue budget: the largest allowed drop in A (%)',
      );
    }
    maxFatiguePercent = requireFiniteInRange('fatigue budget (%)', request.maxFatiguePercent, 0.001, 99);
  }
  const lever = forceLever(model);
  const leverRange = ranges[lever];
  const resolution = RESOLUTION[lever];
  if (Math.ceil(leverRange.min / resolution) > Math.floor(leverRange.max / resolution)) {
    throw new InvalidInputError(`the ${lever} range holds no whole value`);
  }
  const problem: Problem = {
    model,
    goal,
    contractions,
    targetForceN,
    minimise,
    maxFatiguePercent,
    lever,
    leverRange,
    nominalPulseWidthUs: requireFiniteInRange(
      'nominal pulse width (µs)',
      request.nominalPulseWidthUs ?? NOMINAL_PULSE_WIDTH_US,
      1,
      2000,
    ),
    nominalIntensityMa: requireFiniteInRange(
      'nominal intensity (mA)',
      request.nominalIntensityMa ?? NOMINAL_INTENSITY_MA,
      1,
      250,
    ),
  };
  const search = new Search(problem);
  const offLow = (onS: number) => Math.max(ranges.offS.min ?? onS, 0);
  const snapOn = (v: number) =>
    Math.min(ranges.onS.max, Math.max(ranges.onS.min, roundTo(v, RESOLUTION.onS)));
  const snapOff = (v: number, onS: number) =>
    Math.min(ranges.offS.max, Math.max(offLow(onS), roundTo(v, RESOLUTION.offS)));
  const snapFrequency = (v: number) =>
    Math.min(ranges.frequencyHz.max, Math.max(ranges.frequencyHz.min, roundTo(v, RESOLUTION.frequencyHz)));
  const frequencyIsLever = lever === 'frequencyHz';
  const doublets: (number | null)[] = [null, ...ranges.doubletIntervalsMs];

  // A target beyond one fresh contraction at the strongest settings can never be met.
  if (goal === 'target-force') {
    let strongest = 0;
    let strongestPattern: StimulationPattern | null = null;
    for (const d of doublets) {
      const settings: Settings = {
        frequencyHz: Math.floor(ranges.frequencyHz.max),
        onS: ranges.onS.max,
        offS: Math.max(offLow(ranges.onS.max), 0),
        doubletIntervalMs: d,
      };
      const pattern = { ...patternOf(problem, settings, Math.floor(leverRange.max)), contractions: 1 };
      const peak = simulatePattern(model, pattern, SEARCH_RELATIVE_TOLERANCE).firstPeakN;
      search.simulations += 1;
      if (peak > strongest) {
        strongest = peak;
        strongestPattern = pattern;
      }
    }
    if (targetForceN > strongest * (1 - SEARCH_MARGIN)) {
      throw new InvalidInputError(
        `the target force ${targetForceN} N is beyond what model ${model.id} can reach within the allowed ranges: at most ${strongest.toFixed(1)} N (one fresh contraction at ${describePattern(strongestPattern as StimulationPattern, model)}); lower the target or widen the ranges`,
      );
    }
  }

  // Coarse grid. Frequency on a geometric grid (unless it is the lever), on at its least and most, off at its
  // least and most, each doublet; the conventional settings are added when allowed.
  const frequencies = frequencyIsLever
    ? [Math.floor(ranges.frequencyHz.max)]
    : geometricGrid(ranges.frequencyHz.min, ranges.frequencyHz.max, 5, RESOLUTION.frequencyHz);
  const ons = [
    ...new Set([ranges.onS.min, (ranges.onS.min + ranges.onS.max) / 2, ranges.onS.max].map(snapOn)),
  ];
  const candidates: Settings[] = [];
  for (const frequencyHz of frequencies)
    for (const doubletIntervalMs of doublets)
      for (const onS of ons)
        for (const offS of new Set([snapOff(offLow(onS), onS), snapOff(ranges.offS.max, onS)]))
          candidates.push({ frequencyHz, onS, offS, doubletIntervalMs });
  const conventionalSettings: Settings = {
    frequencyHz: CONVENTIONAL.frequencyHz,
    onS: CONVENTIONAL.onS,
    offS: CONVENTIONAL.offS,
    doubletIntervalMs: null,
  };
  const conventionalAllowed =
    CONVENTIONAL.frequencyHz >= ranges.frequencyHz.min &&
    CONVENTIONAL.frequencyHz <= ranges.frequencyHz.max &&
    CONVENTIONAL.onS >= ranges.onS.min &&
    CONVENTIONAL.onS <= ranges.onS.max &&
    CONVENTIONAL.offS >= offLow(CONVENTIONAL.onS) &&
    CONVENTIONAL.offS <= ranges.offS.max;
  if (conventionalAllowed && !frequencyIsLever) candidates.push(conventionalSettings);

  let best: { settings: Settings; evaluated: EvaluatedPattern } | null = null;
  const consider = (settings: Settings, warm: boolean): boolean => {
    if (search.evaluations >= MAX_EVALUATIONS) return false;
    const evaluated = search.evaluate(settings, warm ? best?.evaluated.pattern[lever] : undefined);
    if (!evaluated) return false;
    if (best === null || cost(evaluated) < cost(best.evaluated) - 1e-12 * Math.abs(cost(best.evaluated))) {
      best = { settings, evaluated };
      return true;
    }
    return false;
  };
  for (const settings of candidates) consider(settings, false);

  // Compass search with step halving down to the device resolution.
  const steps = {
    frequencyHz: frequencyIsLever
      ? 0
      : Math.max(RESOLUTION.frequencyHz, roundTo((ranges.frequencyHz.max - ranges.frequencyHz.min) / 8, 1)),
    onS: Math.max(RESOLUTION.onS, roundTo((ranges.onS.max - ranges.onS.min) / 4, RESOLUTION.onS)),
    offS: Math.max(RESOLUTION.offS, roundTo((ranges.offS.max - offLow(ranges.onS.min)) / 4, RESOLUTION.offS)),
  };
  while (best !== null && search.evaluations < MAX_EVALUATIONS) {
    const current: Settings = (best as { settings: Settings }).settings;
    const neighbours: Settings[] = [];
    for (const sign of [-1, 1]) {
      if (steps.frequencyHz > 0) {
        neighbours.push({
          ...current,
          frequencyHz: snapFrequency(current.frequencyHz + sign * steps.frequencyHz),
        });
      }
      const onS = snapOn(current.onS + sign * steps.onS);
      neighbours.push({ ...current, onS, offS: snapOff(current.offS, onS) });
      neighbours.push({ ...current, offS: snapOff(current.offS + sign * steps.offS, current.onS) });
    }
    for (const d of doublets)
      if (d !== current.doubletIntervalMs) neighbours.push({ ...current, doubletIntervalMs: d });
    let moved = false;
    for (const n of neighbours) {
      if (consider(n, true)) {
        moved = true;
        break;
      }
    }
    if (moved) continue;
    const atResolution =
      steps.frequencyHz <= RESOLUTION.frequencyHz &&
      steps.onS <= RESOLUTION.onS &&
      steps.offS <= RESOLUTION.offS;
    if (atResolution) break;
    steps.frequencyHz =
      steps.frequencyHz === 0 ? 0 : Math.max(RESOLUTION.frequencyHz, roundTo(steps.frequencyHz / 2, 1));
    steps.onS = Math.max(RESOLUTION.onS, roundTo(steps.onS / 2, RESOLUTION.onS));
    steps.offS = Math.max(RESOLUTION.offS, roundTo(steps.offS / 2, RESOLUTION.offS));
  }

  if (best === null) {
    const closest = search.closest;
    if (goal === 'target-force') {
      throw new InvalidInputError(
        `no pattern within the allowed ranges makes all ${contractions} contractions reach ${targetForceN} N: fatigue weakens the later ones; the best weakest contraction found reaches ${closest ? closest.value.toFixed(1) : 'n/a'} N${closest ? ` (${describePattern(closest.pattern, model)})` : ''}. Lower the target, use fewer contractions, or allow longer rests`,
      );
    }
    throw new InvalidInputError(
      `no pattern within the allowed ranges keeps the drop in A within ${maxFatiguePercent} %: the least found is ${closest ? closest.value.toFixed(2) : 'n/a'} %${closest ? ` (${describePattern(closest.pattern, model)})` : ''}. Raise the budget or use fewer contractions`,
    );
  }

  const chosen = verify(search, problem, (best as { settings: Settings }).settings);
  let conventional: EvaluatedPattern | null = null;
  let conventionalNote: string | null = null;
  if (frequencyIsLever) {
    // Ding 2003 has no other lever: the conventional programme is 30 Hz as it stands.
    const pattern = patternOf(problem, conventionalSettings, CONVENTIONAL.frequencyHz);
    search.simulations += 1;
    conventional = assess(problem, pattern, simulatePattern(model, pattern));
    if (!conventional.feasible) {
      conventionalNote = `the conventional programme does not meet the ${goal === 'target-force' ? 'target' : 'fatigue budget'} at 30 Hz`;
    }
  } else {
    const found = search.evaluate(conventionalSettings);
    if (found) conventional = verify(search, problem, conventionalSettings);
    else {
      conventionalNote = `no ${lever} within its range lets the conventional programme meet the ${goal === 'target-force' ? 'target' : 'fatigue budget'}`;
    }
  }
  if (conventional && !conventionalAllowed) {
    conventionalNote = `${conventionalNote ? `${conventionalNote}; ` : ''}the conventional programme lies outside the allowed ranges, so the search could not choose it`;
  }
  let improvement: OptimisationResult['improvement'] = null;
  if (conventional?.feasible) {
    const absolute = cost(conventional) - cost(chosen);
    improvement = { absolute, relative: absolute / Math.abs(conventional.objective.value) };
  }
  const notes: string[] = [];
  if (lever === 'frequencyHz') {
    notes.push(
      `Model ${model.id} has no pulse-width or intensity input: frequency is its only force lever, so it is set by the one-dimensional boundary search (regula falsi / bisection on whole Hz); width ${problem.nominalPulseWidthUs} µs and intensity ${problem.nominalIntensityMa} mA are nominal (charge accounting only).`,
    );
  } else {
    notes.push(
      `${lever === 'pulseWidthUs' ? 'Pulse width' : 'Intensity'} is the force lever, set by the one-dimensional boundary search (regula falsi / bisection on whole units); ${lever === 'pulseWidthUs' ? `intensity ${problem.nominalIntensityMa} mA` : `pulse width ${problem.nominalPulseWidthUs} µs`} is nominal (charge accounting only; the model does not use it).`,
    );
  }
  notes.push(
    'Fatigue is the drop in the force-scaling factor A at the end of the last contraction (+1 s); the model (Ding 2003 fatigue) drives it by force, so less force–time integral means less fatigue.',
  );
  return {
    goal,
    modelId: model.id,
    lever,
    chosen,
    conventional,
    conventionalNote,
    improvement,
    ranges: { ...ranges, offS: { min: ranges.offS.min ?? null, max: ranges.offS.max } },
    search: {
      method:
        'force lever on its boundary by regula falsi / bisection on its integer grid, inside a coarse grid then a compass search (step halving to device resolution) over frequency, on, off and doublet',
      evaluations: search.evaluations,
      simulations: search.simulations,
    },
    notes,
  };
}

/**
 * Re-simulates the settings at the default tolerance and, should the loose search tolerance have
 * left a constraint just unmet, steps the lever by one unit until it holds (at most a few steps).
 */
function verify(search: Search, problem: Problem, settings: Settings): EvaluatedPattern {
  const found = search.evaluate(settings) as EvaluatedPattern;
  let lever = found.pattern[problem.lever];
  const direction = problem.goal === 'target-force' ? 1 : -1;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const pattern = patternOf(problem, settings, lever);
    search.simulations += 1;
    const evaluated = assess(problem, pattern, simulatePattern(problem.model, pattern));
    const next = lever + direction * RESOLUTION[problem.lever];
    if (evaluated.feasible || next < problem.leverRange.min || next > problem.leverRange.max)
      return evaluated;
    lever = next;
  }
  return assess(
    problem,
    patternOf(problem, settings, lever),
    simulatePattern(problem.model, patternOf(problem, settings, lever)),
  );
}

export function describePattern(pattern: StimulationPattern, model: ForceModel): string {
  const parts = [`${pattern.frequencyHz} Hz`];
  if (model.pulseWidth) parts.push(`${pattern.pulseWidthUs} µs`);
  if (model.pulseAmplitude) parts.push(`${pattern.intensityMa} mA`);
  parts.push(`${pattern.onS} s on / ${pattern.offS} s off`);
  parts.push(
    pattern.doubletIntervalMs === null ? 'no doublet' : `${pattern.doubletIntervalMs} ms onset doublet`,
  );
  return parts.join(', ');
}
