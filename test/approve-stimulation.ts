import { expect } from 'vitest';
import { apiAs } from './api-as.ts';

/**
 * The clinician approves `stimulation` for the patient in place of their approved programme,
 * through the API of the server at `baseUrl`: a new draft that supersedes it, then its approval.
 */
export async function approveStimulation(
  baseUrl: string,
  clinician: { email: string; password: string },
  patientId: string,
  stimulation: unknown,
): Promise<void> {
  const asClinician = await apiAs(baseUrl, clinician);
  const versions = await asClinician('GET', `/api/patients/${patientId}/programmes`);
  const approved = (
    versions.json.items as { id: string; status: string; body: Record<string, unknown> }[]
  ).find((p) => p.status === 'approved');
  const draft = await asClinician('POST', `/api/patients/${patientId}/programmes`, {
    body: { ...approved?.body, stimulation },
    supersedesId: approved?.id,
  });
  expect(draft.status, JSON.stringify(draft.json)).toBe(201);
  const approval = await asClinician(
    'POST',
    `/api/patients/${patientId}/programmes/${draft.json.id}/approve`,
  );
  expect(approval.status, JSON.stringify(approval.json)).toBe(200);
}
