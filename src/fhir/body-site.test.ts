import { describe, expect, it } from 'vitest';
import { bodySiteConcept, fromBodySiteConcept } from './body-site.ts';

describe('body site and side', () => {
  it('pre-coordinates the side in SNOMED CT where a structure is confirmed, with no laterality extension', () => {
    const concept = bodySiteConcept('lower-leg', 'left', { laterality: true });
    expect(concept.coding?.map((c) => [c.system, c.code])).toEqual([
      ['http://snomed.info/sct', '48979004'],
      ['urn:myotrophy:fhir:body-site', 'lower-leg|left'],
    ]);
    expect(concept.extension).toBeUndefined();
    expect(bodySiteConcept('thigh', 'right').coding?.[0]?.code).toBe('11207009');
  });

  it('adds SNOMED laterality where the site code carries no side (Observations only)', () => {
    const hand = bodySiteConcept('hand', 'right', { laterality: true });
    expect(hand.coding?.[0]?.code).toBe('85562004');
    expect(hand.extension?.[0]).toMatchObject({
      url: 'http://hl7.org/fhir/StructureDefinition/observation-structureLaterality',
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '24028007' }] },
    });
    expect(
      bodySiteConcept('quadriceps', 'bilateral', { laterality: true }).extension?.[0]?.valueCodeableConcept
        ?.coding?.[0]?.code,
    ).toBe('51440002');
    expect(bodySiteConcept('hand', 'right').extension).toBeUndefined();
  });

  it('gives back exactly the site and side it was given', () => {
    for (const [site, side] of [
      ['lower-leg', 'left'],
      ['back-cervical', 'unspecified'],
      ['knee extensors', 'right'],
      ['hand', null],
    ] as const) {
      expect(fromBodySiteConcept(bodySiteConcept(site, side, { laterality: true }))).toEqual({ site, side });
    }
  });

  it('reads another system’s SNOMED CT-only site', () => {
    expect(fromBodySiteConcept({ coding: [{ system: 'http://snomed.info/sct', code: '61396006' }] })).toEqual(
      {
        site: 'thigh',
        side: 'left',
      },
    );
    expect(
      fromBodySiteConcept({
        text: 'calf',
        extension: [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/observation-structureLaterality',
            valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '7771000' }] },
          },
        ],
      }),
    ).toEqual({ site: 'calf', side: 'left' });
    expect(fromBodySiteConcept(undefined)).toEqual({ site: null, side: null });
  });
});
