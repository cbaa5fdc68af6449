import { expect } from 'vitest';
import { hashPassword } from '../src/api/passwords.ts';
import { createClinic } from '../src/store/records/clinics.ts';
import { actAsOperatorFor } from '../src/store/tenancy.ts';
import { type ApiWorld, PASSWORD, type Person } from './api-world.ts';
import { createClinicianAndAdmin, createPatientWithLogin } from './clinic-people.ts';

export interface SecondClinic {
  clinicId: string;
  clinician: Person;
  admin: Person;
  /** The second clinic's patient (Europe/Berlin), on the clinician's care team. */
  patientId: string;
  patientUser: Person;
}

/**
 * A second clinic on the world's instance (docs/tenancy.md): its clinician, its admin and one
 * patient with a login, made by the operator for that clinic and logged in over HTTP.
 */
export async function seedSecondClinic(world: ApiWorld): Promise<SecondClinic> {
  const db = world.database.db;
  const clinicId = (await createClinic(db, 'Riverside Physiotherapy')).id;
  const passwordHash = await hashPassword(PASSWORD);
  const made = await actAsOperatorFor(clinicId, async () => {
    const { clinician, admin } = await createClinicianAndAdmin(db, passwordHash, {
      clinician: { email: 'cara@riverside.test', name: 'Cara' },
      admin: { email: 'root@riverside.test', name: 'Rob' },
    });
    const { patient, user: patientUser } = await createPatientWithLogin(
      db,
      passwordHash,
      { name: 'Dee Three', timeZone: 'Europe/Berlin' },
      { email: 'dee@riverside.test', name: 'Dee' },
      { clinicianId: clinician.id, addedBy: admin.id },
    );
    return { clinician, admin, patient, patientUser };
  });
  const login = async (user: { id: string; email: string; role: Person['role'] }): Promise<Person> => {
    const response = await world.request(undefined, 'POST', '/api/auth/login', {
      email: user.email,
      password: PASSWORD,
    });
    expect(response.statusCode).toBe(200);
    return { id: user.id, email: user.email, role: user.role, token: response.json().token as string };
  };
  return {
    clinicId,
    clinician: await login(made.clinician),
    admin: await login(made.admin),
    patientId: made.patient.id,
    patientUser: await login(made.patientUser),
  };
}
