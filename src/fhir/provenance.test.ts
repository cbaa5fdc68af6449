import { describe, expect, it } from 'vitest';
import type { Programme } from '../clinic/record/programme.ts';
import {
  isApproval,
  isPatientCreation,
  patientCreatedProvenance,
  programmeApprovedProvenance,
} from './provenance.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

describe('Provenance', () => {
  it('records who created the patient’s record and when', () => {
    const provenance = patientCreatedProvenance('2024-03-01T09:00:00.000Z', CLINICIAN_ID, testContext());
    expect(provenance).toMatchObject({
      target: [{ reference: `Patient/${PATIENT_ID}` }],
      recorded: '2024-03-01T09:00:00.000Z',
      agent: [{ who: { reference: `Practitioner/${CLINICIAN_ID}` } }],
    });
    expect(isPatientCreation(provenance)).toBe(true);
    expect(isApproval(provenance)).toBe(false);
  });

  it('records who approved a programme and when, and nothing for a draft', () => {
    const programme = {
      id: 'p1',
      approvedAt: '2024-05-01T08:15:00.000Z',
      approvedBy: CLINICIAN_ID,
    } as Programme;
    const provenance = programmeApprovedProvenance(programme, testContext());
    expect(provenance).toMatchObject({
      target: [{ reference: 'CarePlan/p1' }],
      recorded: programme.approvedAt,
    });
    expect(provenance && isApproval(provenance)).toBe(true);
    expect(
      programmeApprovedProvenance({ ...programme, approvedAt: null, approvedBy: null }, testContext()),
    ).toBeUndefined();
  });
});
