import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DraftProgramme, type PlanInput, planProgramme } from '../programme/plan.ts';
import { allNo, anyPlanTarget, draftFor } from '../programme/plan-fixtures.ts';
import { findDeveloperText } from './developer-text.ts';
import {
  describeExercisesForPatient,
  describeLevelForPatient,
  describeProgrammeForPatient,
  describeSessionForPatient,
  exerciseDose,
  plural,
} from './patient-words.ts';

function allText(draft: DraftProgramme): string {
  const text = describeProgrammeForPatient(draft.stimulation);
  return [
    text.title,
    text.placement,
    ...text.levels,
    ...text.safety,
    ...describeExercisesForPatient(draft.exercise),
  ].join('\n');
}

describe('a programme in a patient’s words', () => {
  it('describes the calf programme with whole, device-settable numbers', () => {
    const draft = draftFor('reverse-atrophy', 'triceps-surae', 'left', { screening: allNo });
    const text = describeProgrammeForPatient(draft.stimulation);
    expect(text.title).toBe('Your stimulation plan for your left calf muscles');
    expect(text.placement).toBe(
      'Put the 2 pads on your left calf muscles (pads of 25 square centimetres), as in the drawing.',
    );
    expect(text.levels[0]).toBe(
      'Weeks 1 to 2: once a day, 5 days a week. Warm up for 3 minutes with gentle pulses. Then 25 minutes where the muscle tightens for 6 seconds and rests for 24 seconds. Finish with 3 minutes of gentle pulses to relax the muscle. The stimulator sends 35 pulses a second. Each pulse lasts 300 µs (microseconds). Turn the strength up slowly, up to 100 mA at most. Aim: the muscle tightens enough to move the joint a little. Turn it up a little each session if you can.',
    );
    expect(text.levels[1]).toMatch(/rests for 18 seconds\..*sends 45 pulses a second/);
    expect(findDeveloperText(Object.values(text).flat().join(' '))).toEqual([]);
  });

  it('says a measured target and a lowered top strength in plain words', () => {
    const draft = draftFor('strengthen', 'quadriceps', 'right', {
      screening: { ...allNo, osteoporosisFragilityFracture: true },
      dynamometryMvcN: 300,
    });
    const text = describeProgrammeForPatient(draft.stimulation);
    expect(text.levels[0]).toMatch(
      /up to 60 mA at most\. Aim: the muscle pulls with at least 30 % of the strongest push/,
    );
    expect(text.safety).toContain('Your clinic has set a lower top strength for you. Keep to it.');
  });

  it('describes denervated stimulation in milliseconds and single pulses', () => {
    const draft = draftFor('denervated-maintenance', 'tibialis-anterior', 'right', {
      strengthDuration: { chronaxieMs: 28, rheobaseMa: 14 },
    });
    const first = describeLevelForPatient(draft.stimulation.levels[0] as never);
    expect(first).toMatch(
      /sends 1 pulse a second\. Each pulse lasts 28 ms \(milliseconds\)\. .*up to 42 mA at most/,
    );
    expect(first).toMatch(/Aim: you can see the muscle tighten/);
  });

  it('never shows developer text, for any planned programme (property)', () => {
    const input = fc.record({
      target: anyPlanTarget,
      chronaxieMs: fc.double({ min: 0.05, max: 80, noNaN: true }),
      rheobaseMa: fc.double({ min: 1, max: 40, noNaN: true }),
      mvc: fc.option(fc.double({ min: 20, max: 900, noNaN: true }), { nil: undefined }),
      caution: fc.constantFrom(
        undefined,
        'osteoporosisFragilityFracture',
        'autonomicDysreflexiaRisk',
        'varicoseVeinsAtSite',
      ),
      cast: fc.constantFrom(
        undefined,
        'below-knee-cast',
        'above-knee-cast',
        'short-arm-cast',
        'shoulder-sling',
      ),
    });
    let described = 0;
    fc.assert(
      fc.property(input, (r) => {
        const outcome = planProgramme({
          ...r.target,
          strengthDuration: { chronaxieMs: r.chronaxieMs, rheobaseMa: r.rheobaseMa },
          screening: r.caution ? { ...allNo, [r.caution]: true } : allNo,
          ...(r.mvc !== undefined ? { dynamometryMvcN: r.mvc } : {}),
          ...(r.cast ? { immobilisations: [{ device: r.cast }] } : {}),
        } as PlanInput);
        if (outcome.status !== 'draft') return;
        described += 1;
        const text = allText(outcome);
        expect(findDeveloperText(text)).toEqual([]);
      }),
      { numRuns: 300, seed: 14 },
    );
    expect(described).toBeGreaterThan(100);
  });
});

describe('a session in a patient’s words', () => {
  it('rounds what a person reads to whole numbers and says what the muscle did', () => {
    expect(
      describeSessionForPatient({
        kind: 'stimulation',
        minutes: 24.6,
        peakIntensityMa: 40.6,
        comfort: 7,
        pain: 2,
        completed: true,
        evokedForce: { step: 'partial-movement' },
      }),
    ).toBe(
      'Stimulation for 25 minutes, up to 41 mA. Comfort 7 out of 10, pain 2 out of 10. The muscle tightens enough to move the joint a little.',
    );
    expect(
      describeSessionForPatient({
        kind: 'exercise',
        minutes: 1,
        completed: false,
        pain: 4,
        evokedForce: { percentMvc: 52.4 },
      }),
    ).toBe(
      'Exercises for 1 minute (stopped early). Pain 4 out of 10. The muscle pulled with 52 % of your strongest push.',
    );
  });

  it('shows nothing for what was not recorded, and ignores a step it does not know', () => {
    const text = describeSessionForPatient({
      kind: 'stimulation',
      minutes: 10,
      peakIntensityMa: null,
      comfort: null,
      completed: true,
      evokedForce: { step: 'constructor' as never },
    });
    expect(text).toBe('Stimulation for 10 minutes.');
    expect(findDeveloperText(text)).toEqual([]);
  });
});

describe('counts in words', () => {
  it('uses the singular for exactly one, in the one plural rule', () => {
    expect(plural(1, 'set', 'sets')).toBe('1 set');
    expect(plural(0, 'set', 'sets')).toBe('0 sets');
    expect(plural(3, 'set', 'sets')).toBe('3 sets');
  });

  it('says an exercise dose in whole numbers with the right number of each noun', () => {
    expect(exerciseDose({ sets: 1, reps: 10 })).toBe('1 set of 10 repetitions');
    expect(exerciseDose({ sets: 3, reps: 1 })).toBe('3 sets of 1 repetition');
    expect(exerciseDose({ sets: 5, reps: 10, holdS: 3 })).toBe('5 sets of 10 holds, hold each for 3 seconds');
    expect(exerciseDose({ sets: 1, reps: 1, holdS: 1 })).toBe('1 set of 1 hold, hold each for 1 second');
    expect(exerciseDose({ sets: 2, reps: 10, timesPerDay: 2 })).toBe('2 sets of 10 repetitions, twice a day');
    expect(exerciseDose({ sets: 2.4, reps: 9.6, timesPerDay: 3 })).toBe(
      '2 sets of 10 repetitions, 3 times a day',
    );
    expect(exerciseDose({ sets: 2, reps: 10, timesPerDay: 1 })).toBe('2 sets of 10 repetitions, once a day');
  });
});
