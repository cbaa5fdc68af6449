import type { Provenance, Reference } from '@medplum/fhirtypes';
import type { RecordCorrection } from '../clinic/record/correction.ts';
import type { Programme } from '../clinic/record/programme.ts';
import { carePlanIdOf } from './care-plan.ts';
import {
  OPERATION_APPROVE,
  OPERATION_CREATE,
  OPERATION_NULLIFY,
  OPERATION_UPDATE,
  PROVENANCE_ATTESTER,
  PROVENANCE_AUTHOR,
} from './codes.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * Who did what and when, where the resource itself has no field for it: the creation of the
 * patient's record (Patient has no author) and the approval of a programme (CarePlan has no
 * approver). Every other resource carries its author and time in its own fields.
 */
export function patientCreatedProvenance(
  createdAt: string,
  createdBy: string,
  context: MappingContext,
): Provenance {
  return {
    resourceType: 'Provenance',
    id: derivedId(context.patientId, 'created'),
    target: [patientRef(context)],
    recorded: createdAt,
    activity: { coding: [OPERATION_CREATE] },
    agent: [{ type: { coding: [PROVENANCE_AUTHOR] }, who: authorRef(context, createdBy) }],
  };
}

export function programmeApprovedProvenance(
  programme: Programme,
  context: MappingContext,
): Provenance | undefined {
  if (!programme.approvedAt || !programme.approvedBy) return undefined;
  return {
    resourceType: 'Provenance',
    id: derivedId(programme.id, 'approved'),
    target: [ref(context, 'CarePlan', carePlanIdOf(programme.id))],
    recorded: programme.approvedAt,
    activity: { coding: [OPERATION_APPROVE] },
    agent: [{ type: { coding: [PROVENANCE_ATTESTER] }, who: authorRef(context, programme.approvedBy) }],
  };
}

/**
 * A correction: an amendment (UPDATE, its target the new version) or entered-in-error (NULLIFY,
 * its target the record), with the reason given, who made it and when.
 */
export function correctionProvenance(
  correction: RecordCorrection,
  target: Reference,
  context: MappingContext,
): Provenance {
  return {
    resourceType: 'Provenance',
    id: derivedId(correction.id, 'correction'),
    target: [target],
    recorded: correction.correctedAt,
    activity: { coding: [correction.action === 'amend' ? OPERATION_UPDATE : OPERATION_NULLIFY] },
    reason: [{ text: correction.reason }],
    agent: [{ type: { coding: [PROVENANCE_AUTHOR] }, who: authorRef(context, correction.correctedBy) }],
  };
}

export const isApproval = (p: Provenance) =>
  (p.activity?.coding ?? []).some(
    (c) => c.system === OPERATION_APPROVE.system && c.code === OPERATION_APPROVE.code,
  );
export const isPatientCreation = (p: Provenance) =>
  (p.activity?.coding ?? []).some(
    (c) => c.system === OPERATION_CREATE.system && c.code === OPERATION_CREATE.code,
  );
