/**
 * The muscle trajectory model's vocabulary and its fixed, sourced constants.
 *
 * Everything here is either a published number (with its source) or a stated assumption (marked
 * ASSUMPTION, and UNCONFIRMED where no source backs it). The population parameters that the
 * calibration fits, with the priors it fits them against, are described in `POPULATION_PRIORS`; their
 * fitted values live in `population.ts`. Model card with every parameter: docs/models/trajectory.md.
 * Evidence: the sources named below; the numbers were read in their abstracts unless a note says
 * otherwise.
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
 * Scenarios of strict disuse: the limb or the whole body is off its feet. Resistance exercise during
 * them limits the loss (a countermeasure) and builds nothing; after them, and in `none` and
 * `sedentary`, exercise trains the muscle.
 */
export const STRICT_DISUSE_SCENARIOS: ReadonlySet<TrajectoryScenario> = new Set([
  'cast',
  'brace',
  'bed-rest',
  'icu',
  'spaceflight',
]);

/**
 * Whole-body disuse, where older adults lose the same or more than the young (Kortebein 2007 JAMA
 * 297:1772; Tanner 2015 J Physiol, PMID 26173027; Deutz 2013 Clin Nutr); `sedentary` counts with them.
 * In limb immobilisation (cast, brace) older men lost the same or less (Dirks 2014 J Nutr 144:1196;
 * Suetta 2009 J Appl Physiol 107:1172; Vigelsø 2015 J Rehabil Med 47:552), so there age lowers the loss.
 */
export const WHOLE_BODY_DISUSE_SCENARIOS: ReadonlySet<TrajectoryScenario> = new Set([
  'sedentary',
  'bed-rest',
  'icu',
  'spaceflight',
]);

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
 * Who receives the stimulation, for the ceiling of NMES protection: healthy people in disuse (casts,
 * braces, bed rest), the critically ill, and people with a neurogenic cause (stroke, spinal cord or
 * peripheral nerve injury).
 */
export const NMES_POPULATIONS = ['healthy-disuse', 'critical-illness', 'neurogenic'] as const;
export type NmesPopulation = (typeof NMES_POPULATIONS)[number];

/**
 * Resistance exercise by load. `high` and `moderate` (≥ 40 % of 1RM, to or near failure) build muscle
 * alike (Schoenfeld 2017 J Strength Cond Res 31:3508; Lopez 2021 MSSE 53:1206; Lasevicius 2018 Eur J
 * Sport Sci 18:772: 40, 60 and 80 % 1RM gave the same growth). `low-to-failure` (about 20–30 % 1RM,
 * every set to failure) built 0.45 of it in Lasevicius 2018 (vastus lateralis +8.9 vs +20.5 %; elbow
 * flexors +11.4 vs +25.3 %). `low` (non-fatiguing: isometric sets, straight-leg raises, range of
 * motion) is credited nothing for muscle size: voluntary isometric exercise inside a cast did no better
 * than nothing (Gould 1982 Clin Orthop 164:215).
 */
export const EXERCISE_LOADS = ['high', 'moderate', 'low-to-failure', 'low'] as const;
export type ExerciseLoad = (typeof EXERCISE_LOADS)[number];
export const EXERCISE_LOAD_FACTOR: Readonly<Record<ExerciseLoad, number>> = {
  high: 1,
  moderate: 1,
  'low-to-failure': 0.45,
  low: 0,
};
/** Load assumed when exercise is prescribed without one: loads of ≥ 40 % 1RM, the clinic's 8–12 RM stages. */
export const DEFAULT_EXERCISE_LOAD: ExerciseLoad = 'moderate';

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
 * Ages (years) for the calibration set's age groups. Young: Wall 2014 men ~23 y (and the 26–41 y men
 * of Alkner & Tesch 2004). Middle-aged: PMC6050201 men ~50 y. Adult (ICU, spaceflight cohorts):
 * ASSUMPTION 45 y. Older: Poulsen 2011 median 67 y.
 */
export const AGE_GROUP_YEARS: Readonly<Record<string, number>> = {
  young: 23,
  adult: 45,
  'middle-aged': 50,
  older: 67,
};

/**
 * The ageing curve both age effects follow: a logistic in age, flat to about 50 years and near its
 * full value from about 70 (0.02 at 36 y, 0.16 at 50, 0.5 at 60, 0.84 at 70, 0.98 at 84). Judgement
 * from the bed-rest studies that compare ages (Tanner 2015: loss in the older only; Kortebein 2007:
 * older adults lost more in 10 d than the young in 28 d; Pišot 2016, NCT02694471: 55–65 y lost more
 * than 18–30 y) and the recovery studies (Hvid 2014 Exp Gerontol 52:1; Suetta 2009; Vigelsø 2015;
 * Rejc 2018 J Physiol), none of which gives the curve's shape: UNCONFIRMED as a shape.
 */
