import { FORCE_MODELS, type ForceModel, MODEL_IDS, validateForceModel } from '../physiology/force/model.ts';
import {
  buildProgrammeTrain,
  PROGRAMME_LIMITS,
  type ProgrammeTrain,
} from '../physiology/force/programme-train.ts';
import { declareOptions, type OptionValues } from './command.ts';
import { readNumericCsv } from './csv.ts';
import {
  choice,
  optionalNumber,
  optionalString,
  readInputFile,
  readJsonFile,
  UsageError,
} from './options.ts';

/** The flags that describe a pulse train as a programme; a `--pulses` file replaces them all. */
const PROGRAMME_FLAGS = [
  'frequency',
  'on',
  'off',
  'repetitions',
  'pulse-width',
  'intensity',
  'ramp-up',
  'ramp-down',
  'doublet',
] as const;

/** The options that describe a pulse train, shared by simulate and identify. */
export const TRAIN_OPTIONS = declareOptions([...PROGRAMME_FLAGS, 'end', 'pulses']);

export const MODEL_OPTIONS = declareOptions(['model', 'parameters']);

export const MODEL_USAGE = `(--model ${MODEL_IDS.join('|')} | --parameters FILE)`;

export const TRAIN_USAGE =
  '(--frequency HZ --on S --off S --repetitions N [--pulse-width US] [--intensity MA] [--ramp-up S] [--ramp-down S] [--doublet MS] | --pulses FILE) [--end S]';

/**
 * A pulse starting after a pause at least this long opens a new contraction in a `--pulses` file:
 * longer than the gap between pulses of any tetanic train (4 Hz and up), shorter than any rest.
 */
export const CONTRACTION_GAP_S = 0.25;

/**
 * The force model in the JSON file named by `--optionName`: the output of `identify --json` holds it
 * under `model`; a bare model stands as it is. Not yet validated.
 */
export function readModelFile(optionName: string, path: string, notJson: string): unknown {
  const parsed = readJsonFile(optionName, path, () => notJson);
  return typeof parsed === 'object' && parsed !== null && 'model' in parsed
    ? (parsed as { model: unknown }).model
    : parsed;
}

/** The model named by --model, or the one in a --parameters file (e.g. from `identify`). */
export function modelFromOptions(values: OptionValues): ForceModel {
  const file = optionalString(values, 'parameters');
  if (file !== undefined) {
    if (values.model !== undefined) {
      throw new UsageError('give either --model or --parameters, not both');
    }
    return validateForceModel(readModelFile('parameters', file, 'not valid JSON'));
  }
  return FORCE_MODELS[choice(values, 'model', MODEL_IDS)];
}

/** The pulse train from either the programme flags or a --pulses CSV file. */
export function trainFromOptions(values: OptionValues, model: ForceModel): ProgrammeTrain {
  const end = optionalNumber(values, 'end', { ...PROGRAMME_LIMITS.endS, unit: 's' });
  const file = optionalString(values, 'pulses');
  if (file !== undefined) {
    const clash = PROGRAMME_FLAGS.find((name) => values[name] !== undefined);
    if (clash) throw new UsageError(`--pulses gives the whole train; do not combine it with --${clash}`);
    const columns = readNumericCsv(`--pulses ${file}`, readInputFile('pulses', file), {
      required: ['time_s'],
      optional: ['width_us', 'intensity_ma'],
    });
    const timesS = columns.time_s as number[];
    const contractionStartsS = [0];
    for (let i = 1; i < timesS.length; i += 1) {
      if ((timesS[i] as number) - (timesS[i - 1] as number) >= CONTRACTION_GAP_S)
        contractionStartsS.push(timesS[i] as number);
    }
    const last = timesS[timesS.length - 1] ?? 0;
    const train: ProgrammeTrain['train'] = { timesS };
    if (columns.width_us) train.widthsUs = columns.width_us;
    if (columns.intensity_ma) train.intensitiesMa = columns.intensity_ma;
    return { train, contractionStartsS, endS: end ?? last + 1 };
  }
  const frequencyHz = optionalNumber(values, 'frequency', { ...PROGRAMME_LIMITS.frequencyHz, unit: 'Hz' });
  const onS = optionalNumber(values, 'on', { ...PROGRAMME_LIMITS.onS, unit: 's' });
  const offS = optionalNumber(values, 'off', { ...PROGRAMME_LIMITS.offS, unit: 's' });
  const repetitions = optionalNumber(values, 'repetitions', {
    ...PROGRAMME_LIMITS.repetitions,
    integer: true,
  });
  if (frequencyHz === undefined || onS === undefined || offS === undefined || repetitions === undefined) {
    throw new UsageError(
      'describe the train with --frequency, --on, --off and --repetitions, or give --pulses FILE',
    );
  }
  const description: Parameters<typeof buildProgrammeTrain>[0] = { frequencyHz, onS, offS, repetitions };
  const width = optionalNumber(values, 'pulse-width', { ...PROGRAMME_LIMITS.pulseWidthUs, unit: 'µs' });
  const intensity = optionalNumber(values, 'intensity', { ...PROGRAMME_LIMITS.intensityMa, unit: 'mA' });
  const rampUp = optionalNumber(values, 'ramp-up', { min: 0, max: onS, unit: 's' });
  const rampDown = optionalNumber(values, 'ramp-down', { min: 0, max: onS, unit: 's' });
  const doublet = optionalNumber(values, 'doublet', { min: 0.1, max: 1000, unit: 'ms' });
  if (width !== undefined) description.pulseWidthUs = width;
  if (intensity !== undefined) description.intensityMa = intensity;
  if (rampUp !== undefined) description.rampUpS = rampUp;
  if (rampDown !== undefined) description.rampDownS = rampDown;
  if (doublet !== undefined) description.doubletIntervalMs = doublet;
  if (end !== undefined) description.endS = end;
  return buildProgrammeTrain(description, model);
}
