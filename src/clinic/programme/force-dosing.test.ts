import { describe, expect, it } from 'vitest';
import { FORCE_MODELS } from '../../physiology/force/model.ts';
import { buildProgrammeTrain } from '../../physiology/force/programme-train.ts';
import { simulateForce } from '../../physiology/force/simulate.ts';
import { doseByEvokedForce, END_OF_SESSION_FORCE_FRACTION } from './force-dosing.ts';
import { type PlanInput, planProgramme, requireDraft } from './plan.ts';
import { leftLegAfterCast } from './plan-fixtures.ts';

const quadriceps: PlanInput = {
  ...leftLegAfterCast('quadriceps', { ageYears: 60, sex: 'male', weightKg: 80 }),
  dynamometryMvcN: 500,
};
const draft = requireDraft(planProgramme(quadriceps));
const work = draft.stimulation.levels[0]?.blocks.find((b) => b.kind === 'work');
const target = draft.stimulation.levels[0]?.evokedForceTarget;

/** Simulates the first contraction of the dosed work block, independently of the dosing code. */
function firstContractionN(
  model: (typeof FORCE_MODELS)[keyof typeof FORCE_MODELS],
  intensityMa: number | undefined,
  widthUs: number,
) {
  const cycle = work?.cycle as NonNullable<NonNullable<typeof work>['cycle']>;
  const { train, contractionStartsS, endS } = buildProgrammeTrain(
    {
      frequencyHz: work?.frequencyHz as number,
      onS: cycle.onS,
      offS: cycle.offS,
      repetitions: 1,
      rampUpS: cycle.rampUpS,
      rampDownS: cycle.rampDownS,
      ...(model.pulseAmplitude ? { intensityMa: intensityMa as number } : {}),
      ...(model.pulseWidth ? { pulseWidthUs: widthUs } : {}),
    },
    model,
  );
  return simulateForce(model, train, { contractionStartsS, endS }).contractions[0]?.peakForceN ?? 0;
}

describe('doseByEvokedForce', () => {
  it('chooses the current at which the first contraction reaches the target % MVC, in whole mA', () => {
    expect(target?.minPercentMvc).toBeGreaterThan(0);
    const model = FORCE_MODELS['hmed2018-fatigue'];
    const dose = doseByEvokedForce({ draft, model, mvcN: 500 });
    expect(dose.basis).toBe('intensity');
    expect(dose.targetN).toBeCloseTo((500 * (target?.minPercentMvc as number)) / 100, 9);
    expect(Number.isInteger(dose.intensityMa)).toBe(true);
    expect(dose.intensityMa).toBeLessThanOrEqual(work?.maxIntensityMa as number);
    // In simulation the chosen current reaches the target, and 1 mA less does not.
    const reached = firstContractionN(model, dose.intensityMa, work?.phaseWidthUs as number);
    expect(reached).toBeGreaterThanOrEqual(dose.targetN * (1 - 0.002));
    expect(reached).toBeCloseTo(dose.predicted.firstContractionN, 6);
    expect(
      firstContractionN(model, (dose.intensityMa as number) - 1, work?.phaseWidthUs as number),
    ).toBeLessThan(dose.targetN);
    expect(dose.predicted.perContractionN.length).toBeGreaterThan(10);
    expect(dose.predicted.endFraction).toBeGreaterThanOrEqual(END_OF_SESSION_FORCE_FRACTION);
    expect(dose.status).toBe('dosed');
    expect(dose.safety.ok).toBe(true);
    expect(dose.programme.levels[0]?.blocks.find((b) => b.kind === 'work')?.intensityTarget).toMatch(
      new RegExp(`^start at ${dose.intensityMa} mA: predicted \\d+ N = \\d+ % MVC on the first contraction`),
    );
  });

  it('stays within the tolerated current and says when the target is out of reach', () => {
    const model = FORCE_MODELS['hmed2018-fatigue'];
    const dose = doseByEvokedForce({ draft, model, mvcN: 500, toleratedMa: 40 });
    expect(dose.ceilingMa).toBe(40);
    expect(dose.intensityMa).toBe(40);
    expect(dose.status).toBe('target-not-reachable');
    expect(dose.notes[0]).toMatch(
      /At the highest current allowed \(40 mA, the tolerated current\) the model predicts \d+ N/,
    );
    const strong = doseByEvokedForce({ draft, model, mvcN: 5000 });
    expect(strong.status).toBe('target-not-reachable');
    expect(strong.intensityMa).toBe(work?.maxIntensityMa);
    expect(strong.notes[0]).toMatch(/below the target of \d+ % MVC/);
  });

  it('chooses the phase width for a pulse-width model, within the NMES range', () => {
    const model = FORCE_MODELS['ding2007-fatigue'];
    const dose = doseByEvokedForce({ draft, model, mvcN: 400 });
    expect(dose.basis).toBe('pulse-width');
    expect(dose.phaseWidthUs).toBeGreaterThanOrEqual(200);
    expect(dose.phaseWidthUs).toBeLessThanOrEqual(450);
    if (dose.status === 'dosed') {
      expect(firstContractionN(model, undefined, dose.phaseWidthUs)).toBeGreaterThanOrEqual(
        dose.targetN * (1 - 0.002),
      );
    }
    expect(dose.programme.pulseWidth.phaseWidthUs).toBe(dose.phaseWidthUs);
  });

  it('refuses a model that cannot tell currents apart, and a programme without a target', () => {
    expect(() => doseByEvokedForce({ draft, model: FORCE_MODELS.ding2003, mvcN: 500 })).toThrow(
      /model ding2003 predicts the same force at every current and pulse width/,
    );
    expect(() => doseByEvokedForce({ draft, model: { id: 'x' }, mvcN: 500 })).toThrow();
    expect(() => doseByEvokedForce({ draft, model: FORCE_MODELS.hmed2018, mvcN: 0 })).toThrow(
      /MVC \(N\) must be a number from 1 to 10000/,
    );
  });
});
