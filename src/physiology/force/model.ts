import { InvalidInputError } from '../../shared/invalid-input.ts';

/**
 * Force and fatigue models of electrically stimulated muscle, as data.
 *
 * A model is a base parameter set (Ding 2003) plus optional parts: pulse-width dependence
 * (Ding 2007), pulse-amplitude dependence (Ben Hmed 2018) and fatigue (Ding 2003 / Doll 2015 SI
 * coefficients). A person's identified parameters are simply another value of the same type.
 * Equations: docs/physiology.md. Parameter values: cocofest 1.1.0 defaults, which follow the papers.
 */

/** The twitch/tetanus model shared by all variants. Units: seconds, newtons. */
export interface BaseForceParameters {
  /** τc: time constant of the calcium–troponin complex (s). */
  tauCalciumS: number;
  /** A: force scaling factor at rest (N/s). */
  forceScalingNPerS: number;
  /** τ1: force decay time constant without cross-bridges (s). */
  tau1S: number;
  /** τ2: force decay time constant with strongly bound cross-bridges (s). */
  tau2S: number;
  /** Km: sensitivity of strongly bound cross-bridges to Cn (dimensionless). */
  km: number;
  /** R0 = Km_rest + r0OffsetOverKm: the pulse-interval facilitation ceiling. */
  r0OffsetOverKm: number;
}

/** Ding 2007: force scaling grows with pulse width, A_eff = A·(1 − exp(−(pw − PD0)/PDt)). */
export interface PulseWidthDependence {
  /** PD0: pulse width below which no force is produced (µs). */
  pd0Us: number;
  /** PDt: time constant of the width dependence (µs). */
  pdtUs: number;
}

/** Ben Hmed 2018: each pulse's calcium release scales with λ = ar·(tanh(bs·(I − Is)) + cr). */
export interface PulseAmplitudeDependence {
  ar: number;
  /** bs (1/mA). */
  bsPerMa: number;
  /** Is: intensity at the inflection of recruitment (mA). */
  isMa: number;
  cr: number;
}

/** Fatigue of A, τ1 and Km driven by force, recovering to rest with τfat. */
export interface FatigueParameters {
  /** αA (s⁻²): dA/dt gains αA·F. */
  alphaAPerS2: number;
  /** ατ1 (N⁻¹): dτ1/dt gains ατ1·F. */
  alphaTau1PerN: number;
  /** αKm (s⁻¹·N⁻¹): dKm/dt gains αKm·F. */
  alphaKmPerSN: number;
  /** τfat: recovery time constant (s). */
  tauFatigueS: number;
}

export interface ForceModel {
  /** Stable identifier, e.g. 'ding2003-fatigue', or a person's own label. */
  id: string;
  /** The paper(s) the structure and the numbers come from. */
  source: string;
  base: BaseForceParameters;
  pulseWidth?: PulseWidthDependence;
  pulseAmplitude?: PulseAmplitudeDependence;
  fatigue?: FatigueParameters;
}

const COCOFEST = 'cocofest 1.1.0 defaults (pyomeca/cocofest)';

/** Ding, Wexler & Binder-Macleod 2003, J Electromyogr Kinesiol 13(6):575–588. Fmax ≈ 315.5 N at 100 Hz. */
export const DING_2003_BASE: BaseForceParameters = {
  tauCalciumS: 0.02,
  forceScalingNPerS: 3009,
  tau1S: 0.050957,
  tau2S: 0.06,
  km: 0.103,
  r0OffsetOverKm: 1.04,
};

/**
 * Fatigue coefficients in SI units (Doll et al. 2015 IFAC, as used by cocofest). cocofest writes
 * αA as `-4.0 * 10e-2`, which is −0.4, not −0.04.
 */
export const DING_2003_FATIGUE: FatigueParameters = {
  alphaAPerS2: -0.4,
  alphaTau1PerN: 2.1e-5,
  alphaKmPerSN: 1.9e-5,
  tauFatigueS: 127,
};

/** Ding et al. 2007, Muscle Nerve 36(2):214–222. */
export const DING_2007_BASE: BaseForceParameters = {
  tauCalciumS: 0.011,
  forceScalingNPerS: 4920,
  tau1S: 0.060601,
  tau2S: 0.001,
  km: 0.137,
  r0OffsetOverKm: 1.04,
};

export const DING_2007_PULSE_WIDTH: PulseWidthDependence = { pd0Us: 131.405, pdtUs: 194.138 };

/** Ben Hmed et al. 2018, Comput Biol Med 101:218–228. λ > 0 needs I > 17.03 mA. */
export const HMED_2018_PULSE_AMPLITUDE: PulseAmplitudeDependence = {
  ar: 0.586,
  bsPerMa: 0.026,
  isMa: 63.1,
  cr: 0.833,
};

