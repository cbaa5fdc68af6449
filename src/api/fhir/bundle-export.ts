import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import {
  type ExportedExtras,
  patientBundle,
  patientResources as recordResources,
} from '../../fhir/bundle-export.ts';
import type { ReferenceStyle } from '../../fhir/references.ts';
import type { Db } from '../../store/database.ts';
import { listCorrections } from '../../store/records/corrections.ts';
import { listIdentifiedModels } from '../../store/records/identified-models.ts';
import { loadPatientRecord, loadRecordAuthors } from '../../store/records/patient-record.ts';
import { listQuestionnaireResponses } from '../../store/records/questionnaire-responses.ts';

/**
 * A stored patient's whole record (corrected entries included: the export shows their status) with
 * every force model identified for the patient, every correction and every questionnaire answer,
 * whose authors join the record's (each model's Observation, each correction's Provenance and each
 * QuestionnaireResponse names who made it);
 * undefined when there is no such patient.
 */
async function loadExportedRecord(
  db: Db,
  patientId: string,
): Promise<{ record: PatientRecord; extras: Required<ExportedExtras> } | undefined> {
  const record = await loadPatientRecord(db, patientId, { history: true });
  if (!record) return undefined;
  const [identifiedModels, corrections, questionnaireResponses] = await Promise.all([
    listIdentifiedModels(db, patientId, 'all'),
    listCorrections(db, patientId),
    listQuestionnaireResponses(db, patientId, 'all'),
  ]);
  const known = new Set(record.authors.map((a) => a.id));
  const missing = [
    ...new Set([
      ...identifiedModels.map((m) => m.recordedBy),
      ...corrections.map((c) => c.correctedBy),
      ...questionnaireResponses.map((r) => r.recordedBy),
    ]),
  ].filter((id) => !known.has(id));
  if (missing.length > 0) {
    record.authors = [...record.authors, ...(await loadRecordAuthors(db, missing))].sort((a, b) =>
      a.email.localeCompare(b.email),
    );
  }
  return { record, extras: { identifiedModels, corrections, questionnaireResponses } };
}

/** A stored patient's record as FHIR R4 resources, or undefined when there is no such patient. */
export async function patientResources(
  db: Db,
  patientId: string,
  style: ReferenceStyle,
): Promise<Resource[] | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded ? recordResources(loaded.record, style, loaded.extras) : undefined;
}

/** A stored patient's record as a FHIR R4 `collection` Bundle, or undefined when there is no such patient. */
export async function exportPatientBundle(db: Db, patientId: string, now: Date): Promise<Bundle | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded ? patientBundle(loaded.record, now, loaded.extras) : undefined;
}
