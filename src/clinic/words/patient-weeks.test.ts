import { describe, expect, it } from 'vitest';
import { describeWeeksForPatient } from './patient-words.ts';

const block = { kind: 'work', minutes: 20, frequencyHz: 35, phaseWidthUs: 300, maxIntensityMa: 60 };
const level = (
  n: number,
  fromWeek: number,
  toWeek: number,
  sessionsPerDay: number,
  sessionsPerWeek: number,
) =>
  ({
    level: n,
    fromWeek,
    toWeek,
    sessionsPerDay,
    sessionsPerWeek,
    blocks: [block],
    progressWhen: '',
  }) as never;
const stage = (fromWeek: number, toWeek: number, names: string[]) =>
  ({
    stage: fromWeek,
    fromWeek,
    toWeek,
    progressWhen: '',
    exercises: names.map((name) => ({ name, sets: 3, reps: 10, doseSource: 'x' })),
  }) as never;

describe('describeWeeksForPatient', () => {
  it('covers every week to the last level or stage, each in plain words', () => {
    const weeks = describeWeeksForPatient(
      { levels: [level(1, 1, 2, 2, 14), level(2, 3, 8, 1, 5)] },
      {
        sessionsPerWeek: 3,
        stages: [stage(1, 4, ['Quadriceps sets']), stage(5, 10, ['Straight-leg raise', 'Mini squat'])],
      },
    );
    expect(weeks.map((w) => w.week)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(weeks[0]).toEqual({
      week: 1,
      stimulation: 'Level 1: twice a day, every day.',
      exercise: '3 sessions a week: Quadriceps sets.',
    });
    expect(weeks[2]?.stimulation).toBe('Level 2: once a day, 5 days a week.');
    expect(weeks[9]).toEqual({
      week: 10,
      stimulation: 'No stimulation this week.',
      exercise: '3 sessions a week: Straight-leg raise, Mini squat.',
    });
  });

  it('has no weeks without a programme', () => {
    expect(describeWeeksForPatient(undefined, undefined)).toEqual([]);
  });
});
