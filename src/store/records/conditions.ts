import type { Kysely } from 'kysely';
import { lookupCause } from '../../clinic/coding/causes.ts';
import { codeForSite, lookupIcd10Code } from '../../clinic/coding/icd10cm.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../database.ts';
import { DEFAULT_LIST_LIMIT, iso, type ListWindow, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

/**
 * A diagnosis: an ICD-10-CM code (given, or derived from body site + side by the clinic module),
 * the cause of the atrophy, its onset and any immobilisation period.
 */
export interface ConditionInput {
  icd10Code?: string;
  site?: string;
  side?: string;
  cause?: string | null;
  onsetDate?: string | null;
  immobilisedFrom?: string | null;
  immobilisedTo?: string | null;
}

export interface Condition {
  id: string;
  patientId: string;
  icd10Code: string;
  title: string;
  site: string | null;
  side: string | null;
  cause: string | null;
  onsetDate: string | null;
  immobilisedFrom: string | null;
  immobilisedTo: string | null;
  recordedAt: string;
  recordedBy: string;
}

interface ConditionRow {
  id: string;
  patient_id: string;
  icd10_code: string;
  title: string;
  site: string | null;
  side: string | null;
  cause: string | null;
  onset_date: string | null;
  immobilised_from: string | null;
  immobilised_to: string | null;
  recorded_at: Date;
  recorded_by: string;
}

function toCondition(row: ConditionRow): Condition {
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
  };
}

/** The code, title, site and side to store, checked through the clinic's ICD-10-CM table. */
export function codeCondition(input: ConditionInput): {
  code: string;
  title: string;
  site: string | null;
  side: string | null;
} {
  if (input.icd10Code !== undefined) {
    const found = lookupIcd10Code(input.icd10Code);
    if (!found.billable) {
      throw new InvalidInputError(found.message ?? `${found.code} is a header and is not billable`);
    }
    if (input.site !== undefined && found.site !== undefined && input.site !== found.site) {
      throw new InvalidInputError(`${found.code} codes the ${found.site}, not the ${input.site}`);
    }
    if (input.side !== undefined && found.side !== undefined && input.side !== found.side) {
      throw new InvalidInputError(`${found.code} codes the ${found.side} side, not the ${input.side}`);
    }
    return {
      code: found.code,
      title: found.title,
      site: input.site ?? found.site ?? null,
      side: input.side ?? found.side ?? null,
    };
  }
  if (input.site !== undefined && input.side !== undefined) {
    const coded = codeForSite(input.site, input.side);
    return { code: coded.code, title: coded.title, site: coded.site, side: input.side };
  }
  throw new InvalidInputError('a condition needs icd10Code, or site and side to code it from');
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
  const row = await db
    .insertInto('conditions')
    .values({
      id: newId(),
      patient_id: patientId,
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
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCondition(row);
}

export async function listConditions(
  db: Db,
  patientId: string,
  window: ListWindow = {},
): Promise<Condition[]> {
  const rows = await db
    .selectFrom('conditions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('recorded_at')
    .orderBy('id')
    .limit(window.limit ?? DEFAULT_LIST_LIMIT)
    .execute();
  return rows.map(toCondition);
}
