import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { FORCE_MODELS } from '../force/model.ts';
import {
  CLINICAL_DEFAULT_RANGES,
  CONVENTIONAL,
  type OptimisationRequest,
  type OptimisationResult,
  optimiseStimulation,
  type StimulationPattern,
  simulatePattern,
} from './optimise.ts';

const ding2003 = FORCE_MODELS['ding2003-fatigue'];
const hmed = FORCE_MODELS['hmed2018-fatigue'];
const ding2007 = FORCE_MODELS['ding2007-fatigue'];
/** On and off held at the conventional 6 s / 18 s, so only frequency, lever and doublet can change. */
const CONVENTIONAL_TIMING = {
  onS: { min: CONVENTIONAL.onS, max: CONVENTIONAL.onS },
  offS: { min: CONVENTIONAL.offS, max: CONVENTIONAL.offS },
};

/** The chosen pattern lies in the ranges and, re-simulated independently, meets the constraints. */
function expectWithinRanges(pattern: StimulationPattern) {
  const r = CLINICAL_DEFAULT_RANGES;
  expect(pattern.frequencyHz).toBeGreaterThanOrEqual(r.frequencyHz.min);
  expect(pattern.frequencyHz).toBeLessThanOrEqual(r.frequencyHz.max);
  expect(pattern.onS).toBeGreaterThanOrEqual(r.onS.min);
  expect(pattern.onS).toBeLessThanOrEqual(r.onS.max);
  expect(pattern.offS).toBeGreaterThanOrEqual(pattern.onS);
  expect(pattern.offS).toBeLessThanOrEqual(r.offS.max);
  expect(Number.isInteger(pattern.frequencyHz)).toBe(true);
}

function expectAtLeastAsGood(result: OptimisationResult, strictly: boolean) {
  const conventional = result.conventional;
  expect(conventional?.feasible).toBe(true);
  const chosen = result.chosen.objective;
  const reference = conventional?.objective.value as number;
  if (chosen.sense === 'minimise') expect(chosen.value).toBeLessThanOrEqual(reference);
  else expect(chosen.value).toBeGreaterThanOrEqual(reference);
  if (strictly) expect(result.improvement?.absolute).toBeGreaterThan(0);
}

describe('optimiseStimulation: target-force', () => {
  it('Ding 2003: five contractions of ≥ 150 N with far less fatigue than 30 Hz, at the least frequency that reaches the target', () => {
    const result = optimiseStimulation(ding2003, {
      goal: 'target-force',
      contractions: 5,
      targetForceN: 150,
    });
    const { pattern } = result.chosen;
    expectWithinRanges(pattern);
    expect(result.lever).toBe('frequencyHz');
    const check = simulatePattern(ding2003, pattern);
    expect(check.minContractionPeakN).toBeGreaterThanOrEqual(150);
    expect(result.chosen.constraints.every((c) => c.satisfied)).toBe(true);
    expect(result.chosen.objective.value).toBeCloseTo(check.fatigueDropPercent as number, 10);
    // Lower frequency and shorter contractions: the model's fatigue is driven by force, so the
    // 30 Hz, 6 s / 18 s programme, which overshoots the target, fatigues several times more.
    expectAtLeastAsGood(result, true);
    expect(result.improvement?.relative).toBeGreaterThan(0.5);
    expect(pattern.frequencyHz).toBeLessThan(30);
    if (pattern.frequencyHz > CLINICAL_DEFAULT_RANGES.frequencyHz.min) {
      const slower = simulatePattern(ding2003, { ...pattern, frequencyHz: pattern.frequencyHz - 1 });
      expect(slower.minContractionPeakN).toBeLessThan(150);
    }
  });

  it('Ben Hmed 2018 at the conventional on/off: a lower frequency at higher intensity reaches the same force with strictly less fatigue', () => {
    const result = optimiseStimulation(hmed, {
      goal: 'target-force',
      contractions: 5,
      targetForceN: 150,
      ranges: CONVENTIONAL_TIMING,
    });
    const { pattern, outcome } = result.chosen;
    expect(result.lever).toBe('intensityMa');
    expect(pattern.onS).toBe(6);
    expect(pattern.offS).toBe(18);
    expect(pattern.frequencyHz).toBeLessThan(30);
    expect(pattern.intensityMa).toBeGreaterThan(result.conventional?.pattern.intensityMa as number);
    expect(outcome.minContractionPeakN).toBeGreaterThanOrEqual(150);
    expectAtLeastAsGood(result, true);
    // One mA less no longer reaches the target: the intensity is the least that does.
    const weaker = simulatePattern(hmed, { ...pattern, intensityMa: pattern.intensityMa - 1 });
    expect(weaker.minContractionPeakN).toBeLessThan(150);
  });

  it('Ding 2007 without fatigue: the least charge that reaches the target, no more than the conventional', () => {
    const result = optimiseStimulation(FORCE_MODELS.ding2007, {
      goal: 'target-force',
      contractions: 3,
      targetForceN: 120,
      minimise: 'charge',
    });
    expect(result.lever).toBe('pulseWidthUs');
    expect(result.chosen.objective.name).toBe('charge');
    expect(result.chosen.outcome.fatigueDropPercent).toBeNull();
    const { pattern, outcome } = result.chosen;
    expect(outcome.chargeUc).toBeCloseTo(
      (outcome.pulses * pattern.intensityMa * pattern.pulseWidthUs) / 1000,
      9,
    );
    expect(outcome.minContractionPeakN).toBeGreaterThanOrEqual(120);
    expectAtLeastAsGood(result, true);
  });
});

