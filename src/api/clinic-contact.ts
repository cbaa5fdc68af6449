import { type ClinicContact, UNSET_CLINIC_CONTACT } from '../clinic/safety/red-flag-pause.ts';
import type { Db } from '../store/database.ts';
import { findClinicForContact } from '../store/records/clinics.ts';

/**
 * The server's clinic contact from its environment: MYOTROPHY_CLINIC_NAME (required for any of it
 * to apply), MYOTROPHY_CLINIC_PHONE and MYOTROPHY_CLINIC_EMAIL. It is the contact of the instance's
 * first clinic (a single-clinic server's) while that clinic has none of its own; see
 * `clinicContactFor`.
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

/**
 * The contact a patient of `clinicId` is told to use (a paused or held programme, the handout):
 *
 *   1. the clinic's own name with its phone and email, when its operator has given either
 *      (`myotrophy clinic contact`);
 *   2. otherwise, for the instance's first clinic, the server's contact from its environment;
 *   3. otherwise the clinic's name without a number, for a clinic its operator created and named;
 *   4. and for the first clinic with no contact anywhere, none: the patient reads "your clinic" in
 *      their language (UNSET_CLINIC_CONTACT), never the placeholder name the first clinic was made with.
 *
 * So a patient is never given another clinic's number on a server that holds several.
 */
export async function clinicContactFor(
  db: Db,
  clinicId: string,
  serverContact: ClinicContact | undefined,
): Promise<ClinicContact> {
  const clinic = await findClinicForContact(db, clinicId);
  if (!clinic) return UNSET_CLINIC_CONTACT;
  if (clinic.phone || clinic.email) {
    return {
      name: clinic.name,
      ...(clinic.phone ? { phone: clinic.phone } : {}),
      ...(clinic.email ? { email: clinic.email } : {}),
    };
  }
  if (clinic.first) return serverContact ?? UNSET_CLINIC_CONTACT;
  return { name: clinic.name };
}
