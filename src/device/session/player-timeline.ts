/**
 * What the patient's session player shows at a moment of a session: the phase in plain terms
 * (warm-up, contraction, rest, steady pulses, cool-down), whole seconds left in it, the contractions
 * left and played, the clinician's ceiling for the block, and the session's time. Pure: it reads the
 * plan (./session-plan.ts) and the seconds played, whether a stimulator or the patient's own device
 * (a manual session) delivers the pulses.
 */
import { envelopeAt, type PlannedBlock, type SessionPlan } from './session-plan.ts';

export type PlayerPhase = 'warm-up' | 'contraction' | 'rest' | 'steady' | 'cool-down' | 'done';

export interface PlayerMoment {
  phase: PlayerPhase;
  /** The block being played, or -1 once the session is over. */
  blockIndex: number;
  /** Whole seconds until the phase changes (rounded up, so it never shows 0 while it lasts). */
  secondsLeftInPhase: number;
  contractionsTotal: number;
  contractionsDone: number;
  contractionsLeft: number;
  /** The clinician's ceiling for the block being played (mA); the last block's once over. */
  ceilingMa: number;
  elapsedS: number;
  totalS: number;
}

/** Contractions a block holds, or has finished after `inBlockS` seconds: one for each "on" time played to its end. */
function contractions(block: PlannedBlock, inBlockS: number): number {
  if (!block.cycle) return 0;
  const periodS = block.cycle.onS + block.cycle.offS;
  const t = Math.min(inBlockS, block.endS - block.startS);
  return Math.floor(t / periodS) + (t % periodS >= block.cycle.onS ? 1 : 0);
}

/** Contractions finished after `tS` seconds of the session. */
export function contractionsPlayed(plan: SessionPlan, tS: number): number {
  return plan.blocks.reduce((n, b) => n + (tS > b.startS ? contractions(b, tS - b.startS) : 0), 0);
}

export function playerMoment(plan: SessionPlan, tS: number): PlayerMoment {
  const contractionsTotal = contractionsPlayed(plan, plan.totalS);
  const contractionsDone = contractionsPlayed(plan, tS);
  const envelope = envelopeAt(plan, Math.max(0, tS));
  const block = envelope ? plan.blocks[envelope.blockIndex] : plan.blocks.at(-1);
  const common = {
    contractionsTotal,
    contractionsDone,
    contractionsLeft: contractionsTotal - contractionsDone,
    ceilingMa: block?.maxIntensityMa ?? 0,
    elapsedS: Math.min(Math.max(0, tS), plan.totalS),
    totalS: plan.totalS,
  };
  if (!envelope || !block) return { phase: 'done', blockIndex: -1, secondsLeftInPhase: 0, ...common };
  let phase: PlayerPhase;
  let endsAtS = block.endS;
  if (block.cycle) {
    const periodS = block.cycle.onS + block.cycle.offS;
    const cycleStartS = block.startS + Math.floor((tS - block.startS) / periodS) * periodS;
    phase = envelope.phase === 'rest' ? 'rest' : 'contraction';
    endsAtS = Math.min(block.endS, cycleStartS + (phase === 'rest' ? periodS : block.cycle.onS));
  } else {
    phase = block.kind === 'warm-up' ? 'warm-up' : block.kind === 'cool-down' ? 'cool-down' : 'steady';
  }
  return {
    phase,
    blockIndex: envelope.blockIndex,
    secondsLeftInPhase: Math.max(1, Math.ceil(endsAtS - tS - 1e-9)),
    ...common,
  };
}
