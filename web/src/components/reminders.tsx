import { REMINDER_WEEKDAYS, type ReminderWeekday } from '@core/clinic/reminders/reminder-plan.ts';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useAction, useGet } from '../hooks.ts';
import { FormFooter, Section, Status } from './section.tsx';

/**
 * The patient's reminders (docs/reminders.md): which days and times, reminders in this browser
 * (Web Push through the offline worker), and a link for the phone's calendar. The words are kept
 * here in one object, keyed as the message catalogues will name them (reminders.*).
 */
const WORDS = {
  'reminders.heading': 'Reminders',
  'reminders.off': 'Your clinic has not turned reminders on for you yet.',
  'reminders.days': 'Remind me on',
  'reminders.times': 'At',
  'reminders.addTime': 'Add a time',
  'reminders.removeTime': 'Remove',
  'reminders.save': 'Save reminders',
  'reminders.saving': 'Saving…',
  'reminders.saved': 'Reminders saved.',
  'reminders.browser': 'Send reminders to this browser',
  'reminders.browserOn': 'This browser gets your reminders.',
  'reminders.browserStop': 'Stop reminders in this browser',
  'reminders.browserNotSupported': 'This browser cannot show reminders. Use the calendar link instead.',
  'reminders.browserDenied': 'Notifications are blocked for this site. Allow them in the browser settings.',
  'reminders.calendar': "Add to my phone's calendar",
  'reminders.calendarHelp':
    "Add this link to your phone's calendar as a subscribed calendar. Keep it private.",
  'reminders.calendarOn': 'A calendar link is in use.',
  'reminders.calendarNew': 'Make a new link',
  'reminders.copy': 'Copy link',
  'reminders.copied': 'Link copied.',
  'reminders.calendarStop': 'Stop this link',
  'reminders.timeZone': 'Times are on your own clock',
} as const;

const DAY_NAMES: Record<ReminderWeekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export interface ReminderView {
  clinicEnabled: boolean;
  weekdays: ReminderWeekday[];
  times: string[];
  timeZone: string;
  push: { publicKey: string; browsers: string[] };
  calendar: { active: boolean; createdAt: string | null };
}

/** The browser's subscription to this server's pushes, made through the offline worker. */
async function subscribeThisBrowser(publicKey: string): Promise<PushSubscriptionJSON> {
  const registration = await navigator.serviceWorker.ready;
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key,
  });
  return subscription.toJSON();
}

async function thisBrowserEndpoint(): Promise<string | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription())?.endpoint ?? null;
}

