import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { RecordCorrection } from '../../clinic/record/correction.ts';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import { patientBundle, patientResources as recordResources } from '../../fhir/bundle-export.ts';
import type { ReferenceStyle } from '../../fhir/references.ts';
import type { Db } from '../../store/database.ts';
import { readCorrections } from '../../store/records/corrections.ts';
import { type IdentifiedModel, readIdentifiedModels } from '../../store/records/identified-models.ts';
import { loadPatientRecords, loadRecordAuthors } from '../../store/records/patient-record.ts';

/** A patient's record as the FHIR export maps it. */
export interface ExportedRecord {
  record: PatientRecord;
  identifiedModels: IdentifiedModel[];
  corrections: RecordCorrection[];
}

function byPatient<T extends { patientId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.patientId);
    if (list) list.push(item);
    else map.set(item.patientId, [item]);
  }
  return map;
}

/**
 * Stored patients' whole records (corrected entries included: the export shows their status) with
 * every force model identified for each patient and every correction, whose authors join the
 * record's (each model's Observation and each correction's Provenance names who made it), read in
 * a fixed number of statements whatever the number of patients (the store's batched record
 * reader). Patients that do not exist are absent from the answer.
 */
export async function loadExportedRecords(
  db: Db,
  patientIds: readonly string[],
): Promise<Map<string, ExportedRecord>> {
  const [records, models, allCorrections] = await Promise.all([
    loadPatientRecords(db, patientIds, { history: true }),
    readIdentifiedModels(db, patientIds),
    readCorrections(db, patientIds),
  ]);
  const modelsOf = byPatient(models);
  const correctionsOf = byPatient(allCorrections);
  const loaded = new Map<string, ExportedRecord>();
  const missing = new Set<string>();
  for (const [id, record] of records) {
    const identifiedModels = modelsOf.get(id) ?? [];
    const corrections = correctionsOf.get(id) ?? [];
    const known = new Set(record.authors.map((a) => a.id));
    for (const author of [
      ...identifiedModels.map((m) => m.recordedBy),
      ...corrections.map((c) => c.correctedBy),
    ]) {
      if (!known.has(author)) missing.add(author);
    }
    loaded.set(id, { record, identifiedModels, corrections });
  }
  if (missing.size > 0) {
    const extra = await loadRecordAuthors(db, [...missing]);
    for (const { record, identifiedModels, corrections } of loaded.values()) {
      const known = new Set(record.authors.map((a) => a.id));
      const wanted = new Set([
        ...identifiedModels.map((m) => m.recordedBy),
        ...corrections.map((c) => c.correctedBy),
      ]);
      const added = extra.filter((a) => wanted.has(a.id) && !known.has(a.id));
      if (added.length > 0) {
        record.authors = [...record.authors, ...added].sort((a, b) => a.email.localeCompare(b.email));
      }
    }
  }
  return loaded;
}

/** One stored patient's record as the FHIR export maps it; undefined when there is no such patient. */
function loadExportedRecord(db: Db, patientId: string): Promise<ExportedRecord | undefined> {
  return loadExportedRecords(db, [patientId]).then((records) => records.get(patientId));
}

/** A stored patient's record as FHIR R4 resources, or undefined when there is no such patient. */
export async function patientResources(
  db: Db,
  patientId: string,
  style: ReferenceStyle,
): Promise<Resource[] | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded
    ? recordResources(loaded.record, style, loaded.identifiedModels, loaded.corrections)
    : undefined;
}

/** A stored patient's record as a FHIR R4 `collection` Bundle, or undefined when there is no such patient. */
export async function exportPatientBundle(db: Db, patientId: string, now: Date): Promise<Bundle | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded ? patientBundle(loaded.record, now, loaded.identifiedModels, loaded.corrections) : undefined;
}
