import { describe, expect, it } from 'vitest';
import { fatigueRates } from './fatigue-rates.ts';
import { FORCE_MODELS } from './model.ts';

describe('fatigueRates', () => {
  it('reads the rest values and Ding 2003 coefficients, recovery as 1/τfat', () => {
    expect(fatigueRates(FORCE_MODELS['ding2003-fatigue'])).toEqual({
      fatigues: true,
      restScalingNPerS: 3009,
      restTau1S: 0.050957,
      restKm: 0.103,
      recoveryPerS: 1 / 127,
      alphaAPerS2: -0.4,
      alphaTau1PerN: 2.1e-5,
      alphaKmPerSN: 1.9e-5,
    });
  });

  it('has zero rates when the model does not fatigue', () => {
    const rates = fatigueRates(FORCE_MODELS.ding2003);
    expect(rates.fatigues).toBe(false);
    expect([rates.recoveryPerS, rates.alphaAPerS2, rates.alphaTau1PerN, rates.alphaKmPerSN]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(rates.restScalingNPerS).toBe(3009);
  });
});
