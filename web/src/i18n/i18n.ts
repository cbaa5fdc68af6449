/**
 * The patient's language: which words the app shows, and numbers, dates and plurals in that
 * language's way. Messages are ICU MessageFormat, one file per language in ./messages/, compiled at
 * build time (scripts/compiled-messages.ts) for the small @lingui/core runtime. English is in the
 * first load; another language's file is fetched only when that language is chosen. Choosing the
 * language for this browser (stored choice, browser, English) is ./browser-language.ts.
 */
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@core/shared/languages.ts';
import { i18n, type Messages } from '@lingui/core';
import { useSyncExternalStore } from 'react';
import { formatLocale } from './format-locales.ts';
import english from './messages/en.json' with { type: 'json' };

export type MessageKey = keyof typeof english;
export type MessageValues = Record<string, string | number>;

// Typed by language: a language added to src/shared/languages.ts without its file fails to compile.
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: unknown }>> = {
  es: () => import('./messages/es.json'),
  de: () => import('./messages/de.json'),
};

// The compiled catalogue (the build compiles the JSON file's messages into tokens).
i18n.load('en', english as unknown as Messages);
i18n.activate('en');
const loaded = new Set<Language>(['en']);

/** Loads `language`'s messages when needed, then switches every component to it. */
export async function activateLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !loaded.has(language)) {
    const messages = (await LOADERS[language]()).default as Messages;
    i18n.load(language, messages);
    loaded.add(language);
  }
  if (i18n.locale !== language) i18n.activate(language);
}

/** The active language. */
export function currentLanguage(): Language {
  return isLanguage(i18n.locale) ? i18n.locale : DEFAULT_LANGUAGE;
}

/** Words that begin a sentence or a label: "calf muscles" → "Calf muscles". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A message in the active language, for code outside components (e.g. the words of a failed request). */
export function t(key: MessageKey, values?: MessageValues): string {
  return i18n._(key, values);
}

const subscribe = (changed: () => void) => i18n.on('change', changed);

/**
 * A component's words, numbers and dates in the active language; it draws again when the language
 * changes. Dates are shown in `timeZone` (the patient's own), so "today" is their day.
 */
export function useI18n() {
  // The third argument lets a component be rendered to HTML outside the browser (the words tests).
  const language = useSyncExternalStore(subscribe, currentLanguage, currentLanguage);
  return { language, locale: formatLocale(language), t, ...formatsFor(language) };
}

/**
 * Formatters made once per language, style and time zone: the browser's formatter is costly to
 * build, and a page of sessions writes hundreds of dates.
 */
const madeFormats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function made<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = madeFormats.get(key) as F | undefined;
  if (!format) {
    format = make();
    madeFormats.set(key, format);
  }
  return format;
}

/** Number and date formats of a language (Intl, with the language's own separators and names). */
export function formatsFor(language: Language) {
  const locale = formatLocale(language);
  return {
    formatNumber: (value: number, digits = 0) =>
      made(
        `${locale} number ${digits}`,
        () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }),
      ).format(value),
    /** Always `digits` decimals ("2,0"), so a clinician's column of figures reads at one precision. */
    formatDecimal: (value: number, digits: number) =>
      made(
        `${locale} decimal ${digits}`,
        () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
      ).format(value),
    /** "domingo, 6 de diciembre" */
    formatDay: (at: string | Date, timeZone: string) =>
      made(
        `${locale} day ${timeZone}`,
        () => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone }),
      ).format(instant(at)),
    /** "6 dic 2026": a day written YYYY-MM-DD is that calendar day wherever the reader is. */
    formatDate: (at: string | Date, timeZone = 'UTC') =>
      made(
        `${locale} date ${timeZone}`,
        () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone }),
      ).format(instant(at)),
    /** "10:05" */
    formatTime: (at: string | Date, timeZone: string) =>
      made(
        `${locale} time ${timeZone}`,
        () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }),
      ).format(instant(at)),
  };
}

/**
 * Makes the active language's date formatter, kept for the dates the page writes: where the browser
 * has no workers, this is the task that loads its date data (date-data.ts), away from the one that
 * draws the page.
 */
export function warmDateFormats(): void {
  formatsFor(currentLanguage()).formatDate(new Date());
}

function instant(at: string | Date): Date {
  if (at instanceof Date) return at;
  return new Date(at.length === 10 ? `${at}T00:00:00Z` : at);
}
