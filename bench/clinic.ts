import { type PlanInput, planProgramme, requireDraft } from '../src/clinic/programme/plan.ts';
import { previewProgramme } from '../src/clinic/programme/preview.ts';
import { checkOutputSafety } from '../src/clinic/safety/output-safety.ts';
import { SCREENING_KEYS } from '../src/clinic/screening/contraindications.ts';
import type { Benchmark } from './harness.ts';

const calf: PlanInput = {
  goal: 'reverse-atrophy',
  muscle: 'triceps-surae',
  side: 'left',
  patient: { ageYears: 70, sex: 'female', weightKg: 60 },
  diagnosis: { causeId: 'cast' },
  strengthDuration: { chronaxieMs: 0.35 },
  screening: Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
};

/** Clinic rules. The issue sets no speed targets for them; these report the cost of a plan. */
export const benchmarks: Benchmark[] = [
  {
    name: 'clinic: plan a calf programme (rules, screening, output-safety gate)',
    description: 'planProgramme for a reverse-atrophy triceps-surae draft with a complete screen',
    runs: 200,
    setup: () => () => planProgramme(calf),
  },
  {
    name: 'clinic: output-safety gate on a draft',
    description: 'checkOutputSafety over every block of every level of the calf draft',
    runs: 500,
    setup: () => {
      const stimulation = requireDraft(planProgramme(calf)).stimulation;
      return () => checkOutputSafety(stimulation);
    },
  },
  {
    name: 'clinic: preview (simulated 25-min session + two 56-day forecasts)',
    description:
      'previewProgramme for the calf draft: 115 contractions × 210 pulses with ding2007-fatigue, trajectory with and without',
    runs: 10,
    setup: () => {
      const draft = requireDraft(planProgramme(calf));
      return () => previewProgramme(draft);
    },
  },
];
