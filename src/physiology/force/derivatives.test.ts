import { describe, expect, it } from 'vitest';
import { publishedDerivatives } from './derivatives.ts';
import { FORCE_MODELS, pulseAmplitudeCalciumGain, pulseWidthForceFactor } from './model.ts';

// Test vectors: derivatives at t = 0.11 s with pulses at 0 and 0.1 s (cocofest 1.1.0,
// tests/shard1/test_models_dynamics_without_bioptim.py), to the digits published.
const PULSES = [0, 0.1];

/** Agrees with a value published to `decimals` places: within one unit of its last digit. */
function expectDigits(actual: number, expected: number, decimals: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(10 ** -decimals);
}

describe('published derivative vectors', () => {
  // Each row: the model, its pulses' extra inputs, and d[0..4] with the decimals they are published to.
  it.each([
    {
      name: 'Ding 2003 with fatigue',
      model: FORCE_MODELS['ding2003-fatigue'],
      pulses: { timesS: PULSES },
      published: [
        [-219.4399, 4],
        [2037.0703, 4],
        [-40, 10],
        [0.0021, 10],
        [0.0019, 10],
      ],
    },
    {
      name: 'Ben Hmed 2018 with fatigue at 30 and 50 mA',
      model: FORCE_MODELS['hmed2018-fatigue'],
      pulses: { timesS: PULSES, intensitiesMa: [30, 50] },
      published: [
        [-241, 0],
        [2037.07, 2],
        [-40, 10],
        [0.0021, 10],
        [0.0019, 10],
      ],
    },
  ])('$name', ({ model, pulses, published }) => {
    const d = publishedDerivatives(model, pulses, 0.11, {
      cn: 5,
      forceN: 100,
      A: 3009,
      tau1: 0.050957,
      Km: 0.103,
    });
    published.forEach(([value, decimals], i) => {
      expectDigits(d[i], value, decimals);
    });
  });

  it('Ding 2007 with fatigue at 200 µs', () => {
    const d = publishedDerivatives(
      FORCE_MODELS['ding2007-fatigue'],
      { timesS: PULSES, widthsUs: [200, 200] },
      0.11,
      {
        cn: 5,
        forceN: 100,
        A: 4920,
        tau1: 0.050957,
        Km: 0.103,
      },
    );
    expectDigits(d[0], -417.9, 1);
    expectDigits(d[1], -490.5, 1);
    expectDigits(d[2], -40, 10);
    expect(d[3]).toBeCloseTo(2.1759e-3, 7);
    expect(d[4]).toBeCloseTo(2.1677e-3, 7);
  });
});

describe('published scalar checks', () => {
  it('calcium decay over 10 ms', () => {
    expect(Math.exp(-0.01 / FORCE_MODELS.ding2003.base.tauCalciumS)).toBeCloseTo(0.6065306597126332, 15);
  });

  it('force derivative at Cn 5, F 100 (Ding 2003)', () => {
    const d = publishedDerivatives(FORCE_MODELS.ding2003, { timesS: [] }, 0, {
      cn: 5,
      forceN: 100,
      A: 3009,
      tau1: 0.050957,
      Km: 0.103,
    });
    expect(d[1]).toBeCloseTo(2037.0703505791284, 9);
  });

  it('λ at 30 mA and the recruitment threshold (Ben Hmed 2018)', () => {
    const amplitude = FORCE_MODELS.hmed2018.pulseAmplitude;
    if (!amplitude) throw new Error('hmed2018 has no amplitude dependence');
    expect(pulseAmplitudeCalciumGain(amplitude, 30)).toBeCloseTo(0.0799499, 7);
    expect(pulseAmplitudeCalciumGain(amplitude, 17.0)).toBe(0);
    expect(pulseAmplitudeCalciumGain(amplitude, 17.1)).toBeGreaterThan(0);
  });

  it('A_eff at 200 µs and no force below PD0 (Ding 2007)', () => {
    const width = FORCE_MODELS.ding2007.pulseWidth;
    if (!width) throw new Error('ding2007 has no width dependence');
    expect(4920 * pulseWidthForceFactor(width, 200)).toBeCloseTo(1464.4646488, 6);
    expect(pulseWidthForceFactor(width, 131)).toBe(0);
  });
});
