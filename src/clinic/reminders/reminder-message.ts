import type { Language } from '../../shared/languages.ts';
import { patientMuscle } from '../anatomy/patient-view.ts';

/**
 * What a reminder says to the patient, in plain words and in their language (docs/reminders.md):
 * the push a browser shows and the calendar's entries. The server writes these words, not the web
 * app, so they live here beside the message files' languages (src/shared/languages.ts); a new
 * language adds its line to REMINDER_WORDS, and the compiler refuses a language without one.
 *
 * The muscles of the patient's current programme are named in everyday English words; the muscle
 * catalogue has no Spanish or German names yet, so those reminders name no muscle rather than mix
 * languages.
 */
export interface ReminderMessage {
  title: string;
  body: string;
}

export const REMINDER_TITLE = 'Myotrophy';

interface ReminderWords {
  /** The push's text when no muscle is named. */
  session: string;
  /** The push's text naming the muscles, or null where the muscle names are not in this language. */
  sessionFor: ((muscles: string) => string) | null;
  /** The calendar's entries and their alert: a plain title, no health detail. */
  calendarEvent: string;
  calendarName: string;
}

export const REMINDER_WORDS: Record<Language, ReminderWords> = {
  en: {
    session: 'Time for your stimulation session',
    sessionFor: (muscles) => `Time for your ${muscles} stimulation session`,
    calendarEvent: 'Myotrophy session',
    calendarName: 'Myotrophy reminders',
  },
  es: {
    session: 'Es hora de su sesión de estimulación',
    sessionFor: null,
    calendarEvent: 'Sesión de Myotrophy',
    calendarName: 'Recordatorios de Myotrophy',
  },
  de: {
    session: 'Zeit für Ihre Stimulationssitzung',
    sessionFor: null,
    calendarEvent: 'Myotrophy-Sitzung',
    calendarName: 'Myotrophy-Erinnerungen',
  },
};

/** "Time for your calf muscles stimulation session"; muscles listed once each, in the order given. */
export function reminderMessage(muscleIds: readonly string[], language: Language = 'en'): ReminderMessage {
  const words = REMINDER_WORDS[language];
  const names = [...new Set(muscleIds.map((id) => patientMuscle(id).name))];
  const body = names.length > 0 && words.sessionFor ? words.sessionFor(names.join(' and ')) : words.session;
  return { title: REMINDER_TITLE, body };
}
