import { describe, expect, it } from 'vitest';
import { PATIENT_DETAIL_FIELDS } from '../src/shared/patient-details.ts';
import { SESSION_LOG_FIELDS } from '../src/shared/session-log-fields.ts';
import { WORK_BLOCK_FIELDS } from '../src/shared/work-block-fields.ts';
import { fieldProblem, rangeWords, schemaResolver } from '../web/src/forms/field-schema.ts';

describe('web form fields checked by the API schemas', () => {
  it('says a number outside the API range in plain words, with the unit, and accepts one inside', () => {
    const frequency = WORK_BLOCK_FIELDS.frequencyHz;
    expect(rangeWords(frequency)).toBe('1 to 100 Hz');
    expect(fieldProblem(frequency, '150')).toBe('Frequency must be from 1 to 100 Hz.');
    expect(fieldProblem(frequency, '0.5')).toBe('Frequency must be from 1 to 100 Hz.');
    expect(fieldProblem(frequency, 'abc')).toBe('Frequency must be a number from 1 to 100 Hz.');
    expect(fieldProblem(frequency, '')).toBe('Give the frequency.');
    expect(fieldProblem(frequency, ' 35 ')).toBeNull();
    expect(fieldProblem(frequency, '100')).toBeNull();
    expect(fieldProblem(WORK_BLOCK_FIELDS.phaseWidthUs, '2,5e2')).toBeNull();
    expect(fieldProblem(WORK_BLOCK_FIELDS.phaseWidthUs, '30')).toBe(
      'Phase width must be from 50 to 1000 µs.',
    );
  });

  it('checks the numbers of a logged session as the API does: duration, peak mA, comfort and pain', () => {
    const { minutes, peakIntensityMa, comfort, pain } = SESSION_LOG_FIELDS;
    expect(rangeWords(minutes)).toBe('0 to 1440 min');
    expect(fieldProblem(minutes, '')).toBe('Give the minutes.');
    expect(fieldProblem(minutes, '1500')).toBe('Minutes must be from 0 to 1440 min.');
    expect(fieldProblem(peakIntensityMa, '')).toBeNull();
    expect(fieldProblem(peakIntensityMa, '32,5')).toBeNull();
    expect(fieldProblem(peakIntensityMa, '250')).toBe('Peak intensity must be from 0 to 200 mA.');
    expect(fieldProblem(comfort, '7.5')).toBe(
      'Comfort (0 very uncomfortable – 10 comfortable) must be a whole number from 0 to 10.',
    );
    expect(fieldProblem(pain, '11')).toBe('Pain (0 none – 10 worst) must be from 0 to 10.');
    expect(fieldProblem(pain, '2')).toBeNull();
  });

  it('checks text fields by their schema: empty, too long, not a date', () => {
    expect(fieldProblem(PATIENT_DETAIL_FIELDS.name, '')).toBe('Give the name.');
    expect(fieldProblem(PATIENT_DETAIL_FIELDS.name, 'x'.repeat(201))).toBe(
      'Name must be at most 200 characters.',
    );
    expect(fieldProblem(PATIENT_DETAIL_FIELDS.name, 'Ana Silva')).toBeNull();
    expect(fieldProblem(PATIENT_DETAIL_FIELDS.birthDate, '')).toBeNull();
    expect(fieldProblem(PATIENT_DETAIL_FIELDS.birthDate, '1960-13-40')).toBe('Date of birth must be a date.');
    expect(fieldProblem(PATIENT_DETAIL_FIELDS.birthDate, '1960-05-17')).toBeNull();
  });

  it('resolves a form to typed values, or to the errors of its fields and of the core rules', async () => {
    const resolver = schemaResolver<{ name: string; minutes: string }>(
      { name: PATIENT_DETAIL_FIELDS.name, minutes: WORK_BLOCK_FIELDS.minutes },
      ({ name }) => ({ name: name === 'Nobody' ? 'Not a name.' : null }),
    );
    const options = { fields: {}, shouldUseNativeValidation: false } as never;
    expect(await resolver({ name: 'Ana', minutes: '30' }, undefined, options)).toEqual({
      values: { name: 'Ana', minutes: 30 },
      errors: {},
    });
    const refused = await resolver({ name: '', minutes: '500' }, undefined, options);
    expect(refused.errors).toEqual({
      name: { type: 'schema', message: 'Give the name.' },
      minutes: { type: 'schema', message: 'Minutes must be from 0.1 to 120 min.' },
    });
    expect((await resolver({ name: 'Nobody', minutes: '30' }, undefined, options)).errors).toEqual({
      name: { type: 'rule', message: 'Not a name.' },
    });
  });
});