export const MODEL_IDS = [
  'ding2003',
  'ding2003-fatigue',
  'ding2007',
  'ding2007-fatigue',
  'hmed2018',
  'hmed2018-fatigue',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

const DING_2003_SOURCE = 'Ding, Wexler & Binder-Macleod 2003, J Electromyogr Kinesiol 13:575';
const DING_2007_SOURCE = 'Ding et al. 2007, Muscle Nerve 36:214';
const HMED_2018_SOURCE = 'Ben Hmed et al. 2018, Comput Biol Med 101:218';
const FATIGUE_SOURCE = 'fatigue: Ding 2003; SI coefficients Doll et al. 2015 IFAC';

/** Each structure comes without fatigue and with Ding 2003's fatigue (id `…-fatigue`), from the same parts. */
function withAndWithoutFatigue<Id extends string>(
  id: Id,
  paperSource: string,
  parts: Pick<ForceModel, 'base' | 'pulseWidth' | 'pulseAmplitude'>,
): Record<Id | `${Id}-fatigue`, ForceModel> {
  const fatigueId = `${id}-fatigue` as const;
  return {
    [id]: { id, source: `${paperSource}; ${COCOFEST}`, ...parts },
    [fatigueId]: {
      id: fatigueId,
      source: `${paperSource}; ${FATIGUE_SOURCE}; ${COCOFEST}`,
      ...parts,
      fatigue: DING_2003_FATIGUE,
    },
  } as Record<Id | `${Id}-fatigue`, ForceModel>;
}

export const FORCE_MODELS: Record<ModelId, ForceModel> = {
  ...withAndWithoutFatigue('ding2003', DING_2003_SOURCE, { base: DING_2003_BASE }),
  ...withAndWithoutFatigue('ding2007', DING_2007_SOURCE, {
    base: DING_2007_BASE,
    pulseWidth: DING_2007_PULSE_WIDTH,
  }),
  ...withAndWithoutFatigue('hmed2018', HMED_2018_SOURCE, {
    base: DING_2003_BASE,
    pulseAmplitude: HMED_2018_PULSE_AMPLITUDE,
  }),
};

/** R0 = Km_rest + 1.04; the rest Km is used even when Km fatigues, as cocofest v1 does. */
export function facilitationCeiling(base: BaseForceParameters): number {
  return base.km + base.r0OffsetOverKm;
}

/**
 * Ding 2007 force scaling for a pulse of `widthUs`. Below PD0 the published form turns negative;
 * a pulse that short recruits nothing, so it is held at zero.
 */
export function pulseWidthForceFactor(dependence: PulseWidthDependence, widthUs: number): number {
  if (widthUs <= dependence.pd0Us) return 0;
  return 1 - Math.exp(-(widthUs - dependence.pd0Us) / dependence.pdtUs);
}

/**
 * Ben Hmed 2018 calcium gain λ for a pulse of `intensityMa`. Below about 17 mA the published form
 * turns negative; no fibres are recruited there, so it is held at zero.
 */
export function pulseAmplitudeCalciumGain(dependence: PulseAmplitudeDependence, intensityMa: number): number {
  const gain =
    dependence.ar * (Math.tanh(dependence.bsPerMa * (intensityMa - dependence.isMa)) + dependence.cr);
  return Math.max(gain, 0);
}

/**
 * Checks a model read from outside (a file of identified parameters) and returns it typed. Every
 * parameter must be a finite number in its physical range; the message names the first that is not.
 */
export function validateForceModel(candidate: unknown): ForceModel {
  const fail = (what: string): never => {
    throw new InvalidInputError(`force model: ${what}`);
  };
  if (typeof candidate !== 'object' || candidate === null)
    fail('expected a JSON object with id, source and base');
  const m = candidate as Record<string, unknown>;
  if (typeof m.id !== 'string' || m.id === '') fail('id must be a non-empty string');
  if (typeof m.source !== 'string') fail('source must be a string naming where the parameters come from');
  const section = <T>(
    name: string,
    fields: Record<string, [number, number]>,
    required: boolean,
  ): T | undefined => {
    const value = m[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'object' || value === null) return fail(`${name} must be an object`);
    const record = value as Record<string, unknown>;
    for (const [field, [min, max]] of Object.entries(fields)) {
      const number = record[field];
      if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
        fail(`${name}.${field} must be a number from ${min} to ${max}; got ${JSON.stringify(number)}`);
      }
    }
    return Object.fromEntries(Object.keys(fields).map((field) => [field, record[field]])) as T;
  };
  const model: ForceModel = {
    id: m.id as string,
    source: m.source as string,
    base: section<BaseForceParameters>(
      'base',
      {
        tauCalciumS: [1e-4, 1],
        forceScalingNPerS: [1e-3, 1e6],
        tau1S: [1e-4, 10],
        tau2S: [0, 10],
        km: [1e-6, 100],
        r0OffsetOverKm: [0, 100],
      },
      true,
    ) as BaseForceParameters,
  };
  const pulseWidth = section<PulseWidthDependence>(
    'pulseWidth',
    { pd0Us: [0, 1e5], pdtUs: [1e-3, 1e6] },
    false,
  );
  if (pulseWidth) model.pulseWidth = pulseWidth;
  const pulseAmplitude = section<PulseAmplitudeDependence>(
    'pulseAmplitude',
    { ar: [0, 100], bsPerMa: [0, 100], isMa: [-1000, 1000], cr: [-10, 10] },
    false,
  );
  if (pulseAmplitude) model.pulseAmplitude = pulseAmplitude;
  const fatigue = section<FatigueParameters>(
    'fatigue',
    { alphaAPerS2: [-1e3, 1e3], alphaTau1PerN: [-1, 1], alphaKmPerSN: [-1, 1], tauFatigueS: [1e-3, 1e6] },
    false,
  );
  if (fatigue) model.fatigue = fatigue;
  return model;
}
