import { describe, expect, it } from 'vitest';
import { MEASUREMENT_KINDS, measurementValueProblem } from './measurement-kinds.ts';

describe('measurementValueProblem: the plausible values of each kind of measurement', () => {
  it('refuses a calf circumference with a slipped decimal point and says what is allowed', () => {
    expect(measurementValueProblem('circumference', 3.69)).toBe(
      'circumference must be a number from 8 to 250 cm; got 3.69',
    );
    expect(measurementValueProblem('circumference', 36.9)).toBeNull();
    expect(measurementValueProblem('circumference', 8)).toBeNull();
    // A severely malnourished child's upper arm (under 11.5 cm) is a real value, kept.
    expect(measurementValueProblem('circumference', 10.5)).toBeNull();
    expect(measurementValueProblem('circumference', 7.99)).not.toBeNull();
  });

  it('refuses a usual gait speed faster than anyone walks, and accepts a patient who cannot walk', () => {
    expect(measurementValueProblem('gait-speed', 12)).toBe(
      'gait-speed must be a number from 0 to 3 m/s; got 12',
    );
    expect(measurementValueProblem('gait-speed', 0)).toBeNull();
    expect(measurementValueProblem('gait-speed', 1.2)).toBeNull();
  });

  it('asks for a whole number where the scale counts points', () => {
    expect(measurementValueProblem('lefs', 40.5)).toBe(
      'lefs must be a whole number from 0 to 80 points; got 40.5',
    );
    expect(measurementValueProblem('lefs', 80)).toBeNull();
  });

  it('refuses a value that is not a number and a kind that does not exist', () => {
    expect(measurementValueProblem('grip', Number.NaN)).toMatch(/^grip must be a number from 0 to 200 kg/);
    expect(measurementValueProblem('weight', 70)).toBe(
      `kind 'weight' is unknown; one of ${Object.keys(MEASUREMENT_KINDS).join(', ')}`,
    );
  });
});
