import { type FormEvent, useEffect, useState } from 'react';
import { post } from '../api.ts';
import { FormFooter } from '../components/section.tsx';
import { NewPasswordFields, newPasswordOf } from '../forms/new-password.tsx';
import { errorMessage, useAction } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * The page a one-time link opens: /invite#TOKEN (an invitation: choose a password and the account
 * is made) or /reset#TOKEN (a password reset). The token rides in the fragment, which the browser
 * never sends to a server; the page takes it out of the address bar as soon as it has read it.
 */
export function SetPasswordPage({ kind, onDone }: { kind: 'invite' | 'reset'; onDone: () => void }) {
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [invitee, setInvitee] = useState<{ name: string; email: string; role: string }>();
  const [linkError, setLinkError] = useState<string>();
  const [done, setDone] = useState<string>();
  const action = useAction();
  const { run } = action;
  const { t } = useI18n();

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (kind !== 'invite' || !token) return;
    post<{ name: string; email: string; role: string }>('/api/invitations/inspect', { token })
      .then(setInvitee)
      .catch((e: unknown) => setLinkError(errorMessage(e)));
  }, [kind, token]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const password = newPasswordOf(form, 'password');
      if (kind === 'invite') {
        const result = await post<{ user: { email: string } }>('/api/invitations/accept', {
          token,
          password,
        });
        setDone(t('setPassword.accountReady', { email: result.user.email }));
      } else {
        await post('/api/password-reset', { token, password });
        setDone(t('setPassword.passwordSet'));
      }
    });
  };

  const title = t(kind === 'invite' ? 'setPassword.createAccount' : 'setPassword.chooseNew');
  const problem = linkError ?? (token ? undefined : t('setPassword.noCode'));
  return (
    <main id="main" className="narrow">
      <h1>{title}</h1>
      {done ? (
        <>
          <p role="status">{done}</p>
          <button type="button" onClick={onDone}>
            {t('setPassword.goToLogin')}
          </button>
        </>
      ) : problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : (
        <form onSubmit={submit} aria-label={title}>
          {invitee && (
            <p>
              {t('setPassword.welcome', { name: invitee.name, role: invitee.role })}{' '}
              <strong>{invitee.email}</strong>.
            </p>
          )}
          <NewPasswordFields name="password" label={t('account.password.new')} />
          <FormFooter action={action} idle={t('setPassword.set')} working={t('form.saving')} />
        </form>
      )}
    </main>
  );
}
