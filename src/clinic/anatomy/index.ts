/** Body sites, target muscles and electrode sites. */
export * from './electrode-sites.ts';
