import { describe, expect, it } from 'vitest';
import { toFhirCareTeam } from './care-team.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

describe('CareTeam', () => {
  it('lists each member as a Practitioner with the date they joined', () => {
    const team = toFhirCareTeam(
      [
        {
          userId: CLINICIAN_ID,
          name: 'Casey',
          email: 'casey@clinic.test',
          role: 'clinician',
          addedAt: '2024-03-01T09:00:00.000Z',
        },
      ],
      testContext(),
    );
    expect(team).toMatchObject({
      status: 'active',
      subject: { reference: `Patient/${PATIENT_ID}` },
      participant: [
        {
          member: { reference: `Practitioner/${CLINICIAN_ID}` },
          period: { start: '2024-03-01T09:00:00.000Z' },
        },
      ],
    });
  });
});
