import { REMINDER_WEEKDAYS, type ReminderWeekday } from '@core/clinic/reminders/reminder-plan.ts';
import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useAction, useGet } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.ts';
import { FormFooter, Section, Status } from './section.tsx';

/**
 * The patient's reminders (docs/reminders.md): which days and times, reminders in this browser
 * (Web Push through the offline worker), and a link for the phone's calendar.
 */

/** A Monday (5 January 2026, noon UTC): the weekday names are read from it in the patient's language. */
const A_MONDAY_MS = Date.UTC(2026, 0, 5, 12);
const DAY_MS = 86_400_000;

function weekdayName(day: ReminderWeekday, locale: string): string {
  const at = new Date(A_MONDAY_MS + REMINDER_WEEKDAYS.indexOf(day) * DAY_MS);
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(at);
}

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
  const { t, locale } = useI18n();
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
    }, t('reminders.saved'));
  };

  const startBrowser = () =>
    browser.run(async () => {
      if (!view) return;
      if ((await Notification.requestPermission()) !== 'granted') {
        setBrowserMessage(t('reminders.browserDenied'));
        return;
      }
      const subscription = await subscribeThisBrowser(view.push.publicKey);
      await api('POST', `${path}/push-subscriptions`, {
        endpoint: subscription.endpoint,
        keys: subscription.keys,
      });
      setBrowserMessage(t('reminders.browserOn'));
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
    }, t('reminders.copied'));

  return (
    <Section id="reminders" title={t('reminders.heading')}>
      <Status loading={loaded.loading} error={loaded.error} what={t('reminders.what')} />
      {view && !view.clinicEnabled ? <p>{t('reminders.off')}</p> : null}
      {view?.clinicEnabled ? (
        <>
          <form onSubmit={submit} aria-label={t('reminders.heading')}>
            <fieldset>
              <legend>{t('reminders.days')}</legend>
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
                  {weekdayName(day, locale)}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('reminders.timesLegend')}</legend>
              {shownTimes.map((time, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the times are edited in place by position
                <div key={i}>
                  <input
                    type="time"
                    aria-label={t('reminders.timeNumber', { number: i + 1 })}
                    value={time}
                    required
                    onChange={(e) => setTimes(shownTimes.map((old, j) => (j === i ? e.target.value : old)))}
                  />
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => setTimes(shownTimes.filter((_, j) => j !== i))}
                  >
                    {t('reminders.removeTime')}
                  </button>
                </div>
              ))}
              {shownTimes.length < 4 ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setTimes([...shownTimes, '08:00'])}
                >
                  {t('reminders.addTime')}
                </button>
              ) : null}
            </fieldset>
            <FormFooter action={save} idle={t('reminders.save')} working={t('reminders.saving')} />
          </form>
          <p role="status">{browserMessage}</p>
          {browser.error ? <p className="error">{browser.error}</p> : null}
          {pushSupported ? (
            <p>
              <button type="button" onClick={startBrowser} disabled={browser.busy}>
                {t('reminders.browser')}
              </button>{' '}
              {view.push.browsers.length > 0 ? (
                <button type="button" className="secondary" onClick={stopBrowser} disabled={browser.busy}>
                  {t('reminders.browserStop')}
                </button>
              ) : null}
            </p>
          ) : (
            <p>{t('reminders.browserNotSupported')}</p>
          )}
          <p>
            <button type="button" onClick={makeLink} disabled={calendar.busy}>
              {view.calendar.active ? t('reminders.calendarNew') : t('reminders.calendar')}
            </button>
          </p>
          {calendarUrl ? (
            <>
              <p>{t('reminders.calendarHelp')}</p>
              <input readOnly value={calendarUrl} aria-label={t('reminders.calendar')} />
              <button type="button" className="secondary" onClick={copyLink}>
                {t('reminders.copy')}
              </button>
            </>
          ) : null}
          {view.calendar.active ? (
            <p>
              {t('reminders.calendarOn')}{' '}
              <button type="button" className="secondary" onClick={stopLink} disabled={calendar.busy}>
                {t('reminders.calendarStop')}
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
