/** Force and fatigue under stimulation: the Ding 2003 / 2007 and Ben Hmed 2018 models, their calcium dynamics, the integrator and the pulse trains they are driven by. */
export * from './calcium.ts';
export * from './derivatives.ts';
export * from './model.ts';
export * from './programme-train.ts';
export * from './pulse-train.ts';
export * from './simulate.ts';
export * from './stepper.ts';
