/**
 * Change since the last assessment, judged against the minimal detectable change (MDC): a change
 * smaller than the MDC cannot be told from measurement error. MDCs with sources: LEFS 9 points
 * (Binkley 1999; MCID also 9); hand-held dynamometry of the knee extensors 29 % of the previous value
 * (upper end of 24–29 %, Lee 2020 Ann Rehabil Med 44(6)). No MDC is sourced for limb circumference or
 * the MRC sum score (UNCONFIRMED): pass one, or the change is reported without a verdict.
 */
import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';
import { LEFS_MCID, LEFS_MDC } from './lefs.ts';

export const KNOWN_MDC = {
  lefs: {
    mdc: LEFS_MDC,
    relative: false,
    mcid: LEFS_MCID,
    higherIsBetter: true,
    source: 'Binkley et al. 1999 Phys Ther 79:371',
  },
  'dynamometry-knee-extension': {
    mdc: 29,
    relative: true,
    mcid: undefined,
    higherIsBetter: true,
    source: 'Lee 2020 Ann Rehabil Med 44(6): MDC 24–29 % (upper end used)',
  },
} as const;
export type KnownMeasure = keyof typeof KNOWN_MDC;

export interface ChangeInput {
  previous: number;
  current: number;
  /** A measure with a sourced MDC, or a custom MDC. */
  measure?: KnownMeasure;
  mdc?: number;
  /** MDC given as % of the previous value. */
  mdcRelative?: boolean;
  higherIsBetter?: boolean;
}

export interface AssessmentChange {
  change: number;
  changePct: number | null;
  mdc: number | null;
  exceedsMdc: boolean | null;
  direction: 'improved' | 'worsened' | 'within-measurement-error' | 'no-verdict';
  /** At or above the minimal clinically important difference, where one is sourced. */
  clinicallyImportant?: boolean;
  source: string;
}

export function assessmentChange(input: ChangeInput): AssessmentChange {
  const previous = requireFiniteInRange('previous value', input.previous, -1e6, 1e6);
  const current = requireFiniteInRange('current value', input.current, -1e6, 1e6);
  // Own properties only: 'constructor' or '__proto__' is not a measure.
  const known =
    typeof input.measure === 'string' && Object.hasOwn(KNOWN_MDC, input.measure)
      ? KNOWN_MDC[input.measure]
      : undefined;
  if (input.measure !== undefined && !known) {
    throw new InvalidInputError(
      `unknown measure '${input.measure}'; allowed: ${Object.keys(KNOWN_MDC).join(', ')}`,
    );
  }
  const change = current - previous;
  const changePct = previous === 0 ? null : (change / Math.abs(previous)) * 100;
  const mdc = input.mdc ?? known?.mdc ?? null;
  const relative = input.mdcRelative ?? known?.relative ?? false;
  const higherIsBetter = input.higherIsBetter ?? known?.higherIsBetter ?? true;
  const source =
    known?.source ?? (input.mdc !== undefined ? 'MDC given by the caller' : 'no MDC sourced (UNCONFIRMED)');
  if (mdc === null) return { change, changePct, mdc, exceedsMdc: null, direction: 'no-verdict', source };
  requireFiniteInRange('MDC', mdc, 0, 1e6);
  const size = relative
    ? changePct === null
      ? Number.POSITIVE_INFINITY
      : Math.abs(changePct)
    : Math.abs(change);
  const exceedsMdc = size >= mdc;
  const better = higherIsBetter ? change > 0 : change < 0;
  const result: AssessmentChange = {
    change,
    changePct,
    mdc,
    exceedsMdc,
    direction: !exceedsMdc ? 'within-measurement-error' : better ? 'improved' : 'worsened',
    source,
  };
  if (known?.mcid !== undefined) result.clinicallyImportant = Math.abs(change) >= known.mcid;
  return result;
}
