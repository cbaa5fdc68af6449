import { trajectoryAlerts } from '../../physiology/trajectory/alerts.ts';
import {
  compareScenarios,
  type ForecastInput,
  forecastMuscle,
  MAX_AGE_YEARS,
  MAX_FORECAST_DAYS,
  MAX_NMES_MINUTES_PER_SESSION,
  MAX_NMES_SESSIONS_PER_DAY,
  MIN_AGE_YEARS,
} from '../../physiology/trajectory/forecast.ts';
import { MEASUREMENT_KINDS, type PatientMeasurement } from '../../physiology/trajectory/measurement.ts';
import {
  DEFAULT_EXERCISE_LOAD,
  DEFAULT_EXERCISE_SESSIONS_PER_WEEK,
  EXERCISE_LOADS,
  MAX_EXERCISE_SESSIONS_PER_WEEK,
  MAX_PROTEIN_G_PER_KG,
  MIN_EXERCISE_SESSIONS_PER_WEEK,
  SEXES,
  TRAJECTORY_MUSCLES,
  TRAJECTORY_SCENARIOS,
} from '../../physiology/trajectory/parameters.ts';
import { parseStudies } from '../../physiology/trajectory/studies.ts';
import {
  type BeforeValidation,
  compareWithBefore,
  summarise,
  VALIDATION_GOALS,
  validateArms,
} from '../../physiology/trajectory/validation.ts';
import { type Command, type CommandOutput, declareOptions } from '../command.ts';
import {
  choice,
  optionalNumber,
  optionalString,
  readInputFile,
  requiredNumber,
  UsageError,
} from '../options.ts';
import { packageFile } from '../package-files.ts';

const MEASUREMENTS_FORMAT = `CSV with a header naming day,kind,value,baseline (kind: ${MEASUREMENT_KINDS.join(', ')}; value and baseline in the same unit), or a JSON array of {day, kind, value, baseline}`;

/** Reads a measurements file: CSV (header day,kind,value,baseline in any order) or a JSON array. */
export function parseMeasurements(text: string, path: string): PatientMeasurement[] {
  const trimmed = text.trim();
  const bad = (detail: string): never => {
    throw new UsageError(`--measurements ${path}: ${detail}; expected ${MEASUREMENTS_FORMAT}`);
  };
  let records: Record<string, unknown>[];
  if (trimmed.startsWith('[')) {
    try {
      records = JSON.parse(trimmed);
    } catch {
      return bad('not valid JSON');
    }
    if (!Array.isArray(records) || records.some((r) => typeof r !== 'object' || r === null)) {
      return bad('the JSON is not an array of objects');
    }
  } else {
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
    for (const name of ['day', 'kind', 'value', 'baseline']) {
      if (!header.includes(name)) bad(`the header lacks '${name}'`);
    }
    records = lines.slice(1).map((line, i) => {
      const cells = line.split(',').map((c) => c.trim());
      if (cells.length !== header.length)
        bad(`line ${i + 2} has ${cells.length} fields, the header ${header.length}`);
      return Object.fromEntries(header.map((h, j) => [h, cells[j]]));
    });
  }
  if (records.length === 0) bad('no measurements');
  return records.map((r, i) => {
    const number = (key: string): number => {
      const raw = r[key];
      const value =
        typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(value)) bad(`measurement ${i + 1}: ${key} '${String(raw)}' is not a number`);
      return value;
    };
    const kind = String(r.kind ?? '');
    if (!(MEASUREMENT_KINDS as readonly string[]).includes(kind)) {
      bad(`measurement ${i + 1}: kind '${kind}' is not one of ${MEASUREMENT_KINDS.join(', ')}`);
    }
    return {
      day: number('day'),
      kind: kind as PatientMeasurement['kind'],
      value: number('value'),
      baseline: number('baseline'),
    };
  });
}

