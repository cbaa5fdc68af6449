/**
 * What an exercise programme is worth to the trajectory model: its load category
 * (../../physiology/trajectory/parameters.ts EXERCISE_LOADS) over the forecast horizon.
 *
 * Sets of up to 15 repetitions are prescribed as repetition maxima (ACSM 2009 novice 8–12 RM), which
 * is at least 40 % of 1RM: 'moderate'. Range-of-motion drills done several times a day, isometric
 * holds and sets of more than 15 repetitions do not load the muscle towards failure: 'low', which the
 * model credits nothing for muscle size (Gould 1982). The model takes one load for the whole
 * forecast, so the programme's load is the one that covers most of the horizon, the lower one on a
 * tie: a forecast should not credit a stage the patient has not reached.
 */
import type { ExerciseLoad } from '../../physiology/trajectory/parameters.ts';
import { EXERCISE_LOAD_FACTOR } from '../../physiology/trajectory/parameters.ts';
import type { Exercise, ExerciseStage } from './exercise-programme.ts';

/** Most repetitions in a set that is still a repetition maximum of ≥ 40 % 1RM (ACSM 2009: 8–12 RM; 15 RM ≈ 65 % 1RM). */
export const MAX_LOADED_REPS_PER_SET = 15;

export function exerciseLoadOf(exercise: Exercise): ExerciseLoad {
  const drill = exercise.timesPerDay !== undefined || exercise.holdS !== undefined;
  return drill || exercise.reps > MAX_LOADED_REPS_PER_SET ? 'low' : 'moderate';
}

/** A stage trains the muscle as its most loading exercise does. */
export function stageLoadOf(stage: ExerciseStage): ExerciseLoad {
  return stage.exercises
    .map(exerciseLoadOf)
    .reduce<ExerciseLoad>(
      (best, load) => (EXERCISE_LOAD_FACTOR[load] > EXERCISE_LOAD_FACTOR[best] ? load : best),
      'low',
    );
}

export interface ProgrammeLoad {
  load: ExerciseLoad;
  /** Days of the horizon the programme's stages cover with that load. */
  days: number;
}

/** The load covering most days of the first `horizonDays` of the programme, or null when no stage falls in it. */
export function programmeLoadOver(
  stages: readonly ExerciseStage[],
  horizonDays: number,
): ProgrammeLoad | null {
  const daysByLoad = new Map<ExerciseLoad, number>();
  for (const stage of stages) {
    const from = (stage.fromWeek - 1) * 7;
    const to = Math.min(stage.toWeek * 7, horizonDays);
    if (to <= from) continue;
    const load = stageLoadOf(stage);
    daysByLoad.set(load, (daysByLoad.get(load) ?? 0) + (to - from));
  }
  let chosen: ProgrammeLoad | null = null;
  for (const [load, days] of daysByLoad) {
    const better =
      chosen === null ||
      days > chosen.days ||
      (days === chosen.days && EXERCISE_LOAD_FACTOR[load] < EXERCISE_LOAD_FACTOR[chosen.load]);
    if (better) chosen = { load, days };
  }
  return chosen;
}
