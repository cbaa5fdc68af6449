/** Who the patient is, as far as the models need it: a plausible birth date. */
export * from './birth-date.ts';
