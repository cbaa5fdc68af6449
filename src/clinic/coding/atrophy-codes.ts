/**
 * The atrophy code(s) for a site and side, including both sides.
 *
 * Bilateral rule, ICD-10-CM Official Guidelines for Coding and Reporting, section I.B.13
 * (Laterality): where a condition is bilateral and no bilateral code is provided, assign separate
 * codes for the left and the right side; where the side is not documented, the unspecified side.
 * The M62.5- subtree has no bilateral codes (6th character 1 right, 2 left, 9 unspecified; see
 * ./icd10cm-table.ts), so wasting of both thighs is M62.551 and M62.552. Sites coded without
 * laterality (back, other, multiple, unspecified) take their one code. The guideline text was read in
 * secondary copies quoting it (cco.community "Coffee with CCO 98"; ionhealthcarepulse.com on the
 * FY2017 I.B.13 clarification); the FY of the release quoted is not pinned.
 *
 * Muscles whose site needs a reason: gluteus maximus lies in the buttock, not the thigh. The M62.5
 * site axis of the Tabular List names shoulder, upper arm, forearm, hand, thigh, lower leg, ankle and
 * foot, back, other site and multiple sites; the M62.55- titles say "thigh" (medtrack-io/icd_code
 * codes_m62.ex; diseasedb.com M62.55) and no M62.5 code names the hip, buttock or gluteal region.
 * So gluteal atrophy is coded to "other site", M62.58. The Alphabetic Index line that would settle it
 * ("Atrophy, muscle, … specified site NEC M62.58"; "pelvic (disuse) N81.84" is pelvic-floor muscle,
 * which gluteal muscle is not) was not retrieved: UNCONFIRMED. WHO ICD-10's chapter XIII site code 5
 * "pelvic region and thigh" includes the buttock, but ICD-10-CM's M62.55- titles do not say so
 * (the WHO wording is from memory, UNCONFIRMED); re-check against the CDC Index before billing use.
 */
import { requireOneOf } from '../../shared/one-of.ts';
import { lookupMuscle } from '../anatomy/electrode-sites.ts';
import { codeForSite, type SiteCode, siteHasLaterality } from './icd10cm.ts';
import { BODY_SITES, type BodySite, SIDES } from './icd10cm-table.ts';

export const ATROPHY_SIDES = [...SIDES, 'bilateral'] as const;
export type AtrophySide = (typeof ATROPHY_SIDES)[number];

export const BILATERAL_RULE_SOURCE =
  'ICD-10-CM Official Guidelines for Coding and Reporting I.B.13 Laterality (secondary copies: cco.community; ionhealthcarepulse.com)';

export const GLUTEAL_CODING_BASIS =
  'Gluteal muscle is in the buttock; M62.5 names no hip, buttock or gluteal site and M62.55- is "thigh" (medtrack-io codes_m62.ex; diseasedb M62.55): coded M62.58 "other site". Index entry "specified site NEC M62.58" UNCONFIRMED (not retrieved).';

/** Why a muscle's site maps where it does, where that needs saying. */
const MUSCLE_SITE_BASIS: ReadonlyMap<string, string> = new Map([['gluteus-maximus', GLUTEAL_CODING_BASIS]]);

export interface AtrophyCoding {
  /** One code, or two (right then left) for a bilateral lateral site. */
  codes: SiteCode[];
  /** The rule applied, in a coder's words. */
  rule: string;
  source: string;
}

/** The M62.5- code(s) for wasting at a body site on one side, both sides, or an unspecified side. */
export function codeAtrophy(site: string, side: string): AtrophyCoding {
  const bodySite = requireOneOf('body site', site, BODY_SITES);
  const atrophySide = requireOneOf('side', side, ATROPHY_SIDES);
  if (atrophySide !== 'bilateral') {
    return {
      codes: [codeForSite(bodySite, atrophySide)],
      rule: 'one site, one side: the code carries the side where the site has laterality',
      source: 'ICD-10-CM Tabular List M62.5-',
    };
  }
  if (!siteHasLaterality(bodySite)) {
    return {
      codes: [codeForSite(bodySite, 'unspecified')],
      rule: `the ${bodySite} site is coded without laterality: one code covers both sides`,
      source: 'ICD-10-CM Tabular List M62.5-',
    };
  }
  return {
    codes: [codeForSite(bodySite, 'right'), codeForSite(bodySite, 'left')],
    rule: 'bilateral, and M62.5- has no bilateral code: code the right and the left side separately (I.B.13)',
    source: BILATERAL_RULE_SOURCE,
  };
}

/** The atrophy code(s) for a target muscle (./electrode-sites.ts) and side, with why its site maps where it does. */
export function codeMuscleAtrophy(muscleId: string, side: string): AtrophyCoding & { siteBasis?: string } {
  const muscle = lookupMuscle(muscleId);
  const coding = codeAtrophy(muscle.bodySite satisfies BodySite, side);
  const basis = MUSCLE_SITE_BASIS.get(muscle.id);
  return basis === undefined ? coding : { ...coding, siteBasis: basis };
}
