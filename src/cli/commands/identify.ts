import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ForceModel } from '../../physiology/force/model.ts';
import { PROGRAMME_LIMITS } from '../../physiology/force/programme-train.ts';
import type { PulseTrain } from '../../physiology/force/pulse-train.ts';
import {
  defaultIdentifiedParameters,
  FATIGUE_PARAMETERS,
  type IdentifiableParameter,
  type IdentificationResult,
  PARAMETER_SPECS,
} from '../../physiology/identification/identify.ts';
import { identifyFromRecording, MIN_FATIGUE_RECORDING_S } from '../../recordings/identify-recording.ts';
import { type PrepareOptions, prepareRecording } from '../../recordings/prepare.ts';
import { readRecording } from '../../recordings/read.ts';
import { type RawRecording, RECORDING_FORMATS, RecordingFormatError } from '../../recordings/recording.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import { choice, optionalNumber, optionalString, UsageError } from '../options.ts';
import {
  MODEL_OPTIONS,
  MODEL_USAGE,
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

/** Reads a file named on the command line as bytes (a C3D file is binary). */
function readInputBytes(optionName: string, path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new UsageError(`--${optionName} ${path}: cannot read the file (${reason})`);
  }
}

const PROGRAMME_FLAGS = [
  'frequency',
  'on',
  'off',
  'repetitions',
  'ramp-up',
  'ramp-down',
  'doublet',
  'pulses',
];

/** The pulse train: from the trigger channel (each pulse at --pulse-width/--intensity), or from the programme flags. */
function pulseTrainFor(values: OptionValues, start: ForceModel, raw: RawRecording, prepare: PrepareOptions) {
  const trigger = optionalString(values, 'trigger');
  if (trigger === undefined) {
    const programme = trainFromOptions(values, start);
    const prepared = prepareRecording(raw, { ...prepare, pulseTimesS: programme.train.timesS });
    return { train: programme.train, prepared, pulsesFrom: 'programme' as const };
  }
  const clash = PROGRAMME_FLAGS.find((name) => values[name] !== undefined);
  if (clash) throw new UsageError(`--trigger gives the pulse times; do not combine it with --${clash}`);
  if (values.onset !== undefined)
    throw new UsageError('--trigger places the first pulse at 0; do not combine it with --onset');
  const prepared = prepareRecording(raw, { ...prepare, triggerChannel: trigger });
  const timesS = prepared.pulseTimesS as number[];
  const train: PulseTrain = { timesS };
  const width = optionalNumber(values, 'pulse-width', { ...PROGRAMME_LIMITS.pulseWidthUs, unit: 'µs' });
  const intensity = optionalNumber(values, 'intensity', { ...PROGRAMME_LIMITS.intensityMa, unit: 'mA' });
  if (start.pulseWidth && width === undefined) {
    throw new UsageError(`model ${start.id} needs the pulse width: give --pulse-width US with --trigger`);
  }
  if (start.pulseAmplitude && intensity === undefined) {
    throw new UsageError(`model ${start.id} needs the intensity: give --intensity MA with --trigger`);
  }
  if (width !== undefined) train.widthsUs = timesS.map(() => width);
  if (intensity !== undefined) train.intensitiesMa = timesS.map(() => intensity);
  return { train, prepared, pulsesFrom: 'trigger' as const };
}

function prepareOptions(values: OptionValues): PrepareOptions {
  const options: PrepareOptions = {};
  const forceChannel = optionalString(values, 'force-channel');
  if (forceChannel !== undefined) options.forceChannel = forceChannel;
  const forceUnit = optionalString(values, 'force-unit');
  if (forceUnit !== undefined) options.forceUnit = forceUnit;
  const scale = optionalNumber(values, 'force-scale', { min: 1e-9, max: 1e9, unit: 'N/V' });
  if (scale !== undefined) options.forceScaleNPerV = scale;
  const onset = optionalNumber(values, 'onset', { min: 0, max: 1e6, unit: 's' });
  if (onset !== undefined) options.onsetS = onset;
  if (values.cutoff === 'off') options.cutoffHz = 'off';
  else {
    const cutoff = optionalNumber(values, 'cutoff', { min: 0.1, max: 1e6, unit: 'Hz' });
    if (cutoff !== undefined) options.cutoffHz = cutoff;
  }
  return options;
}

