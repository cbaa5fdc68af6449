import { PAIN_STEP_BACK_FROM } from '@core/clinic/programme/stimulation-programme.ts';
import { adherenceCalendar, type CalendarDayState } from '@core/clinic/record-views/adherence-calendar.ts';
import { loggedLengthForPatient } from '@core/clinic/words/patient-words.ts';
import { SESSION_LOG_FIELDS } from '@core/shared/session-log-fields.ts';
import { memo, useMemo, useRef } from 'react';
import { type FieldValues, useForm } from 'react-hook-form';
import { newIdempotencyKey } from '../api.ts';
import { fixed } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { type FieldSpec, schemaResolver } from '../forms/field-schema.ts';
import { SchemaField } from '../forms/schema-field.tsx';
import { useAction } from '../hooks.ts';
import { type MessageKey, t, useI18n } from '../i18n/i18n.ts';
import { say } from '../i18n/patient-text.ts';
import { isLeftWaiting, keep, send } from '../player/outbox.ts';
import type { Session } from '../types.ts';
import { type Correcting, RecordCorrections, type RecordKind } from './record-correction.tsx';
import { ColumnHeads, FormFooter } from './section.tsx';

/**
 * The last `weeks` weeks of the patient's own calendar (their time zone), Monday first, each day
 * judged against the programme's schedule (the core's `adherenceCalendar`): no colour before the
 * programme starts, rest days of a 5-a-week programme uncoloured, "missed" only when the week fell short.
 */
export function AdherenceCalendar({
  sessions,
  programme,
  timeZone,
  weeks = 12,
  now = new Date(),
}: {
  sessions: Session[];
  programme: { approvedAt: string | null; body: unknown } | null;
  timeZone: string;
  weeks?: number;
  now?: Date;
}) {
  const rows = useMemo(() => {
    const periods =
      programme?.approvedAt != null
        ? [{ approvedAt: programme.approvedAt, endedAt: null, body: programme.body }]
        : [];
    return adherenceCalendar(sessions, periods, timeZone, now, weeks);
  }, [sessions, programme, timeZone, now, weeks]);
  const { t, locale } = useI18n();
  const perDay = rows.flat().find((d) => d.perDay !== null)?.perDay ?? null;
  return (
    <figure className="calendar">
      <table>
        <caption>
          {t('calendar.caption', { weeks })}
          {perDay ? t('calendar.target', { perDay }) : ''}
        </caption>
        <ColumnHeads columns={weekdayNames(locale)} />
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]?.date}>
              {row.map(({ date, completed, state }) => {
                // An ICU choice is a plain word: 'no-programme' is said as noProgramme.
                const words = t('calendar.day', {
                  date,
                  completed,
                  state: state === 'no-programme' ? 'noProgramme' : (state satisfies CalendarDayState),
                });
                return (
                  <td key={date} className={`cal ${state}`} title={words}>
                    <span className="sr-only">{words}</span>
                    <span aria-hidden="true">
                      {state === 'future' || state === 'no-programme' ? '' : completed}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="legend">
        <span className="cal met" aria-hidden="true" /> {t('calendar.legend.met')}{' '}
        <span className="cal some" aria-hidden="true" /> {t('calendar.legend.some')}{' '}
        <span className="cal missed" aria-hidden="true" /> {t('calendar.legend.missed')}{' '}
        <span className="cal rest" aria-hidden="true" /> {t('calendar.legend.rest')}
      </figcaption>
    </figure>
  );
}

/** Monday to Sunday, short, in the reader's language (5 January 2026 was a Monday). */
function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(Date.UTC(2026, 0, 5 + i)));
}

/** The latest sessions' columns; on a phone each session is a card whose lines these words name. */
const SESSION_COLUMNS = [
  'log.table.when',
  'log.table.kind',
  'log.table.length',
  'log.table.peak',
  'log.table.comfort',
  'log.table.pain',
  'log.table.done',
  'log.table.notes',
] as const satisfies readonly MessageKey[];

