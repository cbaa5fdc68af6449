/** Programme generation: the planner, stimulation and exercise programmes, protein targets, the preview, and the designer's first suggestions. */
export * from './exercise-load.ts';
export * from './exercise-programme.ts';
export * from './plan.ts';
export * from './preview.ts';
export * from './protein-target.ts';
export * from './stimulation-programme.ts';
export * from './stimulation-types.ts';
export * from './suggestions.ts';
