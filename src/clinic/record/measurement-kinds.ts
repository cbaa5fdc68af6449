import { LEFS_MAX } from '../scores/lefs.ts';

/**
 * The measurements a clinician records, each with its unit and the plausible values accepted: the
 * one place the API and the web app take these ranges from. Scale bounds are the scales' own; a
 * physical bound with a source says so beside it; the others are input sanity limits chosen by
 * Myotrophy (no source: they only reject typing errors, never a real value).
 */
export interface MeasurementKind {
  unit: string;
  min: number;
  max: number;
  integer?: boolean;
  description: string;
}

export const MEASUREMENT_KINDS = {
  circumference: {
    unit: 'cm',
    // No limb is thinner than a term newborn's upper arm: mid-upper-arm circumference 10.76 cm,
    // SD 0.68 (girls) and 0.81 (boys) within 48 h of birth (Figueira & Segre 2004, Sao Paulo Med J
    // 122:53–56), so 8 cm is more than 3 SD below it. A slipped decimal point (36.9 → 3.69) is
    // refused. An adult or adolescent bound is not used on purpose: the record names neither the
    // limb nor an age range, and malnutrition is one of the causes Myotrophy codes, where a child's
    // upper arm is under 11.5 cm by definition of severe acute malnutrition (WHO & UNICEF 2009,
    // "WHO child growth standards and the identification of severe acute malnutrition in infants and
    // children"); such a real value must be kept. The upper bound is a Myotrophy sanity limit (a
    // lymphoedematous thigh stays below it).
    min: 8,
    max: 250,
    description: 'limb circumference at a stated distance from a landmark (measure both sides)',
  },
  'mrc-grade': {
    unit: 'grade',
    min: 0,
    max: 5,
    description: 'MRC/Oxford muscle grade 0–5 (Medical Research Council scale)',
  },
  dynamometry: { unit: 'N', min: 0, max: 5000, description: 'hand-held or fixed dynamometry force' },
  'ultrasound-thickness': { unit: 'mm', min: 0, max: 200, description: 'muscle thickness by ultrasound' },
  grip: { unit: 'kg', min: 0, max: 200, description: 'grip strength by dynamometer' },
  'chair-stand': { unit: 's', min: 0, max: 600, description: 'time for five chair rises' },
  'gait-speed': {
    unit: 'm/s',
    min: 0,
    // Above the fastest mean maximum walking speed of any age and sex group, 2.53 m/s (men 20–29;
    // Bohannon 1997, Age Ageing 26:15–19); 0 is a patient who cannot walk.
    max: 3,
    description: 'usual gait speed',
  },
  lefs: {
    unit: 'points',
    min: 0,
    max: LEFS_MAX,
    integer: true,
    description: 'Lower Extremity Functional Scale, 20 items scored 0–4 (Binkley 1999, Phys Ther 79:371)',
  },
} as const satisfies Record<string, MeasurementKind>;

export type MeasurementKindName = keyof typeof MEASUREMENT_KINDS;
export const MEASUREMENT_KIND_NAMES = Object.keys(MEASUREMENT_KINDS) as MeasurementKindName[];

/**
 * What is wrong with a value for a kind of measurement, in words that name what is allowed; null
 * when it is plausible. The API refuses such a value (422) and the web app says it beside the field.
 */
export function measurementValueProblem(kindName: string, value: number): string | null {
  const kind: MeasurementKind | undefined = (MEASUREMENT_KINDS as Record<string, MeasurementKind>)[kindName];
  if (!kind) return `kind '${kindName}' is unknown; one of ${MEASUREMENT_KIND_NAMES.join(', ')}`;
  const plausible = Number.isFinite(value) && value >= kind.min && value <= kind.max;
  if (plausible && (!kind.integer || Number.isInteger(value))) return null;
  return `${kindName} must be ${kind.integer ? 'a whole number' : 'a number'} from ${kind.min} to ${kind.max} ${kind.unit}; got ${value}`;
}
