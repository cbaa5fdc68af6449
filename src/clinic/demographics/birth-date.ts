/**
 * Whether a recorded birth date can be a living patient's. The oldest verified human lived 122
 * years and 164 days (Jeanne Calment, 1875–1997; Robine & Allard, Science 1998): an age above 120
 * years on the day of recording is taken for a typing error (a wrong century, day and year
 * swapped), not a patient, and refused with what is allowed.
 */
export const MAX_PLAUSIBLE_AGE_YEARS = 120;

/**
 * The widest UTC offset in use (UTC+14, Line Islands): a birth recorded "today" where the clinic is
 * may already be tomorrow's date when the server's clock reads UTC.
 */
const AHEAD_OF_UTC_MS = 14 * 3_600_000;

const pad4 = (year: number) => String(year).padStart(4, '0');

/** The earliest plausible birth date on `today` (YYYY-MM-DD): MAX_PLAUSIBLE_AGE_YEARS earlier. */
export function earliestPlausibleBirthDate(today: string): string {
  return `${pad4(Number(today.slice(0, 4)) - MAX_PLAUSIBLE_AGE_YEARS)}${today.slice(4)}`;
}

/**
 * Why `birthDate` (YYYY-MM-DD, already checked to exist) is not plausible at `now`, or null when it
 * is: a birth after today (in the time zone furthest ahead) or more than MAX_PLAUSIBLE_AGE_YEARS ago.
 */
export function implausibleBirthDate(birthDate: string, now: Date): string | null {
  const latest = new Date(now.getTime() + AHEAD_OF_UTC_MS).toISOString().slice(0, 10);
  if (birthDate > latest) {
    return `birthDate ${birthDate} is in the future; a birth date is on or before ${latest}`;
  }
  const today = now.toISOString().slice(0, 10);
  const earliest = earliestPlausibleBirthDate(today);
  if (birthDate < earliest) {
    return `birthDate ${birthDate} makes the patient older than ${MAX_PLAUSIBLE_AGE_YEARS} years; a birth date is on or after ${earliest} (check the century)`;
  }
  return null;
}
