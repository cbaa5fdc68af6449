/**
 * Output safety: the one gate every stimulation programme passes, when planned, when edited and when
 * approved. It works on any object (an edited programme may be malformed) and never throws: a
 * programme it cannot read fails with the reason.
 *
 * Limits, all at the standard 500 Ω test load:
 * - r.m.s. current ≤ 50 mA. I_rms = I_peak·√(phase width (µs) · frequency (Hz) · 10⁻⁶) per phase
 *   (Enraf-Nonius Endomed manual: "never exceed 50 mA r.m.s."; XBody manual citing IEC 60601-2-10
 *   cl. 201.12.4.104 — secondary, UNCONFIRMED in the standard's own text). A biphasic pulse has two
 *   phases, both counted: I_rms = I_peak·√(2 · w · f · 10⁻⁶). A triangular phase has a mean square of
 *   I_peak²/3, so it counts a third.
 * - Current density above 2 mA r.m.s./cm² of electrode needs the operator's attention: an explicit
 *   warning, not a refusal (AS 60601.2.10:2018 IFU item g; Endomed: 50 mA over 25 cm² = 2 mA/cm²).
 * - Energy ≤ 300 mJ per pulse: E = I_peak²·R·t over the pulse's phases (Biopac citing IEC 601-2-10
 *   (1987) §51.104; Astute Labs; the RISE note's 0.3 J/pulse EU limit for FES devices). Whether the
 *   2012 edition keeps this number was not re-checked (UNCONFIRMED).
 * - Charge-balanced biphasic waveforms only (symmetric, or asymmetric with balanced charge). IEC
 *   60601-2-10 requires the d.c. component to be stated; its numeric limit is UNCONFIRMED, so
 *   Myotrophy allows none.
 * - No electrode on the thorax, head or front of the neck, and no current path across them
 *   (./electrode-sites.ts).
 * An asymmetric balanced pulse is counted as two phases at the leading phase's peak: the balancing
 * phase carries the same charge at a lower current over a longer time, so this is an upper bound.
 */
import { PLACEMENT_SOURCE, placementProblem } from '../anatomy/electrode-sites.ts';
import type { PulseShape, Waveform } from '../programme/stimulation-types.ts';

export const TEST_LOAD_OHMS = 500;
export const MAX_RMS_CURRENT_MA = 50;
export const RMS_SOURCE =
  'Enraf-Nonius Endomed manual (50 mA r.m.s.; I_rms formula); XBody manual citing IEC 60601-2-10 cl. 201.12.4.104 (UNCONFIRMED in the standard text)';
export const CURRENT_DENSITY_WARNING_MA_PER_CM2 = 2;
export const DENSITY_SOURCE =
  'IEC 60601-2-10 IFU requirement (AS 60601.2.10:2018 item g): > 2 mA/cm² needs operator attention';
export const MAX_ENERGY_PER_PULSE_MJ = 300;
export const ENERGY_SOURCE =
  'IEC 601-2-10 (1987) §51.104 via Biopac and Astute Labs; 0.3 J/pulse (RISE note)';
/**
 * Relative tolerance for floating-point rounding at a limit: a setting exactly at a limit (e.g.
 * 100 mA with 30 ms phases = 300 mJ) passes although its computed value may exceed it in the last bit.
 */
export const LIMIT_ROUNDING_TOLERANCE = 1e-9;

export const BALANCE_SOURCE =
  'Myotrophy rule: charge-balanced biphasic only (IEC 60601-2-10 requires any d.c. component to be disclosed; numeric limit UNCONFIRMED)';

export type SafetyRule =
  | 'rms-current'
  | 'energy-per-pulse'
  | 'current-density'
  | 'charge-balance'
  | 'placement'
  | 'unknown-site'
  | 'pulse-timing'
  | 'malformed';

export interface SafetyIssue {
  rule: SafetyRule;
  /** Which part of the programme, e.g. 'level 2 work'. */
  where: string;
  message: string;
  source: string;
}

