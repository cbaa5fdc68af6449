import { describe, expect, it } from 'vitest';
import type { SdTest } from '../clinic/record/sd-test.ts';
import { fitStrengthDuration } from '../physiology/strength-duration/strength-duration.ts';
import { fromFhirSdTest, isSdMember, isSdPanel, toFhirSdTest } from './strength-duration.ts';
import { CLINICIAN_ID, PATIENT_ID, testContext } from './testing/context.ts';

// A partly denervated curve: Weiss law with rheobase 6 mA and chronaxie 4 ms (Geddes 2004 form).
const points = [0.1, 0.5, 1, 2, 5, 10, 20, 50, 100].map((widthMs) => ({
  widthMs,
  thresholdMa: 6 * (1 + 4 / widthMs),
}));
const fit = fitStrengthDuration(points);
const test: SdTest = {
  id: '3c2b1a09-8f7e-4d6c-9b5a-493827161504',
  patientId: PATIENT_ID,
  testedAt: '2024-04-15T11:00:00.000Z',
  site: 'tibialis-anterior',
  side: 'left',
  points,
  rheobaseMa: fit.rheobaseMa,
  chronaxieMs: fit.chronaxieMs,
  innervation: fit.innervation,
  fit,
  recordedBy: CLINICIAN_ID,
  status: 'current',
  replacesId: null,
};

describe('strength–duration Observations', () => {
  it('writes a panel valued with the innervation, and rheobase, chronaxie and each point as members', () => {
    const [panel, rheobase, chronaxie, ...rest] = toFhirSdTest(test, testContext());
    expect(panel?.valueCodeableConcept?.coding?.[0]?.code).toBe('partial-denervation');
    expect(panel?.hasMember).toHaveLength(2 + points.length);
    expect(rheobase?.valueQuantity).toMatchObject({ code: 'mA' });
    expect(Math.abs((rheobase?.valueQuantity?.value as number) / 6 - 1)).toBeLessThan(1e-6);
    expect(Math.abs((chronaxie?.valueQuantity?.value as number) / 4 - 1)).toBeLessThan(1e-6);
    expect(rest[0]?.component?.[0]?.valueQuantity).toMatchObject({ value: 0.1, code: 'ms' });
    expect(rest[0]?.valueQuantity?.value).toBeCloseTo(246, 9);
    expect(panel && isSdPanel(panel)).toBe(true);
    expect(rest.every(isSdMember)).toBe(true);
  });

  it('maps back to the same points and summary, refitting the curve from the points', () => {
    const [panel, ...members] = toFhirSdTest(test, testContext());
    if (!panel) throw new Error('no panel');
    const back = fromFhirSdTest(panel, members);
    expect(back.input).toEqual({ testedAt: test.testedAt, site: 'tibialis-anterior', side: 'left', points });
    expect(back.summary).toMatchObject({
      rheobaseMa: test.rheobaseMa,
      chronaxieMs: test.chronaxieMs,
      innervation: 'partial-denervation',
    });
    expect((back.summary.fit as { chronaxieMs: number }).chronaxieMs).toBe(fit.chronaxieMs);
  });

  it('refuses an innervation status Myotrophy does not know', () => {
    const [panel, ...members] = toFhirSdTest(test, testContext());
    if (!panel?.valueCodeableConcept?.coding?.[0]) throw new Error('no panel value');
    panel.valueCodeableConcept.coding[0].code = 'reinnervating';
    expect(() => fromFhirSdTest(panel, members)).toThrow(
      "innervation 'reinnervating' is not one of normal, partial-denervation, complete-denervation",
    );
  });
});
