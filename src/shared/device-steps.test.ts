import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVICE_STEPS, floorToStep, isOnStep, roundToStep } from './device-steps.ts';

describe('device steps', () => {
  it('are whole Hz, whole mA, 10 µs and whole seconds by default', () => {
    expect(DEFAULT_DEVICE_STEPS).toEqual({ frequencyHz: 1, currentMa: 1, pulseWidthUs: 10, durationS: 1 });
  });

  it('recognise values on a step, without binary noise', () => {
    expect(isOnStep(350, 10)).toBe(true);
    expect(isOnStep(345, 10)).toBe(false);
    expect(isOnStep(0.1 + 0.2, 0.1)).toBe(true);
    expect(isOnStep(1.794, 1)).toBe(false);
    expect(isOnStep(Number.NaN, 1)).toBe(false);
    expect(isOnStep(5, 0)).toBe(false);
  });

  it('round to the nearest step, and round current down so no limit is crossed', () => {
    expect(roundToStep(345.6, 10)).toBe(350);
    expect(roundToStep(27_345, 10)).toBe(27_350);
    expect(floorToStep(70.71, 1)).toBe(70);
    expect(floorToStep(99.99999, 1)).toBe(99);
    expect(floorToStep(0.3, 0.1)).toBe(0.3);
    expect(floorToStep(126.9, 2)).toBe(126);
  });
});
