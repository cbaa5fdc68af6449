/**
 * The muscle trajectory model's vocabulary and its fixed, sourced constants.
 *
 * Everything here is either a published number (with its source) or a stated assumption (marked
 * ASSUMPTION, and UNCONFIRMED where no source backs it). The population parameters that the
 * calibration fits, with the priors it fits them against, are described in `POPULATION_PRIORS`; their
 * fitted values live in `trajectory-population.ts`. Model and sources: docs/trajectory.md.
 */

/** Circumstances of disuse the model knows. `none` is habitual activity (no disuse). */
export const TRAJECTORY_SCENARIOS = [
  'none',
  'sedentary',
  'cast',
  'brace',
  'bed-rest',
  'icu',
  'spaceflight',
] as const;
export type TrajectoryScenario = (typeof TRAJECTORY_SCENARIOS)[number];

/** Scenarios with disuse (everything but `none`). */
export type DisuseScenario = Exclude<TrajectoryScenario, 'none'>;

/**
 * Muscles (or muscle groups) the model forecasts. `thigh` is the whole thigh's muscle CSA;
 * `leg` is the whole lower limb's muscle volume (thigh and calf together).
 */
export const TRAJECTORY_MUSCLES = [
  'quadriceps',
  'rectus-femoris',
  'hamstrings',
  'thigh',
  'calf',
  'tibialis-anterior',
  'leg',
] as const;
export type TrajectoryMuscle = (typeof TRAJECTORY_MUSCLES)[number];

/** Muscles whose susceptibility the calibration fits (the quadriceps is the reference, 1). */
export type FittedMuscle = Exclude<TrajectoryMuscle, 'quadriceps' | 'leg'>;

