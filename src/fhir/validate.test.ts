import { describe, expect, it } from 'vitest';
import { describeIssues, validateFhir } from './validate.ts';

describe('validateFhir against the base R4 definitions', () => {
  it('passes a valid resource with no issue', () => {
    const result = validateFhir({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'grip' },
      valueQuantity: { value: 24.5, unit: 'kgf', system: 'http://unitsofmeasure.org', code: 'kgf' },
    });
    expect(result).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('fails loudly, naming each problem, where the validator would throw', () => {
    const result = validateFhir({
      resourceType: 'Observation',
      code: { text: 'grip' },
      effectiveDateTime: '15 April',
      colour: 'red',
    } as never);
    expect(result.ok).toBe(false);
    expect(describeIssues(result.errors)).toEqual([
      'Observation.status: Missing required property',
      'Observation.effective[x]: Invalid dateTime format',
      'Observation.colour: Invalid additional property "colour"',
    ]);
  });

  it('checks FHIRPath invariants and the resources inside a Bundle', () => {
    const result = validateFhir({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:0b6f8c9e-3f1a-4c2b-9d7e-5a4b3c2d1e0f',
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'grip' },
            valueString: 'strong',
            dataAbsentReason: { text: 'not measured' },
          },
        },
      ],
    });
    expect(result.ok).toBe(false);
    expect(describeIssues(result.errors)).toEqual([
      'Bundle.entry[0].resource: Constraint obs-6 not met: dataAbsentReason SHALL only be present if Observation.value[x] is not present',
    ]);
  });

  it('reports a malformed Bundle (entry not an array, entries without a resource) instead of throwing', () => {
    for (const entry of ['', 7, {}, [null, 'x', { resource: 'x' }, { resource: { id: 1 } }]]) {
      const result = validateFhir({ resourceType: 'Bundle', type: 'collection', entry } as never);
      expect(result.ok, JSON.stringify(entry)).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});
