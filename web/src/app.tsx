import { lazy, Suspense, startTransition, useCallback, useEffect, useState } from 'react';
import { ApiError, get, post, setCsrfToken } from './api.ts';
import { negotiateLanguage, rememberedLanguage, showLanguage } from './i18n/browser-language.ts';
import { loadDateDataAside } from './i18n/date-data.ts';
import { type MessageKey, t, useI18n, warmDateFormats } from './i18n/i18n.ts';
import { forgetOffline, offlineFor } from './offline.ts';
import { LoginPage } from './pages/login.tsx';
import { prefetchPatientHome } from './pages/patient-home-requests.ts';
import { prefetchPatientPage } from './pages/patient-page-requests.ts';
import { SetPasswordPage } from './pages/set-password.tsx';
import { SetupPage } from './pages/setup.tsx';
import { navigate, onLink, usePath } from './router.ts';
import { announceSessionEnd, onSessionEnd, sessionEndWords } from './session-events.ts';
import type { User } from './types.ts';

// The pages behind the login load on demand, so the first visit downloads only the login page.
const HandoutPage = lazy(async () => ({ default: (await import('./pages/handout.tsx')).HandoutPage }));
const loadPatientHome = () => import('./pages/patient-home.tsx');
const PatientHomePage = lazy(async () => ({ default: (await loadPatientHome()).PatientHomePage }));
const PatientListPage = lazy(async () => ({
  default: (await import('./pages/patient-list.tsx')).PatientListPage,
}));
const loadPatientPage = () => import('./pages/patient-page.tsx');
const PatientPage = lazy(async () => ({ default: (await loadPatientPage()).PatientPage }));
const AccountPage = lazy(async () => ({ default: (await import('./pages/account.tsx')).AccountPage }));
const PeoplePage = lazy(async () => ({ default: (await import('./pages/people.tsx')).PeoplePage }));
const SessionPage = lazy(async () => ({ default: (await import('./pages/session.tsx')).SessionPage }));
const VirtualStimulatorPage = lazy(async () => ({
  default: (await import('./pages/virtual-stimulator.tsx')).VirtualStimulatorPage,
}));

/**
 * A link straight to a patient's page starts the page's code and its summary's records loading at once,
 * alongside the login check, rather than one after the other: on a phone's network each round trip
 * saved is a fraction of a second before the patient's summary shows. Without a login the early
 * requests fail quietly and are asked again after it.
 */
function startLoading(path: string): void {
  const patient = PATIENT_PAGE.exec(path);
  if (!patient?.[1]) return;
  loadPatientPage().catch(() => undefined);
  prefetchPatientPage(patient[1]);
}
const PATIENT_PAGE = /^\/patients\/([0-9a-f-]{36})$/;
startLoading(window.location.pathname);

/** A task of its own after the app's code has run, so the phone's first long task stays short. */
const inTaskOfItsOwn = <T,>(work: () => T | Promise<T>): Promise<T> =>
  new Promise<void>((next) => setTimeout(next, 0)).then(work);

/**
 * The language the app opens in: the one last used on this device (a patient's own, kept at their
 * last visit, so it opens in it offline too), else the browser's, else English. Loaded alongside
 * the login check, not after it; in a task of its own, because the browser opens its storage the
 * first time it is read (13–23 ms in Chromium on the test machine).
 */
const firstLanguage = inTaskOfItsOwn(() => showLanguage(negotiateLanguage(rememberedLanguage()))).catch(
  () => undefined,
);
// Off the page's thread while the first answers are on their way (see date-data.ts); making the
// worker takes 7–15 ms, in a task of its own too.
void inTaskOfItsOwn(() => loadDateDataAside(warmDateFormats));

/**
 * A patient reads the app in their stored language (remembered on this device for the next start);
 * the clinician's and admin's workspace is in English.
 */
function languageFor(user: User): Promise<void> {
  return user.role === 'patient' ? showLanguage(negotiateLanguage(user.language), true) : showLanguage('en');
}

/** Once the login is known, the patient's Today page starts loading its code and records together. */
function startLoadingFor(user: User, path: string): void {
  if (user.role !== 'patient' || !user.patientId || path !== '/') return;
  loadPatientHome().catch(() => undefined);
  prefetchPatientHome(user.patientId);
}

