import { describe, expect, it } from 'vitest';
import { sarcopeniaAwgs2019, sarcopeniaEwgsop2 } from './sarcopenia.ts';

describe('sarcopeniaEwgsop2', () => {
  it('moves from probable to confirmed to severe as criteria add up', () => {
    expect(sarcopeniaEwgsop2({ sex: 'male', gripKg: 26 }).category).toBe('probable');
    expect(sarcopeniaEwgsop2({ sex: 'male', gripKg: 26, asmIndexKgM2: 6.9 })).toMatchObject({
      category: 'confirmed',
      code: 'M62.84',
    });
    expect(sarcopeniaEwgsop2({ sex: 'male', gripKg: 26, asmIndexKgM2: 6.9, gaitSpeedMS: 0.8 }).category).toBe(
      'severe',
    );
  });

  it('uses the published cut-offs at their edges', () => {
    expect(sarcopeniaEwgsop2({ sex: 'male', gripKg: 27 }).category).toBe('none');
    expect(sarcopeniaEwgsop2({ sex: 'female', gripKg: 15.9 }).lowStrength).toBe(true);
    expect(sarcopeniaEwgsop2({ sex: 'female', chairStand5S: 15 }).lowStrength).toBe(false);
    expect(sarcopeniaEwgsop2({ sex: 'female', chairStand5S: 15.1 }).lowStrength).toBe(true);
    expect(sarcopeniaEwgsop2({ sex: 'female', gripKg: 10, asmKg: 15 }).lowMass).toBe(false);
    expect(sarcopeniaEwgsop2({ sex: 'female', gripKg: 10, asmIndexKgM2: 5.49 }).lowMass).toBe(true);
    expect(sarcopeniaEwgsop2({ sex: 'male', sppb: 8, tugS: 19 }).lowPerformance).toBe(true);
    expect(sarcopeniaEwgsop2({ sex: 'male', walk400mMin: null }).lowPerformance).toBe(true);
    expect(sarcopeniaEwgsop2({ sex: 'male' }).category).toBe('insufficient-data');
  });
});

describe('sarcopeniaAwgs2019', () => {
  it('needs low mass plus low strength or performance; severe with all three', () => {
    expect(
      sarcopeniaAwgs2019({ sex: 'female', gripKg: 17, asmIndexKgM2: 5.3, massMethod: 'dxa' }).category,
    ).toBe('confirmed');
    expect(
      sarcopeniaAwgs2019({
        sex: 'female',
        gripKg: 17,
        gaitSpeedMS: 0.9,
        asmIndexKgM2: 5.3,
        massMethod: 'dxa',
      }).category,
    ).toBe('severe');
    expect(
      sarcopeniaAwgs2019({
        sex: 'female',
        gripKg: 19,
        gaitSpeedMS: 1.0,
        asmIndexKgM2: 5.0,
        massMethod: 'dxa',
      }).category,
    ).toBe('none');
  });

  it('uses method-specific mass cut-offs for women (DXA 5.4, BIA 5.7)', () => {
    expect(
      sarcopeniaAwgs2019({ sex: 'female', gripKg: 10, asmIndexKgM2: 5.5, massMethod: 'dxa' }).lowMass,
    ).toBe(false);
    expect(
      sarcopeniaAwgs2019({ sex: 'female', gripKg: 10, asmIndexKgM2: 5.5, massMethod: 'bia' }).lowMass,
    ).toBe(true);
    expect(() => sarcopeniaAwgs2019({ sex: 'female', asmIndexKgM2: 5.5 })).toThrow(/massMethod/);
  });

  it('calls low strength without a mass measure "possible", and reads the case-finding tools', () => {
    const r = sarcopeniaAwgs2019({ sex: 'male', gripKg: 27, chairStand5S: 12, calfCircumferenceCm: 33.9 });
    expect(r.category).toBe('possible');
    expect(r.caseFindingPositive).toBe(true);
    expect(
      sarcopeniaAwgs2019({ sex: 'female', sarcF: 3, sarcCalF: 10, calfCircumferenceCm: 33 })
        .caseFindingPositive,
    ).toBe(false);
  });
});
