/** Safety: the output limits, device-settable values, the one programme gate and the red-flag pause. */
export * from './device-settings.ts';
export * from './output-safety.ts';
export * from './programme-gate.ts';
export * from './red-flag-pause.ts';
