import { WORK_BLOCK_BOUNDS } from './stimulation-bounds.ts';

/**
 * A number a clinician types, as the API checks it (JSON Schema, fed to the OpenAPI document) and
 * as the web form checks it before sending, with the words and unit the form shows beside it.
 */
export interface NumberFieldSchema {
  readonly label: string;
  readonly unit: string;
  /** The step the form offers; the API accepts any number within the range. */
  readonly step: number;
  readonly schema: { readonly type: 'number'; readonly minimum: number; readonly maximum: number };
}

const numberField = (label: string, unit: string, min: number, max: number, step: number) =>
  ({
    label,
    unit,
    step,
    schema: { type: 'number', minimum: min, maximum: max },
  }) as const satisfies NumberFieldSchema;

/**
 * The work block's settings a clinician edits in the programme designer and the simulate-session
 * route accepts. Stimulation settings come from WORK_BLOCK_BOUNDS (sourced there); the time bounds
 * are Myotrophy's: a simulated session is at most 120 min (the longest the force engine is run
 * for), a contraction lasts 0.5–60 s and rests at most 120 s, a ramp at most 10 s.
 */
export const WORK_BLOCK_FIELDS = {
  frequencyHz: numberField(
    'Frequency',
    'Hz',
    WORK_BLOCK_BOUNDS.frequencyHz.min,
    WORK_BLOCK_BOUNDS.frequencyHz.max,
    1,
  ),
  phaseWidthUs: numberField(
    'Phase width',
    'µs',
    WORK_BLOCK_BOUNDS.phaseWidthUs.min,
    WORK_BLOCK_BOUNDS.phaseWidthUs.max,
    10,
  ),
  maxIntensityMa: numberField(
    'Max intensity',
    'mA',
    WORK_BLOCK_BOUNDS.maxIntensityMa.min,
    WORK_BLOCK_BOUNDS.maxIntensityMa.max,
    1,
  ),
  minutes: numberField('Minutes', 'min', 0.1, 120, 1),
  onS: numberField('On time', 's', 0.5, 60, 0.5),
  offS: numberField('Off time', 's', 0, 120, 0.5),
  rampUpS: numberField('Ramp up', 's', 0, 10, 0.5),
  rampDownS: numberField('Ramp down', 's', 0, 10, 0.5),
} as const;

export type WorkBlockField = keyof typeof WORK_BLOCK_FIELDS;
