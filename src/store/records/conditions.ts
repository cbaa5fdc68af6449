import type { Kysely } from 'kysely';
import { lookupCause } from '../../clinic/coding/causes.ts';
import { codeCondition } from '../../clinic/coding/code-condition.ts';
import type { Condition, ConditionInput } from '../../clinic/record/condition.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../database.ts';
import { iso, type ListWindow, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import { entryVersionOf, insertPatientRow, listPatientRows, patientRecordFinder } from './patient-rows.ts';

export type { Condition, ConditionInput } from '../../clinic/record/condition.ts';

export function toCondition(row: RowOf<'conditions'>): Condition {
  return {
    id: row.id,
    patientId: row.patient_id,
    icd10Code: row.icd10_code,
    title: row.title,
    site: row.site,
    side: row.side,
    cause: row.cause,
    onsetDate: row.onset_date,
    immobilisedFrom: row.immobilised_from,
    immobilisedTo: row.immobilised_to,
    recordedAt: iso(row.recorded_at),
    recordedBy: row.recorded_by,
    ...entryVersionOf(row),
  };
}

export async function createCondition(
  db: Kysely<Schema>,
  patientId: string,
  input: ConditionInput,
  recordedBy: string,
  now: Date,
): Promise<Condition> {
  const coded = codeCondition(input);
  if (input.cause) lookupCause(input.cause);
  if (input.immobilisedFrom && input.immobilisedTo && input.immobilisedTo < input.immobilisedFrom) {
    throw new InvalidInputError(
      `immobilisedTo (${input.immobilisedTo}) is before immobilisedFrom (${input.immobilisedFrom})`,
    );
  }
  const row = await insertPatientRow(db, 'conditions', patientId, {
    icd10_code: coded.code,
    title: coded.title,
    site: coded.site,
    side: coded.side,
    cause: input.cause ?? null,
    onset_date: input.onsetDate ?? null,
    immobilised_from: input.immobilisedFrom ?? null,
    immobilised_to: input.immobilisedTo ?? null,
    recorded_at: now,
    recorded_by: recordedBy,
  });
  return toCondition(row);
}

export async function listConditions(
  db: Db,
  patientId: string,
  window: ListWindow = {},
): Promise<Condition[]> {
  return (
    await listPatientRows(db, 'conditions', patientId, {
      limit: window.limit,
      ...(window.currentOnly ? { currentOnly: true } : {}),
    })
  ).map(toCondition);
}

/** One conditions record of the patient, by id. */
export const findCondition = patientRecordFinder('conditions', toCondition);
