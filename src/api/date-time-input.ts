/**
 * The date and time forms the API accepts, checked at the edge (the JSON Schema formats
 * `date-time` and `date` are replaced by these), so that nothing reaches the database that it
 * would store differently from what was sent or refuse with an error of its own:
 * - no leap second (PostgreSQL turns 23:59:60 into the next minute, so a retry would not match);
 * - offsets within ±14:00, the widest any time zone uses (PostgreSQL refuses some wider ones with
 *   SQLSTATE 22009, others it stores);
 * - years 0001–9999 (PostgreSQL has no year 0, and the instant must stay in that range in UTC);
 * - at most 6 fractional digits (PostgreSQL keeps microseconds).
 */
export const DATE_TIME_FORM =
  'an RFC 3339 date-time YYYY-MM-DDThh:mm:ss[.ffffff](Z|±hh:mm), e.g. 2026-03-01T09:30:00Z or 2026-03-01T09:30:00+02:00: years 0001–9999, seconds 00–59 (no leap second), at most 6 fractional digits, offset within ±14:00';
export const DATE_FORM = 'a calendar date YYYY-MM-DD with years 0001–9999, e.g. 1961-04-12';

/** The widest UTC offset in use (Line Islands, UTC+14), in minutes. */
export const MAX_OFFSET_MINUTES = 14 * 60;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|([+-])(\d{2}):(\d{2}))$/;

const FIRST_INSTANT_MS = Date.parse('0001-01-01T00:00:00Z');
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a calendar date YYYY-MM-DD that exists, in years 0001–9999. */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a date-time in DATE_TIME_FORM. */
export function isStrictDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (!match || !isCalendarDate(match[1] as string)) return false;
  const [hour, minute, second] = [match[2], match[3], match[4]].map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[6] !== 'Z') {
    const offsetMinutes = Number(match[8]) * 60 + Number(match[9]);
    if (Number(match[9]) > 59 || offsetMinutes > MAX_OFFSET_MINUTES) return false;
  }
  const instant = Date.parse(text);
  return Number.isFinite(instant) && instant >= FIRST_INSTANT_MS && instant <= LAST_INSTANT_MS;
}

/** What a value of a format must look like, for the 400 that refuses it. */
export const FORM_OF_FORMAT: Record<string, string> = { 'date-time': DATE_TIME_FORM, date: DATE_FORM };

/** Fastify's `ajv.onCreate`: the strict forms replace ajv-formats' `date-time` and `date`. */
export function useStrictDateFormats(ajv: {
  addFormat(name: string, format: { type: 'string'; validate: (text: string) => boolean }): unknown;
}): void {
  ajv.addFormat('date-time', { type: 'string', validate: isStrictDateTime });
  ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
}
