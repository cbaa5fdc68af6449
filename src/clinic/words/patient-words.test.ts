import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allNo, anyPlannedDraft, draftFor } from '../programme/plan-fixtures.ts';
import type { StimulationBlock, StimulationLevel } from '../programme/stimulation-types.ts';
import { PATIENT_TEXT_KEYS, type PatientText, type PatientTextValue } from './patient-text.ts';
import {
  describeLevelForPatient,
  describeProgrammeForPatient,
  describeSessionForPatient,
  describeWeeksForPatient,
  exerciseDose,
  sessionLengthForPatient,
} from './patient-words.ts';

/** Every number a sentence (and the sentences inside it) gives the patient. */
function numbersIn(value: PatientTextValue): number[] {
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') return [];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  return Object.values((value as PatientText).values ?? {}).flatMap(numbersIn);
}

function keysIn(value: PatientTextValue): string[] {
  if (typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(keysIn);
  const text = value as PatientText;
  return [text.key, ...Object.values(text.values ?? {}).flatMap(keysIn)];
}

describe('a programme as sentences for the patient', () => {
  it('gives the calf programme’s sentences with whole, device-settable numbers', () => {
    const draft = draftFor('reverse-atrophy', 'triceps-surae', 'left', { screening: allNo });
    const text = describeProgrammeForPatient(draft.stimulation);
    expect(text.title).toEqual({
      key: 'core.programme.title',
      values: { side: 'left', muscle: { key: 'core.muscle.triceps-surae' } },
    });
    expect(text.placement.values).toMatchObject({ count: 2, side: 'left', sizeCm2: 25 });
    const [when, warmUp, work, coolDown, pulses, ceiling, aim] = text.levels[0] ?? [];
    expect(when).toEqual({
      key: 'core.level.when',
      values: {
        weeks: { key: 'core.weeks', values: { fromWeek: 1, toWeek: 2 } },
        often: { key: 'core.often', values: { perDay: 1, days: 5 } },
      },
    });
    expect([warmUp?.key, coolDown?.key]).toEqual(['core.block.warmUp', 'core.block.coolDown']);
    expect(work).toEqual({
      key: 'core.block.cycle',
      values: { duration: { key: 'core.duration.minutes', values: { minutes: 25 } }, onS: 6, offS: 24 },
    });
    expect(pulses).toEqual({
      key: 'core.pulses',
      values: { hz: 35, width: { key: 'core.pulseUs', values: { us: 300 } } },
    });
    expect(ceiling).toEqual({ key: 'core.ceiling', values: { ceilingMa: 100 } });
    expect(aim).toEqual({ key: 'core.aim.step', values: { step: { key: 'core.step.partial-movement' } } });
  });

  it('says a block shorter than a minute in seconds, and one between whole minutes in both', () => {
    const draft = draftFor('reverse-atrophy', 'triceps-surae', 'left', { screening: allNo });
    const level = draft.stimulation.levels[0] as StimulationLevel;
    const [warmUp, work, coolDown] = level.blocks as [StimulationBlock, StimulationBlock, StimulationBlock];
    const lengths = (minutes: [number, number, number]) => {
      [warmUp.minutes, work.minutes, coolDown.minutes] = minutes;
      return describeLevelForPatient(level)
        .filter((s) => s.key.startsWith('core.block.'))
        .map((s) => s.values?.duration);
    };
    expect(lengths([0.1, 2.5, 0.05])).toEqual([
      { key: 'core.duration.seconds', values: { seconds: 6 } },
      { key: 'core.duration.minutesSeconds', values: { minutes: 2, seconds: 30 } },
      { key: 'core.duration.seconds', values: { seconds: 3 } },
    ]);
    // Whole seconds: 59.6 s is a minute, never "0 minutes and 60 seconds".
    expect(lengths([59.6 / 60, 1, 3])[0]).toEqual({ key: 'core.duration.minutes', values: { minutes: 1 } });
  });

  it('says how long a session takes, all its blocks together, in whole minutes', () => {
    const level = draftFor('reverse-atrophy', 'triceps-surae', 'left', { screening: allNo }).stimulation
      .levels[0] as StimulationLevel;
    expect(sessionLengthForPatient(level)).toEqual({ key: 'core.duration.minutes', values: { minutes: 31 } });
    for (const block of level.blocks) block.minutes = 0.1;
    expect(sessionLengthForPatient(level)).toEqual({ key: 'core.duration.seconds', values: { seconds: 18 } });
  });

  it('gives milliseconds for a denervated muscle’s long pulses', () => {
    const draft = draftFor('denervated-maintenance', 'tibialis-anterior', 'right', {
      strengthDuration: { chronaxieMs: 28, rheobaseMa: 14 },
    });
    const pulses = describeLevelForPatient(draft.stimulation.levels[0] as never).find(
      (s) => s.key === 'core.pulses',
    );
    expect(pulses?.values).toEqual({ hz: 1, width: { key: 'core.pulseMs', values: { ms: 28 } } });
  });

  it('gives only known keys and whole numbers, for any planned programme (property)', () => {
    fc.assert(
      fc.property(anyPlannedDraft, (outcome) => {
        const text = describeProgrammeForPatient(outcome.stimulation);
        const sentences: PatientTextValue[] = [
          text.title,
          text.placement,
          ...text.levels.flat(),
          ...text.safety,
          ...describeWeeksForPatient(outcome.stimulation, outcome.exercise).flatMap((w) => [
            w.stimulation,
            w.exercise,
          ]),
          ...outcome.exercise.stages.flatMap((s) => s.exercises.map(exerciseDose)),
        ];
        expect(
          sentences.flatMap(keysIn).filter((k) => !(PATIENT_TEXT_KEYS as readonly string[]).includes(k)),
        ).toEqual([]);
        expect(sentences.flatMap(numbersIn).filter((n) => !Number.isInteger(n))).toEqual([]);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

describe('a session as sentences for the patient', () => {
  it('rounds to whole numbers and leaves out what was not recorded', () => {
    expect(
      describeSessionForPatient({
        kind: 'stimulation',
        minutes: 24.6,
        peakIntensityMa: 40.6,
        pain: 2,
        completed: false,
        evokedForce: { percentMvc: 52.4 },
      }),
    ).toEqual([
      {
        key: 'core.session.done',
        values: {
          kind: 'stimulation',
          duration: { key: 'core.duration.minutes', values: { minutes: 25 } },
          completed: 'no',
          peak: 'yes',
          peakMa: 41,
        },
      },
      { key: 'core.session.scores', values: { shown: 'pain', comfort: 0, pain: 2 } },
      { key: 'core.session.force', values: { percent: 52 } },
    ]);
    expect(
      describeSessionForPatient({
        kind: 'exercise',
        minutes: 10,
        peakIntensityMa: 30,
        completed: true,
        evokedForce: { step: 'constructor' as never },
      }),
    ).toEqual([
      {
        key: 'core.session.done',
        values: {
          kind: 'exercise',
          duration: { key: 'core.duration.minutes', values: { minutes: 10 } },
          completed: 'yes',
          peak: 'no',
          peakMa: 0,
        },
      },
    ]);
    // A session stopped within its first minute (an emergency stop) reads in seconds, not "0 minutes".
    const [stoppedAtOnce] = describeSessionForPatient({
      kind: 'stimulation',
      minutes: 0.33,
      completed: false,
    });
    expect(stoppedAtOnce?.values?.duration).toEqual({
      key: 'core.duration.seconds',
      values: { seconds: 20 },
    });
  });
});

describe('an exercise dose as a sentence for the patient', () => {
  it('gives whole numbers, 0 for what is not set', () => {
    expect(exerciseDose({ sets: 2.4, reps: 9.6, timesPerDay: 3 })).toEqual({
      key: 'core.exercise.dose',
      values: { sets: 2, reps: 10, holdS: 0, perDay: 3 },
    });
  });
});
