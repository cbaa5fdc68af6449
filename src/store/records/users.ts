import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../database.ts';
import { iso, isoOrNull, newId } from '../rows.ts';
import type { Role, Schema } from '../schema.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
  createdAt: string;
  /** When the account was deactivated; null while it may log in. */
  deactivatedAt: string | null;
  /** An admin who also explicitly holds the clinician role (false for every other account). */
  clinicianRole: boolean;
  /** The clinic the account belongs to (docs/tenancy.md). */
  clinicId: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  patientId?: string | null;
  clinicianRole?: boolean;
}

const USER_COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'patient_id',
  'created_at',
  'deactivated_at',
  'clinician_role',
  'clinic_id',
] as const;

function toUser(row: {
  id: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  created_at: Date;
  deactivated_at: Date | null;
  clinician_role: boolean;
  clinic_id: string;
}): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    patientId: row.patient_id,
    createdAt: iso(row.created_at),
    deactivatedAt: isoOrNull(row.deactivated_at),
    clinicianRole: row.clinician_role,
    clinicId: row.clinic_id,
  };
}

/** Whether the account may do clinical work: a clinician, or an admin who explicitly holds the clinician role. */
export function doesClinicalWork(user: { role: Role; clinicianRole: boolean }): boolean {
  return user.role === 'clinician' || (user.role === 'admin' && user.clinicianRole);
}

/** Emails are compared case-insensitively: they are stored trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(db: Kysely<Schema>, input: NewUser): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({
      id: newId(),
      email: normaliseEmail(input.email),
      name: input.name,
      role: input.role,
      password_hash: input.passwordHash,
      patient_id: input.patientId ?? null,
      clinician_role: input.clinicianRole ?? false,
      deactivated_at: null,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getUserWithPassword(
  db: Db,
  id: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

/** Every account, by email. */
export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').select(USER_COLUMNS).orderBy('email').execute();
  return rows.map(toUser);
}

/** The active login of a patient record, if it has one (at most one: a unique index holds it). */
export async function activePatientLogin(db: Db, patientId: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('patient_id', '=', patientId)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function setPasswordHash(db: Kysely<Schema>, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

/** Sets columns of one account; returns it, or undefined when unknown. */
async function updateUser(
  db: Kysely<Schema>,
  id: string,
  values: Updateable<Schema['users']>,
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set(values)
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** Deactivates (at a time) or reactivates (null) an account; returns it, or undefined when unknown. */
export function setDeactivated(db: Kysely<Schema>, id: string, at: Date | null): Promise<User | undefined> {
  return updateUser(db, id, { deactivated_at: at });
}

export function setClinicianRole(
  db: Kysely<Schema>,
  id: string,
  granted: boolean,
): Promise<User | undefined> {
  return updateUser(db, id, { clinician_role: granted });
}
