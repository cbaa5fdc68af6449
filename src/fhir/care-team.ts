import type { CareTeam } from '@medplum/fhirtypes';
import type { CareTeamMember } from '../clinic/record/care-team.ts';
import { derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * The patient's care team: the clinicians and admins who may see the record. Imported with the
 * record so the people who treat the patient can still see it.
 */
export function toFhirCareTeam(members: readonly CareTeamMember[], context: MappingContext): CareTeam {
  return {
    resourceType: 'CareTeam',
    id: derivedId(context.patientId, 'care-team'),
    status: 'active',
    name: 'Myotrophy care team',
    subject: patientRef(context),
    participant: members.map((m) => ({
      member: ref(context, 'Practitioner', m.userId),
      period: { start: m.addedAt },
    })),
  };
}
