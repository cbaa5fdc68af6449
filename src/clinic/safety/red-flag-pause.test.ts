import { describe, expect, it } from 'vitest';
import { findDeveloperText } from '../words/developer-text.ts';
import { stimulationPause } from './red-flag-pause.ts';

const clinic = { name: 'Riverside Physiotherapy', phone: '020 7946 0000', email: 'team@riverside.example' };

describe('stimulationPause', () => {
  it('with no open flag: nothing paused, a stimulation session can be due and logged', () => {
    expect(stimulationPause([], clinic)).toEqual({
      stimulationPaused: false,
      stimulationSessionDue: true,
      exercise: 'continue',
      patientMessage: null,
      stimulationLogRefusal: null,
      stimulationLogRefusalForPatient: null,
      clinicianAlert: null,
    });
  });

  it('a suspected DVT pauses stimulation and exercise, tells the patient who to call, and alerts the clinician', () => {
    const pause = stimulationPause([{ key: 'suspectedDeepVeinThrombosis', raisedAt: '2025-03-09' }], clinic);
    expect(pause).toMatchObject({ stimulationPaused: true, stimulationSessionDue: false, exercise: 'pause' });
    // Sentences the patient's app words in their language (test/i18n-core-words.test.ts reads them).
    expect(pause.patientMessage).toEqual([
      { key: 'core.pause.headline' },
      {
        key: 'core.contact',
        values: { name: clinic.name, phone: clinic.phone, email: clinic.email, has: 'both' },
      },
      { key: 'core.pause.exerciseStop' },
      { key: 'core.pause.emergency' },
    ]);
    expect(pause.stimulationLogRefusal).toMatch(
      /^Stimulation paused — please contact your clinic\. A stimulation session cannot be logged/,
    );
    expect(pause.stimulationLogRefusalForPatient?.map((s) => s.key)).toEqual([
      'core.pause.headline',
      'core.pause.noStimulationLog',
      'core.contact',
    ]);
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
    expect(pause.patientMessage).toEqual([
      { key: 'core.pause.headline' },
      { key: 'core.contact', values: { name: 'Riverside', phone: '', email: '', has: 'none' } },
      { key: 'core.pause.exerciseHold' },
    ]);
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

  it('refuses a stimulation log in plain words', () => {
    for (const key of ['suddenWeakness', 'bulbarSigns', 'caudaEquinaSymptoms']) {
      const { stimulationLogRefusal } = stimulationPause([{ key, raisedAt: '2025-03-09' }], clinic);
      expect(findDeveloperText(`${stimulationLogRefusal}`)).toEqual([]);
    }
  });

  it("needs the clinic's name and a list of flags", () => {
    expect(() => stimulationPause([], { name: ' ' })).toThrow(/needs a name/);
    expect(() => stimulationPause('none' as never, clinic)).toThrow(/must be a list/);
  });
});
