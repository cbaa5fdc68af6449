/**
 * A new password typed twice (first run, an invitation or reset link, the account page). The API
 * refuses one shorter than 10 characters; the form asks for the same.
 */
export function NewPasswordFields({ name, label }: { name: string; label: 'Password' | 'New password' }) {
  return (
    <>
      <label>
        {label} (at least 10 characters)
        <input name={name} type="password" required minLength={10} autoComplete="new-password" />
      </label>
      <label>
        {label} again
        <input name="confirm" type="password" required minLength={10} autoComplete="new-password" />
      </label>
    </>
  );
}

/** The new password in `form`'s field `name`; throws, for the form to say, when the two typings differ. */
export function newPasswordOf(form: FormData, name: string): string {
  const password = String(form.get(name));
  if (password !== String(form.get('confirm'))) {
    throw new Error('The two passwords differ; type the same password twice.');
  }
  return password;
}
