import { type FormEvent, useState } from 'react';
import { api, post } from '../api.ts';
import { Reminders } from '../components/reminders.tsx';
import { FormFooter, Section, Status } from '../components/section.tsx';
import { NewPasswordFields, newPasswordOf } from '../forms/new-password.tsx';
import { useAction, useGet } from '../hooks.ts';

interface ActiveSession {
  id: string;
  createdAt: string;
  ip: string | null;
  current: boolean;
}

/**
 * Your own account: change the password, see where you are logged in and end the other sessions;
 * a patient also chooses their reminders here.
 */
export function AccountPage({ patientId = null }: { patientId?: string | null }) {
  const sessions = useGet<{ items: ActiveSession[] }>('/api/me/sessions');
  const change = useAction();
  const ending = useAction();
  const [saved, setSaved] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaved(undefined);
    const ok = await change.run(async () => {
      const newPassword = newPasswordOf(form, 'newPassword');
      const result = await post<{ endedSessions: number }>('/api/me/password', {
        currentPassword: String(form.get('currentPassword')),
        newPassword,
      });
      setSaved(`Password changed. ${result.endedSessions} other session(s) ended.`);
    });
    if (ok) {
      formElement.reset();
      sessions.reload();
    }
  };

  const endOthers = () =>
    ending.run(async () => {
      await post('/api/me/sessions/end-others');
      sessions.reload();
    });
  const endOne = (id: string) =>
    ending.run(async () => {
      await api('DELETE', `/api/me/sessions/${id}`);
      sessions.reload();
    });

  return (
    <>
      <h1>Your account</h1>
      {patientId ? <Reminders patientId={patientId} /> : null}
      <Section id="password" title="Change password">
        <form onSubmit={submit} aria-label="Change password">
          <label>
            Current password
            <input name="currentPassword" type="password" required autoComplete="current-password" />
          </label>
          <NewPasswordFields name="newPassword" label="New password" />
          <FormFooter action={change} saved={saved} idle="Change password" working="Changing…" />
        </form>
      </Section>
      <Section
        id="sessions"
        title="Where you are logged in"
        actions={
          <button type="button" className="secondary" onClick={endOthers} disabled={ending.busy}>
            End all other sessions
          </button>
        }
      >
        <Status loading={sessions.loading} error={sessions.error ?? ending.error} what="sessions" />
        <ul className="sessions" aria-label="Your sessions">
          {(sessions.data?.items ?? []).map((s) => (
            <li key={s.id}>
              Since {new Date(s.createdAt).toLocaleString()} from {s.ip ?? 'an unknown address'}{' '}
              {s.current ? (
                <strong>(this session)</strong>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => endOne(s.id)}
                  disabled={ending.busy}
                >
                  End
                </button>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
