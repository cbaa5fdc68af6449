import type { Kysely } from 'kysely';
import type { Patient, PatientInput, Sex } from '../../clinic/record/patient.ts';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../shared/languages.ts';
import type { Db } from '../database.ts';
import { iso, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

export type { Patient, PatientInput, Sex } from '../../clinic/record/patient.ts';
export { SEXES } from '../../clinic/record/patient.ts';

export function toPatient(row: {
  id: string;
  name: string;
  birth_date: string | null;
  sex: string | null;
  time_zone: string;
  language: string;
  created_at: Date;
  updated_at: Date;
}): Patient {
  return {
    id: row.id,
    name: row.name,
    birthDate: row.birth_date,
    sex: row.sex as Sex | null,
    timeZone: row.time_zone,
    // A code this version does not offer (kept by a newer one) reads as the default language.
    language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function createPatient(
  db: Kysely<Schema>,
  input: PatientInput,
  createdBy: string,
): Promise<Patient> {
  const row = await db
    .insertInto('patients')
    .values({
      id: newId(),
      name: input.name,
      birth_date: input.birthDate ?? null,
      sex: input.sex ?? null,
      ...(input.timeZone ? { time_zone: input.timeZone } : {}),
      ...(input.language ? { language: input.language } : {}),
      created_by: createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPatient(row);
}

export async function getPatient(db: Db, id: string): Promise<Patient | undefined> {
  const row = await db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPatient(row) : undefined;
}

/** The language a patient reads Myotrophy in (the default for a code this version does not offer). */
export async function patientLanguage(db: Db, id: string): Promise<Language | null> {
  const row = await db.selectFrom('patients').select('language').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE;
}

export async function patientExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('patients').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function updatePatient(
  db: Kysely<Schema>,
  id: string,
  changes: Partial<PatientInput>,
  now: Date,
): Promise<Patient | undefined> {
  const row = await db
    .updateTable('patients')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.birthDate !== undefined ? { birth_date: changes.birthDate } : {}),
      ...(changes.sex !== undefined ? { sex: changes.sex } : {}),
      ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
      ...(changes.language !== undefined ? { language: changes.language } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toPatient(row) : undefined;
}

/** Patients by id, in name order. */
export async function listPatients(db: Db, ids: readonly string[]): Promise<Patient[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('patients').selectAll().where('id', 'in', ids).orderBy('name').execute();
  return rows.map(toPatient);
}
