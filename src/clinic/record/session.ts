import type { EvokedForceRecord } from '../programme/evoked-force.ts';

export const SESSION_KINDS = ['stimulation', 'exercise'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** One stimulation or exercise session, as the patient (or a clinician) logs it. */
export interface SessionInput {
  kind: SessionKind;
  startedAt: string;
  minutes: number;
  peakIntensityMa?: number | null;
  /** 0 (very uncomfortable) to 10 (fully comfortable). */
  comfort?: number | null;
  /** Pain on a 0–10 numeric rating scale. */
  pain?: number | null;
  completed: boolean;
  notes?: string | null;
  programmeId?: string | null;
  /** The evoked force the session reached: % MVC where measured, and the contraction seen. */
  evokedForce?: EvokedForceRecord | null;
}

export interface Session {
  id: string;
  patientId: string;
  programmeId: string | null;
  kind: SessionKind;
  startedAt: string;
  minutes: number;
  peakIntensityMa: number | null;
  comfort: number | null;
  pain: number | null;
  completed: boolean;
  notes: string | null;
  recordedAt: string;
  recordedBy: string;
  evokedForce: EvokedForceRecord | null;
}
