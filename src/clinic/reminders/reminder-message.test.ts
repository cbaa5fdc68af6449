import { describe, expect, it } from 'vitest';
import { reminderMessage } from './reminder-message.ts';

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
});
