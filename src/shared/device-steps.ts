/**
 * The steps a stimulator's settings move in. A number a person reads is a number a device can be
 * set to: the planner emits values on these steps, the safety gate checks the rounded values, and
 * the patient's words show them unchanged.
 *
 * Pulse width in 10 µs steps: the RehaStim2 user interface sets 20–500 µs in 10 µs steps (RehaStim2
 * User Manual 2.5c §4.1, in Myotrophy's stimulator research notes). Whole hertz, whole milliamperes
 * and whole seconds are Myotrophy's choice for every device (UNCONFIRMED as a property of any one
 * stimulator: the RehaStim2 sets current in 2 mA steps and frequency in 5 Hz steps, so a driver for
 * it passes its own steps).
 */
export interface DeviceSteps {
  frequencyHz: number;
  currentMa: number;
  pulseWidthUs: number;
  durationS: number;
}

export const DEFAULT_DEVICE_STEPS: Readonly<DeviceSteps> = Object.freeze({
  frequencyHz: 1,
  currentMa: 1,
  pulseWidthUs: 10,
  durationS: 1,
});

export const DEVICE_STEPS_SOURCE =
  'pulse width in 10 µs steps: RehaStim2 User Manual 2.5c §4.1; whole Hz, mA and seconds: Myotrophy choice (UNCONFIRMED)';

/** True when `value` is a whole number of `step`s (to a relative hair, so 0.1 + 0.2 counts as 0.3). */
export function isOnStep(value: number, step: number): boolean {
  if (!Number.isFinite(value) || !(step > 0)) return false;
  const steps = value / step;
  return Math.abs(steps - Math.round(steps)) <= 1e-9 * Math.max(1, Math.abs(steps));
}

/** The nearest whole number of steps. */
export function roundToStep(value: number, step: number): number {
  return cleanMultiple(Math.round(value / step), step);
}

/** The largest whole number of steps not above `value` (current is rounded down so no limit is crossed). */
export function floorToStep(value: number, step: number): number {
  // The 1e-12 absorbs binary noise (0.3 / 0.1 = 2.9999999999999996) without lifting a value over a step.
  return cleanMultiple(Math.floor(value / step + 1e-12), step);
}

/** n·step without binary noise (0.1 · 3 → 0.3, not 0.30000000000000004). */
function cleanMultiple(n: number, step: number): number {
  return Number((n * step).toPrecision(12));
}
