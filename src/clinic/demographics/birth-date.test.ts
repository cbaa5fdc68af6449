import { describe, expect, it } from 'vitest';
import { implausibleBirthDate, MAX_PLAUSIBLE_AGE_YEARS } from './birth-date.ts';

describe('implausibleBirthDate', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('accepts a birth today, 120 years ago to the day, and tomorrow where UTC+14 already is', () => {
    expect(implausibleBirthDate('2026-12-05', now)).toBeNull();
    expect(implausibleBirthDate('2026-12-06', now)).toBeNull();
    expect(implausibleBirthDate('1906-12-05', now)).toBeNull();
    expect(MAX_PLAUSIBLE_AGE_YEARS).toBe(120);
  });

  it('refuses a birth after today anywhere on Earth', () => {
    expect(implausibleBirthDate('2026-12-07', now)).toBe(
      'birthDate 2026-12-07 is in the future; a birth date is on or before 2026-12-06',
    );
  });

  it('refuses an age above 120 years, naming the earliest date allowed', () => {
    expect(implausibleBirthDate('1906-12-04', now)).toBe(
      'birthDate 1906-12-04 makes the patient older than 120 years; a birth date is on or after 1906-12-05 (check the century)',
    );
    expect(implausibleBirthDate('0050-01-02', now)).toContain('older than 120 years');
  });
});
