import type { EvokedForceRecord } from '../programme/evoked-force.ts';
import type { EntryVersion } from './correction.ts';

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
  /** How the session player delivered it (null for a session typed in by hand). */
  delivery?: SessionDelivery | null;
}

export const DELIVERY_MODES = ['stimulator', 'virtual-stimulator', 'manual'] as const;
/** Why a played session ended: completed, or interrupted (emergency stop, page hidden, a device fault, stopped early). */
export const DELIVERY_STOP_REASONS = [
  'completed',
  'emergency-stop',
  'page-hidden',
  'fault',
  'stopped-by-user',
] as const;

/**
 * What the session player logs with a session: the mode (a stimulator through Web Serial, the
 * virtual stimulator, or a manual session guided by the timer), the stimulator's identity as it
 * reported it, why it stopped, and what was delivered. Currents in mA, times in minutes.
 */
export interface SessionDelivery {
  mode: (typeof DELIVERY_MODES)[number];
  /** As the stimulator reported it; null in a manual session. */
  device: {
    protocol: 'sciencemode2' | 'sciencemode4';
    deviceId?: string;
    protocolVersion?: string;
    firmware?: string;
    batteryPercent?: number;
  } | null;
  /** The programme level played. */
  level: number;
  stopReason: (typeof DELIVERY_STOP_REASONS)[number];
  deliveredMinutes: number;
  plannedMinutes: number;
  /** Highest current the stimulator acknowledged, per channel ('1', '2', …); the patient's own figure in a manual session. */
  peakCurrentMaByChannel: Record<string, number>;
  /** The frequencies the stimulator ran, per block (Hz). */
  frequencyHz: number[];
  /** Contractions played to their end. */
  contractions: number;
  faults: { kind: string; message: string }[];
  /** The intensity (mA) at which the patient saw the contraction the programme aims for, where they marked it. */
  intensityAtAimMa?: number;
}

export interface Session extends EntryVersion {
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
  delivery: SessionDelivery | null;
}