export function Reminders({ patientId }: { patientId: string }) {
  const path = `/api/patients/${patientId}/reminders`;
  const loaded = useGet<ReminderView>(path);
  const save = useAction();
  const browser = useAction();
  const calendar = useAction();
  const [calendarUrl, setCalendarUrl] = useState<string>();
  const [times, setTimes] = useState<string[]>();
  const [days, setDays] = useState<ReminderWeekday[]>();
  const [browserMessage, setBrowserMessage] = useState<string>();
  const view = loaded.data;
  const shownTimes = times ?? view?.times ?? [];
  const shownDays = days ?? view?.weekdays ?? [];
  const pushSupported =
    typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await save.run(async () => {
      await api('PUT', path, { weekdays: shownDays, times: shownTimes.filter(Boolean) });
      loaded.reload();
    }, WORDS['reminders.saved']);
  };

  const startBrowser = () =>
    browser.run(async () => {
      if (!view) return;
      if ((await Notification.requestPermission()) !== 'granted') {
        setBrowserMessage(WORDS['reminders.browserDenied']);
        return;
      }
      const subscription = await subscribeThisBrowser(view.push.publicKey);
      await api('POST', `${path}/push-subscriptions`, {
        endpoint: subscription.endpoint,
        keys: subscription.keys,
      });
      setBrowserMessage(WORDS['reminders.browserOn']);
      loaded.reload();
    });

  const stopBrowser = () =>
    browser.run(async () => {
      const endpoint = await thisBrowserEndpoint();
      if (!endpoint) return;
      await api('DELETE', `${path}/push-subscriptions`, { endpoint });
      const registration = await navigator.serviceWorker.getRegistration();
      await (await registration?.pushManager.getSubscription())?.unsubscribe();
      setBrowserMessage(undefined);
      loaded.reload();
    });

  const makeLink = () =>
    calendar.run(async () => {
      const made = await api<{ calendarUrl: string }>('POST', `${path}/calendar-link`);
      setCalendarUrl(made.calendarUrl);
      loaded.reload();
    });
  const stopLink = () =>
    calendar.run(async () => {
      await api('DELETE', `${path}/calendar-link`);
      setCalendarUrl(undefined);
      loaded.reload();
    });
  const copyLink = () =>
    calendar.run(async () => {
      if (calendarUrl) await navigator.clipboard.writeText(calendarUrl);
    }, WORDS['reminders.copied']);

  return (
    <Section id="reminders" title={WORDS['reminders.heading']}>
      <Status loading={loaded.loading} error={loaded.error} what="reminders" />
      {view && !view.clinicEnabled ? <p>{WORDS['reminders.off']}</p> : null}
      {view?.clinicEnabled ? (
        <>
          <form onSubmit={submit} aria-label={WORDS['reminders.heading']}>
            <fieldset>
              <legend>{WORDS['reminders.days']}</legend>
              {REMINDER_WEEKDAYS.map((day) => (
                <label key={day} className="inline">
                  <input
                    type="checkbox"
                    name="weekday"
                    checked={shownDays.includes(day)}
                    onChange={(e) =>
                      setDays(e.target.checked ? [...shownDays, day] : shownDays.filter((d) => d !== day))
                    }
                  />
                  {DAY_NAMES[day]}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>
                {WORDS['reminders.times']} ({WORDS['reminders.timeZone']})
              </legend>
              {shownTimes.map((time, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the times are edited in place by position
                <div key={i}>
                  <input
                    type="time"
                    aria-label={`${WORDS['reminders.times']} ${i + 1}`}
                    value={time}
                    required
                    onChange={(e) => setTimes(shownTimes.map((t, j) => (j === i ? e.target.value : t)))}
                  />
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setTimes(shownTimes.filter((_, j) => j !== i))}
                  >
                    {WORDS['reminders.removeTime']}
                  </button>
                </div>
              ))}
              {shownTimes.length < 4 ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setTimes([...shownTimes, '08:00'])}
                >
                  {WORDS['reminders.addTime']}
                </button>
              ) : null}
            </fieldset>
            <FormFooter action={save} idle={WORDS['reminders.save']} working={WORDS['reminders.saving']} />
          </form>
          <p role="status">{browserMessage}</p>
          {browser.error ? <p className="error">{browser.error}</p> : null}
          {pushSupported ? (
            <p>
              <button type="button" onClick={startBrowser} disabled={browser.busy}>
                {WORDS['reminders.browser']}
              </button>{' '}
              {view.push.browsers.length > 0 ? (
                <button type="button" className="secondary" onClick={stopBrowser} disabled={browser.busy}>
                  {WORDS['reminders.browserStop']}
                </button>
              ) : null}
            </p>
          ) : (
            <p>{WORDS['reminders.browserNotSupported']}</p>
          )}
          <p>
            <button type="button" onClick={makeLink} disabled={calendar.busy}>
              {view.calendar.active ? WORDS['reminders.calendarNew'] : WORDS['reminders.calendar']}
            </button>
          </p>
          {calendarUrl ? (
            <>
              <p>{WORDS['reminders.calendarHelp']}</p>
              <input readOnly value={calendarUrl} aria-label={WORDS['reminders.calendar']} />
              <button type="button" className="secondary" onClick={copyLink}>
                {WORDS['reminders.copy']}
              </button>
            </>
          ) : null}
          {view.calendar.active ? (
            <p>
              {WORDS['reminders.calendarOn']}{' '}
              <button type="button" className="secondary" onClick={stopLink} disabled={calendar.busy}>
                {WORDS['reminders.calendarStop']}
              </button>
            </p>
          ) : null}
          {calendar.error ? <p className="error">{calendar.error}</p> : null}
          {calendar.saved ? <p role="status">{calendar.saved}</p> : null}
        </>
      ) : null}
    </Section>
  );
}
