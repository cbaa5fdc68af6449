import { buildCourse, type TrajectoryRegimen } from './course.ts';
import { simulateTurnover } from './muscle-turnover.ts';
import {
  AGE_GROUP_YEARS,
  type ExerciseLoad,
  THICKNESS_PER_CSA_EXPONENT,
  TRAJECTORY_MUSCLES,
  TRAJECTORY_SCENARIOS,
  type TrajectoryMuscle,
  type TrajectoryPopulation,
  type TrajectoryScenario,
} from './parameters.ts';

/**
 * The calibration set (data/atrophy-studies.csv): published mean changes in muscle size, one row per
 * study, muscle, measure, day and intervention. This module reads the rows (from text; the caller
 * does the file I/O), turns each into a regimen, and predicts what the model says the study saw.
 */
export interface StudyObservation {
  study: string;
  scenario: TrajectoryScenario;
  ageGroup: string;
  muscle: TrajectoryMuscle;
  measure: 'csa' | 'volume' | 'thickness' | 'lean-mass';
  day: number;
  intervention: string;
  changePct: number;
  source: string;
}

/** Splits one CSV line, honouring double-quoted fields. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

const MEASURES = ['csa', 'volume', 'thickness', 'lean-mass'] as const;

export function parseStudies(csvText: string): StudyObservation[] {
  const lines = csvText.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`atrophy studies: missing column '${name}'`);
    return index;
  };
  const at = {
    study: column('study'),
    scenario: column('scenario'),
    ageGroup: column('age_group'),
    muscle: column('muscle'),
    measure: column('measure'),
    day: column('day'),
    intervention: column('intervention'),
    change: column('change_pct'),
    source: column('source'),
  };
  return lines.slice(1).map((line, i) => {
    const f = splitCsvLine(line);
    const get = (index: number): string => f[index] ?? '';
    const scenario = get(at.scenario) as TrajectoryScenario;
    // Whole-leg lean mass is modelled as the lower limb's muscle ('leg').
    const rawMuscle = get(at.muscle);
    const muscle = (get(at.measure) === 'lean-mass' ? 'leg' : rawMuscle) as TrajectoryMuscle;
    const measure = get(at.measure) as StudyObservation['measure'];
    if (!TRAJECTORY_SCENARIOS.includes(scenario))
      throw new Error(`row ${i + 2}: unknown scenario ${scenario}`);
    if (!TRAJECTORY_MUSCLES.includes(muscle)) throw new Error(`row ${i + 2}: unknown muscle ${rawMuscle}`);
    if (!MEASURES.includes(measure)) throw new Error(`row ${i + 2}: unknown measure ${measure}`);
    if (AGE_GROUP_YEARS[get(at.ageGroup)] === undefined) {
      throw new Error(`row ${i + 2}: unknown age group ${get(at.ageGroup)}`);
    }
    return {
      study: get(at.study),
      scenario,
      ageGroup: get(at.ageGroup),
      muscle,
      measure,
      day: Number(get(at.day)),
      intervention: get(at.intervention),
      changePct: Number(get(at.change)),
      source: get(at.source),
    };
  });
}

/**
 * Resistance training sessions a week in each calibration study that trained, from its publication
 * (the CSV's intervention says only that it trained), and its load. Only resistance sessions count: the
 * model's training drive is resistance exercise.
 */
export const STUDY_EXERCISE_SESSIONS_PER_WEEK: Readonly<
  Record<string, { perWeek: number; load: ExerciseLoad; source: string }>
> = {
  heinicke2008: {
    perWeek: 2,
    load: 'high',
    source:
      'Heinicke et al. 2008 FASEB J 22(S1):752.6 (abstract): "rowing (6x/wk) and resistance (2x/wk) training" during 5 weeks of −6° head-down bed rest; the rowing is endurance exercise and is not counted (ASSUMPTION: it adds no training drive)',
  },
  re2010: {
    perWeek: 3.5,
    load: 'high',
    source:
      'Oates et al. 2010 Muscle Nerve 42:539 (PMID 20658567): resistance exercise at 80 % of maximum every other day during 14 days of bracing, 140 contractions in all',
  },
  recovery2018: {
    perWeek: 3,
    load: 'high',
    source: 'Mitchell et al. 2018 J Appl Physiol (PMC6050201): six resistance training sessions over 14 days',
  },
  alkner2004b: {
    perWeek: 7 / 3,
    load: 'high',
    source:
      'Alkner & Tesch 2004 Eur J Appl Physiol 93:294: maximal flywheel supine squat and calf press every third day',
  },
  seynnes2007: {
    perWeek: 3,
    load: 'high',
    source:
      'Seynnes et al. 2007 J Appl Physiol 102:368: high-intensity flywheel knee extension, 15 sessions in 35 days',
  },
  narici1996: {
    perWeek: 3.5,
    load: 'high',
    source:
      'Narici et al. 1996 Acta Physiol Scand 157:175: unilateral knee extension, 6 sets of 8 at 80 % 1RM on alternate days for 6 months',
  },
  lasevicius2018: {
    perWeek: 2,
    load: 'moderate',
    source:
      'Lasevicius et al. 2018 Eur J Sport Sci 18:772: twice a week for 12 weeks, 40–80 % 1RM; the 20 % 1RM arm to failure is `resistance-exercise-low-to-failure`',
  },
};

