import { performance } from 'node:perf_hooks';
import { MAX_RMS_CURRENT_MA, rmsCurrentMa } from '../../clinic/safety/output-safety.ts';
import type { ForceModel } from '../../physiology/force/model.ts';
import {
  CLINICAL_DEFAULT_RANGES,
  describePattern,
  type EvaluatedPattern,
  OPTIMISATION_GOALS,
  type OptimisationRanges,
  optimiseStimulation,
  type SettingRange,
  TARGET_OBJECTIVES,
} from '../../physiology/optimisation/optimise.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import { choice, optionalNumber, optionalString, UsageError } from '../options.ts';
import { MODEL_OPTIONS, modelFromOptions } from '../train-options.ts';

const RANGE_OPTIONS = [
  ['frequency', 'frequencyHz', 'Hz', 1, 200],
  ['pulse-width', 'pulseWidthUs', 'µs', 10, 2000],
  ['intensity', 'intensityMa', 'mA', 1, 250],
  ['on', 'onS', 's', 0.5, 60],
] as const;

function rangesFromOptions(values: OptionValues): Partial<OptimisationRanges> {
  const ranges: Partial<OptimisationRanges> = {};
  for (const [flag, key, unit, min, max] of RANGE_OPTIONS) {
    const low = optionalNumber(values, `${flag}-min`, { min, max, unit });
    const high = optionalNumber(values, `${flag}-max`, { min, max, unit });
    if (low !== undefined || high !== undefined) {
      const defaults = CLINICAL_DEFAULT_RANGES[key] as SettingRange;
      ranges[key] = { min: low ?? defaults.min, max: high ?? defaults.max };
    }
  }
  const offMin = optionalNumber(values, 'off-min', { min: 0, max: 600, unit: 's' });
  const offMax = optionalNumber(values, 'off-max', { min: 0, max: 600, unit: 's' });
  if (offMin !== undefined || offMax !== undefined) {
    ranges.offS = {
      ...(offMin !== undefined ? { min: offMin } : {}),
      max: offMax ?? CLINICAL_DEFAULT_RANGES.offS.max,
    };
  }
  const doublet = optionalString(values, 'doublet');
  if (doublet !== undefined) {
    if (doublet === 'none') ranges.doubletIntervalsMs = [];
    else {
      ranges.doubletIntervalsMs = doublet.split(',').map((raw) => {
        const value = Number(raw.trim());
        if (raw.trim() === '' || !Number.isFinite(value) || value < 1 || value > 50) {
          throw new UsageError(
            `--doublet must be 'none' or intervals from 1 to 50 ms separated by commas; got '${doublet}'`,
          );
        }
        return value;
      });
    }
  }
  return ranges;
}

/** I_rms of the pattern (biphasic rectangular pulses at the mean pulse rate while on), for the output-safety limit. */
function outputSafety(e: EvaluatedPattern) {
  const { pattern, outcome } = e;
  const pulsesPerSecondOn = outcome.pulses / (pattern.contractions * pattern.onS);
  const rms = rmsCurrentMa({
    peakCurrentMa: pattern.intensityMa,
    phaseWidthUs: pattern.pulseWidthUs,
    frequencyHz: pulsesPerSecondOn,
    pulseShape: 'rectangular',
    phasesPerPulse: 2,
  });
  return { rmsCurrentMa: rms, limitMa: MAX_RMS_CURRENT_MA, withinLimit: rms <= MAX_RMS_CURRENT_MA };
}

function patternJson(e: EvaluatedPattern, model: ForceModel) {
  const { pattern, outcome } = e;
  return {
    pattern: {
      frequencyHz: pattern.frequencyHz,
      pulseWidthUs: pattern.pulseWidthUs,
      intensityMa: pattern.intensityMa,
      onS: pattern.onS,
      offS: pattern.offS,
      doubletIntervalMs: pattern.doubletIntervalMs,
      contractions: pattern.contractions,
      description: describePattern(pattern, model),
    },
    objective: e.objective,
    constraints: e.constraints,
    feasible: e.feasible,
    result: {
      minContractionPeakN: outcome.minContractionPeakN,
      firstPeakN: outcome.firstPeakN,
      lastPeakN: outcome.lastPeakN,
      forceTimeIntegralNs: outcome.forceTimeIntegralNs,
      fatigueDropPercent: outcome.fatigueDropPercent,
      fatigueIndex: Number.isFinite(outcome.fatigueIndex) ? outcome.fatigueIndex : null,
      chargeUc: outcome.chargeUc,
      pulses: outcome.pulses,
      sessionS: outcome.sessionS,
      contractions: outcome.contractions,
    },
    outputSafety: outputSafety(e),
  };
}