export interface SettingMeasure {
  where: string;
  peakCurrentMa: number;
  phaseWidthUs: number;
  frequencyHz: number;
  rmsCurrentMa: number;
  energyPerPulseMj: number;
  /** Charge in one phase (µC); equal and opposite in the other phase of a balanced pulse. */
  chargePerPhaseUc: number;
  currentDensityMaPerCm2: number;
}

export interface OutputSafetyReport {
  ok: boolean;
  violations: SafetyIssue[];
  warnings: SafetyIssue[];
  /** The largest values over every block of every level (0 when nothing could be read). */
  rmsCurrentMa: number;
  energyPerPulseMj: number;
  currentDensityMaPerCm2: number;
  settings: SettingMeasure[];
  limits: {
    loadOhms: number;
    maxRmsCurrentMa: number;
    maxEnergyPerPulseMj: number;
    currentDensityWarningMaPerCm2: number;
  };
}

/** Mean square of a phase over its width, relative to a rectangle of the same peak. */
export function shapeFactor(shape: PulseShape): number {
  return shape === 'triangular' ? 1 / 3 : 1;
}

export interface PulseSetting {
  peakCurrentMa: number;
  phaseWidthUs: number;
  frequencyHz: number;
  pulseShape: PulseShape;
  /** 2 for biphasic, 1 for monophasic. */
  phasesPerPulse: number;
}

/** I_rms (mA) = I_peak·√(phases · shape factor · w(µs) · f(Hz) · 10⁻⁶). */
export function rmsCurrentMa(s: PulseSetting): number {
  return (
    s.peakCurrentMa *
    Math.sqrt(s.phasesPerPulse * shapeFactor(s.pulseShape) * s.phaseWidthUs * s.frequencyHz * 1e-6)
  );
}

/** Energy of one pulse into the test load (mJ): I²·R·t summed over its phases. */
export function energyPerPulseMj(s: Omit<PulseSetting, 'frequencyHz'>, loadOhms = TEST_LOAD_OHMS): number {
  const amps = s.peakCurrentMa / 1000;
  const seconds = s.phasesPerPulse * shapeFactor(s.pulseShape) * s.phaseWidthUs * 1e-6;
  return amps * amps * loadOhms * seconds * 1000;
}

/** Charge in one phase (µC): I·w for a rectangle, I·w/2 for a triangle. */
export function chargePerPhaseUc(s: Omit<PulseSetting, 'frequencyHz' | 'phasesPerPulse'>): number {
  const area = s.pulseShape === 'triangular' ? 0.5 : 1;
  return (s.peakCurrentMa * s.phaseWidthUs * area) / 1000;
}

/**
 * The highest peak current (mA) that keeps both the r.m.s. and the energy limit at this setting,
 * rounded down to 0.1 mA. The planner caps intensity here or lower.
 */
export function maxCompliantPeakMa(s: Omit<PulseSetting, 'peakCurrentMa'>): number {
  const unitRms = rmsCurrentMa({ ...s, peakCurrentMa: 1 });
  const unitEnergy = energyPerPulseMj({ ...s, peakCurrentMa: 1 });
  const byRms = MAX_RMS_CURRENT_MA / unitRms;
  const byEnergy = Math.sqrt(MAX_ENERGY_PER_PULSE_MJ / unitEnergy);
  // Shave a rounding hair off before flooring, so an exact 0.1 mA multiple never sits on the limit.
  return Math.floor(Math.min(byRms, byEnergy) * (1 - LIMIT_ROUNDING_TOLERANCE) * 10) / 10;
}

type Loose = Record<string, unknown>;

