import { PAIN_STEP_BACK_FROM } from '@core/clinic/programme/stimulation-programme.ts';
import { DAY_MS } from '@core/shared/time-units.ts';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { newIdempotencyKey, post } from '../api.ts';
import { dateTime, dayKey, fixed, todayKey } from '../format.ts';
import { useAction } from '../hooks.ts';
import type { Session } from '../types.ts';
import { ColumnHeads, FormFooter } from './section.tsx';

/** The last `weeks` weeks, Monday first, each day coloured by completed sessions against the daily target. */
export function AdherenceCalendar({
  sessions,
  perDay,
  weeks = 12,
  now = new Date(),
}: {
  sessions: Session[];
  perDay: number | null;
  weeks?: number;
  now?: Date;
}) {
  const byDay = useMemo(() => {
    const map = new Map<string, { done: number; logged: number }>();
    for (const s of sessions) {
      if (s.kind !== 'stimulation') continue;
      const key = dayKey(s.startedAt);
      const entry = map.get(key) ?? { done: 0, logged: 0 };
      entry.logged += 1;
      if (s.completed) entry.done += 1;
      map.set(key, entry);
    }
    return map;
  }, [sessions]);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const mondayOffset = (new Date(today).getUTCDay() + 6) % 7;
  const first = today - (mondayOffset + 7 * (weeks - 1)) * DAY_MS;
  const rows: { key: string; day: number }[][] = [];
  for (let w = 0; w < weeks; w += 1) {
    rows.push(
      Array.from({ length: 7 }, (_, d) => {
        const t = first + (w * 7 + d) * DAY_MS;
        return { key: new Date(t).toISOString().slice(0, 10), day: t };
      }),
    );
  }
  const target = perDay ?? 1;
  return (
    <figure className="calendar">
      <table>
        <caption>
          Stimulation sessions completed per day, last {weeks} weeks
          {perDay ? ` (target ${perDay} a day)` : ''}
        </caption>
        <ColumnHeads columns={['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']} />
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]?.key}>
              {row.map(({ key, day }) => {
                const entry = byDay.get(key);
                const future = day > today;
                const level = future
                  ? 'future'
                  : !entry
                    ? 'none'
                    : entry.done >= target
                      ? 'full'
                      : entry.done > 0
                        ? 'part'
                        : 'none';
                return (
                  <td key={key} className={`cal ${level}`} title={`${key}: ${entry?.done ?? 0} completed`}>
                    <span className="sr-only">
                      {key}: {future ? 'future' : `${entry?.done ?? 0} completed`}
                    </span>
                    <span aria-hidden="true">{future ? '' : (entry?.done ?? 0)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="legend">
        <span className="cal full" aria-hidden="true" /> target met{' '}
        <span className="cal part" aria-hidden="true" /> some <span className="cal none" aria-hidden="true" />{' '}
        none
      </figcaption>
    </figure>
  );
}

export function SessionLog({ sessions, limit = 15 }: { sessions: Session[]; limit?: number }) {
  const recent = [...sessions].reverse().slice(0, limit);
  if (recent.length === 0) return null;
  // On a narrow screen the table scrolls sideways: the keyboard reaches it, and it says what it is.
  return (
    <section
      className="table-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls takes focus so the keyboard can scroll it (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Latest sessions (scrolls sideways on a narrow screen)"
    >
      <table className="compact">
        <caption>Latest sessions</caption>
        <ColumnHeads columns={['When', 'Kind', 'Minutes', 'Peak mA', 'Comfort', 'Pain', 'Done', 'Notes']} />
        <tbody>
          {recent.map((s) => (
            <tr key={s.id}>
              <th scope="row">{dateTime(s.startedAt)}</th>
              <td>{s.kind}</td>
              <td>{fixed(s.minutes, 0)}</td>
              <td>{fixed(s.peakIntensityMa, 0)}</td>
              <td>{s.comfort ?? '—'}</td>
              <td className={s.pain !== null && s.pain >= PAIN_STEP_BACK_FROM ? 'error' : undefined}>
                {s.pain ?? '—'}
              </td>
              <td>{s.completed ? 'yes' : 'no'}</td>
              <td>{s.notes ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
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
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<string>();
  // One key and start time per session being logged, kept until the server answers: if an answer
  // is lost and the patient presses Log again, the server returns the session it already stored
  // instead of logging it twice. Editing the form starts a new session.
  const attempt = useRef<{ key: string; startedAt: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const number = (name: string) => {
      const raw = String(form.get(name) ?? '').trim();
      return raw === '' ? null : Number(raw);
    };
    setDone(undefined);
    attempt.current ??= { key: newIdempotencyKey(), startedAt: new Date().toISOString() };
    const { key, startedAt } = attempt.current;
    await run(async () => {
      await post(
        `/api/patients/${patientId}/sessions`,
        {
          kind: kinds.find((k) => k === String(form.get('kind'))) ?? kinds[0],
          startedAt,
          minutes: number('minutes') ?? 0,
          peakIntensityMa: number('peak'),
          comfort: number('comfort'),
          pain: number('pain'),
          completed: form.get('completed') === 'on',
          notes: String(form.get('notes') ?? '').trim() || null,
          programmeId,
        },
        { 'idempotency-key': key },
      );
      attempt.current = null;
      formElement.reset();
      setDone(
        `Session logged at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}. Well done.`,
      );
      onLogged();
    });
  };

  return (
    <form
      onSubmit={submit}
      onChange={() => {
        attempt.current = null;
      }}
      className="log-form"
      aria-label="Log a session"
    >
      <div className="row">
        <label>
          Kind
          <select name="kind" defaultValue={kinds[0]}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Minutes
          <input
            name="minutes"
            type="number"
            min="0"
            max="1440"
            step="1"
            defaultValue={defaultMinutes}
            required
            inputMode="numeric"
          />
        </label>
        <label>
          Peak intensity (mA)
          <input
            name="peak"
            type="number"
            min="0"
            max={maxIntensityMa ?? 200}
            step="0.5"
            inputMode="decimal"
          />
        </label>
      </div>
      <div className="row">
        <label>
          Comfort (0 very uncomfortable – 10 comfortable)
          <input name="comfort" type="number" min="0" max="10" step="1" inputMode="numeric" />
        </label>
        <label>
          Pain (0 none – 10 worst)
          <input name="pain" type="number" min="0" max="10" step="1" inputMode="numeric" />
        </label>
      </div>
      <label>
        Notes
        <textarea name="notes" rows={2} maxLength={2000} />
      </label>
      <label className="check">
        <input name="completed" type="checkbox" defaultChecked /> I completed the session
      </label>
      <FormFooter error={error} saved={done} busy={busy} idle="Log session" working="Saving…" />
    </form>
  );
}

export function sessionsToday(sessions: Session[], now = new Date()): Session[] {
  const key = todayKey(now);
  return sessions.filter((s) => s.kind === 'stimulation' && s.completed && dayKey(s.startedAt) === key);
}
