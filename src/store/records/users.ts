import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { iso, newId } from '../rows.ts';
import type { Role, Schema } from '../schema.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  patientId: string | null;
  createdAt: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  patientId?: string | null;
}

function toUser(row: {
  id: string;
  email: string;
  name: string;
  role: Role;
  patient_id: string | null;
  created_at: Date;
}): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    patientId: row.patient_id,
    createdAt: iso(row.created_at),
  };
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
    })
    .returning(['id', 'email', 'name', 'role', 'patient_id', 'created_at'])
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
