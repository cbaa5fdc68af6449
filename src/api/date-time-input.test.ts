import { describe, expect, it } from 'vitest';
import { isCalendarDate, isStrictDateTime } from './date-time-input.ts';

describe('date-time input', () => {
  it.each([
    '2026-03-01T09:30:00Z',
    '2026-03-01T09:30:00.123456Z',
    '2026-03-01T09:30:00+14:00',
    '2026-03-01T09:30:00-14:00',
    '2026-03-01T09:30:00+05:45',
    '2024-02-29T23:59:59Z',
    '0001-01-01T00:00:00Z',
  ])('accepts %s', (text) => expect(isStrictDateTime(text)).toBe(true));

  it.each([
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['an offset past +14:00', '2026-03-01T09:30:00+14:01'],
    ['an offset past -14:00', '2026-03-01T09:30:00-15:00'],
    ['offset minutes 60', '2026-03-01T09:30:00+01:60'],
    ['no offset', '2026-03-01T09:30:00'],
    ['year 0', '0000-06-01T00:00:00Z'],
    ['an instant before year 1 in UTC', '0001-01-01T00:00:00+01:00'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February in a common year', '2100-02-29T10:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['nanoseconds', '2026-03-01T09:30:00.123456789Z'],
    ['a space separator', '2026-03-01 09:30:00Z'],
    ['a five-digit year', '12026-03-01T09:30:00Z'],
  ])('refuses %s', (_what, text) => expect(isStrictDateTime(text)).toBe(false));

  it('accepts calendar dates that exist in years 0001–9999 only', () => {
    expect(isCalendarDate('0050-01-02')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });
});
