import { describe, expect, it } from 'vitest';
import { exerciseLoadOf, programmeLoadOver, stageLoadOf } from './exercise-load.ts';
import { buildExerciseProgramme, type Exercise, type ExerciseStage } from './exercise-programme.ts';

const drill: Exercise = {
  name: 'Ankle pumps',
  joints: [],
  sets: 3,
  reps: 20,
  timesPerDay: 3,
  doseSource: 'x',
} as const;
const hold: Exercise = {
  name: 'Quadriceps setting',
  joints: [],
  sets: 3,
  reps: 10,
  holdS: 5,
  doseSource: 'x',
} as const;
const loaded: Exercise = { name: 'Sit-to-stand', joints: [], sets: 3, reps: 10, doseSource: 'x' };
const stage = (
  n: number,
  fromWeek: number,
  toWeek: number,
  exercises: ExerciseStage['exercises'],
): ExerciseStage => ({
  stage: n,
  fromWeek,
  toWeek,
  exercises,
  progressWhen: 'x',
});

describe('exercise load for the trajectory model', () => {
  it('counts repetition-maximum sets as moderate and drills, holds and long sets as low', () => {
    expect(exerciseLoadOf(loaded)).toBe('moderate');
    expect(exerciseLoadOf({ ...loaded, reps: 15 })).toBe('moderate');
    expect(exerciseLoadOf({ ...loaded, reps: 16 })).toBe('low');
    expect(exerciseLoadOf(drill)).toBe('low');
    expect(exerciseLoadOf(hold)).toBe('low');
  });

  it('gives a stage the load of its most loading exercise', () => {
    expect(stageLoadOf(stage(1, 1, 2, [drill, hold]))).toBe('low');
    expect(stageLoadOf(stage(1, 1, 2, [drill, loaded]))).toBe('moderate');
  });

  it('takes the load covering most of the horizon, the lower on a tie', () => {
    const stages = [stage(1, 1, 2, [drill]), stage(2, 3, 12, [loaded])];
    expect(programmeLoadOver(stages, 84)).toEqual({ load: 'moderate', days: 70 });
    expect(programmeLoadOver(stages, 14)).toEqual({ load: 'low', days: 14 });
    expect(programmeLoadOver(stages, 28)).toEqual({ load: 'low', days: 14 });
    expect(programmeLoadOver(stages, 29)).toEqual({ load: 'moderate', days: 15 });
    expect(programmeLoadOver([], 84)).toBeNull();
  });

  it('credits nothing to a passive programme for a muscle without voluntary contraction', () => {
    const passive = buildExerciseProgramme({ region: 'thigh', innervation: 'complete-denervation' });
    expect(programmeLoadOver(passive.stages, 84)?.load).toBe('low');
    const usual = buildExerciseProgramme({ region: 'thigh', innervation: 'normal' });
    expect(programmeLoadOver(usual.stages, 84)?.load).toBe('moderate');
  });
});
