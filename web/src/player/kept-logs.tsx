/**
 * What is waiting in the outbox (./outbox.ts), shown on the patient's Today: the sessions logged on
 * this device that the server has not stored yet, and any it refused, in plain words and in the
 * patient's own time zone. While shown, it sends the waiting logs when the page opens, when the
 * connection returns and when the page is looked at again.
 */
import { plural } from '@core/clinic/words/patient-words.ts';
import { useEffect, useState } from 'react';
import { dismissRefused, type KeptLog, sendKept, watchKept } from './outbox.ts';

/** "Stimulation, 20 minutes, logged Sunday 6 December at 10:05" in the patient's time zone. */
export function keptLogWords(log: KeptLog, timeZone: string): string {
  const what = log.body.kind === 'stimulation' ? 'Stimulation' : 'Exercises';
  const at = new Date(log.body.startedAt);
  const day = at.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
  return `${what}, ${plural(Math.round(log.body.minutes), 'minute', 'minutes')}, started ${day} at ${time}`;
}

export function KeptLogs({
  patientId,
  timeZone,
  onSent,
}: {
  patientId: string;
  timeZone: string;
  /** Called when logs were stored, so the page can show them among the sessions. */
  onSent: () => void;
}) {
  const [logs, setLogs] = useState<KeptLog[]>([]);
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => watchKept(patientId, setLogs), [patientId]);
  useEffect(() => {
    const trySend = () => {
      setOnline(navigator.onLine);
      void sendKept(patientId).then((stored) => stored > 0 && onSent());
    };
    const onVisible = () => document.visibilityState === 'visible' && trySend();
    const onOffline = () => setOnline(false);
    trySend();
    window.addEventListener('online', trySend);
    window.addEventListener('offline', onOffline);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('online', trySend);
      window.removeEventListener('offline', onOffline);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [patientId, onSent]);

  const waiting = logs.filter((l) => l.state === 'waiting');
  const refused = logs.filter((l) => l.state === 'refused');
  if (logs.length === 0) return null;
  const they = waiting.length === 1 ? 'it' : 'they';
  return (
    <div className="kept-logs">
      {waiting.length > 0 && (
        <div role="status" className="waiting">
          <p>
            <strong>
              {plural(waiting.length, 'session', 'sessions')} waiting to be sent —{' '}
              {online
                ? `${they} will be sent as soon as the server answers.`
                : `${they} will be sent when you are back online.`}
            </strong>
          </p>
          <ul>
            {waiting.map((l) => (
              <li key={l.key}>{keptLogWords(l, timeZone)}</li>
            ))}
          </ul>
        </div>
      )}
      {refused.map((l) => (
        <div role="alert" className="paused" key={l.key}>
          <p>
            <strong>This session was not saved:</strong> {keptLogWords(l, timeZone)}. {l.refusal}
          </p>
          <button type="button" className="secondary" onClick={() => void dismissRefused(l.key)}>
            I have read this
          </button>
        </div>
      ))}
    </div>
  );
}
