import { createHash } from 'node:crypto';
import type { Reference } from '@medplum/fhirtypes';

/**
 * How mapped resources point at each other. In an exported Bundle every entry's fullUrl is
 * `urn:uuid:ID` and references use it; the read API uses relative `Type/ID` references.
 */
export type ReferenceStyle = 'bundle' | 'relative';

/** Who wrote a record: a clinician or admin (Practitioner) or the patient themselves. */
export interface Author {
  userId: string;
  resourceType: 'Practitioner' | 'Patient';
  /** The Practitioner's id (the user id) or the patient's id. */
  id: string;
}

export interface MappingContext {
  style: ReferenceStyle;
  patientId: string;
  /** Authors by user id; every recorded_by / created_by of the patient's records is here. */
  authors: ReadonlyMap<string, Author>;
}

export function referenceTo(style: ReferenceStyle, resourceType: string, id: string): string {
  return style === 'bundle' ? `urn:uuid:${id}` : `${resourceType}/${id}`;
}

/** A reference that fits any typed reference field (the target type is checked by validation). */
export type AnyReference = Reference<never>;

export function ref(
  context: MappingContext,
  resourceType: string,
  id: string,
  display?: string,
): AnyReference {
  return {
    reference: referenceTo(context.style, resourceType, id),
    // A urn:uuid says nothing of the target's type; say it, as the receiver cannot check it otherwise.
    ...(context.style === 'bundle' ? { type: resourceType } : {}),
    ...(display ? { display } : {}),
  } as AnyReference;
}

export function patientRef(context: MappingContext): AnyReference {
  return ref(context, 'Patient', context.patientId);
}

export function authorRef(context: MappingContext, userId: string): AnyReference {
  const author = context.authors.get(userId);
  if (!author) throw new Error(`no author known for user ${userId}`);
  return ref(context, author.resourceType, author.id);
}

/**
 * A stable id for a resource derived from a stored record (the cause Condition of a diagnosis, the
 * rheobase Observation of a test, …): a UUID-shaped SHA-256 of the record id and the role, so the
 * same record always maps to the same id and the read API can serve it.
 */
export function derivedId(recordId: string, role: string): string {
  const hex = createHash('sha256').update(`${recordId}:${role}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id a reference points at, for either style; undefined for anything else. */
export function referencedId(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  if (reference.startsWith('urn:uuid:')) return reference.slice('urn:uuid:'.length);
  const match = /^(?:.*\/)?([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/.exec(reference);
  return match?.[2];
}
