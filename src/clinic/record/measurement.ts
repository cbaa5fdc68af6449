import type { EntryVersion } from './correction.ts';
import type { MeasurementKindName } from './measurement-kinds.ts';

/** One clinical measurement (a kind of MEASUREMENT_KINDS, in that kind's unit). */
export interface MeasurementInput {
  kind: MeasurementKindName;
  value: number;
  measuredAt: string;
  site?: string | null;
  side?: string | null;
  note?: string | null;
}

export interface Measurement extends Required<MeasurementInput>, EntryVersion {
  id: string;
  patientId: string;
  unit: string;
  recordedBy: string;
}
