import type { Language } from '@core/shared/languages.ts';

/**
 * The locale numbers and dates are written in: British English keeps the day before the month and
 * the 24-hour clock the app has always shown.
 */
const FORMAT_LOCALES: Record<Language, string> = { en: 'en-GB', es: 'es', de: 'de' };
export const formatLocale = (language: Language): string => FORMAT_LOCALES[language];
