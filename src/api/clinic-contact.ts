import type { ClinicContact } from '../clinic/safety/red-flag-pause.ts';

/**
 * The clinic's contact from the server's environment: MYOTROPHY_CLINIC_NAME (required for any of
 * it to apply), MYOTROPHY_CLINIC_PHONE and MYOTROPHY_CLINIC_EMAIL. A patient whose stimulation is
 * paused reads it on the Today page. Unset, the server says "Your clinic" without a number.
 */
export function clinicContactFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): ClinicContact | undefined {
  const name = env.MYOTROPHY_CLINIC_NAME?.trim();
  if (!name) return undefined;
  const phone = env.MYOTROPHY_CLINIC_PHONE?.trim();
  const email = env.MYOTROPHY_CLINIC_EMAIL?.trim();
  return { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
}
