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

export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
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
