import { performance } from 'node:perf_hooks';
import {
  defaultIdentifiedParameters,
  FATIGUE_PARAMETERS,
  type IdentifiableParameter,
  type IdentificationResult,
  identifyForceModel,
  PARAMETER_SPECS,
} from '../../physiology/identification/identify.ts';
import { identifyFatigue } from '../../physiology/identification/identify-fatigue.ts';
import type { Command, OptionValues } from '../command.ts';
import { readNumericCsv } from '../csv.ts';
import { optionalString, readInputFile, UsageError } from '../options.ts';
import {
  MODEL_OPTIONS,
  modelFromOptions,
  TRAIN_OPTIONS,
  TRAIN_USAGE,
  trainFromOptions,
} from '../train-options.ts';

/** JSON has no NaN: an undetermined number is printed as null. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function heldParameters(
  values: OptionValues,
  fitted: readonly IdentifiableParameter[],
): IdentifiableParameter[] {
  const raw = optionalString(values, 'hold');
  if (raw === undefined) return [];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(fitted as readonly string[]).includes(name)) {
      throw new UsageError(`--hold: '${name}' is not fitted here; choose from ${fitted.join(', ')}`);
    }
  }
  if (names.length >= fitted.length)
    throw new UsageError('--hold: at least one parameter must remain to fit');
  return names as IdentifiableParameter[];
}

export function identificationJson(result: IdentificationResult) {
  const names = result.parameters.map((p) => p.name);
  return {
    parameters: Object.fromEntries(
      result.parameters.map((p) => [
        p.name,
        {
          symbol: p.symbol,
          unit: p.unit,
          value: p.value,
          initial: p.initial,
          lower: p.lower,
          upper: p.upper,
          atBound: p.atBound,
        },
      ]),
    ),
    standardErrors: Object.fromEntries(result.parameters.map((p) => [p.name, finiteOrNull(p.standardError)])),
    relativeStandardErrors: Object.fromEntries(
      result.parameters.map((p) => [p.name, finiteOrNull(p.relativeStandardError)]),
    ),
    correlations: {
      parameters: names,
      matrix: result.correlations.map((row) => row.map(finiteOrNull)),
    },
    residual: result.residual,
    iterations: result.iterations,
    converged: result.converged,
    reason: result.reason,
    poorlyDetermined: result.poorlyDetermined,
    notes: result.notes,
    model: result.model,
  };
}

export const identifyCommand: Command = {
  name: 'identify',
  summary:
    "Fit a person's force-model parameters (or, with --fatigue, the fatigue coefficients) to a force recording.",
  usage: [
    `identify (--model ding2003|ding2003-fatigue|ding2007|ding2007-fatigue|hmed2018|hmed2018-fatigue | --parameters FILE) --recording FILE ${TRAIN_USAGE} [--fatigue [--refit-base]] [--hold NAMES] [--json]`,
  ],
  options: {
    ...MODEL_OPTIONS,
    ...TRAIN_OPTIONS,
    recording: { type: 'string' },
    fatigue: { type: 'boolean' },
    'refit-base': { type: 'boolean' },
    hold: { type: 'string' },
  },
  run(values) {
    const start = modelFromOptions(values);
    const file = optionalString(values, 'recording');
    if (file === undefined) {
      throw new UsageError('--recording FILE is required: a CSV with header t,force (seconds, newtons)');
    }
    const columns = readNumericCsv(`--recording ${file}`, readInputFile('recording', file), {
      required: ['t', 'force'],
    });
    const recording = { timesS: columns.t as number[], forceN: columns.force as number[] };
    const programme = trainFromOptions(values, start);
    const fatigue = values.fatigue === true;
    const refitBase = values['refit-base'] === true;
    if (refitBase && !fatigue)
      throw new UsageError('--refit-base goes with --fatigue (the base is always fitted without it)');
    const baseNames = defaultIdentifiedParameters(start);
    const candidates = fatigue ? [...(refitBase ? baseNames : []), ...FATIGUE_PARAMETERS] : baseNames;
    const held = heldParameters(values, candidates);
    const parameters = candidates.filter((name) => !held.includes(name));
    const started = performance.now();
    const result = fatigue
      ? identifyFatigue(start, programme.train, recording, {
          parameters: parameters.filter((name) => FATIGUE_PARAMETERS.includes(name)),
          refitBase,
          holdBase: held,
        })
      : identifyForceModel(start, programme.train, recording, { parameters });
    const elapsedMs = performance.now() - started;
    if (held.length > 0) {
      result.notes.unshift(
        `Held at the start model's values on request: ${held.map((name) => PARAMETER_SPECS[name].symbol).join(', ')}.`,
      );
    }
    const json = {
      fitted: fatigue ? 'fatigue' : 'force',
      startModel: start.id,
      held: fatigue
        ? refitBase
          ? `base parameters fitted jointly with αA, ατ1, αKm, τfat${held.length > 0 ? `; held: ${held.join(', ')}` : ''}`
          : 'base parameters (A, τ1, τ2, Km and any width/intensity parameters) held at the given model; only αA, ατ1, αKm, τfat fitted'
        : held.length > 0
          ? `held at the given model: ${held.join(', ')}`
          : 'none of the identifiable parameters held; τc and R0 offset are never fitted',
      pulses: programme.train.timesS.length,
      ...identificationJson(result),
      elapsedMs,
    };
    const lines = [
      `${fatigue ? (refitBase ? 'base and fatigue parameters' : 'fatigue coefficients') : 'force parameters'} of ${start.id} fitted to ${recording.timesS.length} samples in ${elapsedMs.toFixed(1)} ms (${result.iterations} iterations, ${result.converged ? 'converged' : 'NOT converged'}: ${result.reason})`,
      ...result.parameters.map(
        (p) =>
          `  ${p.symbol.padEnd(5)} ${p.value.toPrecision(6).padStart(12)} ${p.unit.padEnd(8)} ± ${Number.isFinite(p.standardError) ? p.standardError.toPrecision(3) : 'undetermined'}${Number.isFinite(p.relativeStandardError) ? ` (${(100 * p.relativeStandardError).toFixed(1)} %)` : ''}${p.atBound ? '  [at bound]' : ''}`,
      ),
      `residual: RMS ${result.residual.rmsN.toPrecision(4)} N (${(100 * result.residual.relativeToPeak).toFixed(2)} % of the peak recorded force)`,
      ...(result.poorlyDetermined.length > 0
        ? ['poorly determined:', ...result.poorlyDetermined.map((p) => `  ${p.reason}`)]
        : ['every fitted parameter is well determined by this recording']),
      ...result.notes.map((note) => `note: ${note}`),
      'use --json for the complete model (simulate --parameters accepts that output)',
    ];
    return { json, text: lines.join('\n') };
  },
};