export const AGEING_MIDPOINT_YEARS = 60;
export const AGEING_WIDTH_YEARS = 6;

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
 * ASSUMPTION, UNCONFIRMED: no calibration data below the target, and no deficiency study in our notes
 * measured muscle size. The supplementation trials above found no effect of protein added to an
 * adequate diet, so the model gives none above the target; below it, the shortfall can only make the
 * forecast worse, never better (property-tested).
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
 * Evoked force and the NMES dose. Maffiuletti et al. 2018 (Eur J Appl Physiol, NMES dosing
 * recommendations) ask for evoked contractions of at least 50 % of maximal voluntary contraction where
 * tolerated; low-force stimulation built no muscle (Wakahara 2019 PLoS One 14:e0224881) and septic
 * patients with weak or absent contractions benefited least (Segers 2014). Where the evoked force is
 * recorded, minutes count in proportion to it: nothing below a visible contraction (taken as 10 % MVC,
 * ASSUMPTION, UNCONFIRMED), fully from 50 % MVC, linearly between. Without a record, minutes count in
 * full (the prescription asks for a strong contraction).
 */
export const NMES_FORCE_NO_EFFECT_PCT_MVC = 10;
export const NMES_FORCE_FULL_EFFECT_PCT_MVC = 50;

/**
 * NMES protection in neurogenic causes (stroke, spinal cord or partial nerve injury): the share of the
 * loss stimulation can prevent at full dose. ASSUMPTION, UNCONFIRMED: no controlled trial of muscle
 * size in our notes; set at half, below healthy disuse, because fewer motor units respond. Completely
 * denervated muscle needs long-pulse stimulation the NMES programmes here do not deliver (Kern 2010 NNR
 * 24:709), and is not forecast.
 */
export const NEUROGENIC_NMES_MAX_PROTECTION = 0.5;

/**
 * Resistance training sessions a week assumed when exercise is prescribed without a frequency: 3, the
 * upper end of ACSM's 2–3 d/wk for novices (Ratamess 2009 ACSM Position Stand; Garber 2011 ACSM Position
 * Stand, MSSE 43:1334: each major muscle group 2–3 d/wk), what the clinic's exercise programme
 * prescribes, and the dose of PMC6050201's retraining (6 sessions in 14 days).
 */
export const DEFAULT_EXERCISE_SESSIONS_PER_WEEK = 3;

/** Accepted range of resistance training sessions a week. */
export const MIN_EXERCISE_SESSIONS_PER_WEEK = 1;
export const MAX_EXERCISE_SESSIONS_PER_WEEK = 7;

/**
 * Training volume: the growth drive saturates with sessions a week as s/(s + 1.4). Derived from
 * Schoenfeld et al. 2016 (Sports Med 46:1689, 10 studies): training a muscle more often gave a
 * hypertrophy effect size of 0.49 against 0.30 once a week; taking the higher frequency as 3 sessions
 * (most of the studies compared 1 with 3 days a week), 3·(1 + s50)/(3 + s50) = 1.63 gives s50 ≈ 1.4
 * (3.4 if it were 2 sessions: UNCONFIRMED which).
 */
export const TRAINING_HALF_SESSIONS_PER_WEEK = 1.4;

/**
 * Exercise as a countermeasure during strict disuse: its protection saturates as 1 − e^(−s/0.65) in
 * sessions a week s (95 % of the ceiling at 2 a week). ASSUMPTION: the countermeasure studies trained
 * 2–3.5 times a week (Heinicke 2008 2, Alkner & Tesch 2004 every third day, Oates 2010 every other day)
 * and show no dose trend between them.
 */
export const COUNTERMEASURE_SESSIONS_SCALE_PER_WEEK = 0.65;

/**
 * Countermeasure ceiling for the muscles no countermeasure study measured. Flywheel squats and calf
 * presses during 90 days of bed rest did not protect the hamstrings or the anterior tibial muscles
 * (Belavý et al. 2017 BMJ Open Sport Exerc Med 3:e000196): ASSUMPTION, a small share, 0.2.
 */
export const UNTRAINED_MUSCLE_COUNTERMEASURE = 0.2;