/**
 * The regimen a study row describes. Interventions: `none`, `nmes-<n>x<m>min-daily`,
 * `resistance-exercise` (throughout), `resistance-exercise-low-to-failure` (throughout, 20–30 % 1RM to
 * failure), `remobilise-at-<d>`, optionally `+resistance-exercise-from-<d>`. A row that trains takes its
 * sessions a week and load from STUDY_EXERCISE_SESSIONS_PER_WEEK.
 */
export function regimenOf(row: StudyObservation): TrajectoryRegimen {
  const regimen: TrajectoryRegimen = {
    scenario: row.scenario,
    muscle: row.muscle,
    ageYears: AGE_GROUP_YEARS[row.ageGroup] as number,
    nmesMinutesPerDay: 0,
    exerciseFromDay: Number.POSITIVE_INFINITY,
    exerciseSessionsPerWeek: 0,
    remobiliseAtDay: Number.POSITIVE_INFINITY,
  };
  let lowLoad = false;
  for (const part of row.intervention.split('+')) {
    const nmes = part.match(/^nmes-(\d+)x(\d+)min-daily$/);
    const remobilise = part.match(/^remobilise-at-(\d+)$/);
    const exerciseFrom = part.match(/^resistance-exercise-from-(\d+)$/);
    if (part === 'none') continue;
    if (part === 'resistance-exercise') regimen.exerciseFromDay = 0;
    else if (part === 'resistance-exercise-low-to-failure') {
      regimen.exerciseFromDay = 0;
      lowLoad = true;
    } else if (nmes) regimen.nmesMinutesPerDay = Number(nmes[1]) * Number(nmes[2]);
    else if (remobilise) regimen.remobiliseAtDay = Number(remobilise[1]);
    else if (exerciseFrom) regimen.exerciseFromDay = Number(exerciseFrom[1]);
    else throw new Error(`study ${row.study}: unknown intervention '${part}'`);
  }
  if (regimen.exerciseFromDay !== Number.POSITIVE_INFINITY) {
    const dose = STUDY_EXERCISE_SESSIONS_PER_WEEK[row.study];
    if (dose === undefined) {
      throw new Error(
        `study ${row.study}: resistance exercise without a dose; add its sessions a week to STUDY_EXERCISE_SESSIONS_PER_WEEK`,
      );
    }
    regimen.exerciseSessionsPerWeek = dose.perWeek;
    regimen.exerciseLoad = lowLoad ? 'low-to-failure' : dose.load;
  }
  return regimen;
}

/** Converts a muscle CSA/volume change (%) into the change the study's measure would show (%). */
export function measuredChangePct(
  population: TrajectoryPopulation,
  measure: StudyObservation['measure'],
  muscleChangePct: number,
): number {
  switch (measure) {
    case 'csa':
    case 'volume':
      return muscleChangePct;
    case 'thickness':
      return 100 * ((1 + muscleChangePct / 100) ** THICKNESS_PER_CSA_EXPONENT - 1);
    case 'lean-mass':
      return population.leanMassPerMuscleChange * muscleChangePct;
  }
}

/** What the model predicts the study measured (%). */
export function predictStudy(
  population: TrajectoryPopulation,
  row: StudyObservation,
  buffer?: Float64Array,
): number {
  const out = buffer && buffer.length > row.day ? buffer : new Float64Array(row.day + 1);
  simulateTurnover(buildCourse(population, regimenOf(row)), row.day, out);
  return measuredChangePct(population, row.measure, out[row.day] as number);
}

/** The agreement the issue asks for: within max(1.5 percentage points, 30 % of the observed change). */
export function toleranceFor(observedPct: number): number {
  return Math.max(1.5, 0.3 * Math.abs(observedPct));
}