function isObject(v: unknown): v is Loose {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function positive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Checks a programme (any object) against every output limit. Never throws. */
export function checkOutputSafety(programme: unknown): OutputSafetyReport {
  const violations: SafetyIssue[] = [];
  const warnings: SafetyIssue[] = [];
  const settings: SettingMeasure[] = [];
  const malformed = (where: string, message: string) =>
    violations.push({ rule: 'malformed', where, message, source: 'Myotrophy programme format' });

  const report = (): OutputSafetyReport => ({
    ok: violations.length === 0,
    violations,
    warnings,
    rmsCurrentMa: Math.max(0, ...settings.map((s) => s.rmsCurrentMa)),
    energyPerPulseMj: Math.max(0, ...settings.map((s) => s.energyPerPulseMj)),
    currentDensityMaPerCm2: Math.max(0, ...settings.map((s) => s.currentDensityMaPerCm2)),
    settings,
    limits: {
      loadOhms: TEST_LOAD_OHMS,
      maxRmsCurrentMa: MAX_RMS_CURRENT_MA,
      maxEnergyPerPulseMj: MAX_ENERGY_PER_PULSE_MJ,
      currentDensityWarningMaPerCm2: CURRENT_DENSITY_WARNING_MA_PER_CM2,
    },
  });

  if (!isObject(programme)) {
    malformed('programme', 'the programme must be an object');
    return report();
  }

  // Waveform: charge-balanced biphasic only.
  const waveform = programme.waveform;
  let shape: PulseShape = 'rectangular';
  let gapUs = 0;
  if (!isObject(waveform)) {
    malformed('waveform', 'the programme has no waveform');
  } else {
    const w = waveform as Partial<Waveform>;
    if (w.phases !== 'biphasic') {
      violations.push({
        rule: 'charge-balance',
        where: 'waveform',
        message: `waveform must be biphasic (charge-balanced); got ${JSON.stringify(w.phases)}`,
        source: BALANCE_SOURCE,
      });
    }
    if (w.balance !== 'symmetric' && w.balance !== 'asymmetric-balanced') {
      violations.push({
        rule: 'charge-balance',
        where: 'waveform',
        message: `waveform must be charge-balanced ('symmetric' or 'asymmetric-balanced'); got ${JSON.stringify(w.balance)}`,
        source: BALANCE_SOURCE,
      });
    }
    if (w.pulseShape === 'rectangular' || w.pulseShape === 'triangular') shape = w.pulseShape;
    else
      malformed(
        'waveform',
        `pulseShape must be 'rectangular' or 'triangular'; got ${JSON.stringify(w.pulseShape)}`,
      );
    if (
      typeof w.interphaseGapUs === 'number' &&
      Number.isFinite(w.interphaseGapUs) &&
      w.interphaseGapUs >= 0
    ) {
      gapUs = w.interphaseGapUs;
    } else {
      malformed('waveform', `interphaseGapUs must be a number ≥ 0; got ${JSON.stringify(w.interphaseGapUs)}`);
    }
  }

  // Placement and the smallest electrode.
  let smallestCm2 = Number.POSITIVE_INFINITY;
  const channels = programme.channels;
  if (!Array.isArray(channels) || channels.length === 0) {
    malformed('channels', 'the programme needs at least one channel of electrodes');
  } else {
    channels.forEach((channel, c) => {
      const where = `channel ${c + 1}`;
      const electrodes = isObject(channel) ? channel.electrodes : undefined;
      if (!Array.isArray(electrodes) || electrodes.length !== 2) {
        malformed(where, 'a channel needs exactly two electrodes');
        return;
      }
      const refs: { site: string; side: 'left' | 'right' }[] = [];
      for (const [i, e] of electrodes.entries()) {
        if (!isObject(e) || typeof e.site !== 'string' || (e.side !== 'left' && e.side !== 'right')) {
          malformed(where, `electrode ${i + 1} needs a site and a side ('left' or 'right')`);
          return;
        }
        if (!positive(e.sizeCm2)) {
          malformed(where, `electrode ${i + 1} needs a size in cm² > 0; got ${JSON.stringify(e.sizeCm2)}`);
          return;
        }
        smallestCm2 = Math.min(smallestCm2, e.sizeCm2);
        refs.push({ site: e.site, side: e.side });
      }
      let problem: string | null;
      let rule: SafetyRule = 'placement';
      try {
        problem = placementProblem(refs);
      } catch (error) {
        // An electrode site Myotrophy does not know (the message names the allowed sites).
        rule = 'unknown-site';
        problem = error instanceof Error ? error.message : String(error);
      }
      if (problem) violations.push({ rule, where, message: problem, source: PLACEMENT_SOURCE });
    });
  }

  // Every block of every level.
  const levels = programme.levels;
  if (!Array.isArray(levels) || levels.length === 0) {
    malformed('levels', 'the programme needs at least one level');
    return report();
  }
  levels.forEach((level, l) => {
    const blocks = isObject(level) ? level.blocks : undefined;
    if (!Array.isArray(blocks) || blocks.length === 0) {
      malformed(`level ${l + 1}`, 'a level needs at least one block');
      return;
    }
    blocks.forEach((block, b) => {
      const where = `level ${isObject(level) && typeof level.level === 'number' ? level.level : l + 1} ${
        isObject(block) && typeof block.kind === 'string' ? block.kind : `block ${b + 1}`
      }`;
      if (!isObject(block)) {
        malformed(where, 'a block must be an object');
        return;
      }
      const { frequencyHz, phaseWidthUs, maxIntensityMa } = block;
      if (!positive(frequencyHz) || !positive(phaseWidthUs) || !positive(maxIntensityMa)) {
        malformed(
          where,
          `frequencyHz, phaseWidthUs and maxIntensityMa must be numbers > 0; got ${JSON.stringify({ frequencyHz, phaseWidthUs, maxIntensityMa })}`,
        );
        return;
      }
      const setting: PulseSetting = {
        peakCurrentMa: maxIntensityMa,
        phaseWidthUs,
        frequencyHz,
        pulseShape: shape,
        phasesPerPulse: 2,
      };
      const rms = rmsCurrentMa(setting);
      const energy = energyPerPulseMj(setting);
      const density = Number.isFinite(smallestCm2) ? rms / smallestCm2 : 0;
      settings.push({
        where,
        peakCurrentMa: maxIntensityMa,
        phaseWidthUs,
        frequencyHz,
        rmsCurrentMa: rms,
        energyPerPulseMj: energy,
        chargePerPhaseUc: chargePerPhaseUc(setting),
        currentDensityMaPerCm2: density,
      });
      const pulseUs = 2 * phaseWidthUs + gapUs;
      if (pulseUs * frequencyHz * 1e-6 >= 1) {
        violations.push({
          rule: 'pulse-timing',
          where,
          message: `a ${pulseUs} µs pulse does not fit in the ${(1e6 / frequencyHz).toFixed(1)} µs period at ${frequencyHz} Hz`,
          source: 'Myotrophy programme format',
        });
      }
      if (rms > MAX_RMS_CURRENT_MA * (1 + LIMIT_ROUNDING_TOLERANCE)) {
        violations.push({
          rule: 'rms-current',
          where,
          message: `r.m.s. current ${rms.toFixed(1)} mA at ${maxIntensityMa} mA peak, ${phaseWidthUs} µs × 2 phases, ${frequencyHz} Hz exceeds ${MAX_RMS_CURRENT_MA} mA at ${TEST_LOAD_OHMS} Ω`,
          source: RMS_SOURCE,
        });
      }
      if (energy > MAX_ENERGY_PER_PULSE_MJ * (1 + LIMIT_ROUNDING_TOLERANCE)) {
        violations.push({
          rule: 'energy-per-pulse',
          where,
          message: `energy ${energy.toFixed(1)} mJ per pulse at ${maxIntensityMa} mA peak into ${TEST_LOAD_OHMS} Ω exceeds ${MAX_ENERGY_PER_PULSE_MJ} mJ`,
          source: ENERGY_SOURCE,
        });
      }
      if (density > CURRENT_DENSITY_WARNING_MA_PER_CM2) {
        warnings.push({
          rule: 'current-density',
          where,
          message: `current density ${density.toFixed(2)} mA r.m.s./cm² over a ${smallestCm2} cm² electrode exceeds ${CURRENT_DENSITY_WARNING_MA_PER_CM2} mA/cm²: watch the skin under the electrode, or use a larger electrode`,
          source: DENSITY_SOURCE,
        });
      }
    });
  });
  return report();
}