describe('optimiseStimulation: max-fti', () => {
  it('at a fixed 30 Hz and conventional on/off, an onset doublet buys strictly more force–time integral within the same fatigue budget', () => {
    const ranges = { ...CONVENTIONAL_TIMING, frequencyHz: { min: 30, max: 30 } };
    const result = optimiseStimulation(hmed, {
      goal: 'max-fti',
      contractions: 5,
      maxFatiguePercent: 20,
      ranges,
    });
    expect(result.chosen.pattern.doubletIntervalMs).toBe(5);
    expect(result.chosen.outcome.fatigueDropPercent as number).toBeLessThanOrEqual(20);
    expectAtLeastAsGood(result, true);
    // Without doublets the same search can do no better than the conventional programme.
    const plain = optimiseStimulation(hmed, {
      goal: 'max-fti',
      contractions: 5,
      maxFatiguePercent: 20,
      ranges: { ...ranges, doubletIntervalsMs: [] },
    });
    expect(plain.chosen.pattern.doubletIntervalMs).toBeNull();
    expect(plain.improvement?.absolute).toBe(0);
  });

  it('Ding 2007 fatigue: the most force–time integral within 20 % fatigue, at least the conventional programme', () => {
    const result = optimiseStimulation(ding2007, { goal: 'max-fti', contractions: 4, maxFatiguePercent: 20 });
    expectWithinRanges(result.chosen.pattern);
    const check = simulatePattern(ding2007, result.chosen.pattern);
    expect(check.fatigueDropPercent as number).toBeLessThanOrEqual(20);
    expect(result.chosen.constraints[0]?.name).toBe('drop in A at the end of the session');
    expectAtLeastAsGood(result, true);
    // The width is the most within the budget: one µs more breaks it.
    const wider = simulatePattern(ding2007, {
      ...result.chosen.pattern,
      pulseWidthUs: result.chosen.pattern.pulseWidthUs + 1,
    });
    if (result.chosen.pattern.pulseWidthUs < CLINICAL_DEFAULT_RANGES.pulseWidthUs.max) {
      expect(wider.fatigueDropPercent as number).toBeGreaterThan(20);
    }
  });
});

describe('optimiseStimulation: impossible goals and bad requests', () => {
  const expectInvalid = (run: () => unknown, message: RegExp) => {
    expect(run).toThrow(InvalidInputError);
    expect(run).toThrow(message);
  };

  it('names the most force the model can reach when the target is beyond it', () => {
    expectInvalid(
      () => optimiseStimulation(ding2003, { goal: 'target-force', contractions: 5, targetForceN: 400 }),
      /the target force 400 N is beyond what model ding2003-fatigue can reach within the allowed ranges: at most 31\d\.\d N \(one fresh contraction at 100 Hz/,
    );
  });

  it('says when one contraction could reach the target but fatigue stops all of them reaching it', () => {
    expectInvalid(
      () =>
        optimiseStimulation(ding2003, {
          goal: 'target-force',
          contractions: 20,
          targetForceN: 300,
          ranges: { offS: { max: 10 } },
        }),
      /no pattern within the allowed ranges makes all 20 contractions reach 300 N: fatigue weakens the later ones; the best weakest contraction found reaches \d+\.\d N/,
    );
  });

  it('rejects a fatigue budget below the least achievable, and fatigue goals for a model without fatigue', () => {
    expectInvalid(
      () => optimiseStimulation(ding2003, { goal: 'max-fti', contractions: 5, maxFatiguePercent: 0.5 }),
      /no pattern within the allowed ranges keeps the drop in A within 0.5 %: the least found is \d+\.\d\d %/,
    );
    expectInvalid(
      () =>
        optimiseStimulation(FORCE_MODELS.ding2003, {
          goal: 'target-force',
          contractions: 5,
          targetForceN: 100,
        }),
      /minimising fatigue needs the drop in A, which model ding2003 does not simulate: use a fatigue model/,
    );
    expectInvalid(
      () =>
        optimiseStimulation(FORCE_MODELS.hmed2018, {
          goal: 'max-fti',
          contractions: 5,
          maxFatiguePercent: 10,
        }),
      /the max-fti goal limits the drop in A, which model hmed2018 does not simulate/,
    );
  });

  it('rejects malformed requests with what is allowed', () => {
    const targetForce100N = (ranges: OptimisationRequest['ranges']): OptimisationRequest => ({
      goal: 'target-force',
      contractions: 5,
      targetForceN: 100,
      ranges,
    });
    expectInvalid(
      () => optimiseStimulation(ding2003, { goal: 'target-force', contractions: 5 }),
      /the target-force goal needs a target force \(N\)/,
    );
    expectInvalid(
      () => optimiseStimulation(ding2003, { goal: 'max-fti', contractions: 2.5, maxFatiguePercent: 10 }),
      /the number of contractions must be a whole number; got 2.5/,
    );
    expectInvalid(
      () => optimiseStimulation(ding2003, targetForce100N({ frequencyHz: { min: 50, max: 20 } })),
      /frequency: the minimum \(50 Hz\) is above the maximum \(20 Hz\)/,
    );
    expectInvalid(
      () => optimiseStimulation(ding2003, targetForce100N({ doubletIntervalsMs: [12] })),
      /the doublet interval \(12 ms\) must be shorter than the pulse period at the highest frequency allowed \(10.0 ms at 100 Hz\)/,
    );
    expectInvalid(
      () => optimiseStimulation(ding2003, targetForce100N({ onS: { min: 8, max: 10 }, offS: { max: 5 } })),
      /the off time cannot be both ≥ 8 s \(off ≥ on\) and ≤ 5 s/,
    );
    expectInvalid(
      () => optimiseStimulation(ding2003, { goal: 'fastest' as never, contractions: 5 }),
      /unknown goal 'fastest'; goals: target-force, max-fti/,
    );
  });
});
