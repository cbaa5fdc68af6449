import type { Kysely } from 'kysely';
import type { EntryStatus } from '../../clinic/record/correction.ts';
import type { SdFitSummary, SdPoint, SdTest, SdTestInput } from '../../clinic/record/sd-test.ts';
import { iso, json } from '../rows.ts';
import type { Schema } from '../schema.ts';
import {
  entryVersionOf,
  insertPatientRow,
  patientRecordFinder,
  patientRecordLister,
} from './patient-rows.ts';

export type { SdFitSummary, SdPoint, SdTest, SdTestInput } from '../../clinic/record/sd-test.ts';

interface SdTestRow {
  id: string;
  patient_id: string;
  site: string | null;
  side: string | null;
  tested_at: Date;
  points: unknown;
  rheobase_ma: number | null;
  chronaxie_ms: number | null;
  innervation: string | null;
  fit: unknown;
  recorded_by: string;
  status: EntryStatus;
  replaces_id: string | null;
}

export function toSdTest(row: SdTestRow): SdTest {
  return {
    id: row.id,
    patientId: row.patient_id,
    testedAt: iso(row.tested_at),
    site: row.site,
    side: row.side,
    points: row.points as SdPoint[],
    rheobaseMa: row.rheobase_ma,
    chronaxieMs: row.chronaxie_ms,
    innervation: row.innervation,
    fit: row.fit,
    recordedBy: row.recorded_by,
    ...entryVersionOf(row),
  };
}

export async function createSdTest(
  db: Kysely<Schema>,
  patientId: string,
  input: SdTestInput,
  summary: SdFitSummary,
  recordedBy: string,
): Promise<SdTest> {
  const row = await insertPatientRow(db, 'sd_tests', patientId, {
    site: input.site ?? null,
    side: input.side ?? null,
    tested_at: input.testedAt,
    points: json(input.points),
    rheobase_ma: summary.rheobaseMa,
    chronaxie_ms: summary.chronaxieMs,
    innervation: summary.innervation,
    fit: json(summary.fit),
    recorded_by: recordedBy,
  });
  return toSdTest(row);
}

export const listSdTests = patientRecordLister('sd_tests', toSdTest);

/** One sd tests record of the patient, by id. */
export const findSdTest = patientRecordFinder('sd_tests', toSdTest);
