import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/languages.ts';
import { REMINDER_WORDS, reminderMessage } from './reminder-message.ts';

describe('reminderMessage', () => {
  it('names the programme’s muscles in everyday words, each once', () => {
    expect(reminderMessage(['triceps-surae', 'triceps-surae'])).toEqual({
      title: 'Myotrophy',
      body: 'Time for your calf muscles stimulation session',
    });
    expect(reminderMessage(['quadriceps', 'hamstrings']).body).toBe(
      'Time for your front thigh muscles and back thigh muscles stimulation session',
    );
  });

  it('names no muscle when there is no programme', () => {
    expect(reminderMessage([]).body).toBe('Time for your stimulation session');
  });

  it('speaks the patient’s language, without English muscle names in another language', () => {
    expect(reminderMessage(['triceps-surae'], 'es').body).toBe('Es hora de su sesión de estimulación');
    expect(reminderMessage(['triceps-surae'], 'de').body).toBe('Zeit für Ihre Stimulationssitzung');
  });

  it('has every word in every language the app offers', () => {
    for (const language of LANGUAGES) {
      const words = REMINDER_WORDS[language];
      expect(words.session.length).toBeGreaterThan(0);
      expect(words.calendarEvent.length).toBeGreaterThan(0);
      expect(words.calendarName.length).toBeGreaterThan(0);
    }
    expect(new Set(LANGUAGES.map((l) => REMINDER_WORDS[l].session)).size).toBe(LANGUAGES.length);
  });
});
