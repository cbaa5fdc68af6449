/**
 * The languages a patient can read Myotrophy in: BCP 47 primary language subtags, English first (the
 * default, and the language every other is checked against). A new language is its message file in
 * web/src/i18n/messages/ and its code here; the API refuses any other code with this list.
 */
export const LANGUAGES = ['en', 'es', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in itself, as a chooser shows it (a reader finds their own language by its own name). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español', de: 'Deutsch' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