export const forecastCommand: Command = {
  name: 'forecast',
  summary:
    'Forecast muscle size (% change from baseline, daily, with an 80 % band) under a disuse scenario and treatment.',
  usage: [
    `forecast --scenario ${TRAJECTORY_SCENARIOS.join('|')} --days D(1–${MAX_FORECAST_DAYS}) [--muscle ${TRAJECTORY_MUSCLES.join('|')}] [--age Y] [--sex male|female] [--nmes SESSIONS_PER_DAY] [--nmes-minutes M] [--nmes-force PCT_MVC(0–100)] [--neurogenic] [--exercise] [--exercise-sessions PER_WEEK(${MIN_EXERCISE_SESSIONS_PER_WEEK}–${MAX_EXERCISE_SESSIONS_PER_WEEK}, default ${DEFAULT_EXERCISE_SESSIONS_PER_WEEK})] [--exercise-load ${EXERCISE_LOADS.join('|')}(default ${DEFAULT_EXERCISE_LOAD})] [--protein G_PER_KG] [--remobilise-at DAY] [--measurements FILE] [--json]`,
    'forecast --validate [--json]   (leave-one-study-out validation against the calibration set, before and after)',
  ],
  options: declareOptions(
    [
      'scenario',
      'days',
      'muscle',
      'age',
      'sex',
      'nmes',
      'nmes-minutes',
      'nmes-force',
      'exercise-sessions',
      'exercise-load',
      'protein',
      'remobilise-at',
      'measurements',
    ],
    ['neurogenic', 'exercise', 'validate'],
  ),
  run(values) {
    if (values.validate === true) return validation();
    const scenario = choice(values, 'scenario', TRAJECTORY_SCENARIOS);
    const muscle = choice(values, 'muscle', TRAJECTORY_MUSCLES, 'quadriceps');
    const days = requiredNumber(values, 'days', {
      min: 1,
      max: MAX_FORECAST_DAYS,
      integer: true,
      unit: 'days',
    });
    const ageYears = optionalNumber(values, 'age', { min: MIN_AGE_YEARS, max: MAX_AGE_YEARS, unit: 'years' });
    const sex = values.sex === undefined ? undefined : choice(values, 'sex', SEXES);
    const nmesSessionsPerDay = optionalNumber(values, 'nmes', {
      min: 1,
      max: MAX_NMES_SESSIONS_PER_DAY,
      integer: true,
      unit: 'sessions a day',
    });
    const nmesMinutesPerSession = optionalNumber(values, 'nmes-minutes', {
      min: 1,
      max: MAX_NMES_MINUTES_PER_SESSION,
      unit: 'minutes per session',
    });
    if (nmesMinutesPerSession !== undefined && nmesSessionsPerDay === undefined) {
      throw new UsageError(
        `--nmes-minutes needs --nmes SESSIONS_PER_DAY (a whole number from 1 to ${MAX_NMES_SESSIONS_PER_DAY})`,
      );
    }
    const exerciseSessionsPerWeek = optionalNumber(values, 'exercise-sessions', {
      min: MIN_EXERCISE_SESSIONS_PER_WEEK,
      max: MAX_EXERCISE_SESSIONS_PER_WEEK,
      unit: 'resistance training sessions a week',
    });
    if (exerciseSessionsPerWeek !== undefined && values.exercise !== true) {
      throw new UsageError(
        `--exercise-sessions needs --exercise (resistance exercise from day 0; ${MIN_EXERCISE_SESSIONS_PER_WEEK}–${MAX_EXERCISE_SESSIONS_PER_WEEK} sessions a week, default ${DEFAULT_EXERCISE_SESSIONS_PER_WEEK})`,
      );
    }
    const nmesEvokedForcePctMvc = optionalNumber(values, 'nmes-force', {
      min: 0,
      max: 100,
      unit: '% of maximal voluntary contraction',
    });
    if (nmesEvokedForcePctMvc !== undefined && nmesSessionsPerDay === undefined) {
      throw new UsageError(
        `--nmes-force needs --nmes SESSIONS_PER_DAY (a whole number from 1 to ${MAX_NMES_SESSIONS_PER_DAY})`,
      );
    }
    const exerciseLoad =
      values['exercise-load'] === undefined ? undefined : choice(values, 'exercise-load', EXERCISE_LOADS);
    if (exerciseLoad !== undefined && values.exercise !== true) {
      throw new UsageError(
        `--exercise-load needs --exercise (resistance exercise from day 0; loads ${EXERCISE_LOADS.join(', ')})`,
      );
    }
    const proteinGPerKgPerDay = optionalNumber(values, 'protein', {
      min: 0,
      max: MAX_PROTEIN_G_PER_KG,
      unit: 'g/kg/day',
    });
    const remobiliseAtDay = optionalNumber(values, 'remobilise-at', {
      min: 1,
      max: days,
      integer: true,
      unit: `(a day within --days ${days})`,
    });
    if (remobiliseAtDay !== undefined && scenario === 'none') {
      throw new UsageError(
        `--remobilise-at needs a disuse scenario (${TRAJECTORY_SCENARIOS.filter((s) => s !== 'none').join(', ')}); --scenario none has no disuse to end`,
      );
    }
    const measurementsPath = optionalString(values, 'measurements');
    const measurements =
      measurementsPath === undefined
        ? undefined
        : parseMeasurements(readInputFile('measurements', measurementsPath), measurementsPath);

    const input: ForecastInput = {
      scenario,
      muscle,
      days,
      ageYears,
      sex,
      nmesSessionsPerDay,
      nmesMinutesPerSession,
      nmesEvokedForcePctMvc,
      neurogenic: values.neurogenic === true,
      resistanceExercise: values.exercise === true,
      exerciseSessionsPerWeek,
      exerciseLoad,
      proteinGPerKgPerDay,
      remobiliseAtDay,
      measurements,
    };
    const start = performance.now();
    const forecast = forecastMuscle(input);
    const comparison = compareScenarios(input);
    const alerts = measurements ? trajectoryAlerts(input) : [];
    const elapsedMs = performance.now() - start;

    const end = forecast.days[days];
    const text = [
      `${muscle}, ${scenario}, day ${days}: ${forecast.changePctAtEnd.toFixed(1)} % (80 % band ${end?.lowPct.toFixed(1)} to ${end?.highPct.toFixed(1)} %)`,
      `no treatment ${comparison.noTreatment.changePctAtEnd.toFixed(1)} %, NMES ${comparison.nmesSessionsPerDay}×${comparison.nmesMinutesPerSession} min ${comparison.stimulation.changePctAtEnd.toFixed(1)} % (saves ${comparison.savedByStimulationPct.toFixed(1)} pp), NMES + exercise ${comparison.exerciseSessionsPerWeek}×/wk ${comparison.stimulationAndExercise.changePctAtEnd.toFixed(1)} % (saves ${comparison.savedByStimulationAndExercisePct.toFixed(1)} pp)`,
      ...(measurements
        ? [
            `fitted to ${measurements.length} measurement(s): severity ×${forecast.patient.severity.toFixed(2)}, recovery ×${forecast.patient.recovery.toFixed(2)}, plateau ${(100 * (forecast.patient.plateau - 1)).toFixed(1)} %`,
          ]
        : []),
      ...forecast.basis,
      ...alerts.map((a) => `ALERT ${a.kind}: ${a.message}`),
    ].join('\n');
    return {
      json: { ...forecast, comparison, alerts, elapsedMs },
      text,
    };
  },
};

