/**
 * The shape of a stimulation programme: what the planner produces, what a clinician edits, and what
 * output safety (./output-safety.ts) checks. Units are in the names.
 */
import type { EvokedForceTarget } from './evoked-force.ts';

export type PulseShape = 'rectangular' | 'triangular';

export interface Waveform {
  /** Biphasic pulses reverse the current in a second phase; monophasic pulses do not (refused). */
  phases: 'biphasic' | 'monophasic';
  /** Charge balance between the phases: only 'symmetric' and 'asymmetric-balanced' pass. */
  balance: 'symmetric' | 'asymmetric-balanced' | 'unbalanced';
  /** Shape of each phase: rectangular, or triangular (rising slowly, so innervated fibres accommodate). */
  pulseShape: PulseShape;
  /** Gap between the two phases (µs). */
  interphaseGapUs: number;
}

export interface Electrode {
  /** An electrode site id from ./electrode-sites.ts (a muscle id, or a named region). */
  site: string;
  side: 'left' | 'right';
  position: 'proximal' | 'distal';
  landmark: string;
  /** Conductive area of the electrode (cm²). */
  sizeCm2: number;
}

export interface Channel {
  electrodes: Electrode[];
}

/** Contraction cycle of a block: on time includes the ramps (as in ../physiology/programme-train.ts). */
export interface ContractionCycle {
  onS: number;
  offS: number;
  rampUpS: number;
  rampDownS: number;
}

export interface StimulationBlock {
  kind: 'warm-up' | 'work' | 'cool-down';
  minutes: number;
  frequencyHz: number;
  /** Width of each phase (µs); a biphasic pulse lasts two phases plus the gap. */
  phaseWidthUs: number;
  /** Absent for continuous stimulation (warm-up, cool-down). */
  cycle?: ContractionCycle;
  /** The highest peak current the device may deliver in this block (mA into 500 Ω). */
  maxIntensityMa: number;
  /** What intensity to aim for, in the clinician's words. */
  intensityTarget: string;
}

/** Denervated muscle progresses from single impulses (twitches) to short trains (bursts) to long trains (tetanic). */
export type DenervatedPhase = 'twitch' | 'burst' | 'tetanic';

export interface StimulationLevel {
  level: number;
  fromWeek: number;
  toWeek: number;
  sessionsPerDay: number;
  sessionsPerWeek: number;
  blocks: StimulationBlock[];
  /** When to move on to the next level. */
  progressWhen: string;
  /** The contraction to aim for, titrated each session and recorded per session (the planner always sets it; an older or hand-made programme may lack it). */
  evokedForceTarget?: EvokedForceTarget;
  /** Denervated programmes: the stage of the twitch → burst → tetanic progression. */
  phase?: DenervatedPhase;
}

/** How long one session of a level lasts (min): its blocks one after another. */
export function sessionMinutes(level: StimulationLevel): number {
  return level.blocks.reduce((minutes, block) => minutes + block.minutes, 0);
}

export type StimulationKind = 'nmes' | 'denervated-rectangular' | 'denervated-triangular';

export interface StimulationProgramme {
  kind: StimulationKind;
  muscle: string;
  side: 'left' | 'right';
  channels: Channel[];
  waveform: Waveform;
  pulseWidth: { phaseWidthUs: number; basis: 'chronaxie' | 'default'; rule: string };
  levels: StimulationLevel[];
  intensityRule: string;
  progressionRules: string[];
  sources: string[];
  /** A screening caution's limit, applied to every block's ceiling and every evoked-force target. */
  intensityCap?: { keys: string[]; ceilingFraction: number; maxPercentMvc: number; notes: string[] };
  /** Denervated programmes: the threshold from the strength–duration curve at the twitch phase width. */
  threshold?: {
    rheobaseMa: number;
    chronaxieMs: number;
    phaseMs: number;
    thresholdMa: number;
    factor: number;
  };
}
