/** Identifying a person's force-model parameters (and fatigue parameters) from a force recording. */

export * from './identify.ts';
export * from './identify-fatigue.ts';
