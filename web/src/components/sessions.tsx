import { PAIN_STEP_BACK_FROM } from '@core/clinic/programme/stimulation-programme.ts';
import { adherenceCalendar, type CalendarDayState } from '@core/clinic/record-views/adherence-calendar.ts';
import { SESSION_LOG_FIELDS } from '@core/shared/session-log-fields.ts';
import { useMemo, useRef } from 'react';
import { type FieldValues, useForm } from 'react-hook-form';
import { newIdempotencyKey } from '../api.ts';
import { dateTime, dayKey, fixed, todayKey } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { schemaResolver } from '../forms/field-schema.ts';
import { SchemaField } from '../forms/schema-field.tsx';
import { useAction } from '../hooks.ts';
import { isLeftWaiting, keep, send } from '../player/outbox.ts';
import type { Session } from '../types.ts';
import { type Correcting, RecordCorrections, type RecordKind } from './record-correction.tsx';
import { ColumnHeads, FormFooter } from './section.tsx';

const CALENDAR_WORDS: Record<CalendarDayState, string> = {
  future: 'to come',
  'no-programme': 'no programme yet',
  open: 'today, still open',
  met: 'all sessions done',
  some: 'some sessions done',
  rest: 'rest day',
  missed: 'missed',
};

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
  const perDay = rows.flat().find((d) => d.perDay !== null)?.perDay ?? null;
  return (
    <figure className="calendar">
      <table>
        <caption>
          Stimulation sessions completed per day, last {weeks} weeks
          {perDay ? ` (target ${perDay} a day on session days)` : ''}
        </caption>
        <ColumnHeads columns={['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']} />
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]?.date}>
              {row.map(({ date, completed, state }) => {
                const words = `${date}: ${completed} completed, ${CALENDAR_WORDS[state]}`;
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
        <span className="cal met" aria-hidden="true" /> target met{' '}
        <span className="cal some" aria-hidden="true" /> some{' '}
        <span className="cal missed" aria-hidden="true" /> missed{' '}
        <span className="cal rest" aria-hidden="true" /> rest day or no programme
      </figcaption>
    </figure>
  );
}

/** The latest sessions' columns; on a phone each session is a card whose lines these words name. */
const SESSION_COLUMNS = ['When', 'Kind', 'Minutes', 'Peak mA', 'Comfort', 'Pain', 'Done', 'Notes'] as const;

/**
 * The latest sessions, newest first: a table on a wide screen, a card a session on a phone (no
 * sideways scrolling, no word broken). With `correction`, a clinician may correct each session.
 */
export function SessionLog({
  sessions,
  limit = 15,
  correction,
}: {
  sessions: Session[];
  limit?: number;
  correction?: Correcting & { kind: RecordKind<Session> };
}) {
  const recent = [...sessions].reverse().slice(0, limit);
  if (recent.length === 0) return null;
  const correctable = correction?.canEdit === true;
  return (
    <table className="compact stacked">
      <caption>Latest sessions</caption>
      <ColumnHeads columns={[...SESSION_COLUMNS, ...(correctable ? ['Correction'] : [])]} />
      <tbody>
        {recent.map((s) => (
          <tr key={s.id}>
            <th scope="row">{dateTime(s.startedAt)}</th>
            <td data-label="Kind">{s.kind}</td>
            <td data-label="Minutes">{fixed(s.minutes, 0)}</td>
            <td data-label="Peak mA">{fixed(s.peakIntensityMa, 0)}</td>
            <td data-label="Comfort">{s.comfort ?? '—'}</td>
            <td
              data-label="Pain"
              className={s.pain !== null && s.pain >= PAIN_STEP_BACK_FROM ? 'error' : undefined}
            >
              {s.pain ?? '—'}
            </td>
            <td data-label="Done">{s.completed ? 'yes' : 'no'}</td>
            <td data-label="Notes">{s.notes ?? ''}</td>
            {correction && correctable && (
              <td data-label="Correction">
                <RecordCorrections {...correction} record={s} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
  // One key and start time per session being logged, kept until the server answers: if an answer
  // is lost and the patient presses Log again, the server returns the session it already stored
  // instead of logging it twice. Editing the form starts a new session.
  const attempt = useRef<{ key: string; startedAt: string } | null>(null);
  const fields = useMemo(() => sessionLogFields(maxIntensityMa), [maxIntensityMa]);
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
          return error.status === 0
            ? 'Kept on this device: it will be sent when you are back online.'
            : 'Not sent yet: it is kept on this device and will be sent again.';
        },
      );
      attempt.current = null;
      formElement.reset();
      reset(blank);
      onLogged();
      if (waiting) return waiting;
      return `Saved: session logged at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}. Well done.`;
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
      aria-label="Log a session"
      noValidate
    >
      <div className="row">
        <ChoiceField label="Kind" options={kinds} select={{ name: 'kind', defaultValue: kinds[0] }} />
        {field('minutes')}
        {field('peakIntensityMa')}
      </div>
      <div className="row">
        {field('comfort')}
        {field('pain')}
      </div>
      <label>
        Notes
        <textarea name="notes" rows={2} maxLength={2000} />
      </label>
      <label className="check">
        <input name="completed" type="checkbox" defaultChecked /> I completed the session
      </label>
      <FormFooter action={action} idle="Log session" working="Saving…" />
    </form>
  );
}

type SessionLogText = Record<keyof typeof SESSION_LOG_FIELDS, string>;

/** The session-log fields, the peak current bounded by the programme's maximum where there is one. */
function sessionLogFields(maxIntensityMa: number | null) {
  if (maxIntensityMa === null) return SESSION_LOG_FIELDS;
  const peak = SESSION_LOG_FIELDS.peakIntensityMa;
  return {
    ...SESSION_LOG_FIELDS,
    peakIntensityMa: { ...peak, schema: { ...peak.schema, maximum: maxIntensityMa } },
  };
}

/** Stimulation sessions completed today, on the patient's own clock. */
export function sessionsToday(sessions: Session[], timeZone: string, now = new Date()): Session[] {
  const key = todayKey(timeZone, now);
  return sessions.filter(
    (s) => s.kind === 'stimulation' && s.completed && dayKey(s.startedAt, timeZone) === key,
  );
}
