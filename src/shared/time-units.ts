/**
 * Units of time, each once. ECMAScript time counts every day as 86,400 s (no leap seconds:
 * ECMA-262 §21.4.1.1), so a day, an hour and a week are exact numbers of milliseconds in UTC.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** Days in the mean Gregorian calendar year: 146,097 days every 400 years. */
export const DAYS_PER_YEAR = 365.2425;

/** Years (with their fraction) from a birth date 'YYYY-MM-DD' (midnight UTC) to a time in ms. */
export function yearsSince(birthDate: string, atMs: number): number {
  return (atMs - Date.parse(`${birthDate}T00:00:00Z`)) / (DAYS_PER_YEAR * DAY_MS);
}
