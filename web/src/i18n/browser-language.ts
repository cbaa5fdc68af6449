/**
 * Which language this browser shows: the patient's stored choice, else the first of the browser's
 * languages Myotrophy is written in ("es-MX" → es), else English. The language a patient last used
 * is kept on the device, so the app opens in it at the next start, offline too, before the server
 * has answered; the page's `lang` follows, for screen readers and hyphenation.
 */
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '@core/shared/languages.ts';
import { activateLanguage } from './i18n.ts';

const REMEMBERED = 'myotrophy-language';

export function negotiateLanguage(
  stored: string | null | undefined,
  browser: readonly string[] = navigator.languages,
): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/** The language last used on this device, if any. */
export function rememberedLanguage(): string | null {
  try {
    return localStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}

/** Shows the app in `language` and sets the page's `lang`; `remember` keeps it for the next start. */
export async function showLanguage(language: Language, remember = false): Promise<void> {
  await activateLanguage(language);
  if (remember) {
    try {
      localStorage.setItem(REMEMBERED, language);
    } catch {
      // A browser that keeps nothing still shows the language now.
    }
  }
  document.documentElement.lang = language;
}
