import { api } from '../api.ts';
import { useAction, useGet } from '../hooks.ts';
import type { ReminderView } from './reminders.tsx';
import { Section, Status } from './section.tsx';

/** The clinician turns the patient's reminders on or off; the patient then chooses days and times. */
export function RemindersSwitch({ patientId }: { patientId: string }) {
  const path = `/api/patients/${patientId}/reminders`;
  const loaded = useGet<ReminderView>(path);
  const toggle = useAction();
  const on = loaded.data?.clinicEnabled ?? false;
  const flip = () =>
    toggle.run(async () => {
      await api('PUT', `${path}/clinic`, { enabled: !on });
      loaded.reload();
    });
  return (
    <Section id="reminders" title="Reminders">
      <Status loading={loaded.loading} error={loaded.error ?? toggle.error} what="reminders" />
      {loaded.data ? (
        <label className="inline">
          <input
            type="checkbox"
            role="switch"
            aria-checked={on}
            checked={on}
            onChange={flip}
            disabled={toggle.busy}
          />
          Reminders on for this patient
          {on && loaded.data.times.length > 0
            ? ` (${loaded.data.weekdays.join(', ')} at ${loaded.data.times.join(', ')}, ${loaded.data.timeZone})`
            : ''}
        </label>
      ) : null}
    </Section>
  );
}
