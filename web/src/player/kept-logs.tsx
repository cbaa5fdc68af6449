/**
 * What is waiting in the outbox (./outbox.ts), shown on the patient's Today: the sessions logged on
 * this device that the server has not stored yet, and any it refused, in plain words and in the
 * patient's own time zone. While shown, it sends the waiting logs when the page opens, when the
 * connection returns and when the page is looked at again.
 */
import { loggedLengthForPatient } from '@core/clinic/words/patient-words.ts';
import { useEffect, useState } from 'react';
import { currentLanguage, formatsFor, t } from '../i18n/i18n.ts';
import { say } from '../i18n/patient-text.ts';
import { dismissRefused, type KeptLog, sendKept, watchKept } from './outbox.ts';

/** "Stimulation, 20 minutes, started Sunday 6 December at 10:05" in the patient's language and time zone. */
export function keptLogWords(log: KeptLog, timeZone: string): string {
  const { formatDay, formatTime } = formatsFor(currentLanguage());
  return t('kept.log', {
    kind: log.body.kind,
    duration: say(loggedLengthForPatient(log.body.minutes)),
    day: formatDay(log.body.startedAt, timeZone),
    time: formatTime(log.body.startedAt, timeZone),
  });
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
  return (
    <div className="kept-logs">
      {waiting.length > 0 && (
        <div role="status" className="waiting">
          <p>
            <strong>
              {t(online ? 'kept.waitingOnline' : 'kept.waitingOffline', { count: waiting.length })}
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
            <strong>{t('kept.notSaved')}</strong> {keptLogWords(l, timeZone)}. {l.refusal}
          </p>
          <button type="button" className="secondary" onClick={() => void dismissRefused(l.key)}>
            {t('kept.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
