/** Display helpers: dates, labels and numbers in the clinician's words. */
import { localDate } from '@core/clinic/calendar/zoned-days.ts';
import { yearsSince } from '@core/shared/time-units.ts';

const ACRONYMS: Record<string, string> = { icu: 'ICU', lefs: 'LEFS', mrc: 'MRC', nmes: 'NMES' };

export function label(id: string): string {
  const s = id
    .split('-')
    .map((w) => ACRONYMS[w] ?? w)
    .join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Formats made once: the browser builds a formatter for every toLocale…String call, and the
 * clinician's lists write hundreds of dates.
 */
let dayFormat: Intl.DateTimeFormat | undefined;
let dayTimeFormat: Intl.DateTimeFormat | undefined;

export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  dayFormat ??= new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return dayFormat.format(new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso));
}

export function dateTime(iso: string): string {
  dayTimeFormat ??= new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return dayTimeFormat.format(new Date(iso));
}

export function ageYears(birthDate: string | null, now = new Date()): number | null {
  if (!birthDate) return null;
  return Math.floor(yearsSince(birthDate, now.getTime()));
}

export function fixed(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the patient's time zone. */
export function dayKey(iso: string, timeZone: string): string {
  return localDate(iso, timeZone);
}

/** Today's date (YYYY-MM-DD) in a time zone; the browser's own when none is given. */
export function todayKey(
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  now = new Date(),
): string {
  return localDate(now, timeZone);
}
