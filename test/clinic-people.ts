import type { Db } from '../src/store/database.ts';
import { addCareTeamMember } from '../src/store/records/care-team.ts';
import { createPatient, type PatientInput } from '../src/store/records/patients.ts';
import { createUser } from '../src/store/records/users.ts';

/** Who an account is for: the email it logs in with and the name it shows. */
export interface AccountHolder {
  email: string;
  name: string;
}

/** A clinic's staff for a test: a clinician and an admin, both with `passwordHash`. */
export async function createClinicianAndAdmin(
  db: Db,
  passwordHash: string,
  people: { clinician: AccountHolder; admin: AccountHolder },
) {
  const clinician = await createUser(db, { ...people.clinician, role: 'clinician', passwordHash });
  const admin = await createUser(db, { ...people.admin, role: 'admin', passwordHash });
  return { clinician, admin };
}

/**
 * A patient with their own login, created by the clinician and put on the clinician's care team by
 * `addedBy` (the admin, or the clinician themself).
 */
export async function createPatientWithLogin(
  db: Db,
  passwordHash: string,
  patient: PatientInput,
  login: AccountHolder,
  team: { clinicianId: string; addedBy: string },
) {
  const created = await createPatient(db, patient, team.clinicianId);
  await addCareTeamMember(db, created.id, team.clinicianId, team.addedBy);
  const user = await createUser(db, { ...login, role: 'patient', passwordHash, patientId: created.id });
  return { patient: created, user };
}
