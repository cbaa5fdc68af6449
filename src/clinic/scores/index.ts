/** Assessment scores: LEFS, PSFS, pain rating, MRC grade, limb symmetry, circumference deficit, change scores, sarcopenia. */
export * from './assessment-change.ts';
export * from './circumference-deficit.ts';
export * from './lefs.ts';
export * from './mrc-grade.ts';
export * from './pain-rating.ts';
export * from './psfs.ts';
export * from './sarcopenia.ts';
