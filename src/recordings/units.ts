import { RecordingFormatError } from './recording.ts';

/**
 * Units a recording may state, mapped to Myotrophy's canonical ones. Force to newtons, torque to
 * newton-metres, time to seconds; volts are kept as volts (an uncalibrated transducer output: the
 * caller must declare its scale in N/V).
 * Conversion factors: BIPM SI Brochure 9th ed. and NIST SP 811 (2008) Appendix B:
 * 1 kgf = 9.80665 N (standard gravity), 1 lbf = 4.4482216152605 N, 1 ft = 0.3048 m (so 1 ft·lbf = 1.35582 N·m).
 */
export interface UnitConversion {
  canonical: 'N' | 'N·m' | 's' | 'V';
  factor: number;
}

const POUND_FORCE_N = 4.4482216152605;
const FOOT_POUND_FORCE_NM = 0.3048 * POUND_FORCE_N;

const UNITS: Record<string, UnitConversion> = {
  n: { canonical: 'N', factor: 1 },
  newton: { canonical: 'N', factor: 1 },
  newtons: { canonical: 'N', factor: 1 },
  kn: { canonical: 'N', factor: 1000 },
  mn: { canonical: 'N', factor: 0.001 },
  kgf: { canonical: 'N', factor: 9.80665 },
  kg: { canonical: 'N', factor: 9.80665 },
  kp: { canonical: 'N', factor: 9.80665 },
  gf: { canonical: 'N', factor: 0.00980665 },
  lbf: { canonical: 'N', factor: POUND_FORCE_N },
  lb: { canonical: 'N', factor: POUND_FORCE_N },
  lbs: { canonical: 'N', factor: POUND_FORCE_N },
  nm: { canonical: 'N·m', factor: 1 },
  n·m: { canonical: 'N·m', factor: 1 },
  'n.m': { canonical: 'N·m', factor: 1 },
  'n m': { canonical: 'N·m', factor: 1 },
  'n-m': { canonical: 'N·m', factor: 1 },
  'n*m': { canonical: 'N·m', factor: 1 },
  ft·lbf: { canonical: 'N·m', factor: FOOT_POUND_FORCE_NM },
  'ft-lbf': { canonical: 'N·m', factor: FOOT_POUND_FORCE_NM },
  'ft-lb': { canonical: 'N·m', factor: FOOT_POUND_FORCE_NM },
  'ft.lb': { canonical: 'N·m', factor: FOOT_POUND_FORCE_NM },
  ftlb: { canonical: 'N·m', factor: FOOT_POUND_FORCE_NM },
  s: { canonical: 's', factor: 1 },
  sec: { canonical: 's', factor: 1 },
  secs: { canonical: 's', factor: 1 },
  seconds: { canonical: 's', factor: 1 },
  ms: { canonical: 's', factor: 0.001 },
  msec: { canonical: 's', factor: 0.001 },
  v: { canonical: 'V', factor: 1 },
  volt: { canonical: 'V', factor: 1 },
  volts: { canonical: 'V', factor: 1 },
  mv: { canonical: 'V', factor: 0.001 },
};

export const KNOWN_UNITS = 'N, kN, mN, kgf (kg, kp), gf, lbf (lb); N·m (Nm), ft·lbf; s, ms; V, mV';

/** The conversion for a unit as written in a file, or undefined when it is not one Myotrophy knows. */
export function lookUpUnit(unit: string): UnitConversion | undefined {
  const key = unit.trim().toLowerCase().replace(/\s+/g, ' ');
  return Object.hasOwn(UNITS, key) ? UNITS[key] : undefined;
}

/** The conversion for a stated unit, or a clear error naming where it was stated and the known units. */
export function requireUnit(unit: string, where: string): UnitConversion {
  const conversion = lookUpUnit(unit);
  if (!conversion) {
    throw new RecordingFormatError(`${where}: unknown unit '${unit}'; known units are ${KNOWN_UNITS}`);
  }
  return conversion;
}

/**
 * Splits a column heading into its name and unit: 'Force (N)', 'Force [kgf]', 'force_N', 'Time/ms'.
 * A heading with no recognisable unit gives unit ''.
 */
export function splitHeading(heading: string): { name: string; unit: string } {
  const text = heading.trim();
  const bracketed = /^(.*?)\s*[([{]\s*([^)\]}]*?)\s*[)\]}]\s*$/.exec(text);
  if (bracketed) return { name: (bracketed[1] as string).trim(), unit: (bracketed[2] as string).trim() };
  const slashed = /^(.*?)\s*\/\s*([^/]+)$/.exec(text);
  if (slashed && lookUpUnit(slashed[2] as string)) {
    return { name: (slashed[1] as string).trim(), unit: (slashed[2] as string).trim() };
  }
  const suffixed = /^(.*?)[_\s]+([A-Za-z·.*-]+)$/.exec(text);
  if (suffixed && lookUpUnit(suffixed[2] as string)) {
    return { name: (suffixed[1] as string).trim(), unit: (suffixed[2] as string).trim() };
  }
  return { name: text, unit: '' };
}
