/** Programme generation: the planner, stimulation and exercise programmes, protein targets and the preview. */
export * from './exercise-programme.ts';
export * from './plan.ts';
export * from './preview.ts';
export * from './protein-target.ts';
export * from './stimulation-programme.ts';
export * from './stimulation-types.ts';
