import type { CodeableConcept, Coding, Extension } from '@medplum/fhirtypes';
import {
  type Code,
  MYOTROPHY,
  SIDES_WITH_LATERALITY,
  SNOMED_BODY_STRUCTURES,
  SNOMED_LATERALITY,
  STRUCTURE_LATERALITY_EXTENSION,
} from './codes.ts';

/**
 * A body site and side as a CodeableConcept. Myotrophy's own coding pre-coordinates both
 * (`lower-leg|left`, or `hand` without a side) so the pair comes back exactly; a SNOMED CT body
 * structure is added where one is confirmed for that site and side (./codes.ts). Observations also
 * carry the structureLaterality extension when the SNOMED code does not already hold the side.
 */
const coding = (code: Code): Coding => ({ system: code.system, code: code.code, display: code.display });

function snomedStructure(site: string, side: string | null): { code: Code; hasSide: boolean } | undefined {
  const withSide = side ? SNOMED_BODY_STRUCTURES[`${site}|${side}`] : undefined;
  if (withSide) return { code: withSide, hasSide: true };
  const plain = SNOMED_BODY_STRUCTURES[site];
  return plain ? { code: plain, hasSide: false } : undefined;
}

export function bodySiteConcept(
  site: string,
  side: string | null,
  options: { laterality: boolean } = { laterality: false },
): CodeableConcept {
  const snomed = snomedStructure(site, side);
  const localCode = side ? `${site}|${side}` : site;
  const text = side ? `${side} ${site}` : site;
  const concept: CodeableConcept = {
    coding: [
      ...(snomed ? [coding(snomed.code)] : []),
      { system: MYOTROPHY.bodySite, code: localCode, display: text },
    ],
    text,
  };
  const lateral = SIDES_WITH_LATERALITY.find((s) => s === side);
  if (options.laterality && lateral && !snomed?.hasSide) {
    const extension: Extension = {
      url: STRUCTURE_LATERALITY_EXTENSION,
      valueCodeableConcept: { coding: [coding(SNOMED_LATERALITY[lateral])], text: lateral },
    };
    concept.extension = [extension];
  }
  return concept;
}

/** The site and side a body-site concept names: Myotrophy's coding, else SNOMED, else the text. */
export function fromBodySiteConcept(concept: CodeableConcept | undefined): {
  site: string | null;
  side: string | null;
} {
  if (!concept) return { site: null, side: null };
  const local = concept.coding?.find((c) => c.system === MYOTROPHY.bodySite)?.code;
  if (local) {
    const bar = local.lastIndexOf('|');
    return bar < 0 ? { site: local, side: null } : { site: local.slice(0, bar), side: local.slice(bar + 1) };
  }
  let site: string | null = null;
  let side: string | null = null;
  for (const c of concept.coding ?? []) {
    const match = Object.entries(SNOMED_BODY_STRUCTURES).find(
      ([, code]) => code.system === c.system && code.code === c.code,
    );
    if (match) {
      const [key] = match;
      const bar = key.indexOf('|');
      site = bar < 0 ? key : key.slice(0, bar);
      side = bar < 0 ? null : key.slice(bar + 1);
    }
  }
  const laterality = concept.extension?.find((e) => e.url === STRUCTURE_LATERALITY_EXTENSION)
    ?.valueCodeableConcept?.coding?.[0]?.code;
  const lateralSide = Object.entries(SNOMED_LATERALITY).find(([, code]) => code.code === laterality)?.[0];
  return { site: site ?? concept.text ?? null, side: side ?? lateralSide ?? null };
}
