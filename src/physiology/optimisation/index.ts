/** Choosing a stimulation pattern that reaches a force goal with the least fatigue. */
export * from './optimise.ts';