/**
 * The latest sessions, newest first: a table on a wide screen, a card a session on a phone (no
 * sideways scrolling, no word broken). With `correction`, a clinician may correct each session.
 */
export const SessionLog = memo(function SessionLog({
  sessions,
  limit = 15,
  correction,
  timeZone = 'UTC',
}: {
  sessions: Session[];
  limit?: number;
  correction?: Correcting & { kind: RecordKind<Session> };
  /** Whose clock the times are read on (the patient's own on their Today). */
  timeZone?: string;
}) {
  const { t, locale } = useI18n();
  const recent = [...sessions].reverse().slice(0, limit);
  if (recent.length === 0) return null;
  const correctable = correction?.canEdit === true;
  const heads = SESSION_COLUMNS.map((c) => t(c));
  const [, kind, length, peak, comfort, pain, done, notes] = heads;
  const at = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  return (
    <table className="compact stacked">
      <caption>{t('log.table.caption')}</caption>
      <ColumnHeads columns={[...heads, ...(correctable ? [t('log.table.correction')] : [])]} />
      <tbody>
        {recent.map((s) => (
          <tr key={s.id}>
            <th scope="row">{at.format(new Date(s.startedAt))}</th>
            <td data-label={kind}>
              {t(s.kind === 'stimulation' ? 'log.kind.stimulation' : 'log.kind.exercise')}
            </td>
            <td data-label={length}>{say(loggedLengthForPatient(s.minutes))}</td>
            <td data-label={peak}>{fixed(s.peakIntensityMa, 0)}</td>
            <td data-label={comfort}>{s.comfort ?? '—'}</td>
            <td
              data-label={pain}
              className={s.pain !== null && s.pain >= PAIN_STEP_BACK_FROM ? 'error' : undefined}
            >
              {s.pain ?? '—'}
            </td>
            <td data-label={done}>{t(s.completed ? 'log.table.yes' : 'log.table.no')}</td>
            <td data-label={notes}>{s.notes ?? ''}</td>
            {correction && correctable && (
              <td data-label={t('log.table.correction')}>
                <RecordCorrections {...correction} record={s} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/** Logging a session: minutes, peak mA, comfort and pain 0–10, notes. */
export type SessionKind = 'stimulation' | 'exercise';
export const SESSION_KINDS: readonly SessionKind[] = ['stimulation', 'exercise'];

export function LogSessionForm({
  patientId,
  programmeId,
  maxIntensityMa,
  defaultMinutes,
  onLogged,
  kinds = SESSION_KINDS,
}: {
  patientId: string;
  programmeId: string | null;
  maxIntensityMa: number | null;
  defaultMinutes: number;
  onLogged: () => void;
  /** The kinds of session that may be logged now (the patient's Today offers only what is allowed). */
  kinds?: readonly SessionKind[];
}) {
  const action = useAction();
  const { run } = action;
  const { t, language, locale } = useI18n();
  // One key and start time per session being logged, kept until the server answers: if an answer
  // is lost and the patient presses Log again, the server returns the session it already stored
  // instead of logging it twice. Editing the form starts a new session.
  const attempt = useRef<{ key: string; startedAt: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels are words of the active language.
  const fields = useMemo(() => sessionLogFields(maxIntensityMa), [maxIntensityMa, language]);
  const blank = { minutes: String(defaultMinutes), peakIntensityMa: '', comfort: '', pain: '' };
  const { register, handleSubmit, formState, reset } = useForm<SessionLogText, unknown, FieldValues>({
    resolver: useMemo(() => schemaResolver<SessionLogText>(fields), [fields]),
    defaultValues: blank,
  });

  const submit = handleSubmit(async (values, event) => {
    const formElement = event?.target as HTMLFormElement;
    const form = new FormData(formElement);
    attempt.current ??= { key: newIdempotencyKey(), startedAt: new Date().toISOString() };
    const { key, startedAt } = attempt.current;
    await run(async () => {
      const log = keep(
        patientId,
        {
          kind: kinds.find((k) => k === String(form.get('kind'))) ?? kinds[0],
          startedAt,
          minutes: values.minutes,
          peakIntensityMa: values.peakIntensityMa,
          comfort: values.comfort,
          pain: values.pain,
          completed: form.get('completed') === 'on',
          notes: String(form.get('notes') ?? '').trim() || null,
          programmeId,
        },
        key,
      );
      // Through the outbox: with no connection the log waits on this device and goes later.
      const waiting = await send(log, 'drop').then(
        () => null,
        (error: unknown) => {
          if (!isLeftWaiting(error)) throw error;
          return error.status === 0 ? t('log.keptOffline') : t('log.keptRetry');
        },
      );
      attempt.current = null;
      formElement.reset();
      reset(blank);
      onLogged();
      if (waiting) return waiting;
      const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date());
      return t('log.saved', { time });
    });
  });
  const field = (name: keyof SessionLogText) => (
    <SchemaField spec={fields[name]} error={formState.errors[name]?.message} input={register(name)} />
  );

  return (
    <form
      onSubmit={submit}
      onChange={() => {
        attempt.current = null;
      }}
      className="log-form"
      aria-label={t('log.heading')}
      noValidate
    >
      <div className="row">
        <ChoiceField
          label={t('log.kind')}
          options={kinds}
          words={(kind) => t(kind === 'stimulation' ? 'log.kind.stimulation' : 'log.kind.exercise')}
          select={{ name: 'kind', defaultValue: kinds[0] }}
        />
        {field('minutes')}
        {field('peakIntensityMa')}
      </div>
      <div className="row">
        {field('comfort')}
        {field('pain')}
      </div>
      <label>
        {t('log.notes')}
        <textarea name="notes" rows={2} maxLength={2000} />
      </label>
      <label className="check">
        <input name="completed" type="checkbox" defaultChecked /> {t('log.completed')}
      </label>
      <FormFooter action={action} idle={t('log.submit')} working={t('form.saving')} />
    </form>
  );
}

type SessionLogText = Record<keyof typeof SESSION_LOG_FIELDS, string>;

/** The words of each session-log field in the active language (the core's are English). */
const SESSION_LOG_LABELS: Record<keyof typeof SESSION_LOG_FIELDS, MessageKey> = {
  minutes: 'log.minutes',
  peakIntensityMa: 'log.peakIntensity',
  comfort: 'log.comfort',
  pain: 'log.pain',
};

/**
 * The session-log fields in the active language, the peak current bounded by the programme's
 * maximum where there is one.
 */
function sessionLogFields(maxIntensityMa: number | null) {
  const peak = SESSION_LOG_FIELDS.peakIntensityMa;
  const bounded = {
    ...SESSION_LOG_FIELDS,
    peakIntensityMa:
      maxIntensityMa === null ? peak : { ...peak, schema: { ...peak.schema, maximum: maxIntensityMa } },
  };
  return Object.fromEntries(
    Object.entries(bounded).map(([name, spec]) => [
      name,
      { ...spec, label: t(SESSION_LOG_LABELS[name as keyof typeof SESSION_LOG_FIELDS]) },
    ]),
  ) as { [K in keyof typeof SESSION_LOG_FIELDS]: FieldSpec };
}

/** Stimulation sessions completed today, on the patient's own clock. */
export function sessionsToday(
  sessions: Session[],
  day: { dayStartsAt: string; dayEndsAt: string },
): Session[] {
  const start = Date.parse(day.dayStartsAt);
  const end = Date.parse(day.dayEndsAt);
  return sessions.filter((s) => {
    const at = Date.parse(s.startedAt);
    return s.kind === 'stimulation' && s.completed && at >= start && at < end;
  });
}
