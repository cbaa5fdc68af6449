import { describe, expect, it } from 'vitest';
import { DAY_MS, DAYS_PER_YEAR, HOUR_MS, WEEK_MS, yearsSince } from './time-units.ts';

describe('time units', () => {
  it('are the exact ECMAScript day, hour and week, and the mean Gregorian year', () => {
    expect(HOUR_MS).toBe(3_600_000);
    expect(DAY_MS).toBe(86_400_000);
    expect(WEEK_MS).toBe(604_800_000);
    expect(DAYS_PER_YEAR * 400).toBeCloseTo(146_097, 9);
  });

  it('counts years since a birth date', () => {
    expect(yearsSince('2000-01-01', Date.parse('2000-01-01T00:00:00Z'))).toBe(0);
    expect(Math.floor(yearsSince('1960-05-01', Date.parse('2025-04-30T12:00:00Z')))).toBe(64);
    expect(Math.floor(yearsSince('1960-05-01', Date.parse('2025-05-01T12:00:00Z')))).toBe(65);
  });
});