export const identifyCommand: Command = {
  name: 'identify',
  summary: [
    "Fit a person's force-model parameters (or, with --fatigue, the fatigue coefficients) to a force recording.",
    'The recording is a CSV/TSV with a heading row, an OpenSim .sto/.mot or a C3D file (analog channels). It is',
    'resampled to a uniform rate, its offset (and drift) removed, and low-pass filtered at 100 Hz (zero phase) unless',
    '--cutoff says otherwise. Pulses come from --trigger CHANNEL, or from the programme flags starting at --onset S.',
    `Fatigue needs at least ${MIN_FATIGUE_RECORDING_S} s of recording; parameters the recording cannot determine are held and reported as undetermined.`,
  ].join('\n'),
  usage: [
    `identify ${MODEL_USAGE} --recording FILE [--format ${RECORDING_FORMATS.join('|')}]`,
    `     (--trigger CHANNEL [--pulse-width US] [--intensity MA] | ${TRAIN_USAGE} [--onset S])`,
    '     [--force-channel CHANNEL] [--force-unit N|kN|kgf|lbf|Nm…] [--force-scale N_PER_V] [--rate HZ] [--cutoff HZ|off]',
    '     [--fatigue [--refit-base]] [--hold NAMES] [--json]',
  ],
  options: {
    ...MODEL_OPTIONS,
    ...TRAIN_OPTIONS,
    ...declareOptions(
      [
        'recording',
        'format',
        'trigger',
        'onset',
        'force-channel',
        'force-unit',
        'force-scale',
        'rate',
        'cutoff',
        'hold',
      ],
      ['fatigue', 'refit-base'],
    ),
  },
  run(values) {
    const start = modelFromOptions(values);
    const file = optionalString(values, 'recording');
    if (file === undefined) {
      throw new UsageError(
        `--recording FILE is required: a force recording (${RECORDING_FORMATS.join(', ')}), e.g. a CSV with header t,force (seconds, newtons)`,
      );
    }
    const format = values.format === undefined ? undefined : choice(values, 'format', RECORDING_FORMATS);
    const rate = optionalNumber(values, 'rate', { min: 0.1, max: 1e6, unit: 'Hz' });
    const bytes = readInputBytes('recording', file);
    const importStarted = performance.now();
    let raw: RawRecording;
    try {
      raw = readRecording(bytes, {
        fileName: file,
        ...(format !== undefined ? { format } : {}),
        ...(rate !== undefined ? { sampleRateHz: rate } : {}),
      });
    } catch (error) {
      if (error instanceof RecordingFormatError)
        throw new UsageError(`--recording ${file}: ${error.message}`);
      throw error;
    }
    const { train, prepared, pulsesFrom } = pulseTrainFor(values, start, raw, prepareOptions(values));
    const importMs = performance.now() - importStarted;
    const fatigue = values.fatigue === true;
    const refitBase = values['refit-base'] === true;
    if (refitBase && !fatigue)
      throw new UsageError('--refit-base goes with --fatigue (the base is always fitted without it)');
    const baseNames = defaultIdentifiedParameters(start);
    const candidates = fatigue ? [...(refitBase ? baseNames : []), ...FATIGUE_PARAMETERS] : baseNames;
    const held = heldParameters(values, candidates);
    const started = performance.now();
    const { result, undetermined } = identifyFromRecording(start, train, prepared, {
      fatigue,
      refitBase,
      hold: held,
    });
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
      pulses: train.timesS.length,
      recording: {
        file,
        format: raw.format,
        pulsesFrom,
        samples: prepared.force.timesS.length,
        channels: raw.channels.map((c) => ({ label: c.label, unit: c.unit, unitInFile: c.unitInFile })),
        processing: prepared.processing,
        notes: prepared.notes,
        importMs,
      },
      ...identificationJson(result),
      undetermined: undetermined.map((u) => ({ ...u, value: null })),
      elapsedMs,
    };
    const lines = [
      `${fatigue ? (refitBase ? 'base and fatigue parameters' : 'fatigue coefficients') : 'force parameters'} of ${start.id} fitted to ${prepared.force.timesS.length} samples in ${elapsedMs.toFixed(1)} ms (${result.iterations} iterations, ${result.converged ? 'converged' : 'NOT converged'}: ${result.reason})`,
      `recording: ${raw.format} '${prepared.processing.forceChannel}' (${prepared.processing.forceUnit}) at ${prepared.processing.sampleRateHz.toPrecision(6)} Hz, ${train.timesS.length} pulses from the ${pulsesFrom}, ${prepared.processing.cutoffHz === null ? 'not filtered' : `low-pass ${prepared.processing.cutoffHz.toPrecision(4)} Hz zero phase`}`,
      ...result.parameters.map(
        (p) =>
          `  ${p.symbol.padEnd(5)} ${p.value.toPrecision(6).padStart(12)} ${p.unit.padEnd(8)} ± ${Number.isFinite(p.standardError) ? p.standardError.toPrecision(3) : 'undetermined'}${Number.isFinite(p.relativeStandardError) ? ` (${(100 * p.relativeStandardError).toFixed(1)} %)` : ''}${p.atBound ? '  [at bound]' : ''}`,
      ),
      ...undetermined.map(
        (u) => `  ${u.symbol.padEnd(5)} ${'undetermined'.padStart(12)}  (held at ${u.heldAt}: ${u.reason})`,
      ),
      `residual: RMS ${result.residual.rmsN.toPrecision(4)} N (${(100 * result.residual.relativeToPeak).toFixed(2)} % of the peak recorded force)`,
      ...(result.poorlyDetermined.length > 0
        ? ['poorly determined:', ...result.poorlyDetermined.map((p) => `  ${p.reason}`)]
        : ['every reported parameter is well determined by this recording']),
      ...prepared.notes.map((note) => `recording: ${note}`),
      ...result.notes.map((note) => `note: ${note}`),
      'use --json for the complete model (simulate --parameters accepts that output)',
    ];
    return { json, text: lines.join('\n') };
  },
};
