/**
 * The bounds on stimulation settings that Myotrophy accepts as input, in one place with their
 * sources. They bound what may be typed, simulated or searched; whether a programme may reach a
 * patient is decided by the safety gate and the output limits (src/clinic/safety/), never by these.
 */
export interface SettingBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * The highest peak current (mA) any setting may ask for: ±250 mA, the output of the stimulators the
 * RISE protocol for denervated muscle used, the most any surface stimulator in the sources delivers
 * (Kern et al. 2010, Neurorehabil Neural Repair; PMC7059583 Table 2).
 */
export const MAX_STIMULATOR_CURRENT_MA = 250;

/**
 * One work block as a clinician edits and simulates it (the programme editor, the simulate-session
 * route). 1–100 Hz spans the frequencies used for NMES (8–100 Hz in ICU trials, Maffiuletti 2013
 * Crit Care); 50–1000 µs per phase spans the widths of surface NMES (250–400 µs in Nussbaum 2017
 * Physiother Can, 200–450 µs in the planner) with room either side. The outer edges are Myotrophy's
 * choice (UNCONFIRMED).
 */
export const WORK_BLOCK_BOUNDS = {
  frequencyHz: { min: 1, max: 100 },
  phaseWidthUs: { min: 50, max: 1000 },
  maxIntensityMa: { min: 1, max: MAX_STIMULATOR_CURRENT_MA },
} as const satisfies Record<string, SettingBounds>;

/**
 * The widest ranges an optimisation may be asked to search: up to twice the NMES frequency span
 * (200 Hz), 10–2000 µs (from below the shortest phase a stimulator sets, 20 µs in the RehaStim2
 * manual, to past the 600 µs the Ding 2007 width model was fitted on), and the stimulator's current.
 * Myotrophy's choice (UNCONFIRMED): they only keep a search physical; the clinical defaults inside
 * them are sourced in src/physiology/optimisation/optimise.ts.
 */
export const OPTIMISATION_LIMITS = {
  frequencyHz: { min: 1, max: 200 },
  pulseWidthUs: { min: 10, max: 2000 },
  intensityMa: { min: 1, max: MAX_STIMULATOR_CURRENT_MA },
} as const satisfies Record<string, SettingBounds>;

export const STIMULATION_BOUNDS_SOURCE =
  'Kern et al. 2010 / RISE (250 mA); Maffiuletti 2013 (8–100 Hz); Nussbaum 2017 (250–400 µs); outer edges Myotrophy choice (UNCONFIRMED)';
