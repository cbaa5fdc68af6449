/**
 * A session's timeline from an approved programme: the blocks of one level back to back, and the
 * intensity envelope at any moment (ramp up, run, ramp down, rest), as fractions of the intensity
 * the patient set. Pure.
 *
 * Blocks without a contraction cycle (warm-up, cool-down) ramp up over their first
 * CONTINUOUS_RAMP_S seconds and down over their last (Myotrophy's choice: the protocols have no
 * ramp-down, and a current switched on or off at full strength startles).
 */
import type { ContractionCycle, StimulationProgramme } from '../../clinic/programme/stimulation-types.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';

export const CONTINUOUS_RAMP_S = 2;

export interface PlannedBlock {
  kind: string;
  startS: number;
  endS: number;
  frequencyHz: number;
  phaseWidthUs: number;
  /** The clinician's ceiling for this block (mA). */
  maxIntensityMa: number;
  cycle?: ContractionCycle;
}

export interface SessionPlan {
  level: number;
  channels: number;
  interphaseGapUs: number;
  blocks: PlannedBlock[];
  totalS: number;
}

export type EnvelopePhase = 'ramp-up' | 'run' | 'ramp-down' | 'rest';

export interface Envelope {
  blockIndex: number;
  phase: EnvelopePhase;
  /** 0–1 of the set intensity. */
  fraction: number;
}

export function planSession(programme: StimulationProgramme, level?: number): SessionPlan {
  if (programme.waveform.pulseShape !== 'rectangular' || programme.waveform.balance !== 'symmetric') {
    throw new InvalidInputError(
      `the device driver plays symmetric rectangular biphasic pulses only; this programme asks for ${programme.waveform.balance} ${programme.waveform.pulseShape} pulses`,
    );
  }
  return planTimeline(programme, level);
}

/** The timeline of one level, whatever its pulses (the manual session player times any programme). */
export function planTimeline(programme: StimulationProgramme, level?: number): SessionPlan {
  const chosen = level === undefined ? programme.levels[0] : programme.levels.find((l) => l.level === level);
  if (!chosen) {
    throw new InvalidInputError(
      `the programme has no level ${level}; it has ${programme.levels.map((l) => l.level).join(', ')}`,
    );
  }
  let at = 0;
  const blocks = chosen.blocks.map((b) => {
    const block: PlannedBlock = {
      kind: b.kind,
      startS: at,
      endS: at + b.minutes * 60,
      frequencyHz: b.frequencyHz,
      phaseWidthUs: b.phaseWidthUs,
      maxIntensityMa: b.maxIntensityMa,
      ...(b.cycle ? { cycle: b.cycle } : {}),
    };
    at = block.endS;
    return block;
  });
  return {
    level: chosen.level,
    channels: programme.channels.length,
    interphaseGapUs: programme.waveform.interphaseGapUs,
    blocks,
    totalS: at,
  };
}

/**
 * The intensity each channel starts at (mA, index 0 = channel 1): one value for every channel, or
 * one per channel; each within 0 … the first block's ceiling. A clear refusal names the channel.
 */
export function startingIntensitiesMa(plan: SessionPlan, start: number | readonly number[]): number[] {
  const first = plan.blocks[0];
  if (!first) throw new InvalidInputError('the programme level has no blocks');
  if (typeof start === 'object' && start.length !== plan.channels) {
    throw new InvalidInputError(
      `give one starting intensity, or one for each of the programme's ${plan.channels} channels; got ${start.length}`,
    );
  }
  const intensities = Array.from({ length: plan.channels }, (_, i) =>
    typeof start === 'object' ? (start[i] as number) : start,
  );
  intensities.forEach((intensityMa, i) => {
    if (!isWithinCeiling(intensityMa, first.maxIntensityMa)) {
      const which = plan.channels > 1 ? `channel ${i + 1}'s starting intensity` : 'the starting intensity';
      throw new InvalidInputError(
        `${which} must be from 0 to ${first.maxIntensityMa} mA (the clinician's ceiling for the ${first.kind} block); got ${intensityMa}`,
      );
    }
  });
  return intensities;
}

/** Whether `intensityMa` is a number from 0 to the ceiling. */
export function isWithinCeiling(intensityMa: unknown, ceilingMa: number): intensityMa is number {
  return (
    typeof intensityMa === 'number' &&
    Number.isFinite(intensityMa) &&
    intensityMa >= 0 &&
    intensityMa <= ceilingMa
  );
}

function isDuring(block: PlannedBlock, tS: number): boolean {
  return tS >= block.startS && tS < block.endS;
}

/** The envelope at `tS` seconds of stimulation, or null once the plan is over. */
export function envelopeAt(plan: SessionPlan, tS: number): Envelope | null {
  // A plain loop, not findIndex with a closure: the update loop calls this every tick.
  let blockIndex = 0;
  while (blockIndex < plan.blocks.length && !isDuring(plan.blocks[blockIndex] as PlannedBlock, tS))
    blockIndex += 1;
  if (blockIndex === plan.blocks.length) return null;
  const b = plan.blocks[blockIndex] as PlannedBlock;
  const inBlock = tS - b.startS;
  if (!b.cycle) {
    const left = b.endS - tS;
    const ramp = Math.min(CONTINUOUS_RAMP_S, (b.endS - b.startS) / 2);
    if (inBlock < ramp) return { blockIndex, phase: 'ramp-up', fraction: inBlock / ramp };
    if (left < ramp) return { blockIndex, phase: 'ramp-down', fraction: left / ramp };
    return { blockIndex, phase: 'run', fraction: 1 };
  }
  const { onS, offS, rampUpS, rampDownS } = b.cycle;
  const t = inBlock % (onS + offS);
  if (t < rampUpS) return { blockIndex, phase: 'ramp-up', fraction: t / rampUpS };
  if (t < onS - rampDownS) return { blockIndex, phase: 'run', fraction: 1 };
  if (t < onS) return { blockIndex, phase: 'ramp-down', fraction: (onS - t) / rampDownS };
  return { blockIndex, phase: 'rest', fraction: 0 };
}
