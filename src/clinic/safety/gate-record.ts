/**
 * What the safety gate reads from a patient's record besides the programme: the latest screening,
 * the open red flags and the coded conditions. One mapping for every door that loads a record —
 * the API (src/api/safety-gate.ts) and the clinician's strength–duration wizard in the browser.
 */
import type { GateInput, GateScreening } from './programme-gate.ts';

export type GateRecord = Omit<GateInput, 'purpose' | 'programme' | 'now'>;

export function gateRecordOf(
  screenings: readonly GateScreening[],
  openRedFlags: GateRecord['openRedFlags'],
  conditions: readonly { icd10Code: string; recordedAt: string }[],
): GateRecord {
  const latest = screenings.at(-1);
  return {
    screening: latest
      ? { screenedAt: latest.screenedAt, answers: latest.answers, electrodeSites: latest.electrodeSites }
      : null,
    openRedFlags,
    conditions: conditions.map((c) => ({ code: c.icd10Code, recordedAt: c.recordedAt })),
  };
}
