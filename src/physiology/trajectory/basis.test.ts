import { describe, expect, it } from 'vitest';
import { describeForecastBasis, type ForecastBasisInput } from './basis.ts';
import { forecastMuscle } from './forecast.ts';
import { CALIBRATION_EVIDENCE, CALIBRATION_VALIDATION } from './population.ts';

const input: ForecastBasisInput = {
  scenario: 'bed-rest',
  ageYears: 45,
  measurementsUsed: 0,
  bandWidthPct: 6.04,
  days: 28,
  nmes: false,
  neurogenic: false,
  proteinBelowTarget: false,
};

describe('describeForecastBasis', () => {
  it('names the studies behind the scenario and what the patient’s measurements add', () => {
    const bedRest = CALIBRATION_EVIDENCE['bed-rest'];
    expect(describeForecastBasis(input)).toEqual([
      `Based on ${bedRest?.studies} studies of adults in bed rest (${bedRest?.arms} results).`,
      'Without measurements of this patient the band (6 percentage points wide at day 28) shows how patients differ; each measurement narrows it.',
      `Tested against each study left out in turn, the model came within tolerance for ${CALIBRATION_VALIDATION.withinTolerance} of ${CALIBRATION_VALIDATION.arms} results.`,
    ]);
    expect(describeForecastBasis({ ...input, measurementsUsed: 6, bandWidthPct: 2.14 })[1]).toBe(
      "Your patient's 6 measurements narrow the band to 2.1 percentage points wide at day 28.",
    );
    expect(describeForecastBasis({ ...input, measurementsUsed: 1 })[1]).toMatch(
      /^Your patient's 1 measurement narrows/,
    );
  });

  it('says where the forecast goes beyond the evidence', () => {
    const lines = describeForecastBasis({
      ...input,
      scenario: 'sedentary',
      ageYears: 88,
      nmes: true,
      neurogenic: true,
      proteinBelowTarget: true,
    }).join(' ');
    expect(lines).toMatch(/No study of sedentary adults/);
    expect(lines).toMatch(/At 88 your patient is older than the adults studied/);
    expect(lines).toMatch(/neurogenic causes: its effect here is an assumption/);
    expect(lines).toMatch(/protein below target is an assumption/);
  });

  it('comes with every forecast, in plain words', () => {
    const f = forecastMuscle({ scenario: 'icu', muscle: 'thigh', days: 60, ageYears: 70 });
    expect(f.basis[0]).toMatch(/critically ill adults/);
    for (const line of f.basis) expect(line).not.toMatch(/[a-z][A-Z]|undefined|NaN|UNCONFIRMED/);
  });
});
