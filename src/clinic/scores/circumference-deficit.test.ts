import { describe, expect, it } from 'vitest';
import { type CircumferenceInput, circumferenceDeficit } from './circumference-deficit.ts';

/** A calf measured 10 cm below the tibial tuberosity, the affected side 2.5 cm smaller. */
const calf: CircumferenceInput = {
  affectedCm: 36.5,
  unaffectedCm: 39,
  landmark: 'tibial-tuberosity',
  distanceCm: 10,
};

/** A thigh measured 15 cm above the patella, the affected side 3.5 cm smaller. */
const thigh: CircumferenceInput = {
  affectedCm: 45,
  unaffectedCm: 48.5,
  landmark: 'superior-pole-of-patella',
  distanceCm: 15,
};

describe('circumferenceDeficit', () => {
  it('gives the side-to-side deficit at a stated landmark distance', () => {
    const d = circumferenceDeficit(calf);
    expect(d.deficitCm).toBeCloseTo(2.5, 12);
    expect(d.deficitPct).toBeCloseTo((2.5 / 39) * 100, 12);
    expect(d.site).toBe('10 cm distal to the tibial tuberosity');
    expect(d.aboveAtrophyFlag).toBe(false);
  });

  it('flags a deficit above 3 cm (weak-source threshold)', () => {
    const d = circumferenceDeficit(thigh);
    expect(d.site).toBe('15 cm proximal to the superior pole of patella');
    expect(d.aboveAtrophyFlag).toBe(true);
    expect(d.source).toMatch(/UNCONFIRMED/);
  });

  it('rejects an unknown landmark or a missing distance', () => {
    expect(() => circumferenceDeficit({ ...calf, landmark: 'knee' as never })).toThrow(
      /unknown landmark 'knee'; allowed: superior-pole-of-patella/,
    );
    expect(() => circumferenceDeficit({ ...calf, distanceCm: Number.NaN })).toThrow(/landmark distance/);
  });
});
