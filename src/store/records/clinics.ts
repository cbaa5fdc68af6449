import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { iso, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

/** A clinic this instance serves: the tenant every clinical row belongs to (docs/tenancy.md). */
export interface Clinic {
  id: string;
  name: string;
  createdAt: string;
}

function toClinic(row: { id: string; name: string; created_at: Date }): Clinic {
  return { id: row.id, name: row.name, createdAt: iso(row.created_at) };
}

export async function createClinic(db: Kysely<Schema>, name: string): Promise<Clinic> {
  const row = await db
    .insertInto('clinics')
    .values({ id: newId(), name: name.trim() })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  return toClinic(row);
}

/** Every clinic, oldest first. */
export async function listClinics(db: Db): Promise<Clinic[]> {
  const rows = await db
    .selectFrom('clinics')
    .select(['id', 'name', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toClinic);
}

export async function findClinicByName(db: Db, name: string): Promise<Clinic | undefined> {
  const row = await db
    .selectFrom('clinics')
    .select(['id', 'name', 'created_at'])
    .where('name', '=', name.trim())
    .executeTakeFirst();
  return row ? toClinic(row) : undefined;
}

/** The instance's first clinic (made by migration 0017): the one a fresh instance's setup fills. */
export async function firstClinic(db: Kysely<Schema>): Promise<Clinic> {
  const row = await db
    .selectFrom('clinics')
    .select(['id', 'name', 'created_at'])
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  return toClinic(row);
}