export const optimiseCommand: Command = {
  name: 'optimise',
  summary:
    'Choose frequency, pulse width or intensity, on/off and onset doublet for a goal, and compare with a conventional 30 Hz programme.',
  usage: [
    'optimise (--model ding2003-fatigue|ding2007-fatigue|hmed2018-fatigue|… | --parameters FILE) --goal target-force --target-force N [--minimise fatigue|charge] [--contractions N] [ranges] [--json]',
    'optimise (--model M | --parameters FILE) --goal max-fti --max-fatigue PERCENT [--contractions N] [ranges] [--json]',
    'ranges: [--frequency-min HZ] [--frequency-max HZ] [--pulse-width-min US] [--pulse-width-max US] [--intensity-min MA] [--intensity-max MA] [--on-min S] [--on-max S] [--off-min S] [--off-max S] [--doublet MS[,MS]|none] [--nominal-pulse-width US] [--nominal-intensity MA]',
  ],
  options: {
    ...MODEL_OPTIONS,
    ...declareOptions([
      'goal',
      'target-force',
      'minimise',
      'max-fatigue',
      'contractions',
      ...RANGE_OPTIONS.flatMap(([flag]) => [`${flag}-min`, `${flag}-max`]),
      'off-min',
      'off-max',
      'doublet',
      'nominal-pulse-width',
      'nominal-intensity',
    ]),
  },
  run(values) {
    const model = modelFromOptions(values);
    const goal = choice(values, 'goal', OPTIMISATION_GOALS);
    const contractions = optionalNumber(values, 'contractions', { min: 1, max: 200, integer: true }) ?? 10;
    const targetForceN = optionalNumber(values, 'target-force', { min: 0.001, max: 1e5, unit: 'N' });
    const maxFatiguePercent = optionalNumber(values, 'max-fatigue', { min: 0.001, max: 99, unit: '%' });
    if (goal === 'target-force' && targetForceN === undefined) {
      throw new UsageError(
        '--goal target-force needs --target-force N (newtons each contraction must reach)',
      );
    }
    if (goal === 'max-fti' && maxFatiguePercent === undefined) {
      throw new UsageError('--goal max-fti needs --max-fatigue PERCENT (the largest allowed drop in A)');
    }
    const minimise = choice(values, 'minimise', TARGET_OBJECTIVES, 'fatigue');
    const nominalPulseWidthUs = optionalNumber(values, 'nominal-pulse-width', {
      min: 1,
      max: 2000,
      unit: 'µs',
    });
    const nominalIntensityMa = optionalNumber(values, 'nominal-intensity', { min: 1, max: 250, unit: 'mA' });
    const started = performance.now();
    const result = optimiseStimulation(model, {
      goal,
      contractions,
      minimise,
      ranges: rangesFromOptions(values),
      ...(targetForceN !== undefined ? { targetForceN } : {}),
      ...(maxFatiguePercent !== undefined ? { maxFatiguePercent } : {}),
      ...(nominalPulseWidthUs !== undefined ? { nominalPulseWidthUs } : {}),
      ...(nominalIntensityMa !== undefined ? { nominalIntensityMa } : {}),
    });
    const elapsedMs = performance.now() - started;
    const json = {
      goal,
      model: model.id,
      lever: result.lever,
      ...(goal === 'target-force' ? { targetForceN, minimise } : { maxFatiguePercent }),
      contractions,
      chosen: patternJson(result.chosen, model),
      conventional: result.conventional ? patternJson(result.conventional, model) : null,
      conventionalNote: result.conventionalNote,
      improvement: result.improvement,
      ranges: result.ranges,
      search: result.search,
      notes: result.notes,
      elapsedMs,
    };
    const row = (label: string, e: EvaluatedPattern | null, pick: (e: EvaluatedPattern) => string) =>
      `  ${label.padEnd(28)} ${(e ? pick(result.chosen) : '').padEnd(16)} ${e ? pick(e) : 'n/a'}`;
    const conventional = result.conventional;
    const o = result.chosen.objective;
    const lines = [
      `${goal} with ${model.id}, ${contractions} contractions: ${o.name} ${o.value.toPrecision(5)} ${o.unit} (${o.sense})`,
      `chosen:       ${describePattern(result.chosen.pattern, model)}`,
      `conventional: ${conventional ? describePattern(conventional.pattern, model) : 'n/a'}${result.conventionalNote ? ` (${result.conventionalNote})` : ''}`,
      `  ${''.padEnd(28)} ${'chosen'.padEnd(16)} conventional`,
      row(`${o.name} (${o.unit})`, conventional, (e) => e.objective.value.toPrecision(5)),
      row('weakest peak (N)', conventional, (e) => e.outcome.minContractionPeakN.toFixed(1)),
      row('force–time integral (N·s)', conventional, (e) => e.outcome.forceTimeIntegralNs.toFixed(1)),
      row('drop in A (%)', conventional, (e) =>
        e.outcome.fatigueDropPercent === null ? 'n/a' : e.outcome.fatigueDropPercent.toFixed(2),
      ),
      row('charge (µC)', conventional, (e) => e.outcome.chargeUc.toFixed(0)),
      row('constraints met', conventional, (e) => (e.feasible ? 'yes' : 'NO')),
      ...result.chosen.constraints.map(
        (c) =>
          `constraint: ${c.name} ${c.value.toPrecision(5)} ${c.relation} ${c.limit} ${c.unit}: ${c.satisfied ? 'met' : 'NOT met'}`,
      ),
      result.improvement
        ? `improvement over the conventional programme: ${(100 * result.improvement.relative).toFixed(1)} %`
        : 'no improvement figure: the conventional programme does not meet the goal',
      `search: ${result.search.evaluations} setting combinations, ${result.search.simulations} simulations, ${elapsedMs.toFixed(0)} ms`,
      ...result.notes.map((note) => `note: ${note}`),
    ];
    return { json, text: lines.join('\n') };
  },
};
