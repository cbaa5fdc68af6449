import { describe, expect, it } from 'vitest';
import { proteinTarget } from './protein-target.ts';

describe('proteinTarget (PROT-AGE / ESPEN)', () => {
  it('gives 1.0–1.2 g/kg/day for a healthy older adult, ≥ 1.2 when active, 1.2–1.5 in illness', () => {
    expect(proteinTarget({ ageYears: 72, illness: 'none', exercising: false, weightKg: 70 })).toMatchObject({
      minGPerKgPerDay: 1.0,
      maxGPerKgPerDay: 1.2,
      minGPerDay: 70,
      maxGPerDay: 84,
    });
    expect(proteinTarget({ ageYears: 72, illness: 'none', exercising: true })).toMatchObject({
      minGPerKgPerDay: 1.2,
      maxGPerKgPerDay: null,
    });
    expect(
      proteinTarget({ ageYears: 80, illness: 'acute-or-chronic', exercising: true, weightKg: 50 }),
    ).toMatchObject({
      minGPerKgPerDay: 1.2,
      maxGPerKgPerDay: 1.5,
      minGPerDay: 60,
      maxGPerDay: 75,
    });
  });

  it('goes higher in severe illness without inventing an upper figure', () => {
    const t = proteinTarget({ ageYears: 66, illness: 'severe', exercising: false });
    expect(t.minGPerKgPerDay).toBe(1.5);
    expect(t.maxGPerKgPerDay).toBeNull();
    expect(t.notes.join(' ')).toMatch(/UNCONFIRMED/);
  });

  it('withholds a target in severe kidney disease not on dialysis', () => {
    const t = proteinTarget({
      ageYears: 75,
      illness: 'none',
      exercising: true,
      severeKidneyDiseaseNotOnDialysis: true,
    });
    expect(t.minGPerKgPerDay).toBeNull();
    expect(t.notes.join(' ')).toMatch(/renal dietitian/);
  });

  it('says that protein alone does not spare muscle, and flags the extrapolation to younger adults', () => {
    const t = proteinTarget({ ageYears: 30, illness: 'none', exercising: true });
    expect(t.notes[0]).toMatch(/Dirks 2014/);
    expect(t.notes[1]).toMatch(/over 65.*UNCONFIRMED/);
    expect(t.perMeal).toMatch(/20–25 g/);
  });

  it('rejects out-of-range input', () => {
    expect(() => proteinTarget({ ageYears: 12, illness: 'none', exercising: false })).toThrow(
      /age \(years\) must be a number from 18 to 120/,
    );
  });
});
