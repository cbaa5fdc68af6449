import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@core/shared/languages.ts';
import { type FormEvent, useState } from 'react';
import { api, post } from '../api.ts';
import { Reminders } from '../components/reminders.tsx';
import { FormFooter, Section, Status } from '../components/section.tsx';
import { ChoiceField } from '../forms/choice-field.tsx';
import { NewPasswordFields, newPasswordOf } from '../forms/new-password.tsx';
import { useAction, useGet } from '../hooks.ts';
import { showLanguage } from '../i18n/browser-language.ts';
import { t, useI18n } from '../i18n/i18n.ts';
import type { User } from '../types.ts';

interface ActiveSession {
  id: string;
  createdAt: string;
  ip: string | null;
  current: boolean;
}

/**
 * Your own account: change the password, see where you are logged in and end the other sessions;
 * a patient also chooses the language Myotrophy is shown in and their reminders.
 */
export function AccountPage({ user }: { user: User }) {
  const { locale } = useI18n();
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
      setSaved(t('account.password.changed', { count: result.endedSessions }));
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
  const since = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <h1>{t('account.heading')}</h1>
      {user.role === 'patient' && user.patientId && <LanguageChoice patientId={user.patientId} />}
      {user.role === 'patient' && user.patientId ? <Reminders patientId={user.patientId} /> : null}
      <Section id="password" title={t('account.password.heading')}>
        <form onSubmit={submit} aria-label={t('account.password.heading')}>
          <label>
            {t('account.password.current')}
            <input name="currentPassword" type="password" required autoComplete="current-password" />
          </label>
          <NewPasswordFields name="newPassword" label={t('account.password.new')} />
          <FormFooter
            action={change}
            saved={saved}
            idle={t('account.password.change')}
            working={t('account.password.changing')}
          />
        </form>
      </Section>
      <Section
        id="sessions"
        title={t('account.sessions.heading')}
        actions={
          <button type="button" className="secondary" onClick={endOthers} disabled={ending.busy}>
            {t('account.sessions.endOthers')}
          </button>
        }
      >
        <Status
          loading={sessions.loading}
          error={sessions.error ?? ending.error}
          what={t('account.sessions.what')}
        />
        <ul className="sessions" aria-label={t('account.sessions.list')}>
          {(sessions.data?.items ?? []).map((s) => (
            <li key={s.id}>
              {t('account.sessions.since', {
                when: since.format(new Date(s.createdAt)),
                address: s.ip ?? t('account.sessions.unknownAddress'),
              })}{' '}
              {s.current ? (
                <strong>{t('account.sessions.this')}</strong>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => endOne(s.id)}
                  disabled={ending.busy}
                >
                  {t('account.sessions.end')}
                </button>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

/** The patient's language: kept on their record and on this device, and shown at once. */
function LanguageChoice({ patientId }: { patientId: string }) {
  const { language } = useI18n();
  const action = useAction();
  const [chosen, setChosen] = useState<Language>(language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api('PUT', `/api/patients/${patientId}/language`, { language: chosen });
      await showLanguage(chosen, true);
      return t('account.language.saved');
    });
  };
  return (
    <Section id="language" title={t('account.language.heading')}>
      <form onSubmit={submit} aria-label={t('account.language.heading')}>
        <ChoiceField
          label={t('account.language.label')}
          options={LANGUAGES}
          words={(code) => LANGUAGE_NAMES[code]}
          value={chosen}
          onChoose={setChosen}
        />
        <FormFooter action={action} idle={t('account.language.save')} working={t('form.saving')} />
      </form>
    </Section>
  );
}
