import type { Kysely, Selectable } from 'kysely';
import {
  type OpenRedFlag,
  openRedFlagsOf,
  type RedFlagResolution,
} from '../../clinic/safety/open-red-flags.ts';
import type { Db } from '../database.ts';
import { iso } from '../rows.ts';
import type { Schema } from '../schema.ts';
import { allPatientRows, insertPatientRow } from './patient-rows.ts';

export type { OpenRedFlag, RedFlagResolution } from '../../clinic/safety/open-red-flags.ts';

/** The patient's open red flags, oldest raised first. */
export async function openRedFlags(db: Kysely<Schema>, patientId: string): Promise<OpenRedFlag[]> {
  const [screenings, resolutions] = await Promise.all([
    db
      .selectFrom('screenings')
      .select(['screened_at', 'red_flag_findings'])
      .where('patient_id', '=', patientId)
      .execute(),
    db
      .selectFrom('red_flag_resolutions')
      .select(['flag_key', 'resolved_at'])
      .where('patient_id', '=', patientId)
      .execute(),
  ]);
  return openRedFlagsOf(
    screenings.map((s) => ({ screenedAt: iso(s.screened_at), redFlagFindings: s.red_flag_findings })),
    resolutions.map((r) => ({ key: r.flag_key, resolvedAt: iso(r.resolved_at) })),
  );
}

/** Records a clinician's resolution of an open flag; the caller checks the flag is open and who may. */
export async function resolveRedFlag(
  db: Kysely<Schema>,
  patientId: string,
  input: { key: string; note: string },
  resolvedBy: string,
  now: Date,
): Promise<RedFlagResolution> {
  const row = await insertPatientRow(db, 'red_flag_resolutions', patientId, {
    flag_key: input.key,
    note: input.note,
    resolved_at: now,
    resolved_by: resolvedBy,
  });
  return toRedFlagResolution(row);
}

export async function listRedFlagResolutions(db: Db, patientId: string): Promise<RedFlagResolution[]> {
  const rows = await allPatientRows(db, 'red_flag_resolutions', patientId, ['resolved_at', 'id']);
  return rows.map(toRedFlagResolution);
}

export function toRedFlagResolution(row: Selectable<Schema['red_flag_resolutions']>): RedFlagResolution {
  return {
    id: row.id,
    patientId: row.patient_id,
    key: row.flag_key,
    note: row.note,
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by,
  };
}
