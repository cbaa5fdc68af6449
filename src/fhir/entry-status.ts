import type { Observation } from '@medplum/fhirtypes';
import type { EntryStatus, EntryVersion } from '../clinic/record/correction.ts';

/**
 * A record's correction status in FHIR R4 and back. Observation.status: 'entered-in-error' for a
 * mistake, 'amended' for a version that replaced another ("modified subsequent to being final"),
 * 'final' otherwise. An amended version imported is current (its predecessor is not exported:
 * FHIR keeps earlier versions as the resource's history, not as resources of their own).
 */
export function observationStatusOf(entry: EntryVersion): 'final' | 'amended' | 'entered-in-error' {
  if (entry.status === 'entered-in-error') return 'entered-in-error';
  return entry.replacesId ? 'amended' : 'final';
}

/** The status an imported resource keeps: entered-in-error stays so, anything else is current. */
export function entryStatusOf(status: Observation['status'] | string | undefined): EntryStatus {
  return status === 'entered-in-error' ? 'entered-in-error' : 'current';
}
