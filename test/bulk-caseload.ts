import { randomUUID } from 'node:crypto';
import type { Db } from '../src/store/database.ts';

/**
 * A clinician's caseload of many patients for the bulk export test and benchmark, inserted a
 * thousand rows to a statement: each patient created by the clinician, on the clinician's care
 * team, with one left calf circumference measurement (so each exports a Patient, its Provenance,
 * the CareTeam and an Observation; the clinician is the one Practitioner).
 */
const ROWS_PER_INSERT = 1000;

export async function seedCaseload(
  db: Db,
  clinicianId: string,
  patients: number,
  firstMeasuredAt = new Date('2025-01-06T09:00:00Z'),
): Promise<void> {
  for (let start = 0; start < patients; start += ROWS_PER_INSERT) {
    const ids = Array.from({ length: Math.min(ROWS_PER_INSERT, patients - start) }, () => randomUUID());
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('patients')
        .values(
          ids.map((id, i) => ({
            id,
            name: `Patient ${start + i + 1}`,
            birth_date: '1960-05-17',
            sex: i % 2 === 0 ? 'female' : 'male',
            created_by: clinicianId,
          })),
        )
        .execute();
      await tx
        .insertInto('care_team')
        .values(ids.map((id) => ({ patient_id: id, user_id: clinicianId, added_by: clinicianId })))
        .execute();
      await tx
        .insertInto('measurements')
        .values(
          ids.map((id, i) => ({
            id: randomUUID(),
            patient_id: id,
            kind: 'circumference',
            site: 'lower-leg',
            side: 'left',
            value: 30 + ((start + i) % 100) / 10,
            unit: 'cm',
            measured_at: new Date(firstMeasuredAt.getTime() + (start + i) * 60_000),
            note: null,
            recorded_by: clinicianId,
          })),
        )
        .execute();
    });
  }
}
