import { AGE_GROUP_YEARS, type TrajectoryScenario } from './parameters.ts';
import { CALIBRATION_EVIDENCE, CALIBRATION_VALIDATION } from './population.ts';

/**
 * What a forecast rests on and how sure it is, in words a clinician reads beside the chart: the
 * studies behind the scenario, what the patient's own measurements add, and where the forecast goes
 * beyond the evidence (an age older than the studied adults, NMES in a neurogenic cause, protein
 * below target, no study of the scenario at all).
 */
export interface ForecastBasisInput {
  scenario: TrajectoryScenario;
  ageYears: number;
  measurementsUsed: number;
  /** Width of the 80 % band at the last day (percentage points). */
  bandWidthPct: number;
  days: number;
  nmes: boolean;
  neurogenic: boolean;
  proteinBelowTarget: boolean;
}

const WHO: Readonly<Record<TrajectoryScenario, string>> = {
  none: 'adults training without disuse',
  sedentary: 'sedentary adults',
  cast: 'adults with a leg in a cast',
  brace: 'adults with a knee brace',
  'bed-rest': 'adults in bed rest',
  icu: 'critically ill adults',
  spaceflight: 'astronauts on long missions',
};

/** The oldest age group in the calibration set (years). */
const OLDEST_STUDIED_YEARS = Math.max(...Object.values(AGE_GROUP_YEARS));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeForecastBasis(input: ForecastBasisInput): string[] {
  const evidence = CALIBRATION_EVIDENCE[input.scenario];
  const lines: string[] = [];
  lines.push(
    evidence
      ? `Based on ${plural(evidence.studies, 'study', 'studies')} of ${WHO[input.scenario]} (${plural(evidence.arms, 'result')}).`
      : `No study of ${WHO[input.scenario]} is in the model's evidence: this forecast is an assumption built from bed rest.`,
  );
  const band = `${Math.round(input.bandWidthPct * 10) / 10} percentage points wide at day ${input.days}`;
  lines.push(
    input.measurementsUsed > 0
      ? `Your patient's ${plural(input.measurementsUsed, 'measurement')} ${input.measurementsUsed === 1 ? 'narrows' : 'narrow'} the band to ${band}.`
      : `Without measurements of this patient the band (${band}) shows how patients differ; each measurement narrows it.`,
  );
  if (input.ageYears > OLDEST_STUDIED_YEARS + 5) {
    lines.push(
      `At ${Math.round(input.ageYears)} your patient is older than the adults studied (up to about ${OLDEST_STUDIED_YEARS}): the age effect is extrapolated.`,
    );
  }
  if (input.nmes && input.neurogenic) {
    lines.push(
      'No study measured the effect of stimulation on muscle size in neurogenic causes: its effect here is an assumption.',
    );
  }
  if (input.proteinBelowTarget) {
    lines.push('The extra loss from protein below target is an assumption; no study measured it.');
  }
  lines.push(
    `Tested against each study left out in turn, the model came within tolerance for ${CALIBRATION_VALIDATION.withinTolerance} of ${CALIBRATION_VALIDATION.arms} results.`,
  );
  return lines;
}
