import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { PatientRecord } from '../clinic/record/patient-record.ts';
import { type ExportedExtras, patientResources } from './bundle-export.ts';
import { passesTypeFilters, type TypeFilter } from './type-filter.ts';
import { describeIssues, validateFhir } from './validate.ts';

/**
 * FHIR Bulk Data export lines (docs/bulk-export.md): patients' records mapped by the per-patient
 * export (bundle-export.ts, relative references) into one ndjson line per resource, grouped by
 * resource type. Every resource is validated first (validate.ts); one that fails is not exported
 * and its problems become a line of the job's OperationOutcome error file instead, so a client
 * never receives a resource that breaks R4.
 */

/** The resource types the per-patient export produces, the values `_type` may name. */
export const BULK_EXPORT_TYPES = [
  'Patient',
  'Provenance',
  'Practitioner',
  'CareTeam',
  'Condition',
  'Observation',
  'QuestionnaireResponse',
  'DocumentReference',
  'CarePlan',
  'Goal',
  'ServiceRequest',
  'Binary',
  'Procedure',
] as const;
export type BulkExportType = (typeof BULK_EXPORT_TYPES)[number];

/** The type of the error file's lines (the manifest's `error` array). */
export const BULK_ERROR_TYPE = 'OperationOutcome';

/** One patient's record and what the export carries beside it. */
export type BulkExportRecord = { record: PatientRecord } & ExportedExtras;

export interface BulkLineOptions {
  /** Types to export; every type when empty. */
  types: ReadonlySet<string>;
  /**
   * Practitioners already written by this job: a clinician appears in many patients' records but
   * once in the export. Ids written here are added to it.
   */
  practitionersWritten: Set<string>;
  /** `_typeFilter` queries: a resource of a type they name is kept only when one matches. */
  typeFilters?: readonly TypeFilter[];
  /**
   * For an incremental export: whether a resource made from these stored entries of this patient's
   * record (record-source.ts) belongs in it. Every resource when absent.
   */
  keep?: (patientId: string, sources: readonly string[]) => boolean;
}

function validationOutcome(patientId: string, resource: Resource, problems: string[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: problems.map((problem) => ({
      severity: 'error',
      code: 'invalid',
      diagnostics: `${resource.resourceType}/${resource.id} of Patient/${patientId} was not exported: ${problem}`,
    })),
  };
}

/** The ndjson lines of these patients' records, by resource type (the error file's under BULK_ERROR_TYPE). */
export function bulkExportLines(
  records: Iterable<BulkExportRecord>,
  options: BulkLineOptions,
): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  const add = (type: string, resource: Resource) => {
    const list = lines.get(type);
    const line = JSON.stringify(resource);
    if (list) list.push(line);
    else lines.set(type, [line]);
  };
  const { keep, typeFilters = [] } = options;
  for (const { record, ...extras } of records) {
    const patientId = record.patient.id;
    const kept = keep ? (sources: readonly string[]) => keep(patientId, sources) : undefined;
    for (const resource of patientResources(record, 'relative', extras, kept)) {
      const type = resource.resourceType;
      if (options.types.size > 0 && !options.types.has(type)) continue;
      if (!passesTypeFilters(resource, typeFilters)) continue;
      if (type === 'Practitioner') {
        if (options.practitionersWritten.has(resource.id as string)) continue;
        options.practitionersWritten.add(resource.id as string);
      }
      const { errors } = validateFhir(resource);
      if (errors.length > 0)
        add(BULK_ERROR_TYPE, validationOutcome(record.patient.id, resource, describeIssues(errors)));
      else add(type, resource);
    }
  }
  return lines;
}