type Session =
  | { state: 'loading' }
  | { state: 'setup' }
  | { state: 'anonymous'; notice?: string }
  | { state: 'in'; user: User };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [fatal, setFatal] = useState<string>();
  const path = usePath();
  useI18n();

  const signedIn = useCallback(async (user: User, csrfToken: string | null) => {
    setCsrfToken(csrfToken);
    startLoadingFor(user, window.location.pathname);
    offlineFor(user.role);
    // A missing language file (offline before it was ever fetched) leaves the words in English.
    await languageFor(user).catch(() => undefined);
    // The person's first page is drawn as a transition: React renders it in slices between the
    // browser's other work instead of in one long task (the app says "Loading…" meanwhile).
    startTransition(() => setSession({ state: 'in', user }));
  }, []);

  // Logged out or expired in this tab or another: every tab shows the login page and says why.
  useEffect(
    () =>
      onSessionEnd((end) => {
        setCsrfToken(null);
        void forgetOffline();
        setSession((now) =>
          now.state === 'in' ? { state: 'anonymous', notice: sessionEndWords(end) } : now,
        );
      }),
    [],
  );

  useEffect(() => {
    (async () => {
      try {
        // Both questions at once: is this the first run, and who is logged in?
        const me = get<{ user: User; csrfToken?: string }>('/api/me');
        me.catch(() => undefined);
        const setup = await get<{ needsSetup: boolean }>('/api/setup');
        await firstLanguage;
        if (setup.needsSetup) return setSession({ state: 'setup' });
        const who = await me;
        await signedIn(who.user, who.csrfToken ?? null);
      } catch (error) {
        await firstLanguage;
        if (error instanceof ApiError && error.status === 401) setSession({ state: 'anonymous' });
        else setFatal(error instanceof Error ? error.message : String(error));
      }
    })();
  }, [signedIn]);

  const logout = async () => {
    try {
      await post('/api/auth/logout');
    } finally {
      navigate('/');
      announceSessionEnd('logged-out');
    }
  };

  if (fatal) {
    return (
      <main id="main" className="narrow">
        <h1>Myotrophy</h1>
        <p role="alert" className="error">
          {fatal}
        </p>
      </main>
    );
  }
  if (session.state === 'loading') {
    return (
      <main id="main" className="narrow" aria-busy="true">
        <p className="loading">{t('app.loading')}</p>
      </main>
    );
  }
  // A one-time link opens its page whoever is logged in on this browser.
  if (path === '/invite' || path === '/reset') {
    return (
      <SetPasswordPage
        kind={path === '/invite' ? 'invite' : 'reset'}
        onDone={() => {
          navigate('/');
          if (session.state === 'in') void logout();
        }}
      />
    );
  }
  if (session.state === 'setup') return <SetupPage onDone={(user, csrf) => signedIn(user, csrf)} />;
  if (session.state === 'anonymous') {
    return <LoginPage notice={session.notice} onLogin={(user, csrf) => signedIn(user, csrf)} />;
  }

  const user = session.user;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar no-print">
        <a className="brand" href="/" onClick={onLink('/')}>
          Myotrophy
        </a>
        <nav aria-label={t('app.nav.label')}>
          {navigationOf(user.role).map(([to, words]) => (
            <a key={to} href={to} onClick={onLink(to)} aria-current={path === to ? 'page' : undefined}>
              {t(words)}
            </a>
          ))}
        </nav>
        <div className="who">
          <span>
            {user.name} <span className="role">({t('app.role', { role: user.role })})</span>
          </span>
          <button type="button" className="secondary" onClick={logout}>
            {t('app.logOut')}
          </button>
        </div>
      </header>
      <main id="main">
        <Suspense fallback={<p className="loading">{t('app.loadingPage')}</p>}>{route(path, user)}</Suspense>
      </main>
    </>
  );
}

function route(path: string, user: User) {
  if (path === '/account') return <AccountPage user={user} />;
  if (path === '/people' && user.role === 'admin') return <PeoplePage me={user} />;
  if (user.role === 'patient') {
    if (!user.patientId) return <p className="error">{t('app.notLinked')}</p>;
    if (path === '/handout') return <HandoutPage patientId={user.patientId} />;
    if (path === '/session') return <SessionPage patientId={user.patientId} />;
    return <PatientHomePage patientId={user.patientId} />;
  }
  if (path === '/virtual-stimulator') return <VirtualStimulatorPage />;
  const handout = /^\/patients\/([0-9a-f-]{36})\/handout$/.exec(path);
  if (handout?.[1]) return <HandoutPage patientId={handout[1]} />;
  const patient = PATIENT_PAGE.exec(path);
  if (patient?.[1]) return <PatientPage patientId={patient[1]} user={user} />;
  return <PatientListPage user={user} />;
}

/** The top navigation's pages for a role: [address, words]. */
function navigationOf(role: User['role']): [string, MessageKey][] {
  const home: [string, MessageKey][] =
    role === 'patient'
      ? [
          ['/', 'app.nav.today'],
          ['/handout', 'app.nav.handout'],
        ]
      : [['/', 'app.nav.patients']];
  return [
    ...home,
    ...(role === 'admin' ? [['/people', 'app.nav.people'] as [string, MessageKey]] : []),
    ['/account', 'app.nav.account'],
  ];
}
