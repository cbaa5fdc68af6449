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
 *
 * Immobilisation: a cast or brace holds its joints still until its recorded removal date. Every
 * exercise names the joints it moves; while a joint is immobilised, the moves of that joint leave
 * the programme and isometric work (contracting without moving the joint) and work at the free
 * neighbouring joints take their place. The replacements are Myotrophy's (UNCONFIRMED as a sourced
 * protocol; low-volume exercise of the free segments during bracing kept muscle, Muscle Nerve
 * 2010;42:539 in the research notes). Isometric work inside a cast needs the treating surgeon's
 * agreement after a fracture or repair.
 */
import type { Innervation } from '../../physiology/strength-duration/strength-duration.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { requireOneOf } from '../../shared/one-of.ts';
import { DAY_MS } from '../../shared/time-units.ts';
import { EXERCISE_REGIONS, type ExerciseRegion } from '../anatomy/electrode-sites.ts';

/** The joints an exercise can move and an immobiliser can hold. */
export const JOINTS = ['ankle', 'knee', 'hip', 'spine', 'shoulder', 'elbow', 'wrist', 'fingers'] as const;
export type Joint = (typeof JOINTS)[number];

/** Common casts and braces and the joints they hold (usual practice; a clinician can give the joints instead). */
export const IMMOBILISER_PRESETS = {
  'below-knee-cast': { label: 'below-knee cast', joints: ['ankle'] },
  'walking-boot': { label: 'walking boot', joints: ['ankle'] },
  'above-knee-cast': { label: 'above-knee (long-leg) cast', joints: ['knee', 'ankle'] },
  'knee-brace': { label: 'locked knee brace', joints: ['knee'] },
  'hip-brace': { label: 'hip brace', joints: ['hip'] },
  'spinal-brace': { label: 'spinal brace', joints: ['spine'] },
  'shoulder-sling': { label: 'shoulder sling or brace', joints: ['shoulder'] },
  'long-arm-cast': { label: 'long-arm cast', joints: ['elbow', 'wrist'] },
  'short-arm-cast': { label: 'short-arm (forearm) cast', joints: ['wrist'] },
} as const satisfies Record<string, { label: string; joints: readonly Joint[] }>;
export type ImmobiliserPreset = keyof typeof IMMOBILISER_PRESETS;
export const IMMOBILISER_PRESET_IDS = Object.keys(IMMOBILISER_PRESETS) as ImmobiliserPreset[];

export interface Immobilisation {
  /** A preset (its joints), or 'cast' / 'brace' with the joints given. */
  device: ImmobiliserPreset | 'cast' | 'brace';
  /** The joints held; required for 'cast' and 'brace', taken from the preset otherwise. */
  joints?: Joint[];
  /** The recorded removal date (YYYY-MM-DD); without one the joints stay held for the whole programme. */
  removalDate?: string;
}

