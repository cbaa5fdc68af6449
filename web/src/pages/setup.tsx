import { type FormEvent, useState } from 'react';
import { post, setCsrfToken } from '../api.ts';
import { NewPasswordFields, newPasswordOf } from '../forms/new-password.tsx';
import { useAction } from '../hooks.ts';
import type { User } from '../types.ts';

interface SetupResult {
  user: User;
  csrfToken: string;
  demo: {
    loaded: boolean;
    clinician: { email: string; password: string };
    patients: { name: string; email: string; password: string }[];
  } | null;
}

/** The one-time first-run page: create the first admin, and offer to load the demo. */
export function SetupPage({ onDone }: { onDone: (user: User, csrf: string) => void }) {
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<SetupResult>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const password = newPasswordOf(form, 'password');
      const created = await post<SetupResult>('/api/setup', {
        email: String(form.get('email')),
        name: String(form.get('name')),
        password,
        loadDemo: form.get('demo') === 'on',
      });
      setCsrfToken(created.csrfToken);
      if (created.demo?.loaded) setResult(created);
      else onDone(created.user, created.csrfToken);
    });
  };

  if (result?.demo) {
    return (
      <main id="main" className="narrow">
        <h1>Welcome to Myotrophy</h1>
        <p>Your admin account is ready and the demo is loaded. You are on the demo patients' care team.</p>
        <h2>Demo logins</h2>
        <ul>
          <li>
            Clinician: <code>{result.demo.clinician.email}</code> /{' '}
            <code>{result.demo.clinician.password}</code>
          </li>
          {result.demo.patients.map((p) => (
            <li key={p.email}>
              {p.name}: <code>{p.email}</code> / <code>{p.password}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => onDone(result.user, result.csrfToken)}>
          Open the dashboard
        </button>
      </main>
    );
  }

  return (
    <main id="main" className="narrow">
      <h1>Set up Myotrophy</h1>
      <p>This database is empty. Create the first administrator account. This page is shown only once.</p>
      <form onSubmit={submit} aria-describedby={error ? 'setup-error' : undefined}>
        <label>
          Your name
          <input name="name" required maxLength={200} autoComplete="name" />
        </label>
        <label>
          Email
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <NewPasswordFields name="password" />
        <label className="check">
          <input name="demo" type="checkbox" defaultChecked /> Load the demo patients (synthetic; a cast, an
          ICU stay, a foot drop, an older adult)
        </label>
        {error && (
          <p id="setup-error" role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </main>
  );
}
