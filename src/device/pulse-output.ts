/**
 * The project's output limits applied to what a codec encodes: the same constants the safety gate
 * uses (../clinic/safety/output-safety.ts), computed on the pulse exactly as it goes to the device —
 * as a list of points (duration µs, current mA). A pulse over a limit is refused with an
 * 'out-of-range' ProtocolError; nothing is clipped.
 *
 * - charge balance: the positive and negative charge of a pulse must be equal (Myotrophy allows no
 *   d.c. component; BALANCE_SOURCE);
 * - energy per pulse into the 500 Ω test load: Σ I²·R·t ≤ MAX_ENERGY_PER_PULSE_MJ;
 * - r.m.s. current, where the pulse rate is known: √(Σ I²·t · pulses per second) ≤ MAX_RMS_CURRENT_MA.
 */
import {
  BALANCE_SOURCE,
  ENERGY_SOURCE,
  LIMIT_ROUNDING_TOLERANCE,
  MAX_ENERGY_PER_PULSE_MJ,
  MAX_RMS_CURRENT_MA,
  RMS_SOURCE,
  TEST_LOAD_OHMS,
} from '../clinic/safety/output-safety.ts';
import { ProtocolError } from './protocol-error.ts';

export interface PulsePoint {
  durationUs: number;
  /** Signed current (mA); positive and negative phases must carry equal charge. */
  currentMa: number;
}

/** Σ I²·t over the points, in mA²·µs. */
function squaredCurrentTime(points: readonly PulsePoint[]): number {
  let sum = 0;
  for (const p of points) sum += p.currentMa * p.currentMa * p.durationUs;
  return sum;
}

export function pulseEnergyMj(points: readonly PulsePoint[], loadOhms = TEST_LOAD_OHMS): number {
  // mA²·µs·Ω = 1e-6 A² · 1e-6 s · Ω = 1e-12 J = 1e-9 mJ
  return squaredCurrentTime(points) * loadOhms * 1e-9;
}

export function pulseRmsCurrentMa(points: readonly PulsePoint[], pulsesPerSecond: number): number {
  return Math.sqrt(squaredCurrentTime(points) * 1e-6 * pulsesPerSecond);
}

/** Net charge of a pulse (µC; mA·µs / 1000). */
export function netChargeUc(points: readonly PulsePoint[]): number {
  let sum = 0;
  for (const p of points) sum += p.currentMa * p.durationUs;
  return sum / 1000;
}

/**
 * Throws an 'out-of-range' ProtocolError when the pulse breaks an output limit. `pulsesPerSecond`
 * is null where the rate is not known to the caller (then the r.m.s. limit is checked by whoever
 * knows it, see ./sciencemode2/channel-list.ts).
 */
export function requirePulseWithinOutputLimits(
  where: string,
  points: readonly PulsePoint[],
  pulsesPerSecond: number | null,
): void {
  const charge = netChargeUc(points);
  if (Math.abs(charge) > 1e-9) {
    throw new ProtocolError(
      'out-of-range',
      `${where}: the pulse is not charge-balanced (net ${charge.toFixed(3)} µC); ${BALANCE_SOURCE}`,
    );
  }
  const energy = pulseEnergyMj(points);
  if (energy > MAX_ENERGY_PER_PULSE_MJ * (1 + LIMIT_ROUNDING_TOLERANCE)) {
    throw new ProtocolError(
      'out-of-range',
      `${where}: ${energy.toFixed(1)} mJ per pulse into ${TEST_LOAD_OHMS} Ω exceeds ${MAX_ENERGY_PER_PULSE_MJ} mJ (${ENERGY_SOURCE})`,
    );
  }
  if (pulsesPerSecond !== null) {
    const rms = pulseRmsCurrentMa(points, pulsesPerSecond);
    if (rms > MAX_RMS_CURRENT_MA * (1 + LIMIT_ROUNDING_TOLERANCE)) {
      throw new ProtocolError(
        'out-of-range',
        `${where}: r.m.s. current ${rms.toFixed(1)} mA at ${pulsesPerSecond} pulses/s exceeds ${MAX_RMS_CURRENT_MA} mA (${RMS_SOURCE})`,
      );
    }
  }
}
