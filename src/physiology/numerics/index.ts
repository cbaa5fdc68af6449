/** Numerical building blocks shared by the models: least squares, Butterworth zero-phase filtering and a seeded random generator. */
export * from './butterworth.ts';
export * from './least-squares.ts';
export * from './seeded-random.ts';
