/**
 * The patient's session page (/session): today's stimulation session in the session player,
 * loaded on demand. A paused patient (an open red flag) or a programme the gate no longer clears
 * shows the pause, never the player. Any session log left unsent on this device is sent again.
 */
import type { PatientText } from '@core/clinic/words/patient-text.ts';
import { useEffect } from 'react';
import { Status } from '../components/section.tsx';
import { useGet } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.ts';
import { sayAll } from '../i18n/patient-text.ts';
import { sendKept } from '../player/outbox.ts';
import { clearToday, Player, type TodaySession } from '../player/player.tsx';
import { onLink } from '../router.ts';

type PlayerData =
  | ({ due: true; patientMessage: null } & TodaySession)
  | { due: false; patientMessage: PatientText[] | null };

function BackToToday() {
  const { t } = useI18n();
  return (
    <p>
      <a href="/" onClick={onLink('/')}>
        {t('session.backToToday')}
      </a>
    </p>
  );
}

export function SessionPage({ patientId }: { patientId: string }) {
  useEffect(() => {
    void sendKept(patientId);
  }, [patientId]);
  const data = useGet<PlayerData>(`/api/patients/${patientId}/session-player`);
  const d = data.data;
  const { t } = useI18n();
  return (
    <article aria-labelledby="session-title" className="narrow-page">
      <h1 id="session-title">{t('session.heading')}</h1>
      {!d ? (
        <Status loading={data.loading} error={data.error} what={t('session.what')} />
      ) : !d.due ? (
        <>
          {d.patientMessage ? (
            <p className="paused" role="alert">
              {sayAll(d.patientMessage)}
            </p>
          ) : (
            <p className="due">{t('session.noneDue')}</p>
          )}
          <BackToToday />
        </>
      ) : !clearToday(d).allowed ? (
        <>
          <p className="paused" role="alert">
            {t('session.onHold')}
          </p>
          <BackToToday />
        </>
      ) : (
        <Player patientId={patientId} today={d} />
      )}
    </article>
  );
}
