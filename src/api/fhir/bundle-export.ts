import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { RecordCorrection } from '../../clinic/record/correction.ts';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import { patientBundle, patientResources as recordResources } from '../../fhir/bundle-export.ts';
import type { ReferenceStyle } from '../../fhir/references.ts';
import type { Db } from '../../store/database.ts';
import { listCorrections } from '../../store/records/corrections.ts';
import { type IdentifiedModel, listIdentifiedModels } from '../../store/records/identified-models.ts';
import { loadPatientRecord, loadRecordAuthors } from '../../store/records/patient-record.ts';

/**
 * A stored patient's whole record (corrected entries included: the export shows their status) with
 * every force model identified for the patient and every correction, whose authors join the
 * record's (each model's Observation and each correction's Provenance names who made it);
 * undefined when there is no such patient.
 */
async function loadExportedRecord(
  db: Db,
  patientId: string,
): Promise<
  { record: PatientRecord; identifiedModels: IdentifiedModel[]; corrections: RecordCorrection[] } | undefined
> {
  const record = await loadPatientRecord(db, patientId, { history: true });
  if (!record) return undefined;
  const [identifiedModels, corrections] = await Promise.all([
    listIdentifiedModels(db, patientId, 'all'),
    listCorrections(db, patientId),
  ]);
  const known = new Set(record.authors.map((a) => a.id));
  const missing = [
    ...new Set([...identifiedModels.map((m) => m.recordedBy), ...corrections.map((c) => c.correctedBy)]),
  ].filter((id) => !known.has(id));
  if (missing.length > 0) {
    record.authors = [...record.authors, ...(await loadRecordAuthors(db, missing))].sort((a, b) =>
      a.email.localeCompare(b.email),
    );
  }
  return { record, identifiedModels, corrections };
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
