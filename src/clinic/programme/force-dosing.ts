/**
 * Dosing by evoked force: with a person's identified force model and a dynamometry MVC, choose the
 * current (or, for a pulse-width model, the phase width) at which the model predicts that the first
 * contraction of the level-1 work block reaches the level's evoked-force target (% MVC), within the
 * block's ceiling (the output limits and any screening cap) and the current the patient tolerated;
 * then check that the predicted force at the end of the block stays above a stated fraction of the
 * first, lengthening the rest between contractions if it does not.
 *
 * Sources: evoked force as % MVC as the NMES dose, Maffiuletti et al. 2018 and Stevens-Lapsley 2012
 * (./evoked-force.ts); the force model, ../../physiology/force (Ding 2003/2007, Ben Hmed 2018).
 * The result is a draft: the programme it returns passes ../safety/output-safety.ts again and is
 * cleared for use only by ../safety/programme-gate.ts like any other.
 */
import { type ForceModel, validateForceModel } from '../../physiology/force/model.ts';
import { buildProgrammeTrain, type ProgrammeDescription } from '../../physiology/force/programme-train.ts';
import { simulateForce } from '../../physiology/force/simulate.ts';
import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import { checkOutputSafety, type OutputSafetyReport } from '../safety/output-safety.ts';
import type { DraftProgramme } from './plan.ts';
import { NMES_PHASE_WIDTH_US } from './stimulation-programme.ts';
import type { StimulationBlock, StimulationProgramme } from './stimulation-types.ts';

/**
 * The predicted peak of the block's last contraction must stay at or above this fraction of the
 * first: below it the last contractions no longer reach a training dose. Myotrophy's choice
 * (UNCONFIRMED: no source gives a threshold); fatiguing NMES protocols commonly stop at a 30–50 %
 * drop of evoked force, and 0.6 keeps the end of the session inside the target band's lower half.
 */
export const END_OF_SESSION_FORCE_FRACTION = 0.6;
/** Rests tried when the end-of-session force falls short: the planned rest × each factor. Design choice. */
export const REST_FACTORS = [1, 1.5, 2, 3] as const;
/** The bisection stops when the predicted first-contraction peak is within this fraction of the target. */
const TARGET_TOLERANCE = 0.002;

export type DoseBasis = 'intensity' | 'pulse-width';

export interface ForceDose {
  /** 'dosed': target reached and end-of-session force kept; otherwise what fell short. */
  status: 'dosed' | 'target-not-reachable' | 'end-force-below-fraction';
  basis: DoseBasis;
  model: string;
  mvcN: number;
  targetPercentMvc: number;
  targetN: number;
  maxPercentMvc: number;
  frequencyHz: number;
  phaseWidthUs: number;
  intensityMa?: number;
  onS: number;
  offS: number;
  /** The highest current this dose may use: the block's ceiling or the tolerated current, whichever is lower. */
  ceilingMa: number;
  predicted: {
    firstContractionN: number;
    firstPercentMvc: number;
    lastContractionN: number;
    /** Last contraction's peak over the first's; null when the model has no fatigue part. */
    endFraction: number | null;
    /** Peak force of every contraction of the block (N). */
    perContractionN: number[];
  };
  endFractionRequired: number;
  notes: string[];
  /** The draft's stimulation with the dose written into its level-1 work block. */
  programme: StimulationProgramme;
  safety: OutputSafetyReport;
}

export interface ForceDosingInput {
  draft: DraftProgramme;
  model: unknown;
  mvcN: number;
  /** Highest current the patient has tolerated (mA), when known. */
  toleratedMa?: number;
}

interface Setting {
  intensityMa?: number;
  phaseWidthUs: number;
  offS: number;
}

function describe(work: StimulationBlock, model: ForceModel, setting: Setting, repetitions: number) {
  const cycle = work.cycle as NonNullable<StimulationBlock['cycle']>;
  const description: ProgrammeDescription = {
    frequencyHz: work.frequencyHz,
    onS: cycle.onS,
    offS: setting.offS,
    repetitions,
    rampUpS: cycle.rampUpS,
    rampDownS: cycle.rampDownS,
  };
  if (model.pulseWidth) description.pulseWidthUs = setting.phaseWidthUs;
  if (model.pulseAmplitude) description.intensityMa = setting.intensityMa as number;
  return buildProgrammeTrain(description, model);
}

