/** What every layer of Myotrophy shares: the error for bad input, enumerated-input checks and device setting steps. */
export * from './device-steps.ts';
export * from './invalid-input.ts';
export * from './one-of.ts';
export * from './time-units.ts';
