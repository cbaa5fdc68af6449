/** Output safety: the limits a stimulation programme must stay within. */
export * from './output-safety.ts';
