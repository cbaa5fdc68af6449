/** Screening: contraindications per electrode site and red flags. */
export * from './contraindications.ts';
export * from './red-flags.ts';
