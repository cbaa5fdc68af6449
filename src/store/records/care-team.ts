import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { iso } from '../rows.ts';
import type { Role, Schema } from '../schema.ts';

export interface CareTeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  addedAt: string;
}

/** Adds a member; adding someone already on the team changes nothing. */
export async function addCareTeamMember(
  db: Kysely<Schema>,
  patientId: string,
  userId: string,
  addedBy: string,
): Promise<void> {
  await db
    .insertInto('care_team')
    .values({ patient_id: patientId, user_id: userId, added_by: addedBy })
    .onConflict((oc) => oc.columns(['patient_id', 'user_id']).doNothing())
    .execute();
}

export async function isOnCareTeam(db: Db, patientId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('care_team')
    .select('user_id')
    .where('patient_id', '=', patientId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function careTeamPatientIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('care_team').select('patient_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.patient_id);
}

export async function listCareTeam(db: Db, patientId: string): Promise<CareTeamMember[]> {
  const rows = await db
    .selectFrom('care_team as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.role', 'c.added_at'])
    .where('c.patient_id', '=', patientId)
    .orderBy('c.added_at')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    addedAt: iso(r.added_at),
  }));
}

/** Removes a member; false when they were not on the team. */
export async function removeCareTeamMember(
  db: Kysely<Schema>,
  patientId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('care_team')
    .where('patient_id', '=', patientId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
