import type { Observation } from '@medplum/fhirtypes';
import type { SdFitSummary, SdTest, SdTestInput } from '../clinic/record/sd-test.ts';
import { fitStrengthDuration, type Innervation } from '../physiology/strength-duration/strength-duration.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { bodySiteConcept, fromBodySiteConcept } from './body-site.ts';
import { CATEGORY_EXAM, MYOTROPHY, STRENGTH_DURATION, UCUM, type UcumUnit } from './codes.ts';
import { observationStatusOf } from './entry-status.ts';
import { quantity } from './observation.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * A strength–duration test becomes a panel Observation whose value is the innervation status,
 * with members: rheobase (mA), chronaxie (ms), and one Observation per measured point (threshold
 * current in mA, its pulse width in ms as a component). No standard code exists for any of them
 * (gaps.md §4), so they carry Myotrophy's codes.
 */
const INNERVATIONS: readonly Innervation[] = ['normal', 'partial-denervation', 'complete-denervation'];

export const sdMemberId = (testId: string, role: string) => derivedId(testId, role);

export function toFhirSdTest(test: SdTest, context: MappingContext): Observation[] {
  const base = {
    resourceType: 'Observation' as const,
    status: observationStatusOf(test),
    category: [{ coding: [CATEGORY_EXAM] }],
    subject: patientRef(context),
    effectiveDateTime: test.testedAt,
    performer: [authorRef(context, test.recordedBy)],
    ...(test.site !== null || test.side !== null
      ? { bodySite: bodySiteConcept(test.site ?? 'unspecified', test.side, { laterality: true }) }
      : {}),
    method: { coding: [STRENGTH_DURATION.method], text: STRENGTH_DURATION.method.display },
  };
  const fitted = (role: 'rheobase' | 'chronaxie', value: number, unit: UcumUnit): Observation => ({
    ...base,
    id: sdMemberId(test.id, role),
    code: { coding: [STRENGTH_DURATION[role]], text: STRENGTH_DURATION[role].display },
    valueQuantity: quantity(value, unit),
  });
  const members: Observation[] = [];
  if (test.rheobaseMa !== null) members.push(fitted('rheobase', test.rheobaseMa, UCUM.milliampere));
  if (test.chronaxieMs !== null) members.push(fitted('chronaxie', test.chronaxieMs, UCUM.millisecond));
  test.points.forEach((point, i) => {
    members.push({
      ...base,
      id: sdMemberId(test.id, `point-${i}`),
      code: { coding: [STRENGTH_DURATION.threshold], text: STRENGTH_DURATION.threshold.display },
      valueQuantity: quantity(point.thresholdMa, UCUM.milliampere),
      component: [
        {
          code: { coding: [STRENGTH_DURATION.pulseWidth], text: STRENGTH_DURATION.pulseWidth.display },
          valueQuantity: quantity(point.widthMs, UCUM.millisecond),
        },
      ],
    });
  });
  const panel: Observation = {
    ...base,
    id: test.id,
    code: { coding: [STRENGTH_DURATION.test], text: STRENGTH_DURATION.test.display },
    ...(test.innervation
      ? {
          valueCodeableConcept: {
            coding: [{ system: MYOTROPHY.innervation, code: test.innervation }],
            text: test.innervation,
          },
        }
      : { dataAbsentReason: { text: 'the curve could not be classified' } }),
    hasMember: members.map((m) => ref(context, 'Observation', m.id as string)),
  };
  return [panel, ...members];
}

const hasCode = (o: Observation, code: { system: string; code: string }) =>
  (o.code?.coding ?? []).some((c) => c.system === code.system && c.code === code.code);

export function isSdPanel(o: Observation): boolean {
  return hasCode(o, STRENGTH_DURATION.test);
}

export function isSdMember(o: Observation): boolean {
  return [STRENGTH_DURATION.rheobase, STRENGTH_DURATION.chronaxie, STRENGTH_DURATION.threshold].some((c) =>
    hasCode(o, c),
  );
}

/** Store input and fit summary for a panel and its members (resolved by the caller). */
export function fromFhirSdTest(
  panel: Observation,
  members: readonly Observation[],
): { input: SdTestInput; summary: SdFitSummary } {
  const where = `Observation/${panel.id ?? '?'} (strength–duration test)`;
  const testedAt = panel.effectiveDateTime;
  if (!testedAt) throw new InvalidInputError(`${where} has no effectiveDateTime`);
  const points = members
    .filter((m) => hasCode(m, STRENGTH_DURATION.threshold))
    .map((m) => {
      const thresholdMa = m.valueQuantity?.value;
      const widthMs = m.component?.find((c) =>
        (c.code.coding ?? []).some((k) => k.code === STRENGTH_DURATION.pulseWidth.code),
      )?.valueQuantity?.value;
      if (thresholdMa === undefined || widthMs === undefined) {
        throw new InvalidInputError(
          `${where}: a point needs a threshold (mA) and a pulse-width component (ms)`,
        );
      }
      if (m.valueQuantity?.code !== 'mA')
        throw new InvalidInputError(`${where}: thresholds must be in UCUM mA`);
      return { widthMs, thresholdMa };
    });
  const memberValue = (code: { system: string; code: string }, unit: string) => {
    const member = members.find((m) => hasCode(m, code));
    if (!member) return null;
    if (member.valueQuantity?.code !== unit) {
      throw new InvalidInputError(`${where}: ${code.code} must be in UCUM ${unit}`);
    }
    return member.valueQuantity.value ?? null;
  };
  const innervationCode = panel.valueCodeableConcept?.coding?.find(
    (c) => c.system === MYOTROPHY.innervation,
  )?.code;
  if (innervationCode !== undefined && !(INNERVATIONS as readonly string[]).includes(innervationCode)) {
    throw new InvalidInputError(
      `${where}: innervation '${innervationCode}' is not one of ${INNERVATIONS.join(', ')}`,
    );
  }
  let fit: unknown;
  try {
    fit = fitStrengthDuration(points);
  } catch (error) {
    fit = { refitError: error instanceof Error ? error.message : String(error) };
  }
  const { site, side } = fromBodySiteConcept(panel.bodySite);
  return {
    input: {
      testedAt,
      site: site === 'unspecified' && side !== null ? null : site,
      side,
      points,
    },
    summary: {
      rheobaseMa: memberValue(STRENGTH_DURATION.rheobase, 'mA'),
      chronaxieMs: memberValue(STRENGTH_DURATION.chronaxie, 'ms'),
      innervation: innervationCode ?? null,
      fit,
    },
  };
}
