import { FORCE_MODELS } from '../../physiology/force/model.ts';
import { buildProgrammeTrain } from '../../physiology/force/programme-train.ts';
import { simulateForce } from '../../physiology/force/simulate.ts';

/** The simulated session is capped at this many minutes of work so the designer answers at once. */
export const MAX_SIMULATED_MINUTES = 40;
/** Points in each force trace returned to the browser. */
const TRACE_POINTS = 240;

/** One session's work block as the designer describes it. */
export interface SimulateBody {
  frequencyHz: number;
  phaseWidthUs: number;
  minutes: number;
  onS?: number;
  offS?: number;
  rampUpS?: number;
  rampDownS?: number;
}

function sampleTimes(fromS: number, toS: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => fromS + ((toS - fromS) * i) / (n - 1));
}

/**
 * One session's work block through the force engine: Ding 2007 with fatigue (pulse width matters),
 * whole session up to MAX_SIMULATED_MINUTES. Continuous blocks (no cycle) count as one train.
 */
export function simulateSession(body: SimulateBody) {
  const model = FORCE_MODELS['ding2007-fatigue'];
  const minutes = Math.min(body.minutes, MAX_SIMULATED_MINUTES);
  const sessionS = minutes * 60;
  const onS = body.onS ?? sessionS;
  const offS = body.offS ?? 0;
  const cycleS = onS + offS;
  const repetitions = Math.max(1, Math.floor(sessionS / cycleS));
  const programme = buildProgrammeTrain(
    {
      frequencyHz: body.frequencyHz,
      onS,
      offS,
      repetitions,
      pulseWidthUs: body.phaseWidthUs,
      ...(body.rampUpS ? { rampUpS: body.rampUpS } : {}),
      ...(body.rampDownS ? { rampDownS: body.rampDownS } : {}),
    },
    model,
  );
  const lastStart = programme.contractionStartsS[programme.contractionStartsS.length - 1] ?? 0;
  const firstWindow = Math.min(cycleS, programme.endS);
  const firstTimes = sampleTimes(0, firstWindow, TRACE_POINTS);
  const lastTimes = sampleTimes(lastStart, Math.min(lastStart + cycleS, programme.endS), TRACE_POINTS);
  const result = simulateForce(model, programme.train, {
    endS: programme.endS,
    contractionStartsS: programme.contractionStartsS,
    sampleTimesS: lastStart > firstWindow ? [...firstTimes, ...lastTimes] : firstTimes,
  });
  const forces = result.sampledForceN;
  return {
    model: model.id,
    source: model.source,
    minutesSimulated: minutes,
    pulses: programme.train.timesS.length,
    contractions: result.contractions.map((c) => ({ startS: c.startS, peakForceN: c.peakForceN })),
    peakForceN: result.peakForceN,
    fatigueIndex: Number.isFinite(result.fatigueIndex) ? result.fatigueIndex : null,
    firstContraction: firstTimes.map((t, i) => ({ tS: t, forceN: forces[i] ?? 0 })),
    lastContraction:
      lastStart > firstWindow
        ? lastTimes.map((t, i) => ({ tS: t - lastStart, forceN: forces[TRACE_POINTS + i] ?? 0 }))
        : null,
  };
}
