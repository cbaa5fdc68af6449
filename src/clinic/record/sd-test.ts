import type { EntryVersion } from './correction.ts';

/** A strength–duration test: threshold current at each pulse width, and its fit. */
export interface SdPoint {
  widthMs: number;
  thresholdMa: number;
}

export interface SdTestInput {
  testedAt: string;
  site?: string | null;
  side?: string | null;
  points: SdPoint[];
}

/** What the physiology module's fit reports, kept in columns so it can be queried. */
export interface SdFitSummary {
  rheobaseMa: number | null;
  chronaxieMs: number | null;
  innervation: string | null;
  /** The whole fit as the physiology module returned it. */
  fit: unknown;
}

export interface SdTest extends SdFitSummary, EntryVersion {
  id: string;
  patientId: string;
  testedAt: string;
  site: string | null;
  side: string | null;
  points: SdPoint[];
  recordedBy: string;
}
