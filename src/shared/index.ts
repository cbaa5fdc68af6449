/** What every layer of Myotrophy shares: the error for bad input. */
export * from './invalid-input.ts';
