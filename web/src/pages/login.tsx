import type { FormEvent } from 'react';
import { post } from '../api.ts';
import { FormFooter } from '../components/section.tsx';
import { useAction } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { User } from '../types.ts';

/** The login form; `notice` says why the person is here again (logged out, session ended). */
export function LoginPage({
  notice,
  onLogin,
}: {
  notice?: string | undefined;
  onLogin: (user: User, csrf: string) => void;
}) {
  const action = useAction();
  const { run } = action;
  const { t } = useI18n();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const result = await post<{ user: User; csrfToken: string }>('/api/auth/login', {
        email: String(form.get('email')),
        password: String(form.get('password')),
      });
      onLogin(result.user, result.csrfToken);
    });
  };

  return (
    <main id="main" className="narrow">
      <h1>Myotrophy</h1>
      <p className="lead">{t('login.lead')}</p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <form onSubmit={submit} aria-label={t('login.form')}>
        <label>
          {t('login.email')}
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
        <FormFooter action={action} idle={t('login.submit')} working={t('login.working')} />
      </form>
    </main>
  );
}
