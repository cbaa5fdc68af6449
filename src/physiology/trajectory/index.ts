/** Muscle size over time: the protein-turnover trajectory model, its calibration, the individual fit, forecasts and alerts. */
export * from './alerts.ts';
export * from './calibration.ts';
export * from './course.ts';
export * from './forecast.ts';
export * from './individual.ts';
export * from './measurement.ts';
export * from './muscle-turnover.ts';
export * from './parameters.ts';
export * from './population.ts';
export * from './studies.ts';
