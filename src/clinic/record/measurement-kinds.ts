import { LEFS_MAX } from '../scores/lefs.ts';

/**
 * The measurements a clinician records, each with its unit and the values accepted.
 * Scale bounds are the scales' own; the physical bounds are input sanity limits chosen by
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
    min: 1,
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
  'gait-speed': { unit: 'm/s', min: 0, max: 10, description: 'usual gait speed' },
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
