/** Safety: the output limits, device-settable values and the one programme gate. */
export * from './device-settings.ts';
export * from './output-safety.ts';
export * from './programme-gate.ts';
