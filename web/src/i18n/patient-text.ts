/**
 * The core's sentences for a patient (a message key and its values, src/clinic/words/patient-text.ts)
 * in the active language: each nested sentence is worded first, numbers go to the message, which
 * formats and pluralises them in the patient's locale.
 */
import type { PatientText, PatientTextValue } from '@core/clinic/words/patient-text.ts';
import { type MessageValues, t } from './i18n.ts';

/** A core sentence (or a name as written) in the active language. */
export function say(text: PatientText | string): string {
  if (typeof text === 'string') return text;
  const values: MessageValues = {};
  for (const [name, value] of Object.entries(text.values ?? {})) values[name] = valueWords(value);
  // The core's key is typed as a key of the English catalogue here (and the catalogue test holds the
  // other languages to English's keys): a core sentence without its message fails to compile.
  return t(text.key, values);
}

function valueWords(value: PatientTextValue): string | number {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(say).join(', ');
  return say(value as PatientText);
}

/** Sentences one after another, as one paragraph. */
export function sayAll(texts: readonly PatientText[]): string {
  return texts.map(say).join(' ');
}
