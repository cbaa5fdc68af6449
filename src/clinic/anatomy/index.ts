/** Body sites, target muscles and electrode sites, and how a patient sees the muscles. */
export * from './electrode-sites.ts';
export * from './patient-view.ts';
