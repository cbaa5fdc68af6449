import { describe, expect, it } from 'vitest';
import type { Session } from '../clinic/record/session.ts';
import { fromFhirSession, toFhirSession } from './procedure.ts';
import { PATIENT_ID, PATIENT_USER_ID, testContext } from './testing/context.ts';

/** What the patient reports of one session: what a Procedure and its Observations carry to FHIR and back. */
const report = {
  kind: 'stimulation',
  startedAt: '2024-05-02T07:00:00.000Z',
  minutes: 12.5,
  peakIntensityMa: 28,
  comfort: 4,
  pain: 6,
  completed: false,
  notes: 'stopped: calf cramp',
} satisfies Partial<Session>;

const session: Session = {
  id: '5d4c3b2a-1908-4f7e-a6d5-c4b3a2918070',
  patientId: PATIENT_ID,
  programmeId: '6e5d4c3b-2a19-4087-b6e5-d4c3b2a19080',
  ...report,
  recordedAt: '2024-05-02T08:00:00.000Z',
  evokedForce: null,
  delivery: null,
  recordedBy: PATIENT_USER_ID,
  status: 'current',
  replacesId: null,
};
const carePlanOf = (id: string) => id;

describe('session Procedure', () => {
  it('writes the period from the start and minutes, stopped when cut short, with the reports as Observations', () => {
    const { procedure, reports } = toFhirSession(session, testContext(), carePlanOf);
    expect(procedure).toMatchObject({
      status: 'stopped',
      performedPeriod: { start: '2024-05-02T07:00:00.000Z', end: '2024-05-02T07:12:30.000Z' },
      recorder: { reference: `Patient/${PATIENT_ID}` },
      basedOn: [{ reference: `CarePlan/${session.programmeId}` }],
      note: [{ text: 'stopped: calf cramp' }],
    });
    expect(
      reports.map((r) => [r.code.coding?.[0]?.code, r.valueQuantity?.value, r.valueQuantity?.code]),
    ).toEqual([
      ['peak-intensity', 28, 'mA'],
      ['comfort', 4, '{score}'],
      ['pain', 6, '{score}'],
    ]);
    expect(reports.every((r) => r.partOf?.[0]?.reference === `Procedure/${session.id}`)).toBe(true);
    expect(toFhirSession({ ...session, completed: true }, testContext(), carePlanOf).procedure.status).toBe(
      'completed',
    );
    expect(toFhirSession({ ...session, minutes: 0 }, testContext(), carePlanOf).procedure.status).toBe(
      'not-done',
    );
  });

  it('maps back to the same session', () => {
    const { procedure, reports } = toFhirSession(session, testContext(), carePlanOf);
    expect(fromFhirSession(procedure, reports, session.programmeId)).toEqual({
      ...report,
      programmeId: session.programmeId,
    });
  });

  it('refuses a pain rating outside 0–10 and a period that ends before it starts', () => {
    const { procedure, reports } = toFhirSession(session, testContext(), carePlanOf);
    const pain = reports[2];
    if (!pain?.valueQuantity) throw new Error('no pain report');
    pain.valueQuantity.value = 11;
    expect(() => fromFhirSession(procedure, reports, null)).toThrow(
      'pain must be a whole number 0–10; got 11',
    );
    const backwards = {
      ...procedure,
      performedPeriod: { start: '2024-05-02T08:00:00Z', end: '2024-05-02T07:00:00Z' },
    };
    expect(() => fromFhirSession(backwards, [], null)).toThrow('performedPeriod ends before it starts');
  });
});
