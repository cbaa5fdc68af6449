import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { PatientRecord } from '../../clinic/record/patient-record.ts';
import {
  type ExportedExtras,
  patientBundle,
  patientResources as recordResources,
} from '../../fhir/bundle-export.ts';
import type { ReferenceStyle } from '../../fhir/references.ts';
import type { Db } from '../../store/database.ts';
import { readCorrections } from '../../store/records/corrections.ts';
import { readIdentifiedModels } from '../../store/records/identified-models.ts';
import { loadPatientRecords, loadRecordAuthors } from '../../store/records/patient-record.ts';
import { readQuestionnaireResponses } from '../../store/records/questionnaire-responses.ts';

/** A patient's record as the FHIR export maps it: the record and what the export carries beside it. */
export type ExportedRecord = { record: PatientRecord } & Required<ExportedExtras>;

function byPatient<T extends { patientId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.patientId);
    if (list) list.push(item);
    else map.set(item.patientId, [item]);
  }
  return map;
}

/** Who wrote the parts of an export that are not in the record itself. */
const extraAuthors = ({ identifiedModels, corrections, questionnaireResponses }: ExportedRecord) => [
  ...identifiedModels.map((m) => m.recordedBy),
  ...corrections.map((c) => c.correctedBy),
  ...questionnaireResponses.map((r) => r.recordedBy),
];

/**
 * Stored patients' whole records (corrected entries included: the export shows their status) with
 * every force model identified for each patient, every correction and every questionnaire answer,
 * whose authors join the record's (each model's Observation, each correction's Provenance and each
 * QuestionnaireResponse names who made it), read in a fixed number of statements whatever the
 * number of patients (the store's batched record reader). Patients that do not exist are absent
 * from the answer.
 */
export async function loadExportedRecords(
  db: Db,
  patientIds: readonly string[],
): Promise<Map<string, ExportedRecord>> {
  const [records, models, allCorrections, answers] = await Promise.all([
    loadPatientRecords(db, patientIds, { history: true }),
    readIdentifiedModels(db, patientIds),
    readCorrections(db, patientIds),
    readQuestionnaireResponses(db, patientIds),
  ]);
  const modelsOf = byPatient(models);
  const correctionsOf = byPatient(allCorrections);
  const answersOf = byPatient(answers);
  const loaded = new Map<string, ExportedRecord>();
  const missing = new Set<string>();
  for (const [id, record] of records) {
    const exported = {
      record,
      identifiedModels: modelsOf.get(id) ?? [],
      corrections: correctionsOf.get(id) ?? [],
      questionnaireResponses: answersOf.get(id) ?? [],
    };
    const known = new Set(record.authors.map((a) => a.id));
    for (const author of extraAuthors(exported)) if (!known.has(author)) missing.add(author);
    loaded.set(id, exported);
  }
  if (missing.size > 0) {
    const extra = await loadRecordAuthors(db, [...missing]);
    for (const exported of loaded.values()) {
      const { record } = exported;
      const known = new Set(record.authors.map((a) => a.id));
      const wanted = new Set(extraAuthors(exported));
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
  return loaded ? recordResources(loaded.record, style, loaded) : undefined;
}

/** A stored patient's record as a FHIR R4 `collection` Bundle, or undefined when there is no such patient. */
export async function exportPatientBundle(db: Db, patientId: string, now: Date): Promise<Bundle | undefined> {
  const loaded = await loadExportedRecord(db, patientId);
  return loaded ? patientBundle(loaded.record, now, loaded) : undefined;
}
