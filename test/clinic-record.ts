import { planProgramme } from '../src/clinic/programme/plan.ts';
import { fitStrengthDuration } from '../src/physiology/strength-duration/strength-duration.ts';
import type { Db } from '../src/store/database.ts';
import { addCareTeamMember } from '../src/store/records/care-team.ts';
import { createCondition } from '../src/store/records/conditions.ts';
import { createMeasurement } from '../src/store/records/measurements.ts';
import { createPatient } from '../src/store/records/patients.ts';
import { approveProgramme, createProgramme } from '../src/store/records/programmes.ts';
import { createSdTest } from '../src/store/records/sd-tests.ts';
import { createSession } from '../src/store/records/sessions.ts';
import { createClinicianAndAdmin, createPatientWithLogin } from './clinic-people.ts';

/**
 * One patient's full record for the FHIR tests: every kind of measurement (both sides where it
 * matters), a diagnosis with its cause and immobilisation, a second diagnosis without a cause, a
 * strength–duration test, three programme versions (ended, approved, draft) and sessions logged
 * by the patient and by the clinician.
 */
export const WEISS_RHEOBASE_MA = 8;
export const WEISS_CHRONAXIE_MS = 0.4;
export const SD_WIDTHS_MS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

export interface ClinicRecord {
  patientId: string;
  clinicianId: string;
  adminId: string;
  patientUserId: string;
  otherPatientId: string;
}

export async function makeClinicRecord(db: Db, passwordHash = '!test-no-login'): Promise<ClinicRecord> {
  const { clinician, admin } = await createClinicianAndAdmin(db, passwordHash, {
    clinician: { email: 'casey@clinic.test', name: 'Casey Clinician' },
    admin: { email: 'ada@clinic.test', name: 'Ada Admin' },
  });
  const { patient, user: patientUser } = await createPatientWithLogin(
    db,
    passwordHash,
    { name: 'Pat Example', birthDate: '1961-04-12', sex: 'female' },
    { email: 'pat@home.test', name: 'Pat Example' },
    { clinicianId: clinician.id, addedBy: admin.id },
  );
  const other = await createPatient(db, { name: 'Other Person', sex: 'male' }, clinician.id);
  await addCareTeamMember(db, patient.id, admin.id, admin.id);
  await addCareTeamMember(db, other.id, clinician.id, admin.id);
  const p = patient.id;
  const c = clinician.id;

  await createCondition(
    db,
    p,
    {
      site: 'lower-leg',
      side: 'left',
      cause: 'cast',
      onsetDate: '2024-03-01',
      immobilisedFrom: '2024-03-01',
      immobilisedTo: '2024-04-12',
    },
    c,
    new Date('2024-03-02T09:00:00Z'),
  );
  await createCondition(db, p, { icd10Code: 'M62.551' }, c, new Date('2024-03-02T09:05:00Z'));

  const measured = [
    {
      kind: 'circumference',
      value: 36.5,
      site: 'lower-leg',
      side: 'left',
      note: '10 cm below the tibial tuberosity',
    },
    {
      kind: 'circumference',
      value: 38.9,
      site: 'lower-leg',
      side: 'right',
      note: '10 cm below the tibial tuberosity',
    },
    { kind: 'circumference', value: 51.2, site: 'thigh', side: 'left' },
    { kind: 'mrc-grade', value: 4, site: 'quadriceps', side: 'left' },
    { kind: 'dynamometry', value: 212.5, site: 'knee extensors', side: 'left' },
    { kind: 'ultrasound-thickness', value: 21.4, site: 'rectus femoris', side: 'left' },
    { kind: 'grip', value: 24.5, site: 'hand', side: 'left' },
    { kind: 'grip', value: 27.25, site: 'hand', side: 'right' },
    { kind: 'chair-stand', value: 13.8 },
    { kind: 'gait-speed', value: 0.92 },
    { kind: 'lefs', value: 47 },
  ] as const;
  for (const m of measured) {
    await createMeasurement(db, p, { ...m, measuredAt: '2024-04-15T10:00:00.000Z' }, c);
  }
  await createMeasurement(
    db,
    p,
    { kind: 'lefs', value: 58, measuredAt: '2024-05-20T10:00:00.000Z' },
    patientUser.id,
  );

  const points = SD_WIDTHS_MS.map((widthMs) => ({
    widthMs,
    thresholdMa: WEISS_RHEOBASE_MA * (1 + WEISS_CHRONAXIE_MS / widthMs),
  }));
  const fit = fitStrengthDuration(points);
  await createSdTest(
    db,
    p,
    { testedAt: '2024-04-15T11:00:00.000Z', site: 'quadriceps', side: 'left', points },
    { rheobaseMa: fit.rheobaseMa, chronaxieMs: fit.chronaxieMs, innervation: fit.innervation, fit },
    c,
  );

  const plan = planProgramme({ goal: 'prevent-disuse-atrophy', muscle: 'quadriceps', side: 'left' });
  if (plan.status !== 'draft') throw new Error('the fixture programme was refused');
  const v1 = await createProgramme(
    db,
    p,
    { body: plan, safety: plan.safety },
    c,
    new Date('2024-04-15T12:00:00Z'),
  );
  await approveProgramme(db, p, v1.id, c, plan.safety, new Date('2024-04-15T12:30:00Z'));
  const edited = { ...plan, goal: 'reverse-atrophy' };
  const v2 = await createProgramme(
    db,
    p,
    { body: edited, supersedesId: v1.id, safety: plan.safety },
    c,
    new Date('2024-05-01T08:00:00Z'),
  );
  await approveProgramme(db, p, v2.id, c, plan.safety, new Date('2024-05-01T08:15:00Z'));
  await createProgramme(
    db,
    p,
    { body: edited, supersedesId: v2.id, safety: plan.safety },
    c,
    new Date('2024-05-25T08:00:00Z'),
  );

  const at = new Date('2024-05-30T00:00:00Z');
  await createSession(
    db,
    p,
    {
      kind: 'stimulation',
      startedAt: '2024-04-16T07:00:00.000Z',
      minutes: 40,
      peakIntensityMa: 32.5,
      comfort: 7,
      pain: 2,
      completed: true,
      notes: 'strong contractions',
      programmeId: v1.id,
    },
    patientUser.id,
    at,
  );
  await createSession(
    db,
    p,
    {
      kind: 'stimulation',
      startedAt: '2024-05-02T07:00:00.000Z',
      minutes: 12.5,
      peakIntensityMa: 28,
      comfort: 4,
      pain: 6,
      completed: false,
      programmeId: v2.id,
    },
    patientUser.id,
    at,
  );
  await createSession(
    db,
    p,
    {
      kind: 'exercise',
      startedAt: '2024-05-02T15:00:00.000Z',
      minutes: 25,
      completed: true,
      programmeId: v2.id,
    },
    c,
    at,
  );
  return {
    patientId: p,
    clinicianId: c,
    adminId: admin.id,
    patientUserId: patientUser.id,
    otherPatientId: other.id,
  };
}
