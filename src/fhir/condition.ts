import type { CodeableConcept, Condition as FhirCondition } from '@medplum/fhirtypes';
import { CAUSES, lookupCause } from '../clinic/coding/causes.ts';
import { lookupIcd10Code } from '../clinic/coding/icd10cm.ts';
import type { Condition, ConditionInput } from '../clinic/record/condition.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { bodySiteConcept, fromBodySiteConcept } from './body-site.ts';
import {
  CONDITION_ACTIVE,
  CONDITION_CONFIRMED,
  CONDITION_ENCOUNTER_DIAGNOSIS,
  CONDITION_ENTERED_IN_ERROR,
  CONDITION_ROLE,
  ICD10CM_SYSTEM,
  MYOTROPHY,
  SNOMED_MUSCLE_ATROPHY,
} from './codes.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * A diagnosis becomes two Conditions: the atrophy (ICD-10-CM code with its dot, plus SNOMED CT
 * 88092000 Muscle atrophy; body site with side) and, when a cause is recorded, the cause as its own
 * Condition (the cause's first ICD-10-CM code and Myotrophy's cause id) linked as evidence. The
 * immobilisation period rides on the atrophy Condition as a Myotrophy extension.
 */
export const IMMOBILISATION_EXTENSION = MYOTROPHY.immobilisation;

export function causeConditionId(conditionId: string): string {
  return derivedId(conditionId, 'cause');
}

function icdTitle(code: string): string | undefined {
  try {
    return lookupIcd10Code(code).title;
  } catch {
    return undefined;
  }
}

function causeConcept(causeId: string): CodeableConcept {
  const cause = lookupCause(causeId);
  const first = cause.codes[0];
  const title = first ? icdTitle(first.code) : undefined;
  return {
    coding: [
      ...(first ? [{ system: ICD10CM_SYSTEM, code: first.code, ...(title ? { display: title } : {}) }] : []),
      { system: MYOTROPHY.cause, code: cause.id, display: cause.label },
    ],
    text: cause.label,
  };
}

export function toFhirConditions(condition: Condition, context: MappingContext): FhirCondition[] {
  // R4 con-5: no clinicalStatus on a condition entered in error.
  const common = {
    ...(condition.status === 'entered-in-error'
      ? { verificationStatus: { coding: [CONDITION_ENTERED_IN_ERROR] } }
      : {
          clinicalStatus: { coding: [CONDITION_ACTIVE] },
          verificationStatus: { coding: [CONDITION_CONFIRMED] },
        }),
    subject: patientRef(context),
    recordedDate: condition.recordedAt,
    recorder: authorRef(context, condition.recordedBy),
  };
  const atrophy: FhirCondition = {
    resourceType: 'Condition',
    id: condition.id,
    ...(condition.immobilisedFrom || condition.immobilisedTo
      ? {
          extension: [
            {
              url: IMMOBILISATION_EXTENSION,
              valuePeriod: {
                ...(condition.immobilisedFrom ? { start: condition.immobilisedFrom } : {}),
                ...(condition.immobilisedTo ? { end: condition.immobilisedTo } : {}),
              },
            },
          ],
        }
      : {}),
    ...common,
    category: [{ coding: [CONDITION_ENCOUNTER_DIAGNOSIS, CONDITION_ROLE.atrophy] }],
    code: {
      coding: [
        { system: ICD10CM_SYSTEM, code: condition.icd10Code, display: condition.title },
        SNOMED_MUSCLE_ATROPHY,
      ],
      text: condition.title,
    },
    ...(condition.site ? { bodySite: [bodySiteConcept(condition.site, condition.side)] } : {}),
    ...(condition.onsetDate ? { onsetDateTime: condition.onsetDate } : {}),
    ...(condition.cause
      ? { evidence: [{ detail: [ref(context, 'Condition', causeConditionId(condition.id))] }] }
      : {}),
  };
  if (!condition.cause) return [atrophy];
  const cause: FhirCondition = {
    resourceType: 'Condition',
    id: causeConditionId(condition.id),
    ...common,
    category: [{ coding: [CONDITION_ENCOUNTER_DIAGNOSIS, CONDITION_ROLE.cause] }],
    code: causeConcept(condition.cause),
  };
  return [atrophy, cause];
}

/** The cause id a cause Condition names: Myotrophy's cause coding, else the first cause with its ICD-10-CM code. */
export function causeFromFhir(resource: FhirCondition): string | undefined {
  const local = resource.code?.coding?.find((c) => c.system === MYOTROPHY.cause)?.code;
  if (local) return lookupCause(local).id;
  for (const coding of resource.code?.coding ?? []) {
    if (coding.system !== ICD10CM_SYSTEM || !coding.code) continue;
    const cause = CAUSES.find((c) => c.codes.some((k) => k.code === coding.code));
    if (cause) return cause.id;
  }
  return undefined;
}

/** The diagnosis's ICD-10-CM code, or undefined when it has none that Myotrophy's table knows. */
export function atrophyCodeFromFhir(resource: FhirCondition): string | undefined {
  for (const coding of resource.code?.coding ?? []) {
    if (coding.system !== ICD10CM_SYSTEM || !coding.code) continue;
    try {
      return lookupIcd10Code(coding.code).code;
    } catch {}
  }
  return undefined;
}

/** Store input for an atrophy Condition; the caller resolves the cause from the evidence link. */
export function fromFhirCondition(resource: FhirCondition, cause: string | null): ConditionInput {
  const icd10Code = atrophyCodeFromFhir(resource);
  if (!icd10Code) {
    throw new InvalidInputError(
      `Condition/${resource.id ?? '?'} has no ICD-10-CM code (${ICD10CM_SYSTEM}) in Myotrophy's table`,
    );
  }
  const { site, side } = fromBodySiteConcept(resource.bodySite?.[0]);
  const immobilised = resource.extension?.find((e) => e.url === IMMOBILISATION_EXTENSION)?.valuePeriod;
  const onset = resource.onsetDateTime;
  return {
    icd10Code,
    ...(site !== null ? { site } : {}),
    ...(side !== null ? { side } : {}),
    cause,
    onsetDate: onset ? onset.slice(0, 10) : null,
    immobilisedFrom: immobilised?.start?.slice(0, 10) ?? null,
    immobilisedTo: immobilised?.end?.slice(0, 10) ?? null,
  };
}
