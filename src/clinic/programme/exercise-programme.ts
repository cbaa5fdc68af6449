/**
 * Exercise programme for the region of the wasted muscle: a ladder of stages with sets, reps and the
 * rules to progress. Stimulation supplements loading, it does not replace it (Marshall 2020 review:
 * resistance loading is the most potent countermeasure).
 *
 * Ladders: lower leg — ankle pumps → seated → standing double-leg → single-leg heel raises, with
 * elastic-band ankle work (PMC6044586 Table 1; ctorthopaedic Achilles protocol; PMC7607803 Table 4;
 * explorationpub 100736). Thigh — quadriceps sets → straight-leg raise → inner-range quads →
 * sit-to-stand, step-ups, mini-squats → leg press and squats (David Wood TKR protocol; PMC7534706;
 * Watson Orthopaedics; PMC7607803). Doses are the sources' where they give one; others are marked
 * UNCONFIRMED. Load progression: ACSM 2009 (8–12 RM for novices, 2–3 days a week, +2–10 % load when
 * 1–2 reps over target) and the 2-for-2 rule (Baechle & Earle, secondary).
 */
import type { Innervation } from '../../physiology/strength-duration/strength-duration.ts';
import type { ExerciseRegion } from '../anatomy/electrode-sites.ts';

export interface Exercise {
  name: string;
  sets: number;
  /** Repetitions per set; for holds, the number of holds. */
  reps: number;
  holdS?: number;
  timesPerDay?: number;
  /** Where the dose comes from; 'UNCONFIRMED' when no source gives it. */
  doseSource: string;
}

export interface ExerciseStage {
  stage: number;
  fromWeek: number;
  toWeek: number;
  exercises: Exercise[];
  progressWhen: string;
}

export interface ExerciseProgramme {
  region: ExerciseRegion;
  sessionsPerWeek: number;
  stages: ExerciseStage[];
  progressionRules: string[];
  notes: string[];
  sources: string[];
}

const ACSM = 'ACSM Position Stand 2009 (Ratamess et al., Med Sci Sports Exerc): novice 8–12 RM, 2–3 d/wk';
const UNCONFIRMED = 'UNCONFIRMED (no source gives this dose)';

export const LOAD_PROGRESSION_RULES = [
  'Increase the load by 2–10 % when the person completes the target reps with 1–2 to spare (ACSM 2009).',
  'Two-for-two: when 2 or more reps over the target are done in the last set in 2 consecutive sessions, raise the load next session; novices by 5–10 %, advanced by 2–5 % (Baechle & Earle, secondary).',
  'Order: large before small muscle groups, multi-joint before single-joint (ACSM 2009).',
];

interface Ladder {
  stages: Omit<ExerciseStage, 'stage'>[];
  notes: string[];
  sources: string[];
}

