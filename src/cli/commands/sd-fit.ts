import {
  fitStrengthDuration,
  type ModelFit,
  type StrengthDurationPoint,
} from '../../physiology/strength-duration/strength-duration.ts';
import { type Command, declareOptions } from '../command.ts';
import { optionalString, UsageError } from '../options.ts';

const FORMAT =
  'comma-separated WIDTH_MS:THRESHOLD_MA pairs, e.g. --points "0.1:24,0.3:12,1:7.8,10:6.2,100:6"';
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses "WIDTH_MS:THRESHOLD_MA,..." into points; throws UsageError naming the bad item and the format. */
export function parsePoints(raw: string): StrengthDurationPoint[] {
  const items = raw.split(',').map((item) => item.trim());
  return items.map((item, i) => {
    const parts = item.split(':').map((part) => part.trim());
    if (parts.length !== 2 || !NUMBER.test(parts[0] as string) || !NUMBER.test(parts[1] as string)) {
      throw new UsageError(
        `--points item ${i + 1} '${item}' is not WIDTH_MS:THRESHOLD_MA; expected ${FORMAT}`,
      );
    }
    return { widthMs: Number(parts[0]), thresholdMa: Number(parts[1]) };
  });
}

function describeFit(fit: ModelFit): string {
  const se = (value: number) => (Number.isFinite(value) ? ` ± ${value.toPrecision(2)}` : '');
  return (
    `${fit.model}: rheobase ${fit.rheobaseMa.toPrecision(4)}${se(fit.rheobaseStandardErrorMa)} mA, ` +
    `chronaxie ${fit.chronaxieMs.toPrecision(4)}${se(fit.chronaxieStandardErrorMs)} ms, ` +
    `RMS relative residual ${(100 * fit.goodnessOfFit.rmsRelativeResidual).toFixed(2)} %, ` +
    `R² (log) ${fit.goodnessOfFit.rSquaredLog.toFixed(4)}, AIC ${fit.goodnessOfFit.aic.toFixed(2)}`
  );
}

export const sdFitCommand: Command = {
  name: 'sd-fit',
  summary: 'Fit a strength–duration curve (Weiss and Lapicque): rheobase, chronaxie and innervation status.',
  usage: ['sd-fit --points "WIDTH_MS:THRESHOLD_MA,..." [--json]'],
  options: declareOptions(['points']),
  run(values) {
    const raw = optionalString(values, 'points');
    if (raw === undefined) throw new UsageError(`--points is required: ${FORMAT}`);
    const fit = fitStrengthDuration(parsePoints(raw));
    const json = {
      rheobaseMa: fit.rheobaseMa,
      chronaxieMs: fit.chronaxieMs,
      model: fit.model,
      goodnessOfFit: fit.goodnessOfFit,
      innervation: fit.innervation,
      innervationBasis: fit.innervationBasis,
      fits: fit.fits,
      kink: fit.kink,
      evidence: fit.evidence,
    };
    const text = [
      `rheobase ${fit.rheobaseMa.toPrecision(4)} mA, chronaxie ${fit.chronaxieMs.toPrecision(4)} ms (${fit.model})`,
      `innervation: ${fit.innervation} (from ${fit.innervationBasis === 'kink' ? 'the curve’s kink' : 'the chronaxie band'})`,
      describeFit(fit.fits.weiss),
      describeFit(fit.fits.lapicque),
      `kink: ${fit.kink.reason}`,
      'evidence:',
      ...fit.evidence.notes.map((note) => `  - ${note}`),
    ].join('\n');
    return { json, text };
  },
};