export interface Exercise {
  name: string;
  /** The joints the exercise moves; empty for isometric work (the muscle contracts, the joint stays still). */
  joints: Joint[];
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
            joints: ['ankle'],
            sets: 3,
            reps: 20,
            timesPerDay: 3,
            doseSource: UNCONFIRMED,
          },
          { name: 'Elastic-band dorsiflexion', joints: ['ankle'], sets: 3, reps: 12, doseSource: ACSM },
          { name: 'Elastic-band plantarflexion', joints: ['ankle'], sets: 3, reps: 12, doseSource: ACSM },
          {
            name: 'Seated heel raises',
            joints: ['ankle'],
            sets: 3,
            reps: 12,
            doseSource: 'PMC7607803 Table 4 (3 × 12)',
          },
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
            joints: ['ankle'],
            sets: 3,
            reps: 12,
            doseSource: 'PMC7607803 Table 4 (3 × 12)',
          },
          {
            name: 'Elastic-band dorsiflexion (stronger band)',
            joints: ['ankle'],
            sets: 3,
            reps: 12,
            doseSource: ACSM,
          },
        ],
        progressWhen: '3 × 12 standing double-leg heel raises through full range without pain',
      },
      {
        fromWeek: 5,
        toWeek: 8,
        exercises: [
          {
            name: 'Single-leg heel raises',
            joints: ['ankle'],
            sets: 3,
            reps: 12,
            doseSource: 'PMC7607803 Table 4 (3 × 12)',
          },
          {
            name: 'Single-leg heel raises for endurance',
            joints: ['ankle'],
            sets: 1,
            reps: 30,
            doseSource: 'explorationpub.com 100736 Table 1 (× 30 each side)',
          },
          {
            name: 'Elastic-band dorsiflexion (stronger band)',
            joints: ['ankle'],
            sets: 3,
            reps: 12,
            doseSource: ACSM,
          },
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
            joints: [],
            sets: 5,
            reps: 10,
            holdS: 3,
            doseSource: 'David Wood TKR protocol (3-s hold, 5 × 10)',
          },
          {
            name: 'Straight-leg raise',
            joints: ['hip'],
            sets: 4,
            reps: 15,
            doseSource: 'David Wood TKR protocol; Watson Orthopaedics (4 × 15)',
          },
          {
            name: 'Inner-range quads (roll under the knee)',
            joints: ['knee'],
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
            joints: ['hip', 'knee', 'ankle'],
            sets: 1,
            reps: 10,
            timesPerDay: 2,
            doseSource: 'PMC7534706 Table 1B (10 × 1, twice daily)',
          },
          {
            name: 'Step-up',
            joints: ['hip', 'knee', 'ankle'],
            sets: 1,
            reps: 10,
            timesPerDay: 2,
            doseSource: 'PMC7534706 Table 1B (10 × 1, twice daily)',
          },
          {
            name: 'Wall mini-squat hold',
            joints: ['hip', 'knee', 'ankle'],
            sets: 4,
            reps: 1,
            holdS: 30,
            doseSource: 'David Wood TKR phase 2 (4 × 30-s holds)',
          },
          { name: 'Bridging, double leg', joints: ['hip', 'knee'], sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen: 'quadriceps strength at least 60 % of the other side (TCD ACL rehabilitation group)',
      },
      {
        fromWeek: 5,
        toWeek: 8,
        exercises: [
          {
            name: 'Mini-squats',
            joints: ['hip', 'knee', 'ankle'],
            sets: 4,
            reps: 10,
            doseSource: 'David Wood TKR phase 3 (4 × 8–12)',
          },
          {
            name: 'Single-leg bridge',
            joints: ['hip', 'knee'],
            sets: 4,
            reps: 10,
            doseSource: 'David Wood TKR phase 3 (4 × 8–12)',
          },
          {
            name: 'Unilateral leg press from 110° knee flexion',
            joints: ['hip', 'knee', 'ankle'],
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
          {
            name: 'Gluteal sets (squeeze and hold)',
            joints: [],
            sets: 3,
            reps: 10,
            holdS: 5,
            doseSource: UNCONFIRMED,
          },
          { name: 'Bridging, double leg', joints: ['hip', 'knee'], sets: 3, reps: 12, doseSource: ACSM },
        ],
        progressWhen: 'bridging 3 × 12 without pain',
      },
      {
        fromWeek: 3,
        toWeek: 8,
        exercises: [
          {
            name: 'Single-leg bridge',
            joints: ['hip', 'knee'],
            sets: 4,
            reps: 10,
            doseSource: 'David Wood TKR phase 3 (4 × 8–12)',
          },
          { name: 'Sit-to-stand', joints: ['hip', 'knee', 'ankle'], sets: 3, reps: 10, doseSource: ACSM },
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
            joints: [],
            sets: 3,
            reps: 10,
            holdS: 5,
            doseSource: UNCONFIRMED,
          },
          {
            name: 'Active range of motion, gravity eliminated if needed',
            joints: ['shoulder', 'elbow'],
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
            joints: ['shoulder', 'elbow'],
            sets: 3,
            reps: 12,
            doseSource: ACSM,
          },
          {
            name: 'Free-weight resisted movement of the target muscle',
            joints: ['shoulder', 'elbow'],
            sets: 3,
            reps: 10,
            doseSource: ACSM,
          },
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
          {
            name: 'Active wrist and finger range of motion',
            joints: ['wrist', 'fingers'],
            sets: 3,
            reps: 15,
            doseSource: UNCONFIRMED,
          },
          {
            name: 'Putty or soft-ball grip',
            joints: ['fingers'],
            sets: 3,
            reps: 10,
            holdS: 3,
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
            name: 'Light-dumbbell or band wrist curls / extensions',
            joints: ['wrist'],
            sets: 3,
            reps: 12,
            doseSource: ACSM,
          },
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
          { name: 'Supine bridging', joints: ['hip', 'spine'], sets: 3, reps: 10, doseSource: ACSM },
          {
            name: 'Four-point kneeling arm/leg reach',
            joints: ['spine', 'hip', 'shoulder'],
            sets: 3,
            reps: 8,
            holdS: 5,
            doseSource: UNCONFIRMED,
          },
        ],
        progressWhen: 'holds without pain or loss of control',
      },
      {
        fromWeek: 3,
        toWeek: 8,
        exercises: [{ name: 'Prone back extension', joints: ['spine'], sets: 3, reps: 10, doseSource: ACSM }],
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
  /** Casts and braces worn now. */
  immobilisations?: Immobilisation[];
  /** The programme's first day (YYYY-MM-DD): week 1 starts here. Needed to place a removal date. */
  startDate?: string;
}

/** The joints a region's passive range-of-motion exercise moves. */
const REGION_JOINTS: Record<ExerciseRegion, Joint[]> = {
  'lower-leg': ['ankle'],
  thigh: ['knee', 'hip'],
  hip: ['hip'],
  'shoulder-arm': ['shoulder', 'elbow'],
  'forearm-hand': ['wrist', 'fingers'],
  trunk: ['spine'],
};

const IMMOBILISED_DOSE = 'UNCONFIRMED (Myotrophy replacement while a joint is immobilised)';

function held(name: string, joints: Joint[], sets: number, reps: number, holdS?: number): Exercise {
  const e: Exercise = { name, joints, sets, reps, doseSource: IMMOBILISED_DOSE };
  if (holdS !== undefined) e.holdS = holdS;
  return e;
}

const QUAD_SETS = held('Quadriceps sets (towel under the knee)', [], 5, 10, 3);
const STRAIGHT_LEG_RAISE = held('Straight-leg raise', ['hip'], 4, 15);
const HIP_ABDUCTION = held('Side-lying hip abduction', ['hip'], 3, 12);
const ANKLE_PUMPS = held('Ankle pumps (active range of motion)', ['ankle'], 3, 20);
const GLUTEAL_SETS = held('Gluteal sets (squeeze and hold)', [], 3, 10, 5);
const ELBOW_BENDS = held('Elbow bends and straightening', ['elbow'], 3, 15);
const SHOULDER_RAISES = held('Shoulder raises and circles', ['shoulder'], 3, 12);
const FINGER_MOVES = held('Finger movements (make a fist, spread the fingers)', ['fingers'], 3, 15);

/** Isometric work and moves of the free neighbouring joints, offered while a joint is held. */
const WHILE_HELD: Record<Joint, Exercise[]> = {
  ankle: [
    held('Calf and shin tightening inside the cast or boot (press the foot against it, hold)', [], 3, 10, 5),
    QUAD_SETS,
    STRAIGHT_LEG_RAISE,
    held('Heel slides (bend and straighten the knee lying down)', ['knee', 'hip'], 3, 15),
    HIP_ABDUCTION,
  ],
  knee: [
    held('Quadriceps sets inside the cast or brace', [], 5, 10, 5),
    STRAIGHT_LEG_RAISE,
    HIP_ABDUCTION,
    ANKLE_PUMPS,
  ],
  hip: [GLUTEAL_SETS, QUAD_SETS, ANKLE_PUMPS],
  spine: [held('Gentle abdominal bracing (tighten and hold)', [], 3, 10, 5), ANKLE_PUMPS, QUAD_SETS],
  shoulder: [
    held('Isometric holds against the other hand or a wall', [], 3, 10, 5),
    ELBOW_BENDS,
    held('Wrist and finger movements', ['wrist', 'fingers'], 3, 15),
  ],
  elbow: [held('Arm muscle tightening inside the cast (hold)', [], 3, 10, 5), SHOULDER_RAISES, FINGER_MOVES],
  wrist: [
    held('Forearm muscle tightening inside the cast (hold)', [], 3, 10, 5),
    FINGER_MOVES,
    ELBOW_BENDS,
    SHOULDER_RAISES,
  ],
  fingers: [
    held('Forearm muscle tightening inside the splint (hold)', [], 3, 10, 5),
    ELBOW_BENDS,
    SHOULDER_RAISES,
  ],
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(label: string, value: string): number {
  const t = typeof value === 'string' && ISO_DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(t))
    throw new InvalidInputError(`${label} must be a date YYYY-MM-DD; got ${JSON.stringify(value)}`);
  return Math.round(t / DAY_MS);
}

interface Held {
  label: string;
  joints: Joint[];
  /** Day number the joints are free again, or null when no removal date is recorded. */
  freeFromDay: number | null;
  removalDate?: string;
}

function readImmobilisations(input: ExerciseInput): Held[] {
  return (input.immobilisations ?? []).map((im, i) => {
    const where = `immobilisation ${i + 1}`;
    const device = requireOneOf(`${where}: device`, im?.device, [
      ...IMMOBILISER_PRESET_IDS,
      'cast',
      'brace',
    ] as const);
    let joints: Joint[];
    let label: string;
    if (device === 'cast' || device === 'brace') {
      if (!Array.isArray(im.joints) || im.joints.length === 0) {
        throw new InvalidInputError(
          `${where}: a ${device} needs the joints it holds, some of ${JOINTS.join(', ')}`,
        );
      }
      joints = im.joints.map((j) => requireOneOf(`${where}: joint`, j, JOINTS));
      label = `${device} at the ${joints.join(' and ')}`;
    } else {
      const preset = IMMOBILISER_PRESETS[device];
      joints = [...preset.joints];
      label = preset.label;
    }
    const held: Held = { label, joints, freeFromDay: null };
    if (im.removalDate !== undefined) {
      held.freeFromDay = dayNumber(`${where}: removal date`, im.removalDate);
      held.removalDate = im.removalDate;
    }
    return held;
  });
}

/** The joints held on a day (day number), or for the whole programme when no day can be placed. */
function heldOn(held: readonly Held[], day: number | null): Set<Joint> {
  const joints = new Set<Joint>();
  for (const h of held) {
    if (h.freeFromDay === null || day === null || day < h.freeFromDay)
      for (const j of h.joints) joints.add(j);
  }
  return joints;
}

/** Removes moves of held joints from a stage and offers isometric and neighbouring-joint work instead. */
function respectImmobilisation(stage: ExerciseStage, held: ReadonlySet<Joint>): ExerciseStage {
  if (held.size === 0) return stage;
  const moves = (e: Exercise) => e.joints.some((j) => held.has(j));
  const kept = stage.exercises.filter((e) => !moves(e));
  const names = new Set(kept.map((e) => e.name));
  for (const joint of held) {
    for (const e of WHILE_HELD[joint]) {
      if (moves(e) || names.has(e.name)) continue;
      names.add(e.name);
      kept.push(e);
    }
  }
  return {
    ...stage,
    exercises: kept,
    progressWhen: `${stage.progressWhen}; moves of the ${[...held].join(' and ')} start only once the cast or brace is off`,
  };
}

/** The exercise programme for a region, adapted to innervation, MRC grade and any cast or brace. */
export function buildExerciseProgramme(input: ExerciseInput): ExerciseProgramme {
  requireOneOf('exercise region', input.region, EXERCISE_REGIONS);
  requireOneOf('innervation', input.innervation, [
    'normal',
    'partial-denervation',
    'complete-denervation',
  ] as const);
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
            joints: REGION_JOINTS[input.region],
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
  const held = readImmobilisations(input);
  if (held.length > 0) {
    const start = input.startDate === undefined ? null : dayNumber('start date', input.startDate);
    stages = stages.map((stage) =>
      respectImmobilisation(stage, heldOn(held, start === null ? null : start + (stage.fromWeek - 1) * 7)),
    );
    for (const h of held) {
      notes.push(
        h.removalDate === undefined
          ? `${h.label}: no moves of the ${h.joints.join(' or ')} while it is on (no removal date recorded: review when it comes off); isometric and neighbouring-joint work instead.`
          : `${h.label} until ${h.removalDate}: no moves of the ${h.joints.join(' or ')} before then${start === null ? ' (no start date given: held for the whole programme)' : ''}; isometric and neighbouring-joint work instead.`,
      );
    }
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
