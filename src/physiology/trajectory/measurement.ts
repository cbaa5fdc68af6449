import { InvalidInputError } from '../../shared/invalid-input.ts';
import { type Sex, THICKNESS_PER_CSA_EXPONENT, type TrajectoryMuscle } from './parameters.ts';

/**
 * A patient's own measurement of the forecast muscle, and how each kind maps to muscle CSA.
 * The model's state is muscle CSA (or volume) as a fraction m of baseline; each kind of measurement
 * is a known function of m, so the fit compares like with like in the measurement's own units.
 */
export const MEASUREMENT_KINDS = ['csa', 'volume', 'thickness', 'circumference'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

export interface PatientMeasurement {
  /** Day since the start of disuse (day 0). */
  day: number;
  kind: MeasurementKind;
  /** The measured value (cm², cm³, mm or cm: any unit, the same as `baseline`). */
  value: number;
  /** The same measurement at day 0 (before disuse). */
  baseline: number;
}

/**
 * Measurement error, as one SD. ASSUMPTIONS (UNCONFIRMED as numbers for our use):
 * - CSA (MRI/CT/ultrasound panoramic) 1.5 % of baseline; volume (MRI) 1.0 %;
 * - ultrasound thickness 3 % of baseline: ICC 0.89–0.99 but site-dependent (PMC6851723, clinical.md §3);
 * - tape circumference 0.5 cm (absolute): the site must be fixed by distance from a landmark (clinical.md §3).
 */
export const MEASUREMENT_ERROR = {
  csaPct: 1.5,
  volumePct: 1.0,
  thicknessPct: 3,
  circumferenceCm: 0.5,
} as const;

/**
 * Limb geometry for circumference. The limb is taken as a circle of circumference C: an outer ring of
 * skin and subcutaneous fat of thickness f, a bone of area Ab, and muscle in between. Muscle loss
 * shrinks only the muscle, so with inner radius r = C/2π − f:
 *   muscle CSA = π r² − Ab,   and a muscle change m gives  r' = sqrt((Ab + m·(π r² − Ab)) / π),
 *   C' = 2π (r' + f).
 * ASSUMPTIONS, UNCONFIRMED (typical adult values, not from our notes): subcutaneous fat at mid-thigh
 * 1.0 cm (male) / 1.8 cm (female), at the calf 0.6 / 1.0 cm; bone area at mid-thigh (femur) 5 cm², at
 * the calf (tibia + fibula) 4 cm². Callers may pass the patient's own fat thickness (e.g. from ultrasound).
 */
export const LIMB_GEOMETRY = {
  thigh: { fatCm: { male: 1.0, female: 1.8 }, boneCm2: 5 },
  calf: { fatCm: { male: 0.6, female: 1.0 }, boneCm2: 4 },
} as const;

/** The limb segment a muscle's circumference is taken around. */
export function limbSegmentOf(muscle: TrajectoryMuscle): 'thigh' | 'calf' {
  return muscle === 'calf' || muscle === 'tibialis-anterior' ? 'calf' : 'thigh';
}

export interface CircumferenceGeometry {
  fatCm: number;
  boneCm2: number;
}

export function defaultGeometry(muscle: TrajectoryMuscle, sex: Sex | undefined): CircumferenceGeometry {
  const segment = LIMB_GEOMETRY[limbSegmentOf(muscle)];
  // Without a sex, the mean of the two.
  const fatCm = sex ? segment.fatCm[sex] : (segment.fatCm.male + segment.fatCm.female) / 2;
  return { fatCm, boneCm2: segment.boneCm2 };
}

/** Muscle area (cm²) inside a limb circumference: the circle less its ring of fat and its bone. */
function muscleAreaInside(circumferenceCm: number, geometry: CircumferenceGeometry): number {
  const inner = circumferenceCm / (2 * Math.PI) - geometry.fatCm;
  return Math.PI * inner * inner - geometry.boneCm2;
}

/** Circumference (same unit as the baseline, cm) after muscle CSA becomes m × baseline. */
export function circumferenceForMuscle(
  baselineCm: number,
  m: number,
  geometry: CircumferenceGeometry,
): number {
  const muscle0 = muscleAreaInside(baselineCm, geometry);
  const r = Math.sqrt(Math.max(0, geometry.boneCm2 + m * muscle0) / Math.PI);
  return 2 * Math.PI * (r + geometry.fatCm);
}

/** Muscle CSA fraction m implied by a measured circumference (the inverse of circumferenceForMuscle). */
export function muscleForCircumference(
  baselineCm: number,
  valueCm: number,
  geometry: CircumferenceGeometry,
): number {
  return muscleAreaInside(valueCm, geometry) / muscleAreaInside(baselineCm, geometry);
}

/** The kind and baseline of a measurement: all that maps muscle CSA to what it shows. */
export type MeasurementScale = Pick<PatientMeasurement, 'kind' | 'baseline'>;

/**
 * How one kind of measurement follows muscle CSA fraction m: the value it shows, that value's slope
 * d(value)/dm, the m a value implies (the inverse), and its error SD, all in the measurement's units.
 */
interface KindMap {
  value(baseline: number, m: number, geometry: CircumferenceGeometry): number;
  slope(baseline: number, m: number, geometry: CircumferenceGeometry): number;
  muscle(baseline: number, value: number, geometry: CircumferenceGeometry): number;
  errorSd(baseline: number): number;
}

/** CSA and volume are proportional to the muscle; each has its own error (% of baseline). */
function proportional(errorPct: number): KindMap {
  return {
    value: (baseline, m) => baseline * m,
    slope: (baseline) => baseline,
    muscle: (baseline, value) => value / baseline,
    errorSd: (baseline) => (errorPct / 100) * baseline,
  };
}

const KIND_MAPS: Record<MeasurementKind, KindMap> = {
  csa: proportional(MEASUREMENT_ERROR.csaPct),
  volume: proportional(MEASUREMENT_ERROR.volumePct),
  thickness: {
    value: (baseline, m) => baseline * m ** THICKNESS_PER_CSA_EXPONENT,
    slope: (baseline, m) => baseline * THICKNESS_PER_CSA_EXPONENT * m ** (THICKNESS_PER_CSA_EXPONENT - 1),
    muscle: (baseline, value) => (value / baseline) ** (1 / THICKNESS_PER_CSA_EXPONENT),
    errorSd: (baseline) => (MEASUREMENT_ERROR.thicknessPct / 100) * baseline,
  },
  circumference: {
    value: circumferenceForMuscle,
    slope: (baseline, m, geometry) => {
      // C = 2π(r + f), r = sqrt((Ab + m·muscle0)/π)  ⇒  dC/dm = muscle0 / r (0 where the area clamps to 0).
      const muscle0 = muscleAreaInside(baseline, geometry);
      const area = geometry.boneCm2 + m * muscle0;
      return area > 0 ? muscle0 / Math.sqrt(area / Math.PI) : 0;
    },
    muscle: muscleForCircumference,
    errorSd: () => MEASUREMENT_ERROR.circumferenceCm,
  },
};

/** The value a measurement of this kind would show when muscle CSA is m × baseline. */
export function expectedValue(
  measurement: MeasurementScale,
  m: number,
  geometry: CircumferenceGeometry,
): number {
  return KIND_MAPS[measurement.kind].value(measurement.baseline, m, geometry);
}

/** d(expectedValue)/dm: how fast the measurement changes with muscle CSA fraction m (its unit per unit m). */
export function expectedValueSlope(
  measurement: MeasurementScale,
  m: number,
  geometry: CircumferenceGeometry,
): number {
  return KIND_MAPS[measurement.kind].slope(measurement.baseline, m, geometry);
}

/** The measurement's error SD in its own units. */
export function measurementErrorSd(measurement: MeasurementScale): number {
  return KIND_MAPS[measurement.kind].errorSd(measurement.baseline);
}

/** The muscle CSA change (%) a measurement implies, for plotting against the forecast. */
export function impliedMuscleChangePct(
  measurement: PatientMeasurement,
  geometry: CircumferenceGeometry,
): number {
  const { kind, value, baseline } = measurement;
  return 100 * (KIND_MAPS[kind].muscle(baseline, value, geometry) - 1);
}

/** The CSA error SD (percentage points) equivalent to the measurement's own error, near baseline. */
export function impliedErrorPct(measurement: PatientMeasurement, geometry: CircumferenceGeometry): number {
  const sd = measurementErrorSd(measurement);
  const dm = 1e-4;
  const slope =
    (expectedValue(measurement, 1 + dm, geometry) - expectedValue(measurement, 1 - dm, geometry)) / (2 * dm);
  return (100 * sd) / Math.abs(slope);
}

/** Checks one measurement; the message names what is allowed. */
export function validateMeasurement(measurement: PatientMeasurement, index: number, days: number): void {
  const where = `measurement ${index + 1}`;
  if (!MEASUREMENT_KINDS.includes(measurement.kind)) {
    throw new InvalidInputError(
      `${where}: kind must be one of ${MEASUREMENT_KINDS.join(', ')}; got '${String(measurement.kind)}'`,
    );
  }
  if (!Number.isFinite(measurement.day) || measurement.day < 0 || measurement.day > days) {
    throw new InvalidInputError(`${where}: day must be a number from 0 to ${days} (the forecast's days)`);
  }
  for (const key of ['value', 'baseline'] as const) {
    const v = measurement[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new InvalidInputError(`${where}: ${key} must be a positive number; got ${String(v)}`);
    }
  }
  if (measurement.value > 2 * measurement.baseline || measurement.value < 0.3 * measurement.baseline) {
    throw new InvalidInputError(
      `${where}: value ${measurement.value} is implausible against baseline ${measurement.baseline}; allowed 30 %–200 % of baseline (same unit)`,
    );
  }
}
