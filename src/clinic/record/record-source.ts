/**
 * Names one stored entry of a patient's record, `kind/id` (a care-team membership
 * `care-team/patient/member`), so the store can say which entries changed when and the FHIR
 * export which resources they became (an incremental bulk export, docs/bulk-export.md).
 */
export type RecordSourceKind =
  | 'patient'
  | 'user'
  | 'care-team'
  | 'condition'
  | 'measurement'
  | 'sd-test'
  | 'identified-model'
  | 'programme'
  | 'session'
  | 'questionnaire-response'
  | 'correction';

export function recordSource(kind: RecordSourceKind, ...ids: string[]): string {
  return [kind, ...ids].join('/');
}
