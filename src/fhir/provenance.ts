import type { Provenance } from '@medplum/fhirtypes';
import type { Programme } from '../clinic/record/programme.ts';
import { carePlanIdOf } from './care-plan.ts';
import { OPERATION_APPROVE, OPERATION_CREATE, PROVENANCE_ATTESTER, PROVENANCE_AUTHOR } from './codes.ts';
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

export const isApproval = (p: Provenance) =>
  (p.activity?.coding ?? []).some(
    (c) => c.system === OPERATION_APPROVE.system && c.code === OPERATION_APPROVE.code,
  );
export const isPatientCreation = (p: Provenance) =>
  (p.activity?.coding ?? []).some(
    (c) => c.system === OPERATION_CREATE.system && c.code === OPERATION_CREATE.code,
  );
