/**
 * Sarcopenia by EWGSOP2 (Cruz-Jentoft et al. 2019 Age Ageing 48:16, cut-offs via BMJ Best Practice
 * and PMC10355810 Table 1) and by AWGS 2019 (Chen et al. 2020 JAMDA, via BMJ Best Practice).
 * A criterion is null when none of its measures was given. Sarcopenia is coded M62.84, not M62.5-.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';

export interface SarcopeniaMeasures {
  sex: 'female' | 'male';
  gripKg?: number;
  /** Time for 5 chair rises (s). */
  chairStand5S?: number;
  /** Appendicular skeletal muscle mass (kg). */
  asmKg?: number;
  /** ASM / height² (kg/m²). */
  asmIndexKgM2?: number;
  /** How the ASM index was measured (AWGS cut-offs differ). */
  massMethod?: 'dxa' | 'bia';
  gaitSpeedMS?: number;
  sppb?: number;
  tugS?: number;
  /** 400 m walk: minutes taken, or null when not completed. */
  walk400mMin?: number | null;
  calfCircumferenceCm?: number;
  sarcF?: number;
  sarcCalF?: number;
}

export interface SarcopeniaAssessment {
  criteria: 'EWGSOP2' | 'AWGS 2019';
  lowStrength: boolean | null;
  lowMass: boolean | null;
  lowPerformance: boolean | null;
  category: 'none' | 'possible' | 'probable' | 'confirmed' | 'severe' | 'insufficient-data';
  code?: 'M62.84';
  source: string;
}

/** Any true → true; all given false → false; none given → null. */
function any(...flags: (boolean | undefined)[]): boolean | null {
  const given = flags.filter((f) => f !== undefined);
  if (given.length === 0) return null;
  return given.some(Boolean);
}

function check(m: SarcopeniaMeasures): void {
  if (m.sex !== 'female' && m.sex !== 'male') {
    throw new InvalidInputError(`sex must be female or male; got ${JSON.stringify(m.sex)}`);
  }
  for (const [k, v] of Object.entries(m)) {
    if (k === 'sex' || k === 'massMethod' || v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new InvalidInputError(`${k} must be a number ≥ 0; got ${JSON.stringify(v)}`);
    }
  }
}

/** EWGSOP2: probable = low strength; confirmed = + low quantity; severe = + low performance. */
export function sarcopeniaEwgsop2(m: SarcopeniaMeasures): SarcopeniaAssessment {
  check(m);
  const male = m.sex === 'male';
  const lowStrength = any(
    m.gripKg === undefined ? undefined : m.gripKg < (male ? 27 : 16),
    m.chairStand5S === undefined ? undefined : m.chairStand5S > 15,
  );
  const lowMass = any(
    m.asmKg === undefined ? undefined : m.asmKg < (male ? 20 : 15),
    m.asmIndexKgM2 === undefined ? undefined : m.asmIndexKgM2 < (male ? 7.0 : 5.5),
  );
  const lowPerformance = any(
    m.gaitSpeedMS === undefined ? undefined : m.gaitSpeedMS <= 0.8,
    m.sppb === undefined ? undefined : m.sppb <= 8,
    m.tugS === undefined ? undefined : m.tugS >= 20,
    m.walk400mMin === undefined ? undefined : m.walk400mMin === null || m.walk400mMin >= 6,
  );
  let category: SarcopeniaAssessment['category'];
  if (lowStrength === null) category = 'insufficient-data';
  else if (!lowStrength) category = 'none';
  else if (lowMass !== true) category = 'probable';
  else category = lowPerformance === true ? 'severe' : 'confirmed';
  const result: SarcopeniaAssessment = {
    criteria: 'EWGSOP2',
    lowStrength,
    lowMass,
    lowPerformance,
    category,
    source: 'Cruz-Jentoft et al. 2019 Age Ageing 48:16 (EWGSOP2)',
  };
  if (category === 'confirmed' || category === 'severe') result.code = 'M62.84';
  return result;
}

/** AWGS 2019: sarcopenia = low mass + (low strength or low performance); severe = all three; possible = strength or performance low, mass not measured. */
export function sarcopeniaAwgs2019(
  m: SarcopeniaMeasures,
): SarcopeniaAssessment & { caseFindingPositive: boolean | null } {
  check(m);
  const male = m.sex === 'male';
  const lowStrength = any(m.gripKg === undefined ? undefined : m.gripKg < (male ? 28 : 18));
  const lowPerformance = any(
    m.gaitSpeedMS === undefined ? undefined : m.gaitSpeedMS < 1.0,
    m.chairStand5S === undefined ? undefined : m.chairStand5S >= 12,
    m.sppb === undefined ? undefined : m.sppb <= 9,
  );
  if (m.asmIndexKgM2 !== undefined && m.massMethod === undefined) {
    throw new InvalidInputError(
      "AWGS 2019 mass cut-offs depend on the method: give massMethod 'dxa' or 'bia'",
    );
  }
  const massCut = male ? 7.0 : m.massMethod === 'bia' ? 5.7 : 5.4;
  const lowMass = any(m.asmIndexKgM2 === undefined ? undefined : m.asmIndexKgM2 < massCut);
  const caseFindingPositive = any(
    m.calfCircumferenceCm === undefined ? undefined : m.calfCircumferenceCm < (male ? 34 : 33),
    m.sarcF === undefined ? undefined : m.sarcF >= 4,
    m.sarcCalF === undefined ? undefined : m.sarcCalF >= 11,
  );
  const weak = lowStrength === true || lowPerformance === true;
  let category: SarcopeniaAssessment['category'];
  if (lowMass === null) {
    category = weak
      ? 'possible'
      : lowStrength === null && lowPerformance === null
        ? 'insufficient-data'
        : 'none';
  } else if (!lowMass || !weak) category = 'none';
  else category = lowStrength === true && lowPerformance === true ? 'severe' : 'confirmed';
  const result = {
    criteria: 'AWGS 2019' as const,
    lowStrength,
    lowMass,
    lowPerformance,
    category,
    caseFindingPositive,
    source: 'Chen et al. 2020 JAMDA (AWGS 2019), via BMJ Best Practice',
  };
  return category === 'confirmed' || category === 'severe' ? { ...result, code: 'M62.84' as const } : result;
}
