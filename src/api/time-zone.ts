import { HttpProblem } from './problem.ts';

/**
 * IANA time zones this server can count days in: the runtime's own list (Intl.supportedValuesOf,
 * the canonical names of its ICU zone data) plus 'UTC', which the list leaves out but every
 * Intl.DateTimeFormat accepts.
 */
const KNOWN_TIME_ZONES: ReadonlySet<string> = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isKnownTimeZone(zone: string): boolean {
  return KNOWN_TIME_ZONES.has(zone);
}

function unknownZoneWords(zone: string): string {
  return `'${zone}' is not an IANA time zone this server knows; give a canonical name such as Europe/London, America/Los_Angeles, Pacific/Auckland or UTC`;
}

/** 422 naming the zone and what is allowed, unless `zone` is absent or known. */
export function refuseUnknownTimeZone(zone: string | undefined): void {
  if (zone !== undefined && !isKnownTimeZone(zone))
    throw new HttpProblem(422, `timeZone ${unknownZoneWords(zone)}`);
}

/**
 * The clinic's time zone from MYOTROPHY_CLINIC_TIME_ZONE; 'UTC' when unset. New patients and users
 * get it unless told another. An unknown name stops the server with the words saying why.
 */
export function clinicTimeZoneFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const zone = env.MYOTROPHY_CLINIC_TIME_ZONE?.trim();
  if (!zone) return 'UTC';
  if (!isKnownTimeZone(zone)) throw new Error(`MYOTROPHY_CLINIC_TIME_ZONE ${unknownZoneWords(zone)}`);
  return zone;
}

/** The JSON schema of a time zone in a request body (checked against the list by `refuseUnknownTimeZone`). */
export const timeZoneSchema = { type: 'string', minLength: 1, maxLength: 64 } as const;
