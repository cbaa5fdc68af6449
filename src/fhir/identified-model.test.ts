import { describe, expect, it } from 'vitest';
import { type IdentifiedModel, recordingNiUri, toFhirIdentifiedModel } from './identified-model.ts';
import { CLINICIAN_ID, testContext } from './testing/context.ts';
import { validateFhir } from './validate.ts';

const record: IdentifiedModel = {
  id: '5f0e1d2c-3b4a-4968-8776-655443322110',
  identifiedAt: '2025-03-01T12:00:00.000Z',
  recording: { name: 'quadriceps.c3d', sha256: 'ab'.repeat(32), format: 'c3d', sizeBytes: 7680 },
  model: { id: 'ding2007-identified' },
  summary: {
    startModel: 'ding2007',
    parameters: [
      { name: 'forceScalingNPerS', symbol: 'A', unit: 'N/s', value: 3600, standardError: 5 },
      { name: 'tau1S', symbol: 'τ1', unit: 's', value: 0.0438, standardError: 0.0002 },
    ],
    undetermined: [{ parameter: 'pd0Us', symbol: 'PD0', heldAt: 131, reason: 'the fit is flat along it' }],
    residual: { rmsN: 0.81 },
    verdict: 'Good fit: the model follows the measured force to within 0.2 % of the peak.',
  },
  recordedBy: CLINICIAN_ID,
};

describe('identified force model in FHIR', () => {
  it('is an Observation with a component per parameter, derived from the recording named by its hash', () => {
    const [observation, document] = toFhirIdentifiedModel(record, testContext());
    expect(validateFhir(observation).errors).toEqual([]);
    expect(validateFhir(document).errors).toEqual([]);
    expect(observation.component?.[0]).toMatchObject({
      code: { coding: [{ code: 'forceScalingNPerS', display: 'A' }] },
      valueQuantity: { value: 3600, unit: 'N/s', code: 'N/s', system: 'http://unitsofmeasure.org' },
    });
    expect(observation.component?.[1]?.valueQuantity).toMatchObject({ value: 5, code: 'N/s' });
    const pd0 = observation.component?.find((c) => c.code.coding?.[0]?.code === 'pd0Us');
    expect(pd0?.valueQuantity).toBeUndefined();
    expect(pd0?.dataAbsentReason?.text).toMatch(
      /not determined by the recording: the fit is flat along it; the model keeps 131/,
    );
    expect(observation.note?.[0]?.text).toBe(record.summary.verdict);
    expect(observation.derivedFrom?.[0]?.reference).toBe(`DocumentReference/${document.id}`);
    // 32 bytes of 0xab in base64url.
    expect(document.identifier?.[0]?.value).toBe(
      `ni:///sha-256;${'q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s'}`,
    );
    expect(recordingNiUri('00'.repeat(32))).toBe('ni:///sha-256;AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(document.content[0]?.attachment).toEqual({
      contentType: 'application/octet-stream',
      title: 'quadriceps.c3d',
      size: 7680,
    });
  });
});
