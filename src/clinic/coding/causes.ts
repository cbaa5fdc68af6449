/**
 * The causes of muscle atrophy that Myotrophy knows: each with its ICD-10-CM codes, its expected
 * course, and whether and how electrical stimulation fits. The key clinical fork is innervation:
 * conventional NMES (short pulses, 0.2–0.45 ms) excites the motor nerve, so it works only where the
 * lower motor neuron is intact; denervated muscle fibres need long pulses (tens of ms; RISE, Kern
 * 2010) and a strength–duration test to tell partial from complete denervation.
 *
 * The table is data, in ./causes.json; sources are named per cause there. Statements marked
 * UNCONFIRMED come from no primary source here.
 */
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { expandSharedText } from '../../shared/shared-text.ts';
import causeData from './causes.json' with { type: 'json' };

export const CAUSE_GROUPS = ['disuse', 'neurogenic', 'other'] as const;
export type CauseGroup = (typeof CAUSE_GROUPS)[number];

/** The state of the lower motor neuron supplying the wasted muscle, as the cause usually leaves it. */
export type CauseInnervation =
  | 'innervated'
  | 'denervated'
  /** Partly or wholly denervated, depending on the lesion: test strength–duration. */
  | 'variable';

/**
 * How stimulation fits: 'nmes' conventional NMES is a standard option; 'nmes-with-care' NMES with a
 * named precaution; 'denervated-protocol' long-pulse stimulation after a strength–duration test;
 * 'specialist' only with the treating specialist's agreement (evidence or safety unsettled).
 */
export type StimulationFit = 'nmes' | 'nmes-with-care' | 'denervated-protocol' | 'specialist';

export interface CauseCode {
  code: string;
  /** How the code is used alongside the atrophy code. */
  use: string;
}

export interface Cause {
  id: string;
  label: string;
  group: CauseGroup;
  codes: CauseCode[];
  /**
   * 'with-m62.5': code the atrophy M62.5- by site and side, plus the cause's code.
   * 'instead-of-m62.5': the cause's own code classifies the wasting (M62.5 Excludes1).
   */
  atrophyCoding: 'with-m62.5' | 'instead-of-m62.5';
  innervation: CauseInnervation;
  /** What usually happens to the muscle, with numbers where a study gives them. */
  expectedCourse: string;
  stimulation: { fit: StimulationFit; how: string };
  /** Where the facts above come from; 'UNCONFIRMED' marks a statement with no primary source here. */
  sources: string[];
}

const expandShared = (text: string) => expandSharedText(text, causeData.shared, 'causes.json');

/** The causes, read from causes.json (each names its sources there; shared texts are cited as `{name}`). */
export const CAUSES: readonly Cause[] = causeData.causes.map((cause) => ({
  ...cause,
  stimulation: { ...cause.stimulation, how: expandShared(cause.stimulation.how) },
  sources: cause.sources.map(expandShared),
})) as Cause[];

export const CAUSE_IDS: readonly string[] = CAUSES.map((c) => c.id);

/** The cause with this id; throws InvalidInputError naming the known ids. */
export function lookupCause(id: string): Cause {
  const cause = CAUSES.find((c) => c.id === id);
  if (!cause) throw new InvalidInputError(`unknown cause '${id}'; allowed: ${CAUSE_IDS.join(', ')}`);
  return cause;
}
