import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { iso, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

/** A clinic this instance serves: the tenant every clinical row belongs to (docs/tenancy.md). */
export interface Clinic {
  id: string;
  name: string;
  /** How its patients reach it (migration 0020); null when not given. */
  phone: string | null;
  email: string | null;
  createdAt: string;
}

/** A clinic's name, phone and email as its operator sets them; null clears a phone or email. */
export interface ClinicContactInput {
  name?: string;
  phone?: string | null;
  email?: string | null;
}

/**
 * A clinic's phone number as a patient dials it: digits with spaces, + ( ) . / - between them; 3 to
 * 40 characters (the column's check). One rule for the API's schema and the command line.
 */
export const CLINIC_PHONE_PATTERN = '^\\+?[0-9][0-9 ()./-]*[0-9]$';
export const CLINIC_PHONE_LENGTH = { min: 3, max: 40 } as const;

const COLUMNS = ['id', 'name', 'phone', 'email', 'created_at'] as const;

function toClinic(row: {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  created_at: Date;
}): Clinic {
  return { id: row.id, name: row.name, phone: row.phone, email: row.email, createdAt: iso(row.created_at) };
}

export async function createClinic(
  db: Kysely<Schema>,
  name: string,
  contact: Pick<ClinicContactInput, 'phone' | 'email'> = {},
): Promise<Clinic> {
  const row = await db
    .insertInto('clinics')
    .values({ id: newId(), name: name.trim(), phone: contact.phone ?? null, email: contact.email ?? null })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toClinic(row);
}

/** Changes a clinic's name, phone or email (what is not given stays); undefined when there is no such clinic. */
export async function updateClinicContact(
  db: Kysely<Schema>,
  clinicId: string,
  contact: ClinicContactInput,
): Promise<Clinic | undefined> {
  const row = await db
    .updateTable('clinics')
    .set({
      ...(contact.name !== undefined ? { name: contact.name.trim() } : {}),
      ...(contact.phone !== undefined ? { phone: contact.phone } : {}),
      ...(contact.email !== undefined ? { email: contact.email } : {}),
    })
    .where('id', '=', clinicId)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toClinic(row) : undefined;
}

/** Every clinic, oldest first. */
export async function listClinics(db: Db): Promise<Clinic[]> {
  const rows = await db.selectFrom('clinics').select(COLUMNS).orderBy('created_at').orderBy('id').execute();
  return rows.map(toClinic);
}

export async function findClinicByName(db: Db, name: string): Promise<Clinic | undefined> {
  const row = await db
    .selectFrom('clinics')
    .select(COLUMNS)
    .where('name', '=', name.trim())
    .executeTakeFirst();
  return row ? toClinic(row) : undefined;
}

/** The instance's first clinic (made by migration 0017): the one a fresh instance's setup fills. */
export async function firstClinic(db: Kysely<Schema>): Promise<Clinic> {
  const row = await db
    .selectFrom('clinics')
    .select(COLUMNS)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return toClinic(row);
}

/**
 * A clinic's own row, and whether it is the instance's first clinic (the one a single-clinic
 * server has, whose contact may come from the server's settings instead): one statement.
 */
export async function findClinicForContact(
  db: Db,
  clinicId: string,
): Promise<(Clinic & { first: boolean }) | undefined> {
  const row = await db
    .selectFrom('clinics as k')
    .select(['k.id', 'k.name', 'k.phone', 'k.email', 'k.created_at'])
    .select((eb) =>
      eb('k.id', '=', eb.selectFrom('clinics').select('id').orderBy('created_at').orderBy('id').limit(1)).as(
        'first',
      ),
    )
    .where('k.id', '=', clinicId)
    .executeTakeFirst();
  return row ? { ...toClinic(row), first: Boolean(row.first) } : undefined;
}
