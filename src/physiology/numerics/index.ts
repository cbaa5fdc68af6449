/** Numerical building blocks shared by the models: least squares and a seeded random generator. */
export * from './least-squares.ts';
export * from './seeded-random.ts';
