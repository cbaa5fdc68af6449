import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import { iso, newId } from '../rows.ts';
import type { Schema } from '../schema.ts';

/**
 * Open red flags and their resolutions. A flag is raised by a screening that records the finding as
 * present; it stays open until a clinician resolves it with a note. A later screening that answers
 * "no" does not close it (only a clinician's resolution does), and a screening that records the
 * finding again after a resolution opens it again.
 */
export interface OpenRedFlag {
  key: string;
  /** When the latest screening recording the finding was taken. */
  raisedAt: string;
}

export interface RedFlagResolution {
  id: string;
  patientId: string;
  key: string;
  note: string;
  resolvedAt: string;
  resolvedBy: string;
}

/** The patient's open red flags, oldest raised first. */
export async function openRedFlags(db: Kysely<Schema>, patientId: string): Promise<OpenRedFlag[]> {
  const screenings = await db
    .selectFrom('screenings')
    .select(['screened_at', 'red_flag_findings'])
    .where('patient_id', '=', patientId)
    .execute();
  const raised = new Map<string, number>();
  for (const s of screenings) {
    const findings = s.red_flag_findings;
    if (findings === null || typeof findings !== 'object' || Array.isArray(findings)) continue;
    const at = new Date(s.screened_at).getTime();
    for (const [key, present] of Object.entries(findings)) {
      if (present === true && (raised.get(key) ?? -Infinity) < at) raised.set(key, at);
    }
  }
  if (raised.size === 0) return [];
  const resolutions = await db
    .selectFrom('red_flag_resolutions')
    .select(['flag_key', 'resolved_at'])
    .where('patient_id', '=', patientId)
    .execute();
  const resolved = new Map<string, number>();
  for (const r of resolutions) {
    const at = new Date(r.resolved_at).getTime();
    if ((resolved.get(r.flag_key) ?? -Infinity) < at) resolved.set(r.flag_key, at);
  }
  return [...raised]
    .filter(([key, at]) => !((resolved.get(key) ?? -Infinity) >= at))
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([key, at]) => ({ key, raisedAt: new Date(at).toISOString() }));
}

/** Records a clinician's resolution of an open flag; the caller checks the flag is open and who may. */
export async function resolveRedFlag(
  db: Kysely<Schema>,
  patientId: string,
  input: { key: string; note: string },
  resolvedBy: string,
  now: Date,
): Promise<RedFlagResolution> {
  const row = await db
    .insertInto('red_flag_resolutions')
    .values({
      id: newId(),
      patient_id: patientId,
      flag_key: input.key,
      note: input.note,
      resolved_at: now,
      resolved_by: resolvedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    patientId: row.patient_id,
    key: row.flag_key,
    note: row.note,
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by,
  };
}

export async function listRedFlagResolutions(db: Db, patientId: string): Promise<RedFlagResolution[]> {
  const rows = await db
    .selectFrom('red_flag_resolutions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('resolved_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    patientId: row.patient_id,
    key: row.flag_key,
    note: row.note,
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by,
  }));
}
