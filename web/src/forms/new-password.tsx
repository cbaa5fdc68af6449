import { t } from '../i18n/i18n.ts';

/** The API refuses a password shorter than this; the form asks for the same. */
const MIN_PASSWORD_CHARS = 10;

/**
 * A new password typed twice (first run, an invitation or reset link, the account page), labelled
 * `label` ("Password" unless told).
 */
export function NewPasswordFields({ name, label = t('password.label') }: { name: string; label?: string }) {
  return (
    <>
      <label>
        {t('password.atLeast', { label, count: MIN_PASSWORD_CHARS })}
        <input
          name={name}
          type="password"
          required
          minLength={MIN_PASSWORD_CHARS}
          autoComplete="new-password"
        />
      </label>
      <label>
        {t('password.again', { label })}
        <input
          name="confirm"
          type="password"
          required
          minLength={MIN_PASSWORD_CHARS}
          autoComplete="new-password"
        />
      </label>
    </>
  );
}

/** The new password in `form`'s field `name`; throws, for the form to say, when the two typings differ. */
export function newPasswordOf(form: FormData, name: string): string {
  const password = String(form.get(name));
  if (password !== String(form.get('confirm'))) {
    throw new Error(t('password.differ'));
  }
  return password;
}
