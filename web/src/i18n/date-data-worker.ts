/**
 * Runs in a worker at the app's start (see date-data.ts): a date, a time and a number formatter in
 * each of the app's languages, so the browser reads its date, time-zone and number data here rather
 * than in a task of the page's.
 */
import { LANGUAGES } from '@core/shared/languages.ts';
import { formatLocale } from './format-locales.ts';

const deviceTimeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
for (const language of LANGUAGES) {
  const locale = formatLocale(language);
  new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(0);
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: deviceTimeZone }).format(0);
  new Intl.NumberFormat(locale).format(1234.5);
}
postMessage('loaded');