const LADDERS: Record<ExerciseRegion, Ladder> = {
  'lower-leg': {
    stages: [
      {
        fromWeek: 1,
        toWeek: 2,
        exercises: [
          {
            name: 'Ankle pumps (active range of motion)',
            sets: 3,
            reps: 20,
            timesPerDay: 3,
            doseSource: UNCONFIRMED,
          },
          { name: 'Elastic-band dorsiflexion', sets: 3, reps: 12, doseSource: ACSM },
          { name: 'Elastic-band plantarflexion', sets: 3, reps: 12, doseSource: ACSM },
          { name: 'Seated heel raises', sets: 3, reps: 12, doseSource: 'PMC7607803 Table 4 (3 × 12)' },
        ],
        progressWhen:
          'all sets done with good control and pain no worse the next day (PMC6044586: movement quality, adequate strength)',
      },
      {
        fromWeek: 3,
        toWeek: 4,
        exercises: [
          {
            name: 'Standing double-leg heel raises',
            sets: 3,
            reps: 12,
            doseSource: 'PMC7607803 Table 4 (3 × 12)',
          },
          { name: 'Elastic-band dorsiflexion (stronger band)', sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen: '3 × 12 standing double-leg heel raises through full range without pain',
      },
      {
        fromWeek: 5,
        toWeek: 8,
        exercises: [
          { name: 'Single-leg heel raises', sets: 3, reps: 12, doseSource: 'PMC7607803 Table 4 (3 × 12)' },
          {
            name: 'Single-leg heel raises for endurance',
            sets: 1,
            reps: 30,
            doseSource: 'explorationpub.com 100736 Table 1 (× 30 each side)',
          },
          { name: 'Elastic-band dorsiflexion (stronger band)', sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen:
          'goal: calf circumference within 1 cm of the other side (Watson Orthopaedics phase 2 goal)',
      },
    ],
    notes: [],
    sources: [
      'PMC6044586 Table 1 (phased ankle rehabilitation)',
      'ctorthopaedic Achilles repair protocol',
      'PMC7607803 Table 4',
      'explorationpub.com 100736 Table 1',
      'Watson Orthopaedics protocol',
    ],
  },
  thigh: {
    stages: [
      {
        fromWeek: 1,
        toWeek: 2,
        exercises: [
          {
            name: 'Quadriceps sets (towel under the knee)',
            sets: 5,
            reps: 10,
            holdS: 3,
            doseSource: 'David Wood TKR protocol (3-s hold, 5 × 10)',
          },
          {
            name: 'Straight-leg raise',
            sets: 4,
            reps: 15,
            doseSource: 'David Wood TKR protocol; Watson Orthopaedics (4 × 15)',
          },
          {
            name: 'Inner-range quads (roll under the knee)',
            sets: 4,
            reps: 15,
            holdS: 3,
            doseSource: 'David Wood TKR protocol (3-s hold, 4 × 15)',
          },
        ],
        progressWhen: 'straight-leg raise without extensor lag (meersphysiotherapy TKA protocol)',
      },
      {
        fromWeek: 3,
        toWeek: 4,
        exercises: [
          {
            name: 'Sit-to-stand',
            sets: 1,
            reps: 10,
            timesPerDay: 2,
            doseSource: 'PMC7534706 Table 1B (10 × 1, twice daily)',
          },
          {
            name: 'Step-up',
            sets: 1,
            reps: 10,
            timesPerDay: 2,
            doseSource: 'PMC7534706 Table 1B (10 × 1, twice daily)',
          },
          {
            name: 'Wall mini-squat hold',
            sets: 4,
            reps: 1,
            holdS: 30,
            doseSource: 'David Wood TKR phase 2 (4 × 30-s holds)',
          },
          { name: 'Bridging, double leg', sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen: 'quadriceps strength at least 60 % of the other side (TCD ACL rehabilitation group)',
      },
      {
        fromWeek: 5,
        toWeek: 8,
        exercises: [
          { name: 'Mini-squats', sets: 4, reps: 10, doseSource: 'David Wood TKR phase 3 (4 × 8–12)' },
          { name: 'Single-leg bridge', sets: 4, reps: 10, doseSource: 'David Wood TKR phase 3 (4 × 8–12)' },
          {
            name: 'Unilateral leg press from 110° knee flexion',
            sets: 3,
            reps: 12,
            doseSource: 'PMC7607803 Table 4 (3 × 12)',
          },
        ],
        progressWhen: 'quadriceps strength at least 80 % of the other side (TCD ACL rehabilitation group)',
      },
    ],
    notes: [],
    sources: [
      'David Wood TKR physiotherapy protocol',
      'PMC7534706 Table 1B',
      'Watson Orthopaedics',
      'PMC7607803 Table 4',
      'TCD ACL rehabilitation group',
    ],
  },
  hip: {
    stages: [
      {
        fromWeek: 1,
        toWeek: 2,
        exercises: [
          { name: 'Gluteal sets (squeeze and hold)', sets: 3, reps: 10, holdS: 5, doseSource: UNCONFIRMED },
          { name: 'Bridging, double leg', sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen: 'bridging 3 × 12 without pain',
      },
      {
        fromWeek: 3,
        toWeek: 8,
        exercises: [
          { name: 'Single-leg bridge', sets: 4, reps: 10, doseSource: 'David Wood TKR phase 3 (4 × 8–12)' },
          { name: 'Sit-to-stand', sets: 3, reps: 10, doseSource: ACSM },
        ],
        progressWhen: 'review with the clinician',
      },
    ],
    notes: [
      'The hip ladder is Myotrophy’s, built from the thigh protocols’ bridging steps (UNCONFIRMED as a sequence).',
    ],
    sources: ['David Wood TKR protocol', ACSM],
  },
  'shoulder-arm': {
    stages: [
      {
        fromWeek: 1,
        toWeek: 2,
        exercises: [
          {
            name: 'Isometric holds against the other hand or a wall',
            sets: 3,
            reps: 10,
            holdS: 5,
            doseSource: UNCONFIRMED,
          },
          {
            name: 'Active range of motion, gravity eliminated if needed',
            sets: 3,
            reps: 15,
            doseSource: UNCONFIRMED,
          },
        ],
        progressWhen: 'full active range against gravity (MRC 3)',
      },
      {
        fromWeek: 3,
        toWeek: 8,
        exercises: [
          {
            name: 'Elastic-band resisted movement of the target muscle',
            sets: 3,
            reps: 12,
            doseSource: ACSM,
          },
          { name: 'Free-weight resisted movement of the target muscle', sets: 3, reps: 10, doseSource: ACSM },
        ],
        progressWhen: 'load progression rules',
      },
    ],
    notes: [
      'The upper-limb ladder is generic (isometric → active → resisted); no region-specific source (UNCONFIRMED).',
    ],
    sources: [ACSM],
  },
  'forearm-hand': {
    stages: [
      {
        fromWeek: 1,
        toWeek: 2,
        exercises: [
          { name: 'Active wrist and finger range of motion', sets: 3, reps: 15, doseSource: UNCONFIRMED },
          { name: 'Putty or soft-ball grip', sets: 3, reps: 10, holdS: 3, doseSource: UNCONFIRMED },
        ],
        progressWhen: 'full active range against gravity (MRC 3)',
      },
      {
        fromWeek: 3,
        toWeek: 8,
        exercises: [
          { name: 'Light-dumbbell or band wrist curls / extensions', sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen: 'load progression rules',
      },
    ],
    notes: ['The forearm ladder is generic (UNCONFIRMED).'],
    sources: [ACSM],
  },
  trunk: {
    stages: [
      {
        fromWeek: 1,
        toWeek: 2,
        exercises: [
          { name: 'Supine bridging', sets: 3, reps: 10, doseSource: ACSM },
          { name: 'Four-point kneeling arm/leg reach', sets: 3, reps: 8, holdS: 5, doseSource: UNCONFIRMED },
        ],
        progressWhen: 'holds without pain or loss of control',
      },
      {
        fromWeek: 3,
        toWeek: 8,
        exercises: [{ name: 'Prone back extension', sets: 3, reps: 10, doseSource: ACSM }],
        progressWhen: 'load progression rules',
      },
    ],
    notes: ['The trunk ladder is generic (UNCONFIRMED).'],
    sources: [ACSM],
  },
};

export interface ExerciseInput {
  region: ExerciseRegion;
  innervation: Innervation;
  /** MRC/Oxford grade 0–5 of the target muscle, when measured. */
  mrcGrade?: number;
}

/** The exercise programme for a region, adapted to innervation and MRC grade. */
export function buildExerciseProgramme(input: ExerciseInput): ExerciseProgramme {
  const ladder = LADDERS[input.region];
  const notes = [...ladder.notes];
  let stages: ExerciseStage[] = ladder.stages.map((s, i) => ({ ...s, stage: i + 1 }));
  if (input.innervation === 'complete-denervation' || (input.mrcGrade !== undefined && input.mrcGrade <= 1)) {
    // Nothing to load: keep joints moving and train the neighbours.
    stages = [
      {
        stage: 1,
        fromWeek: 1,
        toWeek: 12,
        exercises: [
          {
            name: 'Passive range of motion of the joints the muscle crosses',
            sets: 2,
            reps: 10,
            timesPerDay: 2,
            doseSource: UNCONFIRMED,
          },
        ],
        progressWhen: 'when a voluntary contraction appears (MRC ≥ 2), start the region’s stage 1',
      },
    ];
    notes.push(
      'No voluntary contraction (complete denervation or MRC 0–1): passive range of motion only; load the muscle through stimulation.',
    );
  } else if (input.mrcGrade !== undefined && input.mrcGrade < 3) {
    notes.push(
      'MRC 2: do stage 1 with gravity eliminated or assisted until the muscle moves against gravity (MRC 3).',
    );
  }
  return {
    region: input.region,
    sessionsPerWeek: 3,
    stages,
    progressionRules: LOAD_PROGRESSION_RULES,
    notes,
    sources: [...ladder.sources, ACSM, 'Garber et al. 2011 ACSM Position Stand (2–3 d/wk per muscle group)'],
  };
}