export const SEXES = ['male', 'female'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * Baseline fractional synthesis rate of myofibrillar protein, and (at steady state) of breakdown:
 * 1.26 %/day in the control leg (Kilroe et al. 2019, D2O, Exeter ORE 10871/39821).
 */
export const BASELINE_SYNTHESIS_PER_DAY = 0.0126;

/**
 * Time constant (days) of the onset of disuse-suppressed synthesis. Kilroe 2019 measured −16 % (ns)
 * over days 0–2 and −44 % over days 2–7 of immobilisation; a first-order onset with τ = 1.5 d and
 * a plateau of ≈ −47 % reproduces both window averages (−21 %, −43 %). Derived here; not a published τ.
 */
export const SYNTHESIS_ONSET_DAYS = 1.5;

/**
 * Time constant (days) of the early, transient rise in breakdown. ASSUMPTION (UNCONFIRMED as a
 * number): ubiquitin-ligase (MAFbx/MuRF1) expression rises within the first days of disuse (Wall 2014;
 * Dirks 2014) and synthesis alone explains only about half of the early loss (clinical.md §2 notes);
 * the decay constant itself is not measured and is set to 4 days.
 */
export const TRANSIENT_BREAKDOWN_DAYS = 4;

/**
 * Sedentary behaviour (reduced steps, not immobilised): synthesis suppression at plateau.
 * ASSUMPTION, UNCONFIRMED: no study in the calibration set; set to a third of the bed-rest prior.
 */
export const SEDENTARY_SYNTHESIS_SUPPRESSION = 0.1;

/**
 * Muscle-thickness change per unit CSA change (log–log): ICU first-week rectus femoris thickness
 * fell 1.75 %/d and CSA 2.10 %/d (Fazzini et al. 2023 Crit Care, meta-analysis of 52 studies);
 * 1.75 / 2.10 = 0.833. (Pure geometric similarity would give 0.5.)
 */
export const THICKNESS_PER_CSA_EXPONENT = 1.75 / 2.1;

/**
 * Share of lower-limb muscle volume in the thigh, used to form `leg` from thigh and calf.
 * ASSUMPTION, UNCONFIRMED: thigh muscles are about 70 % of lower-limb muscle volume.
 */
export const THIGH_SHARE_OF_LEG_MUSCLE = 0.7;

/**
 * Ages (years) for the calibration set's age groups. Young: Wall 2014 men ~23 y. Middle-aged:
 * PMC6050201 men ~50 y. Adult (ICU, spaceflight cohorts): ASSUMPTION 45 y. Older: Dirks 2014 J Nutr 69 y.
 */
export const AGE_GROUP_YEARS: Record<string, number> = {
  young: 23,
  adult: 45,
  'middle-aged': 50,
  older: 69,
};

/** Age at and below which the age effects are nil, and the age at which they reach their full value. */
export const AGE_EFFECT_START_YEARS = 25;
export const AGE_EFFECT_FULL_YEARS = 70;

/** Adult age assumed when none is given (years). */
export const DEFAULT_AGE_YEARS = 45;

/**
 * Daily protein intake (g/kg/day) below which synthesis is assumed to suffer: PROT-AGE 2013 (Bauer,
 * JAMDA 14:542) recommends ≥ 1.0–1.2 for adults over 65; 0.8 for younger adults is the commonly
 * cited adult requirement (UNCONFIRMED in our notes). Above the target, protein adds nothing to the
 * muscle-size forecast: extra protein did not spare muscle during 5-d casting (Dirks 2014 J Nutr
 * 144:1196) nor during 14-d immobilisation or recovery (PMC6050201).
 */
export function proteinTargetGPerKg(ageYears: number): number {
  return ageYears >= 65 ? 1.0 : 0.8;
}

/**
 * Exponent of the synthesis shortfall below the protein target: synthesis × (intake/target)^0.3.
 * ASSUMPTION, UNCONFIRMED: no calibration data below the target.
 */
export const PROTEIN_SHORTFALL_EXPONENT = 0.3;

/** Largest protein intake accepted (g/kg/day). */
export const MAX_PROTEIN_G_PER_KG = 4;

/**
 * Default NMES dose for scenario comparisons: 2 sessions × 40 min a day (Dirks et al. 2014 Acta
 * Physiol, PMID 24251881: no quadriceps loss over 5 days of casting).
 */
export const DEFAULT_NMES_SESSIONS_PER_DAY = 2;
export const DEFAULT_NMES_MINUTES_PER_SESSION = 40;

/**
 * Resistance training sessions a week assumed when exercise is prescribed without a frequency: 3, the
 * upper end of ACSM's 2–3 d/wk for novices (Ratamess 2009 ACSM Position Stand; Garber 2011 ACSM Position
 * Stand, MSSE 43:1334: each major muscle group 2–3 d/wk), what the clinic's exercise programme
 * prescribes, and the dose of PMC6050201's retraining (6 sessions in 14 days).
 */
export const DEFAULT_EXERCISE_SESSIONS_PER_WEEK = 3;

/**
 * Accepted range of resistance training sessions a week. Forecasts outside the calibration studies'
 * 2–3.5 a week extrapolate the proportional dose–response (ASSUMPTION).
 */
export const MIN_EXERCISE_SESSIONS_PER_WEEK = 1;
export const MAX_EXERCISE_SESSIONS_PER_WEEK = 7;

/**
 * The population parameters the calibration fits. Each is fitted on a transformed scale (log for
 * positive numbers, logit for fractions) against a normal prior on that scale, whose centre names its
 * source. The prior keeps a parameter sensible when no study in the fit informs it (and is what a
 * leave-one-study-out fit falls back on).
 */
export interface TrajectoryPopulation {
  /** γ: fractional synthesis × (M/M0)^−γ, so a smaller muscle synthesises faster per unit mass. */
  homeostasisExponent: number;
  /** β: early breakdown rise, as a multiple of baseline breakdown at day 0 of disuse. */
  transientBreakdown: number;
  /** σ by scenario: fraction by which disuse lowers synthesis once fully set in (quadriceps, young). */
  synthesisSuppression: Record<Exclude<DisuseScenario, 'sedentary' | 'spaceflight'>, number>;
  /** Spaceflight's σ relative to bed rest's, applied to the odds σ/(1 − σ). */
  spaceflightRelativeToBedRest: number;
  /** κ: sustained breakdown rise in critical illness, as a multiple of baseline breakdown. */
  icuSustainedBreakdown: number;
  /** Disuse susceptibility relative to the quadriceps. */
  muscleSusceptibility: Record<FittedMuscle, number>;
  /** NMES protection = 1 − exp(−minutes per day / this). */
  nmesDoseConstantMinPerDay: number;
  /**
   * ρ per weekly session: the extra synthesis drive (× baseline) of resistance training at one session
   * a week. The drive is proportional to the sessions a week (ASSUMPTION; the calibration studies span
   * 2–3.5 a week) and scaled by the muscle's disuse susceptibility (ASSUMPTION: a muscle that is more
   * sensitive to unloading is as much more sensitive to loading).
   */
  exerciseDrivePerWeeklySession: number;
  /** Disuse susceptibility at age 70 relative to age ≤ 25 (linear in between). */
  ageDisuseFactorAt70: number;
  /** Homeostatic regrowth (γ) at age 70 relative to age ≤ 25 (linear in between). */
  ageRegrowthFactorAt70: number;
  /** DXA leg lean-mass change per unit of whole-leg muscle change. */
  leanMassPerMuscleChange: number;
}

export type Transform = 'log' | 'logit';

export interface PriorSpec {
  /** Dotted path into TrajectoryPopulation, e.g. 'synthesisSuppression.cast'. */
  name: string;
  transform: Transform;
  /** Prior centre on the natural scale. */
  centre: number;
  /** Prior standard deviation on the transformed scale. */
  sd: number;
  source: string;
}

/** The priors, one per fitted parameter, in the order the calibration uses. */
export const POPULATION_PRIORS: readonly PriorSpec[] = [
  {
    name: 'homeostasisExponent',
    transform: 'log',
    centre: 3,
    sd: 0.5,
    source:
      'ASSUMPTION: chosen so that constant disuse reaches a new steady state within ~4 months (LeBlanc 2000 J Appl Physiol 89:2158)',
  },
  {
    name: 'transientBreakdown',
    transform: 'log',
    centre: 0.7,
    sd: 0.7,
    source:
      'Kilroe 2019/2020: synthesis alone explains ~3.2 of the 6.7 % lost in 7 d; β·τB·1.26 %/d ≈ 3.5 % gives β ≈ 0.7',
  },
  {
    name: 'synthesisSuppression.cast',
    transform: 'logit',
    centre: 0.47,
    sd: 0.3,
    source:
      'Wall 2016 AJP-Endo 310:E137: 5-d cast MyoPS −41 % post-absorptive, −53 % post-prandial (mean 0.47)',
  },
  {
    name: 'synthesisSuppression.brace',
    transform: 'logit',
    centre: 0.44,
    sd: 0.3,
    source: 'Kilroe 2019 (D2O): daily myofibrillar FSR −44 % over days 2–7 of knee bracing',
  },
  {
    name: 'synthesisSuppression.bed-rest',
    transform: 'logit',
    centre: 0.3,
    sd: 0.4,
    source: 'Kortebein 2007 JAMA 297:1772: 24-h MPS −30 % after 10 d bed rest (older adults)',
  },
  {
    name: 'synthesisSuppression.icu',
    transform: 'logit',
    centre: 0.2,
    sd: 0.5,
    source:
      'Puthucheary 2013 JAMA 310:1591: MPS ≈ fasted (0.035 %/h) on day 1, rising by day 7: little net suppression',
  },
  {
    name: 'icuSustainedBreakdown',
    transform: 'log',
    centre: 1.0,
    sd: 0.5,
    source:
      'Fazzini 2023 Crit Care: RF CSA −2.10 %/d in the first ICU week; (2.10 − 0.25 − 0.5)/1.26 ≈ 1.0 × baseline breakdown',
  },
  {
    name: 'muscleSusceptibility.rectus-femoris',
    transform: 'log',
    centre: 1.0,
    sd: 0.3,
    source: 'ASSUMPTION, UNCONFIRMED: the rectus femoris atrophies as the quadriceps as a whole',
  },
  {
    name: 'muscleSusceptibility.hamstrings',
    transform: 'log',
    centre: 0.52,
    sd: 0.3,
    source: 'Kilroe 2020 MSSE 52:944: 7-d brace hamstrings −3.5 % vs quadriceps −6.7 % (0.52)',
  },
  {
    name: 'muscleSusceptibility.thigh',
    transform: 'log',
    centre: 0.82,
    sd: 0.3,
    source: 'Kilroe 2020 MSSE 52:944: 7-d brace whole thigh −5.5 % vs quadriceps −6.7 % (0.82)',
  },
  {
    name: 'muscleSusceptibility.calf',
    transform: 'log',
    centre: 0.95,
    sd: 0.5,
    source: 'Berry 1993 ASEM 64:212: ~1 month HDT bed rest, triceps surae −10.5 % vs quadriceps −11 % (0.95)',
  },
  {
    name: 'muscleSusceptibility.tibialis-anterior',
    transform: 'log',
    centre: 0.7,
    sd: 0.4,
    source: 'ASSUMPTION, UNCONFIRMED: dorsiflexors lose less than the knee extensors in disuse',
  },
  {
    name: 'nmesDoseConstantMinPerDay',
    transform: 'log',
    centre: 30,
    sd: 0.5,
    source:
      'ASSUMPTION: near-full protection (≥ 90 %) at 80–90 min/day (Dirks 2014 2×40 min; Physiol Rep 2024 PMID 39155274 3×30 min)',
  },
  {
    name: 'exerciseDrivePerWeeklySession',
    transform: 'log',
    centre: 0.03,
    sd: 0.7,
    source:
      'Wernbom 2007 Sports Med 37:225: quadriceps CSA +0.11 %/d with training (UNCONFIRMED in our notes); 0.0011/0.0126 ≈ 0.09 at ~3 sessions a week (ASSUMPTION: the usual 2–3 d/wk, ACSM 2009), so 0.03 per weekly session',
  },
  {
    name: 'ageDisuseFactorAt70',
    transform: 'logit',
    centre: 0.43,
    sd: 0.5,
    source: 'Dirks 2014 J Nutr 144:1196: 5-d cast, men 69 y −1.5 % quadriceps CSA vs −3.5 % in young men',
  },
  {
    name: 'ageRegrowthFactorAt70',
    transform: 'logit',
    centre: 0.5,
    sd: 0.7,
    source:
      'Suetta 2009 J Appl Physiol 107:1172 (older adults regained less volume); Hvid 2014; the size 0.5 is an ASSUMPTION, UNCONFIRMED',
  },
  {
    name: 'leanMassPerMuscleChange',
    transform: 'log',
    centre: 0.5,
    sd: 0.4,
    source:
      'ASSUMPTION, UNCONFIRMED: DXA lean mass includes non-muscle lean tissue, so it changes by about half as much as muscle',
  },
  {
    name: 'spaceflightRelativeToBedRest',
    transform: 'log',
    centre: 1,
    sd: 0.3,
    source:
      'ASSUMPTION, UNCONFIRMED: no flight MPS measurement in our notes; bed rest is the ground analogue of spaceflight, so the same suppression is expected',
  },
];

/** Builds a population parameter set from values listed in POPULATION_PRIORS order. */
export function populationFromValues(values: readonly number[]): TrajectoryPopulation {
  if (values.length !== POPULATION_PRIORS.length) {
    throw new Error(
      `populationFromValues: expected ${POPULATION_PRIORS.length} values, got ${values.length}`,
    );
  }
  const v = (i: number): number => values[i] as number;
  return {
    homeostasisExponent: v(0),
    transientBreakdown: v(1),
    synthesisSuppression: {
      cast: v(2),
      brace: v(3),
      'bed-rest': v(4),
      icu: v(5),
    },
    icuSustainedBreakdown: v(6),
    muscleSusceptibility: {
      'rectus-femoris': v(7),
      hamstrings: v(8),
      thigh: v(9),
      calf: v(10),
      'tibialis-anterior': v(11),
    },
    nmesDoseConstantMinPerDay: v(12),
    exerciseDrivePerWeeklySession: v(13),
    ageDisuseFactorAt70: v(14),
    ageRegrowthFactorAt70: v(15),
    leanMassPerMuscleChange: v(16),
    spaceflightRelativeToBedRest: v(17),
  };
}

/** The inverse of populationFromValues. */
export function populationToValues(p: TrajectoryPopulation): number[] {
  return [
    p.homeostasisExponent,
    p.transientBreakdown,
    p.synthesisSuppression.cast,
    p.synthesisSuppression.brace,
    p.synthesisSuppression['bed-rest'],
    p.synthesisSuppression.icu,
    p.icuSustainedBreakdown,
    p.muscleSusceptibility['rectus-femoris'],
    p.muscleSusceptibility.hamstrings,
    p.muscleSusceptibility.thigh,
    p.muscleSusceptibility.calf,
    p.muscleSusceptibility['tibialis-anterior'],
    p.nmesDoseConstantMinPerDay,
    p.exerciseDrivePerWeeklySession,
    p.ageDisuseFactorAt70,
    p.ageRegrowthFactorAt70,
    p.leanMassPerMuscleChange,
    p.spaceflightRelativeToBedRest,
  ];
}

/** The population at its prior centres (the model before calibration). */
export const PRIOR_POPULATION: TrajectoryPopulation = populationFromValues(
  POPULATION_PRIORS.map((p) => p.centre),
);

export function toTransformed(transform: Transform, value: number): number {
  return transform === 'log' ? Math.log(value) : Math.log(value / (1 - value));
}

export function fromTransformed(transform: Transform, value: number): number {
  return transform === 'log' ? Math.exp(value) : 1 / (1 + Math.exp(-value));
}

/**
 * Between-patient variability (the individual prior), on the log scale of two patient multipliers:
 * severity (scales the disuse signals) and response (scales the effect of NMES, exercise and regrowth).
 * Severity: Puthucheary 2013 reported rectus femoris CSA −17.7 ± 12.1 % (SD/mean 0.68) in a
 * heterogeneous ICU cohort; 0.5 is used for the general case (ASSUMPTION). Response: ASSUMPTION,
 * UNCONFIRMED, 0.5.
 */
export const PATIENT_SEVERITY_LOG_SD = 0.5;
export const PATIENT_RESPONSE_LOG_SD = 0.5;

/** z for a central 80 % band of a normal distribution (the 90th percentile). */
export const Z_80 = 1.2815515655446004;