/** Leave-one-study-out validation of the model against its calibration set, before and after. */
function validation(): CommandOutput {
  const rows = parseStudies(readInputFile('calibration set', packageFile('data/atrophy-studies.csv')));
  const before = JSON.parse(
    readInputFile('earlier validation', packageFile('data/trajectory-validation-before.json')),
  ) as BeforeValidation;
  const start = performance.now();
  const arms = validateArms(rows);
  const after = summarise(arms);
  const comparison = compareWithBefore(arms, before);
  const elapsedMs = performance.now() - start;
  const goalArms = Math.ceil(VALIDATION_GOALS.withinToleranceShare * after.arms - 1e-9);
  const json = {
    goals: {
      withinTolerance: 'max(1.5 percentage points, 30 % of the observed change)',
      earlierSet: `≥ 22 of the 24 arms of the earlier calibration set`,
      allArms: `≥ ${goalArms} of ${after.arms} (the same share)`,
      bandCoverage: `${100 * VALIDATION_GOALS.bandCoverage.low}–${100 * VALIDATION_GOALS.bandCoverage.high} %`,
    },
    after: {
      ...after,
      earlierSet: { arms: comparison.original.arms, withinTolerance: comparison.original.withinAfter },
    },
    before: {
      ...comparison.before,
      earlierSet: { arms: comparison.original.arms, withinTolerance: comparison.original.withinBefore },
      description: before.description,
    },
    arms: comparison.arms.map(({ after: a, before: b }) => ({
      ...a,
      before: b ? { predictedPct: b.predictedPct, withinTolerance: b.withinTolerance, basis: b.basis } : null,
    })),
    elapsedMs,
  };
  const text = [
    `leave-one-study-out: ${after.withinTolerance} of ${after.arms} arms within max(1.5 pp, 30 %) (before ${comparison.before.withinTolerance}); earlier set ${comparison.original.withinAfter} of ${comparison.original.arms} (before ${comparison.original.withinBefore}, goal 22)`,
    `80 % band coverage ${(100 * after.bandCoverage).toFixed(0)} % (goal 70–90 %); RMS error ${after.rmsErrorPct.toFixed(2)} pp (before ${comparison.before.rmsErrorPct.toFixed(2)} pp)`,
    ...arms
      .filter((a) => !a.withinTolerance)
      .map(
        (a) =>
          `miss: ${a.study} ${a.muscle} day ${a.day} (${a.intervention}): observed ${a.observedPct} %, forecast ${a.predictedPct} %`,
      ),
  ].join('\n');
  return { json, text };
}
