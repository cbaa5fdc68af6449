import { patientMuscle } from '../anatomy/patient-view.ts';

/**
 * What a reminder says to the patient, in plain words (docs/reminders.md). The muscles named are
 * those of the patient's current programme, in everyday words; without one the reminder names none.
 */
export interface ReminderMessage {
  title: string;
  body: string;
}

export const REMINDER_TITLE = 'Myotrophy';

/** "Time for your calf muscles stimulation session"; muscles listed once each, in the order given. */
export function reminderMessage(muscleIds: readonly string[]): ReminderMessage {
  const names = [...new Set(muscleIds.map((id) => patientMuscle(id).name))];
  const what = names.length === 0 ? '' : `${names.join(' and ')} `;
  return { title: REMINDER_TITLE, body: `Time for your ${what}stimulation session` };
}
