import { describe, expect, it } from 'vitest';
import { findDeveloperText } from '../words/developer-text.ts';
import { PAUSE_HEADLINE, stimulationPause } from './red-flag-pause.ts';

const clinic = { name: 'Riverside Physiotherapy', phone: '020 7946 0000', email: 'team@riverside.example' };

describe('stimulationPause', () => {
  it('with no open flag: nothing paused, a stimulation session can be due and logged', () => {
    expect(stimulationPause([], clinic)).toEqual({
      stimulationPaused: false,
      stimulationSessionDue: true,
      exercise: 'continue',
      patientMessage: null,
      stimulationLogRefusal: null,
      clinicianAlert: null,
    });
  });

  it('a suspected DVT pauses stimulation and exercise, tells the patient who to call, and alerts the clinician', () => {
    const pause = stimulationPause([{ key: 'suspectedDeepVeinThrombosis', raisedAt: '2025-03-09' }], clinic);
    expect(pause).toMatchObject({ stimulationPaused: true, stimulationSessionDue: false, exercise: 'pause' });
    expect(pause.patientMessage).toBe(
      'Stimulation paused — please contact your clinic. Riverside Physiotherapy: 020 7946 0000 or team@riverside.example. Please stop your exercises too until your clinic has spoken with you. If you feel very unwell or it is getting worse quickly, call your emergency number now.',
    );
    expect(pause.stimulationLogRefusal).toMatch(
      /^Stimulation paused — please contact your clinic\. A stimulation session cannot be logged/,
    );
    expect(pause.clinicianAlert?.title).toBe('Red flag open: stimulation paused (urgent)');
    expect(pause.clinicianAlert?.text).toMatch(
      /Suspected deep vein thrombosis .* refer immediately to same-day medical assessment .*raised 2025-03-09.*Resolve the flag with a note/,
    );
  });

  it('a "without delay" neurology flag keeps exercise going without progression', () => {
    const pause = stimulationPause([{ key: 'fasciculationsWithWasting', raisedAt: '2025-03-09' }], {
      name: 'Riverside',
    });
    expect(pause.exercise).toBe('hold');
    expect(pause.patientMessage).toBe(
      `${PAUSE_HEADLINE}. Riverside. You can keep doing the exercises you already do, but do not make them harder until your clinic says so.`,
    );
    expect(pause.clinicianAlert?.text).toMatch(/exercise continues without progression/);
  });

  it('the strictest open flag wins, and a flag Myotrophy does not know pauses everything', () => {
    expect(
      stimulationPause(
        [
          { key: 'bulbarSigns', raisedAt: '2025-03-01' },
          { key: 'breathlessLyingFlat', raisedAt: '2025-03-02' },
        ],
        clinic,
      ).exercise,
    ).toBe('pause');
    const unknown = stimulationPause([{ key: '__proto__', raisedAt: '2025-03-02' }], clinic);
    expect(unknown).toMatchObject({ stimulationPaused: true, exercise: 'pause' });
    expect(unknown.clinicianAlert?.flags[0]).toMatchObject({ key: '__proto__', urgency: 'immediate' });
  });

  it('speaks to the patient in plain words', () => {
    for (const key of ['suddenWeakness', 'bulbarSigns', 'caudaEquinaSymptoms']) {
      const { patientMessage, stimulationLogRefusal } = stimulationPause(
        [{ key, raisedAt: '2025-03-09' }],
        clinic,
      );
      expect(findDeveloperText(`${patientMessage} ${stimulationLogRefusal}`)).toEqual([]);
    }
  });

  it("needs the clinic's name and a list of flags", () => {
    expect(() => stimulationPause([], { name: ' ' })).toThrow(/needs a name/);
    expect(() => stimulationPause('none' as never, clinic)).toThrow(/must be a list/);
  });
});