/**
 * The population parameters the calibration fits. Each is fitted on a transformed scale (log for
 * positive numbers, logit for fractions) against a normal prior on that scale, whose centre names its
 * source. The prior keeps a parameter sensible when no study in the fit informs it (and is what a
 * leave-one-study-out fit falls back on).
 */
export interface TrajectoryPopulation {
  /**
   * γ while in disuse: fractional synthesis × (M/M0)^−γ, so a shrunken muscle synthesises faster per
   * unit mass and the loss slows towards a floor. The approach to the floor takes 1/(γ·S0) days.
   */
  disuseHomeostasisExponent: number;
  /** γ after remobilisation: how fast regrowth returns the muscle to its own size. */
  recoveryHomeostasisExponent: number;
  /** Share of the loss at remobilisation that ordinary activity does not bring back (training can). */
  recoveryResidualShare: number;
  /** γ of training growth above the muscle's own size: how soon hypertrophy levels off. */
  trainingHomeostasisExponent: number;
  /** β: early breakdown rise, as a multiple of baseline breakdown at day 0 of disuse. */
  transientBreakdown: number;
  /** σ by scenario: fraction by which disuse lowers synthesis once fully set in (quadriceps, young). */
  synthesisSuppression: Record<Exclude<DisuseScenario, 'sedentary' | 'spaceflight'>, number>;
  /** Spaceflight's σ relative to bed rest's, applied to the odds σ/(1 − σ). */
  spaceflightRelativeToBedRest: number;
  /** κ: illness-driven breakdown in critical illness, × baseline breakdown. NMES and exercise leave it. */
  icuSustainedBreakdown: number;
  /** Disuse susceptibility relative to the quadriceps. */
  muscleSusceptibility: Record<FittedMuscle, number>;
  /** Share of the disuse loss NMES prevents at full dose, by population (neurogenic is fixed). */
  nmesMaxProtection: Record<Exclude<NmesPopulation, 'neurogenic'>, number>;
  /** NMES minutes a day at which half the ceiling is reached (Emax dose–response). */
  nmesHalfSaturationMinPerDay: number;
  /** ρmax: ceiling of the training drive (× baseline synthesis) of resistance exercise. */
  trainingDriveMax: number;
  /** Share of the disuse loss resistance exercise prevents at full dose, by muscle. */
  countermeasureMaxProtection: { quadriceps: number; thigh: number; calf: number };
  /** Disuse loss multiplier at old age in whole-body disuse (≥ 1: older never lose less). */
  ageDisuseFactorOld: number;
  /** Disuse loss multiplier at old age in limb immobilisation (cast, brace), where older men lost less. */
  ageLimbImmobilisationFactorOld: number;
  /** Regrowth speed at old age relative to the young (< 1: older recover more slowly). */
  ageRecoveryFactorOld: number;
  /** DXA leg lean-mass change per unit of whole-leg muscle change. */
  leanMassPerMuscleChange: number;
}

