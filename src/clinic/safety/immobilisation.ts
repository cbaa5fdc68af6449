/**
 * Which joints a recorded cast or brace holds, and when. A condition whose cause is a cast or a
 * brace, with the date it went on (`immobilisedFrom`) and, once known, the date it comes off
 * (`immobilisedTo`, the recorded removal date), holds the joints of the usual cast or brace at its
 * body site (../programme/exercise-programme.ts IMMOBILISER_PRESETS) from the first date until the
 * second. The gate reads this to keep moves of a held joint out of any exercise programme.
 */
import {
  IMMOBILISER_PRESETS,
  type Immobilisation,
  type ImmobiliserPreset,
  type Joint,
} from '../programme/exercise-programme.ts';

/**
 * The usual cast and brace at each ICD-10-CM body site (the planner's presets; a clinician who
 * records another device gives its joints to the planner). Sites with no entry (other, multiple,
 * unspecified) name no joint: the gate says so instead of guessing.
 */
export const IMMOBILISER_AT_SITE: Readonly<
  Record<string, { cast: ImmobiliserPreset; brace: ImmobiliserPreset }>
> = Object.freeze({
  'ankle-foot': { cast: 'below-knee-cast', brace: 'walking-boot' },
  'lower-leg': { cast: 'below-knee-cast', brace: 'walking-boot' },
  thigh: { cast: 'above-knee-cast', brace: 'knee-brace' },
  shoulder: { cast: 'shoulder-sling', brace: 'shoulder-sling' },
  'upper-arm': { cast: 'long-arm-cast', brace: 'long-arm-cast' },
  forearm: { cast: 'short-arm-cast', brace: 'short-arm-cast' },
  hand: { cast: 'short-arm-cast', brace: 'short-arm-cast' },
  'back-cervical': { cast: 'spinal-brace', brace: 'spinal-brace' },
  'back-thoracic': { cast: 'spinal-brace', brace: 'spinal-brace' },
  'back-lumbosacral': { cast: 'spinal-brace', brace: 'spinal-brace' },
  'back-unspecified': { cast: 'spinal-brace', brace: 'spinal-brace' },
});

/** A condition as the gate reads it for immobilisation (the fields a stored condition carries). */
export interface ImmobilisedCondition {
  cause?: string | null;
  site?: string | null;
  immobilisedFrom?: string | null;
  immobilisedTo?: string | null;
}

export interface HeldJoints {
  /** The device in words, e.g. 'below-knee cast'. */
  label: string;
  /** The joints it holds; empty when the site names none Myotrophy can check. */
  joints: Joint[];
  site: string;
  /** First held day (YYYY-MM-DD), or null when only the removal date is recorded. */
  from: string | null;
  /** The recorded removal date (YYYY-MM-DD), or null while it is not known (held until recorded). */
  until: string | null;
}

/** A condition that records a cast or brace (with a date), and the usual device at its site if known. */
function castOrBrace(
  c: ImmobilisedCondition | null,
): { cause: 'cast' | 'brace'; site: string; preset: ImmobiliserPreset | undefined } | null {
  if (c === null || typeof c !== 'object') return null;
  if (c.cause !== 'cast' && c.cause !== 'brace') return null;
  if (!c.immobilisedFrom && !c.immobilisedTo) return null;
  const site = typeof c.site === 'string' ? c.site : 'unspecified';
  const preset = Object.hasOwn(IMMOBILISER_AT_SITE, site) ? IMMOBILISER_AT_SITE[site]?.[c.cause] : undefined;
  return { cause: c.cause, site, preset };
}

/** The casts and braces a record's conditions describe (cause cast or brace with a date recorded). */
export function heldJointsOf(conditions: readonly ImmobilisedCondition[]): HeldJoints[] {
  const held: HeldJoints[] = [];
  for (const c of conditions) {
    const device = castOrBrace(c);
    if (device === null) continue;
    const { preset, site } = device;
    held.push({
      label: preset ? IMMOBILISER_PRESETS[preset].label : `${device.cause} at the ${site}`,
      joints: preset ? [...IMMOBILISER_PRESETS[preset].joints] : [],
      site,
      from: c.immobilisedFrom ?? null,
      until: c.immobilisedTo ?? null,
    });
  }
  return held;
}

/**
 * The casts and braces the exercise planner must respect when a programme starts on `startDate`
 * (YYYY-MM-DD): those recorded at a site whose usual device Myotrophy knows and not yet removed by
 * then. The planner then keeps moves of their joints out of every stage that starts before the
 * removal date, as the gate requires (`gateProgramme`, blocker immobilised-joint-moved).
 */
export function plannerImmobilisations(
  conditions: readonly ImmobilisedCondition[],
  startDate: string,
): Immobilisation[] {
  const worn: Immobilisation[] = [];
  for (const c of conditions) {
    const device = castOrBrace(c);
    if (device?.preset === undefined) continue;
    const removalDate = c.immobilisedTo ? c.immobilisedTo.slice(0, 10) : undefined;
    if (removalDate !== undefined && removalDate <= startDate) continue;
    worn.push({ device: device.preset, ...(removalDate !== undefined ? { removalDate } : {}) });
  }
  return worn;
}