function contractionPeaks(
  work: StimulationBlock,
  model: ForceModel,
  setting: Setting,
  repetitions: number,
): number[] {
  const { train, contractionStartsS, endS } = describe(work, model, setting, repetitions);
  return simulateForce(model, train, { contractionStartsS, endS }).contractions.map((c) => c.peakForceN);
}

export function doseByEvokedForce(input: ForceDosingInput): ForceDose {
  const model = validateForceModel(input.model);
  const mvcN = requireFiniteInRange('MVC (N)', input.mvcN, 1, 10_000);
  const stim = input.draft.stimulation;
  if (stim.kind !== 'nmes') {
    throw new InvalidInputError(
      'dosing by evoked force needs an NMES programme: the force models describe innervated muscle, not denervated fibres',
    );
  }
  const level = stim.levels[0];
  const work = level?.blocks.find((b) => b.kind === 'work');
  if (!level || !work?.cycle)
    throw new InvalidInputError('the programme has no level-1 work block with contractions to dose');
  const target = level.evokedForceTarget;
  if (!target) throw new InvalidInputError('the programme names no evoked-force target for level 1');
  const basis: DoseBasis | undefined = model.pulseAmplitude
    ? 'intensity'
    : model.pulseWidth
      ? 'pulse-width'
      : undefined;
  if (!basis) {
    throw new InvalidInputError(
      `model ${model.id} predicts the same force at every current and pulse width, so it cannot choose a dose: identify a pulse-amplitude model (hmed2018) from recordings at several intensities, or a pulse-width model (ding2007) at several widths`,
    );
  }
  const ceilingMa = Math.min(work.maxIntensityMa, input.toleratedMa ?? Number.POSITIVE_INFINITY);
  if (input.toleratedMa !== undefined)
    requireFiniteInRange('tolerated current (mA)', input.toleratedMa, 1, 1000);
  const targetN = (mvcN * target.minPercentMvc) / 100;
  const maxN = (mvcN * target.maxPercentMvc) / 100;
  const notes: string[] = [];

  // Bisection on the titrated setting for the first contraction's peak (monotone in both).
  const low = basis === 'intensity' ? 0 : NMES_PHASE_WIDTH_US.min;
  const high = basis === 'intensity' ? ceilingMa : NMES_PHASE_WIDTH_US.max;
  const settingAt = (x: number): Setting =>
    basis === 'intensity'
      ? { intensityMa: x, phaseWidthUs: work.phaseWidthUs, offS: work.cycle?.offS as number }
      : { phaseWidthUs: x, offS: work.cycle?.offS as number };
  const firstPeak = (x: number) => contractionPeaks(work, model, settingAt(x), 1)[0] ?? 0;
  let status: ForceDose['status'] = 'dosed';
  let chosen = high;
  const atHigh = firstPeak(high);
  if (atHigh < targetN) {
    status = 'target-not-reachable';
    notes.push(
      `At the highest ${basis === 'intensity' ? `current allowed (${high} mA${input.toleratedMa !== undefined && input.toleratedMa < work.maxIntensityMa ? ', the tolerated current' : ', the block ceiling'})` : `phase width (${high} µs)`} the model predicts ${atHigh.toFixed(0)} N (${((100 * atHigh) / mvcN).toFixed(0)} % MVC), below the target of ${target.minPercentMvc} % MVC (${targetN.toFixed(0)} N).`,
    );
  } else {
    let a = low;
    let b = high;
    for (let i = 0; i < 60 && b - a > 1e-6 * high; i += 1) {
      const mid = (a + b) / 2;
      const peak = firstPeak(mid);
      if (Math.abs(peak / targetN - 1) < TARGET_TOLERANCE) {
        a = mid;
        b = mid;
        break;
      }
      if (peak < targetN) a = mid;
      else b = mid;
    }
    chosen = b;
  }
  // Devices are set in whole mA and whole µs: round up so the target is still reached, within the ceiling.
  chosen = Math.min(high, Math.ceil(chosen - 1e-9));

  const cycle = work.cycle;
  const repetitionsFor = (offS: number) => Math.max(1, Math.floor((work.minutes * 60) / (cycle.onS + offS)));
  let setting = settingAt(chosen);
  let peaks = contractionPeaks(work, model, setting, repetitionsFor(setting.offS));
  const fraction = (p: number[]) => (p.at(-1) ?? 0) / (p[0] ?? 1);
  let endFraction: number | null = model.fatigue ? fraction(peaks) : null;
  if (!model.fatigue) {
    notes.push(
      `Model ${model.id} has no fatigue part: the end-of-session force is not predicted. Identify the fatigue coefficients from a recording of at least 30 s of repeated trains.`,
    );
  } else if ((endFraction as number) < END_OF_SESSION_FORCE_FRACTION) {
    for (const factor of REST_FACTORS.slice(1)) {
      const offS = Math.round(cycle.offS * factor);
      const candidate = { ...setting, offS };
      const candidatePeaks = contractionPeaks(work, model, candidate, repetitionsFor(offS));
      setting = candidate;
      peaks = candidatePeaks;
      endFraction = fraction(candidatePeaks);
      if (endFraction >= END_OF_SESSION_FORCE_FRACTION) break;
    }
    if (setting.offS !== cycle.offS) {
      notes.push(
        `The rest was lengthened from ${cycle.offS} s to ${setting.offS} s so the last contraction keeps ${Math.round(100 * (endFraction as number))} % of the first.`,
      );
    }
    if ((endFraction as number) < END_OF_SESSION_FORCE_FRACTION && status === 'dosed') {
      status = 'end-force-below-fraction';
      notes.push(
        `Even with ${setting.offS} s of rest the model predicts the last contraction at ${Math.round(100 * (endFraction as number))} % of the first (required ${100 * END_OF_SESSION_FORCE_FRACTION} %): shorten the block or lower the target.`,
      );
    }
  }
  const first = peaks[0] ?? 0;
  if (first > maxN) {
    notes.push(
      `The first contraction is predicted at ${((100 * first) / mvcN).toFixed(0)} % MVC, above the level's cap of ${target.maxPercentMvc} %.`,
    );
  }

  const programme = structuredClone(stim);
  const dosedWork = programme.levels[0]?.blocks.find((b) => b.kind === 'work') as StimulationBlock;
  const dosedCycle = dosedWork.cycle as NonNullable<StimulationBlock['cycle']>;
  dosedCycle.offS = setting.offS;
  const predictedWords = `predicted ${first.toFixed(0)} N = ${((100 * first) / mvcN).toFixed(0)} % MVC on the first contraction (model ${model.id})`;
  if (basis === 'intensity') {
    dosedWork.intensityTarget = `start at ${setting.intensityMa} mA: ${predictedWords}; titrate to ${target.minPercentMvc}–${target.maxPercentMvc} % MVC, never above ${dosedWork.maxIntensityMa} mA`;
  } else {
    dosedWork.phaseWidthUs = setting.phaseWidthUs;
    programme.pulseWidth = {
      ...programme.pulseWidth,
      phaseWidthUs: setting.phaseWidthUs,
      rule: `${setting.phaseWidthUs} µs per phase chosen by evoked force: ${predictedWords}`,
    };
    dosedWork.intensityTarget = `${dosedWork.intensityTarget}; at ${setting.phaseWidthUs} µs, ${predictedWords}`;
  }
  const safety = checkOutputSafety(programme);
  if (!safety.ok) {
    throw new InvalidInputError(
      `the dose chosen by evoked force would break an output limit: ${safety.violations.map((v) => v.message).join('; ')}`,
    );
  }
  const dose: ForceDose = {
    status,
    basis,
    model: model.id,
    mvcN,
    targetPercentMvc: target.minPercentMvc,
    targetN,
    maxPercentMvc: target.maxPercentMvc,
    frequencyHz: work.frequencyHz,
    phaseWidthUs: setting.phaseWidthUs,
    onS: cycle.onS,
    offS: setting.offS,
    ceilingMa,
    predicted: {
      firstContractionN: first,
      firstPercentMvc: (100 * first) / mvcN,
      lastContractionN: peaks.at(-1) ?? 0,
      endFraction,
      perContractionN: peaks,
    },
    endFractionRequired: END_OF_SESSION_FORCE_FRACTION,
    notes,
    programme,
    safety,
  };
  if (setting.intensityMa !== undefined) dose.intensityMa = setting.intensityMa;
  return dose;
}
