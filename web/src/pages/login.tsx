import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import type { User } from '../types.ts';

export function LoginPage({ onLogin }: { onLogin: (user: User, csrf: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const result = await post<{ user: User; csrfToken: string }>('/api/auth/login', {
        email: String(form.get('email')),
        password: String(form.get('password')),
      });
      onLogin(result.user, result.csrfToken);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>Myotrophy</h1>
      <p className="lead">
        Preventing and reversing muscle atrophy with electrical stimulation and exercise.
      </p>
      <form onSubmit={submit} aria-label="Log in">
        <label>
          Email
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="current-password" />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
