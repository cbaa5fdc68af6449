/**
 * Side-to-side limb circumference deficit at a stated landmark distance. The site must be stated as a
 * distance from a bony landmark, so that repeat measures are comparable (openEHR
 * body_segment_circumference.v1 example: calf 10 cm distal to the tibial tuberosity; thigh 10 cm
 * (medisavvy) or 15 cm (LaPrade clinic) proximal to the superior pole of the patella).
 *
 * Interpretation is weak: "> 3 cm asymmetry = atrophy" comes from a weak source (medisavvy,
 * UNCONFIRMED); in Krahn 2025 (IJSPT) the thigh difference averaged 2.53 ± 1.54 cm against a
 * quadriceps limb symmetry index of 66.9 %, correlating only moderately (r = 0.36).
 */
import { InvalidInputError, requireFiniteInRange } from '../../shared/invalid-input.ts';

export const CIRCUMFERENCE_LANDMARKS = {
  'superior-pole-of-patella': 'proximal',
  'tibial-tuberosity': 'distal',
  'lateral-malleolus': 'proximal',
  olecranon: 'proximal',
  acromion: 'distal',
  'ulnar-styloid': 'proximal',
} as const;
export type CircumferenceLandmark = keyof typeof CIRCUMFERENCE_LANDMARKS;

/** Weak-source threshold for a side difference that suggests atrophy (cm). UNCONFIRMED (medisavvy). */
export const ATROPHY_ASYMMETRY_FLAG_CM = 3;

export interface CircumferenceInput {
  affectedCm: number;
  unaffectedCm: number;
  landmark: CircumferenceLandmark;
  /** Distance from the landmark along the limb (cm), in the landmark's usual direction. */
  distanceCm: number;
}

export interface CircumferenceDeficit {
  /** Unaffected minus affected (cm): positive when the affected side is smaller. */
  deficitCm: number;
  /** Deficit as a percentage of the unaffected side. */
  deficitPct: number;
  site: string;
  /** Deficit above 3 cm (weak source, UNCONFIRMED threshold). */
  aboveAtrophyFlag: boolean;
  source: string;
}

export function circumferenceDeficit(input: CircumferenceInput): CircumferenceDeficit {
  const affected = requireFiniteInRange('affected circumference (cm)', input.affectedCm, 5, 150);
  const unaffected = requireFiniteInRange('unaffected circumference (cm)', input.unaffectedCm, 5, 150);
  const distance = requireFiniteInRange('landmark distance (cm)', input.distanceCm, 0, 50);
  // Own properties only: 'constructor' or '__proto__' is not a landmark.
  const direction =
    typeof input.landmark === 'string' && Object.hasOwn(CIRCUMFERENCE_LANDMARKS, input.landmark)
      ? CIRCUMFERENCE_LANDMARKS[input.landmark]
      : undefined;
  if (!direction) {
    throw new InvalidInputError(
      `unknown landmark '${input.landmark}'; allowed: ${Object.keys(CIRCUMFERENCE_LANDMARKS).join(', ')}`,
    );
  }
  const deficitCm = unaffected - affected;
  return {
    deficitCm,
    deficitPct: (deficitCm / unaffected) * 100,
    site: `${distance} cm ${direction} to the ${input.landmark.replaceAll('-', ' ')}`,
    aboveAtrophyFlag: deficitCm > ATROPHY_ASYMMETRY_FLAG_CM,
    source:
      'site convention: openEHR body_segment_circumference.v1; 3 cm flag: medisavvy (weak, UNCONFIRMED); Krahn 2025 IJSPT',
  };
}