export type Transform = 'log' | 'logit' | 'log-excess';

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
    name: 'disuseHomeostasisExponent',
    transform: 'log',
    centre: 1.3,
    sd: 0.5,
    source:
      'bed-rest time course: loss ≈ A·(1 − e^(−t/τ)) with τ ≈ 45–80 d through Akima 1997 (20 d), Alkner & Tesch 2004 (29 and 90 d) and Marusic 2021 (logarithmic course, 318 adults); γ = 1/(τ·S0) = 1/(60 d × 1.26 %/d) ≈ 1.3 (derived)',
  },
  {
    name: 'recoveryHomeostasisExponent',
    transform: 'log',
    centre: 4,
    sd: 0.5,
    source:
      'Mitchell 2018 J Appl Physiol (PMC6050201): about half of a 14-d loss came back in 14 d of walking, τ ≈ 20 d; γ = 1/(20 d × 1.26 %/d) ≈ 4 (derived)',
  },
  {
    name: 'recoveryResidualShare',
    transform: 'logit',
    centre: 0.2,
    sd: 0.7,
    source:
      'judgement, UNCONFIRMED: after 4 weeks of immobilisation one young adult still had 22 % of the quadriceps loss two months later (Anat Rec 2008, doi 10.1002/ar.20759, n = 1); recovery without training is incomplete in older adults (Hvid 2014; Suetta 2009)',
  },
  {
    name: 'trainingHomeostasisExponent',
    transform: 'log',
    centre: 0.5,
    sd: 0.5,
    source:
      'training growth stays near 0.2 %/d for 12 weeks (Seynnes 2007 J Appl Physiol 102:368; Lasevicius 2018) and slows to ≈0.1 %/d over 6 months (Narici 1996): τ ≈ 150 d, γ ≈ 0.5 (derived, judgement)',
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
    name: 'nmesMaxProtection.healthy-disuse',
    transform: 'logit',
    centre: 0.9,
    sd: 0.7,
    source:
      'Dirks 2014 Acta Physiol (80 min/day, 5-d cast) and Hansen 2024 Physiol Rep 12:e16166 (90 min/day, 5-d bed rest): no loss (≈1.0); Gould 1982 (2-wk cast) 0.5–0.8; Gibson 1988 Lancet (6-wk cast) ≈0.5',
  },
  {
    name: 'nmesMaxProtection.critical-illness',
    transform: 'logit',
    centre: 0.6,
    sd: 0.7,
    source:
      'share of the disuse part of ICU loss NMES can block: sepsis, oedema and vasopressors weaken the evoked contraction (Segers 2014); judgement below healthy disuse. NMES never touches illness breakdown (no source shows it; Poulsen 2011 Crit Care Med 39:456: septic shock, stimulated leg lost as much)',
  },
  {
    name: 'nmesHalfSaturationMinPerDay',
    transform: 'log',
    centre: 25,
    sd: 0.5,
    source:
      'judgement from the doses tested: full protection at 80–90 min/day (Dirks 2014, Hansen 2024); the lowest daily doses in ICU trials 25–30 min (Maffiuletti 2013 BMC Med 11:137); D50 ≈ 20–40 min/day',
  },
  {
    name: 'trainingDriveMax',
    transform: 'log',
    centre: 0.25,
    sd: 0.7,
    source:
      'quadriceps CSA +0.19–0.24 %/d at 2–3 sessions a week, ≥ 40 % 1RM (Seynnes 2007; Lasevicius 2018); ρ = 0.2 / 1.26 ≈ 0.16 at 2.5 a week, so ρmax = 0.16·(2.5 + 1.4)/2.5 ≈ 0.25 (derived)',
  },
  {
    name: 'countermeasureMaxProtection.quadriceps',
    transform: 'logit',
    centre: 0.95,
    sd: 0.8,
    source:
      'Alkner & Tesch 2004: knee-extensor loss prevented over 90 d of bed rest; Oates 2010 Muscle Nerve 42:539: quadriceps loss prevented in a 14-d brace',
  },
  {
    name: 'countermeasureMaxProtection.thigh',
    transform: 'logit',
    centre: 0.45,
    sd: 0.7,
    source: 'Heinicke 2008 FASEB J (abstract): whole thigh −4 % with exercise vs −7 % without (≈0.43)',
  },
  {
    name: 'countermeasureMaxProtection.calf',
    transform: 'logit',
    centre: 0.6,
    sd: 0.7,
    source:
      'Alkner & Tesch 2004: plantar flexors −15 % with exercise vs −29 % (≈0.48); Heinicke 2008: calf −4 vs −15 % (≈0.73)',
  },
  {
    name: 'ageDisuseFactorOld',
    transform: 'log-excess',
    centre: 1.5,
    sd: 0.7,
    source:
      'judgement 1.3–2× by ≥ 65 y in whole-body disuse: Tanner 2015 (5-d bed rest: leg lean lost in older, not young), Kortebein 2007, Deutz 2013 Clin Nutr (10-d bed rest, older −2.05 kg lean); never below 1',
  },
  {
    name: 'ageLimbImmobilisationFactorOld',
    transform: 'logit',
    centre: 0.45,
    sd: 0.5,
    source:
      'Dirks 2014 J Nutr 144:1196: 5-d cast, men 69 y −1.5 % quadriceps CSA vs −3.5 % in young men (Wall 2014), 0.43; Suetta 2009 and Vigelsø 2015: older men lost the same or less in limb immobilisation',
  },
  {
    name: 'ageRecoveryFactorOld',
    transform: 'logit',
    centre: 0.45,
    sd: 0.5,
    source:
      'judgement 0.3–0.6 of the young rate: Hvid 2014 (older still ≈8 % down after 7 d of recovery, young back), Suetta 2009 (older regained less volume), Vigelsø 2015, Rejc 2018',
  },
  {
    name: 'leanMassPerMuscleChange',
    transform: 'log',
    centre: 0.5,
    sd: 0.4,
    source:
      'Wall 2014: quadriceps CSA −3.5/−8.4 % with DXA leg lean −1.4/−3.1 % at 5/14 d (ratio ≈0.4); DXA lean includes non-muscle lean tissue',
  },
  {
    name: 'spaceflightRelativeToBedRest',
    transform: 'log',
    centre: 1,
    sd: 0.5,
    source:
      "ASSUMPTION, UNCONFIRMED: no flight MPS measurement in our notes; bed rest is the ground analogue of spaceflight. Spaceflight here means a mission with the crew's in-flight exercise (LeBlanc 2000; Gopalakrishnan 2010), so the calibration is expected to put it below bed rest",
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
    disuseHomeostasisExponent: v(0),
    recoveryHomeostasisExponent: v(1),
    recoveryResidualShare: v(2),
    trainingHomeostasisExponent: v(3),
    transientBreakdown: v(4),
    synthesisSuppression: { cast: v(5), brace: v(6), 'bed-rest': v(7), icu: v(8) },
    icuSustainedBreakdown: v(9),
    muscleSusceptibility: {
      'rectus-femoris': v(10),
      hamstrings: v(11),
      thigh: v(12),
      calf: v(13),
      'tibialis-anterior': v(14),
    },
    nmesMaxProtection: { 'healthy-disuse': v(15), 'critical-illness': v(16) },
    nmesHalfSaturationMinPerDay: v(17),
    trainingDriveMax: v(18),
    countermeasureMaxProtection: { quadriceps: v(19), thigh: v(20), calf: v(21) },
    ageDisuseFactorOld: v(22),
    ageLimbImmobilisationFactorOld: v(23),
    ageRecoveryFactorOld: v(24),
    leanMassPerMuscleChange: v(25),
    spaceflightRelativeToBedRest: v(26),
  };
}

