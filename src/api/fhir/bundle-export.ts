import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import { patientBundle, patientResources as recordResources } from '../../fhir/bundle-export.ts';
import type { ReferenceStyle } from '../../fhir/references.ts';
import type { Db } from '../../store/database.ts';
import { type IdentifiedModel, listIdentifiedModels } from '../../store/records/identified-models.ts';
import { loadPatientRecord, loadRecordAuthors } from '../../store/records/patient-record.ts';

/**
 * A stored patient's record with every force model identified for the patient, whose authors join
 * the record's (each model's Observation names who saved it); undefined when there is no such patient.
 */
async function loadExportedRecord(
  db: Db,
  patientId: string,
): Promise<{ record: PatientRecord; identifiedModels: IdentifiedModel[] } | undefined> {
  const record = await loadPatientRecord(db, patientId);
  if (!record) return undefined;
  const identifiedModels = await listIdentifiedModels(db, patientId, 'all');
  const known = new Set(record.authors.map((a) => a.id));
  const missing = [...new Set(identifiedModels.map((m) => m.recordedBy))].filter((id) => !known.has(id));
  if (missing.length > 0) {
    record.authors = [...record.authors, ...(await loadRecordAuthors(db, missing))].sort((a, b) =>
      a.email.localeCompare(b.email),
    );
  }
  return { record, identifiedModels };
}

/** A stored patient's record as FHIR R4 resources, or undefined when there is no such patient. */
export async function patientResources(
  db: Db,
  patientId: string,
  style: ReferenceStyle,
): Promise<Resource[] | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded ? recordResources(loaded.record, style, loaded.identifiedModels) : undefined;
}

/** A stored patient's record as a FHIR R4 `collection` Bundle, or undefined when there is no such patient. */
export async function exportPatientBundle(db: Db, patientId: string, now: Date): Promise<Bundle | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded ? patientBundle(loaded.record, now, loaded.identifiedModels) : undefined;
}
