import { type Kysely, sql } from 'kysely';
import type { CareTeamMember, Role } from '../../clinic/record/care-team.ts';
import type { Db } from '../database.ts';
import { iso } from '../rows.ts';
import type { Schema } from '../schema.ts';

export type { CareTeamMember } from '../../clinic/record/care-team.ts';

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
    .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'user_id']).doNothing())
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

/** A change to a care team, as the team sees it. */
export interface CareTeamChange {
  at: string;
  action: 'add-member' | 'remove-member';
  memberId: string;
  memberName: string | null;
  byUserId: string | null;
  byName: string | null;
  byRole: Role | null;
  reason: string | null;
}

/** The care team's history, newest first, from the audit trail. */
export async function listCareTeamChanges(db: Db, patientId: string): Promise<CareTeamChange[]> {
  const rows = await db
    .selectFrom('audit_events as a')
    .leftJoin('users as m', (join) => join.on(sql`m.id::text`, '=', sql.ref('a.record_id')))
    .leftJoin('users as b', 'b.id', 'a.user_id')
    .select([
      'a.at',
      'a.action',
      'a.record_id',
      'm.name as member_name',
      'a.user_id',
      'b.name as by_name',
      'b.role as by_role',
      'a.reason',
    ])
    .where('a.patient_id', '=', patientId)
    .where('a.resource', '=', 'care-team')
    .where('a.action', 'in', ['add-member', 'remove-member'])
    .orderBy('a.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    at: iso(r.at),
    action: r.action as CareTeamChange['action'],
    memberId: r.record_id ?? '',
    memberName: r.member_name,
    byUserId: r.user_id,
    byName: r.by_name,
    byRole: r.by_role,
    reason: r.reason,
  }));
}
