import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import {
  circumferenceForMuscle,
  defaultGeometry,
  expectedValue,
  expectedValueSlope,
  impliedErrorPct,
  impliedMuscleChangePct,
  muscleForCircumference,
  validateMeasurement,
} from './measurement.ts';

const thighMale = { fatCm: 1.0, boneCm2: 5 };

describe('circumference ↔ muscle CSA', () => {
  it('computes the limb model by hand: 50 cm thigh, 1 cm fat, 5 cm² bone, muscle −10 %', () => {
    const inner = 50 / (2 * Math.PI) - 1; // 6.9577 cm
    const muscle0 = Math.PI * inner * inner - 5; // 147.08 cm²
    const r = Math.sqrt((5 + 0.9 * muscle0) / Math.PI);
    expect(circumferenceForMuscle(50, 0.9, thighMale)).toBeCloseTo(2 * Math.PI * (r + 1), 12);
    expect(circumferenceForMuscle(50, 0.9, thighMale)).toBeCloseTo(47.8323, 4);
  });

  it('inverts exactly', () => {
    for (const m of [0.7, 0.85, 1, 1.1]) {
      expect(muscleForCircumference(50, circumferenceForMuscle(50, m, thighMale), thighMale)).toBeCloseTo(
        m,
        12,
      );
    }
  });

  it('a 1 cm loss of thigh girth is a 4.68 % loss of muscle CSA', () => {
    expect(100 * (muscleForCircumference(50, 49, thighMale) - 1)).toBeCloseTo(-4.6763, 4);
  });

  it('uses more fat for women and the calf geometry for calf muscles', () => {
    expect(defaultGeometry('quadriceps', 'female').fatCm).toBe(1.8);
    expect(defaultGeometry('calf', 'male')).toEqual({ fatCm: 0.6, boneCm2: 4 });
    expect(defaultGeometry('thigh', undefined).fatCm).toBeCloseTo(1.4, 12);
  });
});

describe('measurement kinds', () => {
  it('thickness follows CSA with exponent 1.75/2.10 (Fazzini 2023)', () => {
    expect(expectedValue({ kind: 'thickness', baseline: 20 }, 0.8, thighMale)).toBeCloseTo(
      20 * 0.8 ** (1.75 / 2.1),
      12,
    );
    const m = { day: 7, kind: 'thickness' as const, value: 20 * 0.8 ** (1.75 / 2.1), baseline: 20 };
    expect(impliedMuscleChangePct(m, thighMale)).toBeCloseTo(-20, 10);
  });

  it('csa and volume are proportional', () => {
    expect(impliedMuscleChangePct({ day: 3, kind: 'csa', value: 95, baseline: 100 }, thighMale)).toBeCloseTo(
      -5,
      12,
    );
    expect(impliedErrorPct({ day: 3, kind: 'volume', value: 95, baseline: 100 }, thighMale)).toBeCloseTo(
      1,
      6,
    );
  });

  it('a 0.5 cm tape error is about 2.4 % of thigh muscle CSA', () => {
    expect(
      impliedErrorPct({ day: 3, kind: 'circumference', value: 49, baseline: 50 }, thighMale),
    ).toBeCloseTo(2.37, 2);
  });

  it('rejects bad measurements naming what is allowed', () => {
    expect(() =>
      validateMeasurement({ day: 5, kind: 'girth' as never, value: 1, baseline: 1 }, 0, 10),
    ).toThrow(/kind must be one of csa, volume, thickness, circumference/);
    expect(() => validateMeasurement({ day: 11, kind: 'csa', value: 1, baseline: 1 }, 0, 10)).toThrow(
      /0 to 10/,
    );
    expect(() => validateMeasurement({ day: 1, kind: 'csa', value: -1, baseline: 1 }, 0, 10)).toThrow(
      InvalidInputError,
    );
    expect(() => validateMeasurement({ day: 1, kind: 'csa', value: 5, baseline: 1 }, 0, 10)).toThrow(
      /30 %–200 %/,
    );
  });
});

describe('expectedValueSlope', () => {
  it('is the derivative of expectedValue for every kind (central differences, 1e-8 relative)', () => {
    for (const kind of ['csa', 'volume', 'thickness', 'circumference'] as const) {
      const measurement = { kind, baseline: kind === 'circumference' ? 50 : 80 };
      for (const m of [0.7, 0.93, 1, 1.08]) {
        const h = 1e-6;
        const central =
          (expectedValue(measurement, m + h, thighMale) - expectedValue(measurement, m - h, thighMale)) /
          (2 * h);
        const slope = expectedValueSlope(measurement, m, thighMale);
        expect(Math.abs(slope - central), `${kind} at ${m}`).toBeLessThan(1e-8 * Math.abs(central));
      }
    }
    // By hand at m = 1: dC/dm = muscle0 / r0 for a 50 cm thigh with 1 cm fat and 5 cm² bone.
    const inner = 50 / (2 * Math.PI) - 1;
    const muscle0 = Math.PI * inner * inner - 5;
    expect(expectedValueSlope({ kind: 'circumference', baseline: 50 }, 1, thighMale)).toBeCloseTo(
      muscle0 / Math.sqrt((5 + muscle0) / Math.PI),
      12,
    );
  });
});
