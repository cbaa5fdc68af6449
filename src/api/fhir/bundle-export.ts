import type { Bundle, Resource } from '@medplum/fhirtypes';
import { patientBundle, patientResources as recordResources } from '../../fhir/bundle-export.ts';
import type { ReferenceStyle } from '../../fhir/references.ts';
import type { Db } from '../../store/database.ts';
import { loadPatientRecord } from '../../store/records/patient-record.ts';

/** A stored patient's record as FHIR R4 resources, or undefined when there is no such patient. */
export async function patientResources(
  db: Db,
  patientId: string,
  style: ReferenceStyle,
): Promise<Resource[] | undefined> {
  const record = await loadPatientRecord(db, patientId);
  return record ? recordResources(record, style) : undefined;
}

/** A stored patient's record as a FHIR R4 `collection` Bundle, or undefined when there is no such patient. */
export async function exportPatientBundle(db: Db, patientId: string, now: Date): Promise<Bundle | undefined> {
  const record = await loadPatientRecord(db, patientId);
  return record ? patientBundle(record, now) : undefined;
}
