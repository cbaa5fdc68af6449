import type { EntryVersion } from './correction.ts';

/**
 * A safety screening: the contraindication answers, the electrode sites, the red-flag findings,
 * and the verdict the clinic module gave for them (stored so the record shows what was decided).
 */
export interface ScreeningInput {
  screenedAt: string;
  answers: Record<string, unknown>;
  electrodeSites: string[];
  redFlagFindings: Record<string, unknown>;
}

export interface Screening extends ScreeningInput, EntryVersion {
  id: string;
  patientId: string;
  result: unknown;
  recordedBy: string;
}
