import type { DocumentReference, Observation, ObservationComponent } from '@medplum/fhirtypes';
import { CATEGORY_EXAM, MYOTROPHY_SYSTEM, UCUM_SYSTEM } from './codes.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * An identified force model becomes an Observation (code: Myotrophy's identified force model; one
 * component per parameter with its value and standard error, undetermined ones with a
 * dataAbsentReason; the fit verdict as a note) derived from a DocumentReference that names the
 * recording (file name, format, size) and identifies it by its SHA-256 as an RFC 6920 ni URI.
 * The recording's bytes are not kept, so the DocumentReference carries no data. No standard code
 * exists for these parameters: they carry Myotrophy's codes.
 */
/** What the mapping needs of a stored identified model (src/store/records/identified-models.ts has this shape). */
export interface IdentifiedModel {
  id: string;
  identifiedAt: string;
  recording: { name: string; sha256: string; format: string; sizeBytes: number };
  model: { id: string };
  summary: {
    startModel: string;
    parameters: { name: string; symbol: string; unit: string; value: number; standardError: number | null }[];
    undetermined: { parameter: string; symbol: string; heldAt: number; reason: string }[];
    residual: { rmsN: number };
    verdict: string;
  };
  recordedBy: string;
}

export const FORCE_MODEL_SYSTEM = `${MYOTROPHY_SYSTEM}:force-model`;
export const IDENTIFIED_FORCE_MODEL_CODE = {
  system: FORCE_MODEL_SYSTEM,
  code: 'identified-force-model',
  display: 'Force model identified from a force recording',
};
const DATA_ABSENT_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
/** RFC 6920 named information: ni:///sha-256;<base64url> identifies content by its hash. */
const URI_SYSTEM = 'urn:ietf:rfc:3986';
const MEDIA_TYPES: Record<string, string> = {
  csv: 'text/csv',
  sto: 'text/plain',
  c3d: 'application/octet-stream',
};

/** The parameters' units in UCUM. */
const UCUM_UNITS: Record<string, string> = {
  'N/s': 'N/s',
  s: 's',
  '1': '1',
  µs: 'us',
  '1/mA': '/mA',
  mA: 'mA',
  '1/s²': '/s2',
  '1/N': '/N',
  '1/(s·N)': '/(s.N)',
};

export function recordingNiUri(sha256Hex: string): string {
  return `ni:///sha-256;${Buffer.from(sha256Hex, 'hex').toString('base64url')}`;
}

export const recordingDocumentId = (modelRecordId: string) => derivedId(modelRecordId, 'recording');

export function toFhirIdentifiedModel(
  record: IdentifiedModel,
  context: MappingContext,
): [Observation, DocumentReference] {
  const documentId = recordingDocumentId(record.id);
  const document: DocumentReference = {
    resourceType: 'DocumentReference',
    id: documentId,
    status: 'current',
    identifier: [{ system: URI_SYSTEM, value: recordingNiUri(record.recording.sha256) }],
    subject: patientRef(context),
    date: record.identifiedAt,
    author: [authorRef(context, record.recordedBy)],
    description: `Force recording (${record.recording.format}) the model was identified from; SHA-256 ${record.recording.sha256}`,
    content: [
      {
        attachment: {
          contentType: MEDIA_TYPES[record.recording.format] ?? 'application/octet-stream',
          title: record.recording.name,
          size: record.recording.sizeBytes,
        },
      },
    ],
  };
  const code = (name: string, display: string) => ({
    coding: [{ system: FORCE_MODEL_SYSTEM, code: name, display }],
    text: display,
  });
  const quantity = (value: number, unit: string) => ({
    value,
    unit,
    system: UCUM_SYSTEM,
    code: UCUM_UNITS[unit] ?? '1',
  });
  const components: ObservationComponent[] = [];
  for (const p of record.summary.parameters) {
    components.push({ code: code(p.name, p.symbol), valueQuantity: quantity(p.value, p.unit) });
    if (p.standardError !== null) {
      components.push({
        code: code(`${p.name}-standard-error`, `standard error of ${p.symbol}`),
        valueQuantity: quantity(p.standardError, p.unit),
      });
    }
  }
  for (const u of record.summary.undetermined) {
    components.push({
      code: code(u.parameter, u.symbol),
      dataAbsentReason: {
        coding: [{ system: DATA_ABSENT_SYSTEM, code: 'unknown', display: 'Unknown' }],
        text: `not determined by the recording: ${u.reason}; the model keeps ${u.heldAt}`,
      },
    });
  }
  components.push({
    code: code('residual-rms', 'residual RMS of the fit'),
    valueQuantity: { value: record.summary.residual.rmsN, unit: 'N', system: UCUM_SYSTEM, code: 'N' },
  });
  const observation: Observation = {
    resourceType: 'Observation',
    id: record.id,
    status: 'final',
    category: [{ coding: [CATEGORY_EXAM] }],
    code: { coding: [IDENTIFIED_FORCE_MODEL_CODE], text: IDENTIFIED_FORCE_MODEL_CODE.display },
    subject: patientRef(context),
    effectiveDateTime: record.identifiedAt,
    performer: [authorRef(context, record.recordedBy)],
    method: {
      text: `least-squares fit of ${record.summary.startModel} to the recording (model ${record.model.id})`,
    },
    valueString: record.model.id,
    component: components,
    note: [{ text: record.summary.verdict }],
    derivedFrom: [ref(context, 'DocumentReference', documentId)],
  };
  return [observation, document];
}
