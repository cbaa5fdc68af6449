/** Diagnosis coding: ICD-10-CM for muscle atrophy by site and side, and the causes with their own codes. */
export * from './atrophy-codes.ts';
export * from './causes.ts';
export * from './code-condition.ts';
export * from './icd10cm.ts';
export * from './icd10cm-table.ts';
