import type { Coding, Observation, Quantity } from '@medplum/fhirtypes';
import type { Measurement, MeasurementInput } from '../clinic/record/measurement.ts';
import { MEASUREMENT_KINDS, type MeasurementKindName } from '../clinic/record/measurement-kinds.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { bodySiteConcept, fromBodySiteConcept } from './body-site.ts';
import { KGF_PER_LBF, MEASUREMENT_CODES, MYOTROPHY, UCUM_SYSTEM, type UcumUnit } from './codes.ts';
import { observationStatusOf } from './entry-status.ts';
import { authorRef, type MappingContext, patientRef } from './references.ts';

/**
 * A measurement becomes an Observation: Myotrophy's code for the kind plus the standard code where
 * one is confirmed (LOINC grip 83173-5 / 83174-3, SNOMED CT 413171006 lower-limb circumference,
 * 251433001 grip strength), the value in UCUM, body site and laterality, the method (the kind's
 * description), who measured and when. A LEFS total also gets a QuestionnaireResponse
 * (./questionnaire-response.ts) that this Observation is derived from.
 */
export function quantity(value: number, unit: UcumUnit): Quantity {
  return { value, unit: unit.unit, system: UCUM_SYSTEM, code: unit.code };
}

const coding = (c: { system: string; code: string; display: string }): Coding => ({
  system: c.system,
  code: c.code,
  display: c.display,
});

export function toFhirMeasurement(
  measurement: Measurement,
  context: MappingContext,
  extra: Partial<Observation> = {},
): Observation {
  const codes = MEASUREMENT_CODES[measurement.kind];
  const kind = MEASUREMENT_KINDS[measurement.kind];
  if (!codes || !kind) throw new Error(`no FHIR coding for measurement kind ${measurement.kind}`);
  const standard = codes.standard(measurement.site, measurement.side);
  return {
    resourceType: 'Observation',
    id: measurement.id,
    status: observationStatusOf(measurement),
    category: [{ coding: [codes.category] }],
    code: {
      coding: [...(standard ? [coding(standard)] : []), coding(codes.local)],
      text: codes.local.display,
    },
    subject: patientRef(context),
    effectiveDateTime: measurement.measuredAt,
    performer: [authorRef(context, measurement.recordedBy)],
    valueQuantity: quantity(measurement.value, codes.ucum),
    ...(measurement.note ? { note: [{ text: measurement.note }] } : {}),
    ...(measurement.site !== null || measurement.side !== null
      ? {
          bodySite: bodySiteConcept(measurement.site ?? 'unspecified', measurement.side, {
            laterality: true,
          }),
        }
      : {}),
    method: { coding: [{ system: MYOTROPHY.measurement, code: measurement.kind }], text: kind.description },
    ...extra,
  };
}

/** The measurement kind an Observation's code names, or undefined when it is not one Myotrophy keeps. */
export function measurementKindOf(resource: Observation): MeasurementKindName | undefined {
  const codings = resource.code?.coding ?? [];
  const local = codings.find((c) => c.system === MYOTROPHY.measurement)?.code;
  if (local && local in MEASUREMENT_KINDS) return local as MeasurementKindName;
  for (const c of codings) {
    for (const [kind, codes] of Object.entries(MEASUREMENT_CODES)) {
      for (const side of ['left', 'right', null]) {
        for (const site of ['thigh', null]) {
          const standard = codes.standard(site, side);
          if (standard && standard.system === c.system && standard.code === c.code) {
            return kind as MeasurementKindName;
          }
        }
      }
    }
  }
  return undefined;
}

/** The value in the store's unit for the kind; converts lbf to kgf for grip. */
function valueInStoreUnit(resource: Observation, kind: MeasurementKindName): number {
  const q = resource.valueQuantity;
  const where = `Observation/${resource.id ?? '?'} (${kind})`;
  if (q?.value === undefined) throw new InvalidInputError(`${where} has no valueQuantity.value`);
  const expected = MEASUREMENT_CODES[kind]?.ucum;
  const code = q.code ?? q.unit;
  if (expected && code === expected.code) return q.value;
  if (kind === 'grip' && (code === 'kg' || code === 'kg{force}')) return q.value;
  if (kind === 'grip' && code === '[lbf_av]') return q.value * KGF_PER_LBF;
  throw new InvalidInputError(
    `${where} is in '${String(code)}'; Myotrophy takes UCUM '${expected?.code}'${kind === 'grip' ? ", 'kg' or '[lbf_av]'" : ''}`,
  );
}

export function fromFhirMeasurement(resource: Observation, kind: MeasurementKindName): MeasurementInput {
  const measuredAt = resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued;
  if (!measuredAt) throw new InvalidInputError(`Observation/${resource.id ?? '?'} has no effective time`);
  const { site, side } = fromBodySiteConcept(resource.bodySite);
  return {
    kind,
    value: valueInStoreUnit(resource, kind),
    measuredAt,
    site: site === 'unspecified' && side !== null ? null : site,
    side,
    note: resource.note?.map((n) => n.text).join('\n') || null,
  };
}
