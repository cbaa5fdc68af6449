import type { CapabilityStatement } from '@medplum/fhirtypes';
import { FHIR_VERSION } from '../../fhir/codes.ts';

/** The read API's resource types searchable by patient. */
export const SEARCHABLE_TYPES = ['Condition', 'Observation', 'Procedure', 'CarePlan'] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** What the Myotrophy FHIR R4 read API serves (GET /fhir/R4/metadata). */
export function capabilityStatement(baseUrl: string, date: string): CapabilityStatement {
  const patientParam = {
    name: 'patient',
    type: 'reference' as const,
    documentation: 'Required: the patient whose records to return (an id or Patient/id)',
  };
  const countParam = {
    name: '_count',
    type: 'number' as const,
    documentation: `Page size, 0–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}); follow the next link for more`,
  };
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Myotrophy',
    kind: 'instance',
    software: { name: 'Myotrophy' },
    implementation: { description: 'Myotrophy FHIR R4 read API', url: baseUrl },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    // A Bulk Data Access server (./bulk-export-routes.ts): clients look for this to find $export.
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'The same as /api: "Authorization: Bearer TOKEN" from POST /api/auth/login, or the session cookie. Patients see only themselves, clinicians their care team’s patients; every read is audited.',
        },
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'read' }],
            operation: [
              {
                name: 'everything',
                definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything',
              },
              {
                name: 'export',
                definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
              },
            ],
          },
          ...SEARCHABLE_TYPES.map((type) => ({
            type,
            interaction: [{ code: 'search-type' as const }],
            searchParam: [patientParam, countParam],
          })),
          {
            type: 'Group',
            documentation:
              "A clinician's caseload, Group/[the clinician's user id]; only its export is served",
            operation: [
              {
                name: 'export',
                definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export',
              },
            ],
          },
        ],
        // FHIR Bulk Data Access: system and Group $export (./bulk-export-routes.ts, docs/bulk-export.md).
        operation: [
          { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
        ],
      },
    ],
  };
}
