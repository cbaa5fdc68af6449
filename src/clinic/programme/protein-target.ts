/**
 * Daily protein target as supportive care. PROT-AGE (Bauer et al. 2013 JAMDA 14:542) and ESPEN
 * (Deutz et al. 2014 Clin Nutr, PMC4208946): ≥ 1.0–1.2 g/kg/day for healthy older adults, ≥ 1.2 for
 * the active, 1.2–1.5 in acute or chronic illness, "even higher" in severe illness or injury (the
 * figure 2.0 is UNCONFIRMED); limit protein in severe kidney disease (eGFR < 30) not on dialysis.
 * Both guidelines are for adults over 65; applying their bands to younger adults is Myotrophy's
 * choice (UNCONFIRMED). Protein alone did not spare muscle during immobilisation (Dirks 2014 J Nutr
 * 144:1196; PMC6050201), so it is never offered instead of loading or NMES.
 */
import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import { PLAN_MAX_AGE_YEARS, PLAN_MIN_AGE_YEARS } from './age-range.ts';

export const ILLNESS_LEVELS = ['none', 'acute-or-chronic', 'severe'] as const;
export type IllnessLevel = (typeof ILLNESS_LEVELS)[number];

export interface ProteinInput {
  ageYears: number;
  weightKg?: number;
  illness: IllnessLevel;
  /** Doing resistance exercise or otherwise active. */
  exercising: boolean;
  /** eGFR < 30 mL/min/1.73 m² and not on dialysis. */
  severeKidneyDiseaseNotOnDialysis?: boolean;
}

export interface ProteinTarget {
  /** g/kg/day; null when protein must not be raised (severe kidney disease). */
  minGPerKgPerDay: number | null;
  /** Upper end of the band, or null when the source gives only a floor. */
  maxGPerKgPerDay: number | null;
  /** g/day from body weight, when known. */
  minGPerDay?: number;
  maxGPerDay?: number;
  perMeal: string;
  notes: string[];
  source: string;
}

const PROT_AGE = 'PROT-AGE: Bauer et al. 2013 JAMDA 14:542; ESPEN: Deutz et al. 2014 Clin Nutr (PMC4208946)';

export function proteinTarget(input: ProteinInput): ProteinTarget {
  requireFiniteInRange('age (years)', input.ageYears, PLAN_MIN_AGE_YEARS, PLAN_MAX_AGE_YEARS);
  if (input.weightKg !== undefined) requireFiniteInRange('weight (kg)', input.weightKg, 20, 400);
  if (!(ILLNESS_LEVELS as readonly string[]).includes(input.illness)) {
    throw new InvalidInputError(
      `illness must be one of ${ILLNESS_LEVELS.join(', ')}; got '${input.illness}'`,
    );
  }
  const notes = [
    'Supportive care: protein alone did not spare muscle during immobilisation (Dirks 2014 J Nutr 144:1196; PMC6050201); loading and NMES do the work.',
  ];
  if (input.ageYears < 65) {
    notes.push(
      'PROT-AGE and ESPEN bands are for adults over 65; used here for a younger adult as Myotrophy’s choice (UNCONFIRMED).',
    );
  }
  const perMeal =
    input.ageYears >= 65
      ? 'about 40 g of high-quality protein per meal after exercise (older adults need more per dose: Witard 2016 Nutrients 8:181)'
      : '20–25 g of high-quality protein after exercise (GSSI Sports Science Exchange)';
  if (input.severeKidneyDiseaseNotOnDialysis) {
    return {
      minGPerKgPerDay: null,
      maxGPerKgPerDay: null,
      perMeal: 'as set by the renal team',
      notes: [
        ...notes,
        'Severe kidney disease (eGFR < 30) not on dialysis: protein may need to be limited; refer to a renal dietitian.',
      ],
      source: PROT_AGE,
    };
  }
  let band: [number, number | null];
  if (input.illness === 'severe') {
    band = [1.5, null];
    notes.push(
      'Severe illness or injury: "even higher" than 1.2–1.5 g/kg/day (ESPEN); an upper figure (often 2.0) is UNCONFIRMED.',
    );
  } else if (input.illness === 'acute-or-chronic') band = [1.2, 1.5];
  else if (input.exercising) band = [1.2, null];
  else band = [1.0, 1.2];
  const target: ProteinTarget = {
    minGPerKgPerDay: band[0],
    maxGPerKgPerDay: band[1],
    perMeal,
    notes,
    source: PROT_AGE,
  };
  if (input.weightKg !== undefined) {
    target.minGPerDay = Math.round(band[0] * input.weightKg);
    if (band[1] !== null) target.maxGPerDay = Math.round(band[1] * input.weightKg);
  }
  return target;
}