/** The inverse of populationFromValues. */
export function populationToValues(p: TrajectoryPopulation): number[] {
  return [
    p.disuseHomeostasisExponent,
    p.recoveryHomeostasisExponent,
    p.recoveryResidualShare,
    p.trainingHomeostasisExponent,
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
    p.nmesMaxProtection['healthy-disuse'],
    p.nmesMaxProtection['critical-illness'],
    p.nmesHalfSaturationMinPerDay,
    p.trainingDriveMax,
    p.countermeasureMaxProtection.quadriceps,
    p.countermeasureMaxProtection.thigh,
    p.countermeasureMaxProtection.calf,
    p.ageDisuseFactorOld,
    p.ageLimbImmobilisationFactorOld,
    p.ageRecoveryFactorOld,
    p.leanMassPerMuscleChange,
    p.spaceflightRelativeToBedRest,
  ];
}

/** The population at its prior centres (the model before calibration). */
export const PRIOR_POPULATION: TrajectoryPopulation = populationFromValues(
  POPULATION_PRIORS.map((p) => p.centre),
);

/** log for positive numbers, logit for fractions, log(x − 1) for multipliers that are at least 1. */
export function toTransformed(transform: Transform, value: number): number {
  if (transform === 'log') return Math.log(value);
  if (transform === 'logit') return Math.log(value / (1 - value));
  return Math.log(value - 1);
}

export function fromTransformed(transform: Transform, value: number): number {
  if (transform === 'log') return Math.exp(value);
  if (transform === 'logit') return 1 / (1 + Math.exp(-value));
  return 1 + Math.exp(value);
}

/**
 * Between-patient variability (the individual prior), on the log scale of the patient's multipliers:
 * - severity scales the disuse signals (the loss rate). Puthucheary 2013 reported rectus femoris CSA
 *   −17.7 ± 12.1 % (SD/mean 0.68) in a heterogeneous ICU cohort; 0.5 is used for the general case
 *   (ASSUMPTION);
 * - response scales the effect of NMES and exercise: ASSUMPTION, UNCONFIRMED, 0.5;
 * - recovery scales the regrowth speed after remobilisation: ASSUMPTION, UNCONFIRMED, 0.5 (older and
 *   critically ill patients recover at a fraction of the rate of young volunteers; Hvid 2014, Rejc 2018);
 * - plateau is the log of the size regrowth returns to (0 = the muscle's own size): ASSUMPTION,
 *   UNCONFIRMED, SD 0.05 (about ±5 %), so incomplete recovery is learnt from measurements, not assumed.
 */
export const PATIENT_SEVERITY_LOG_SD = 0.5;
export const PATIENT_RESPONSE_LOG_SD = 0.5;
export const PATIENT_RECOVERY_LOG_SD = 0.5;
export const PATIENT_PLATEAU_LOG_SD = 0.05;

/** z for a central 80 % band of a normal distribution (the 90th percentile). */
export const Z_80 = 1.2815515655446004;
