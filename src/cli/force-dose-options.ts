import { doseByEvokedForce, type ForceDose } from '../clinic/programme/force-dosing.ts';
import type { DraftProgramme } from '../clinic/programme/plan.ts';
import { declareOptions, type OptionValues } from './command.ts';
import { optionalNumber, optionalString, UsageError } from './options.ts';
import { readModelFile } from './train-options.ts';

/** `plan --identified FILE --mvc N`: the options, and the dose they give for a draft. */
export const FORCE_DOSE_OPTIONS = declareOptions(['identified', 'mvc']);

export const FORCE_DOSE_USAGE =
  '     [--mvc N] [--identified FILE (the JSON of `identify`, or a model): dose the current by evoked force]';

export function mvcFromOptions(values: OptionValues): number | undefined {
  return optionalNumber(values, 'mvc', { min: 1, max: 10_000, unit: 'N' });
}

/** The dose by evoked force when --identified is given (it needs --mvc), else undefined. */
export function forceDoseFromOptions(
  values: OptionValues,
  draft: DraftProgramme,
  toleratedMa: number | undefined,
): ForceDose | undefined {
  const file = optionalString(values, 'identified');
  if (file === undefined) return undefined;
  const mvcN = mvcFromOptions(values);
  if (mvcN === undefined) {
    throw new UsageError(
      "--identified needs --mvc N: the muscle's maximal voluntary force by dynamometry, in newtons",
    );
  }
  const model = readModelFile(
    'identified',
    file,
    'not valid JSON; expected the output of `myotrophy identify --json` or a force model',
  );
  return doseByEvokedForce({ draft, model, mvcN, ...(toleratedMa !== undefined ? { toleratedMa } : {}) });
}

export function forceDoseLines(dose: ForceDose): string[] {
  const setting = dose.basis === 'intensity' ? `${dose.intensityMa} mA` : `${dose.phaseWidthUs} µs per phase`;
  return [
    `dose by evoked force (${dose.model}, MVC ${dose.mvcN} N): ${setting} at ${dose.frequencyHz} Hz, ${dose.onS} s on / ${dose.offS} s off — ${dose.status}`,
    `  target ${dose.targetPercentMvc} % MVC (${dose.targetN.toFixed(0)} N); predicted first contraction ${dose.predicted.firstContractionN.toFixed(0)} N (${dose.predicted.firstPercentMvc.toFixed(0)} % MVC), last ${dose.predicted.lastContractionN.toFixed(0)} N${dose.predicted.endFraction === null ? '' : ` (${Math.round(100 * dose.predicted.endFraction)} % of the first; at least ${100 * dose.endFractionRequired} % required)`}`,
    `  predicted force per contraction (N): ${dose.predicted.perContractionN.map((f) => f.toFixed(0)).join(' ')}`,
    ...dose.notes.map((note) => `  note: ${note}`),
  ];
}
