/**
 * Where electrodes go: the target muscles Myotrophy plans for, each with its electrode pair, its
 * body region (for contraindications and the output-safety placement rule), its ICD-10-CM body site
 * and its exercise region; and the regions where electrodes must never go.
 *
 * Placement follows usual NMES practice over the muscle belly and its motor point; the clinician
 * confirms it by palpating the contraction. Electrode sizes are Myotrophy's defaults (common
 * commercial self-adhesive sizes, 5 × 5 cm and 5 × 10 cm): a design choice, not a sourced value.
 * Denervated muscle uses large electrodes (Kern 2010 / RISE: "large electrodes", PMC7059583 Table 2);
 * the exact areas are UNCONFIRMED. Tibialis anterior's cathode is the proximal electrode: Pieber et al.
 * 2015 J NeuroEng Rehabil found the lowest thresholds that way. The muscles are data, in
 * ./electrode-sites.json.
 */

import type { TrajectoryMuscle } from '../../physiology/trajectory/parameters.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { BodySite } from '../coding/icd10cm-table.ts';
import siteData from './electrode-sites.json' with { type: 'json' };

/** Body regions that rules refer to. */
export const BODY_REGIONS = [
  'lower-limb',
  'upper-limb',
  'lumbar',
  'abdomen',
  'pelvis',
  'thorax',
  'upper-back',
  'head',
  'anterior-neck',
  'posterior-neck',
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];

/**
 * No electrode over these regions, and no current path across them: IEC 60601-2-10 instructions
 * for use (no stimulation across the head, on the eyes or mouth, on the front of the neck / carotid
 * sinus, or chest-to-upper-back / transcardiac; AS 60601.2.10:2018 IFU items d, e, h) and FDA-style
 * labelling (warnings: carotid sinus, neck/mouth, transthoracic, transcerebral).
 */
export const FORBIDDEN_REGIONS: readonly BodyRegion[] = ['thorax', 'head', 'anterior-neck'];
export const PLACEMENT_SOURCE =
  'IEC 60601-2-10:2012 IFU requirements (AS 60601.2.10:2018 text); FDA powered muscle stimulator labelling';

export const EXERCISE_REGIONS = [
  'lower-leg',
  'thigh',
  'hip',
  'shoulder-arm',
  'forearm-hand',
  'trunk',
] as const;
export type ExerciseRegion = (typeof EXERCISE_REGIONS)[number];

export interface ElectrodePosition {
  /** 'proximal' or 'distal' electrode of the pair. */
  position: 'proximal' | 'distal';
  landmark: string;
}

export interface MuscleSite {
  id: string;
  label: string;
  region: BodyRegion;
  /** The M62.5- body site for coding atrophy of this muscle. */
  bodySite: BodySite;
  exerciseRegion: ExerciseRegion;
  /** Both electrodes of the one channel, over this muscle on one side. */
  electrodes: [ElectrodePosition, ElectrodePosition];
  /** Electrode area for NMES of innervated muscle (cm², each electrode). */
  electrodeCm2: number;
  /** Electrode area for long-pulse stimulation of denervated muscle (cm², each electrode); UNCONFIRMED sizes. */
  largeElectrodeCm2: number;
  /** The muscle group the trajectory forecast models, where it has one. */
  forecastMuscle?: TrajectoryMuscle;
}

/** The target muscles, read from electrode-sites.json (sources: this file's comment). */
export const MUSCLE_SITES: readonly MuscleSite[] = siteData.muscles as MuscleSite[];

export const MUSCLE_IDS: readonly string[] = MUSCLE_SITES.map((m) => m.id);

/**
 * Regions with an electrode site that may appear in an edited programme but are never planned. A Map,
 * not a plain object: a site named 'constructor' or '__proto__' must not find a prototype property.
 */
const OTHER_SITES: ReadonlyMap<string, BodyRegion> = new Map<string, BodyRegion>([
  ['anterior-neck', 'anterior-neck'],
  ['posterior-neck', 'posterior-neck'],
  ['chest', 'thorax'],
  ['head', 'head'],
  ['abdomen', 'abdomen'],
  ['upper-back', 'upper-back'],
]);

/** Every electrode site id output safety and screening understand. */
export const ELECTRODE_SITE_IDS: readonly string[] = [...MUSCLE_IDS, ...OTHER_SITES.keys()];

export function lookupMuscle(id: string): MuscleSite {
  const muscle = MUSCLE_SITES.find((m) => m.id === id);
  if (!muscle) throw new InvalidInputError(`unknown muscle '${id}'; allowed: ${MUSCLE_IDS.join(', ')}`);
  return muscle;
}

/** The body region of an electrode site id; throws for an unknown id. */
export function regionOfSite(site: string): BodyRegion {
  const muscle = MUSCLE_SITES.find((m) => m.id === site);
  if (muscle) return muscle.region;
  const region = typeof site === 'string' ? OTHER_SITES.get(site) : undefined;
  if (region === undefined) {
    throw new InvalidInputError(
      `unknown electrode site '${site}'; allowed: ${ELECTRODE_SITE_IDS.join(', ')}`,
    );
  }
  return region;
}

/** Regions above the waist, where a left–right current path crosses the thorax. */
const UPPER_BODY: ReadonlySet<BodyRegion> = new Set(['upper-limb', 'thorax', 'upper-back', 'posterior-neck']);

export interface ElectrodeRef {
  site: string;
  side: 'left' | 'right';
}

/**
 * Why a channel's current path is not allowed, or null when it is: an electrode over a forbidden
 * region, a left–right path across the upper body (transthoracic), or a path between different sites.
 */
export function placementProblem(electrodes: readonly ElectrodeRef[]): string | null {
  for (const e of electrodes) {
    const region = regionOfSite(e.site);
    if (FORBIDDEN_REGIONS.includes(region)) {
      const what =
        region === 'thorax'
          ? 'on the thorax (risk of cardiac fibrillation)'
          : region === 'head'
            ? 'on the head (transcerebral)'
            : 'on the front of the neck / carotid sinus';
      return `electrode '${e.site}' is ${what}`;
    }
  }
  const [a, b] = electrodes;
  if (a && b) {
    const ra = regionOfSite(a.site);
    const rb = regionOfSite(b.site);
    if (a.side !== b.side && (UPPER_BODY.has(ra) || UPPER_BODY.has(rb))) {
      return `electrodes on the ${a.side} ${a.site} and the ${b.side} ${b.site} pass current across the thorax (transthoracic)`;
    }
    if (a.site !== b.site || a.side !== b.side) {
      return `both electrodes of a channel must lie over the same muscle on the same side; got ${a.side} ${a.site} and ${b.side} ${b.site}`;
    }
  }
  return null;
}
