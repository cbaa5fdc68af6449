/** Words for patients: programmes, exercises and sessions in plain language, and the check for developer text. */
export * from './developer-text.ts';
export * from './patient-words.ts';
