/**
 * The patient's session page (/session): today's stimulation session in the session player,
 * loaded on demand. A paused patient (an open red flag) or a programme the gate no longer clears
 * shows the pause, never the player. Any session log left unsent on this device is sent again.
 */
import { useEffect } from 'react';
import { Status } from '../components/section.tsx';
import { useGet } from '../hooks.ts';
import { sendKept } from '../player/outbox.ts';
import { clearToday, Player, type TodaySession } from '../player/player.tsx';
import { onLink } from '../router.ts';

type PlayerData =
  | ({ due: true; patientMessage: null } & TodaySession)
  | { due: false; patientMessage: string | null };

function BackToToday() {
  return (
    <p>
      <a href="/" onClick={onLink('/')}>
        Back to Today
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
  return (
    <article aria-labelledby="session-title" className="narrow-page">
      <h1 id="session-title">Today’s session</h1>
      {!d ? (
        <Status loading={data.loading} error={data.error} what="today’s session" />
      ) : !d.due ? (
        <>
          {d.patientMessage ? (
            <p className="paused" role="alert">
              {d.patientMessage}
            </p>
          ) : (
            <p className="due">No stimulation session is due today.</p>
          )}
          <BackToToday />
        </>
      ) : !clearToday(d).allowed ? (
        <>
          <p className="paused" role="alert">
            Your stimulation programme is on hold. Please contact your clinic. You can keep doing your
            exercises.
          </p>
          <BackToToday />
        </>
      ) : (
        <Player patientId={patientId} today={d} />
      )}
    </article>
  );
}
