/**
 * Dynamometry limb symmetry index: involved / uninvolved × 100. Knee rehabilitation milestones use
 * ≥ 60 % then ≥ 80 % of the other side (TCD ACL rehabilitation group). Hand-held dynamometry of the
 * knee extensors: fixed (strapped) ICC 0.952–0.984 vs 0.940–0.963 unfixed (Kim 2014 Ann Rehabil Med
 * 38:84); in non-ambulatory inpatients MDC 24–29 % (Lee 2020 Ann Rehabil Med 44(6)).
 */
import { requireFiniteInRange } from '../../shared/invalid-input.ts';

export const LSI_MILESTONES_PCT = [60, 80] as const;

export interface LimbSymmetry {
  lsiPct: number;
  /** Highest milestone reached (60 or 80), or null. */
  milestonePct: 60 | 80 | null;
  source: string;
}

export function limbSymmetryIndex(involvedN: number, uninvolvedN: number): LimbSymmetry {
  const involved = requireFiniteInRange('involved-side force (N)', involvedN, 0, 10_000);
  const uninvolved = requireFiniteInRange('uninvolved-side force (N)', uninvolvedN, 0.1, 10_000);
  const lsiPct = (involved / uninvolved) * 100;
  return {
    lsiPct,
    milestonePct: lsiPct >= 80 ? 80 : lsiPct >= 60 ? 60 : null,
    source: 'TCD ACL rehabilitation group (60 % / 80 % milestones)',
  };
}
