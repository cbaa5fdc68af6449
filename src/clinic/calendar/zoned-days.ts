import { TZDateMini } from '@date-fns/tz';
import { DAY_MS } from '../../shared/time-units.ts';

/**
 * Calendar days in a person's IANA time zone. Instants stay instants (UTC ISO 8601); a day is the
 * 'YYYY-MM-DD' the clock on the person's wall shows. The zone arithmetic (offsets, daylight saving)
 * is @date-fns/tz's, which reads the runtime's own zone data through Intl.DateTimeFormat.
 */
export type IsoDate = string;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The calendar day an instant falls on in `timeZone`. */
export function localDate(instant: Date | string | number, timeZone: string): IsoDate {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  const d = new TZDateMini(ms, timeZone);
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The instant a calendar day starts in `timeZone` (its local midnight, or the first minute after a gap). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDateMini(y, m - 1, d, timeZone).getTime());
}

/** The instants a calendar day spans in `timeZone`: [start, end). 23 or 25 hours on a DST change. */
export function localDayBounds(date: IsoDate, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(date, timeZone), end: startOfLocalDay(addDays(date, 1), timeZone) };
}

/** A calendar day `days` later (or earlier): plain date arithmetic, no zone involved. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week, Monday 0 … Sunday 6 (ISO 8601 order). */
export function weekdayOf(date: IsoDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday of a calendar day's ISO week. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -weekdayOf(date));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
