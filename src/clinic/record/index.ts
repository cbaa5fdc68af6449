/** The patient's record as the clinic sees it: one type per kind of record, declared once here. */
export * from './care-team.ts';
export * from './condition.ts';
export * from './correction.ts';
export * from './current-values.ts';
export * from './measurement.ts';
export * from './measurement-kinds.ts';
export * from './note.ts';
export * from './patient.ts';
export * from './patient-record.ts';
export * from './programme.ts';
export * from './screening.ts';
export * from './sd-test.ts';
export * from './session.ts';
