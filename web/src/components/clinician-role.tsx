import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { useAction } from '../hooks.ts';
import { FormFooter } from './section.tsx';

/**
 * Granting or withdrawing an admin account's clinician role: the only way an admin does clinical
 * work. Two steps (the button, then a confirmation saying what it means, with a reason), so the
 * role is never given by one stray click.
 */
export function ClinicianRoleControl({
  account,
  onChanged,
}: {
  account: { id: string; name: string; clinicianRole: boolean };
  onChanged: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const granting = !account.clinicianRole;
  const what = granting
    ? `Grant the clinician role to ${account.name}`
    : `Withdraw the clinician role from ${account.name}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason')).trim();
    if (!reason) return action.setError('Say why, in a few words.');
    const ok = await action.run(async () => {
      await api('PUT', `/api/users/${account.id}/clinician-role`, { granted: granting, reason });
    });
    if (ok) {
      setConfirming(false);
      onChanged();
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="secondary" onClick={() => setConfirming(true)}>
        {what}
      </button>
    );
  }
  return (
    <form onSubmit={submit} aria-label={what}>
      <p>
        {granting
          ? `${account.name} will be able to do clinical work: see and change the records of the patients whose care team they join, and approve programmes. An admin joins a care team only with this role.`
          : `${account.name} will no longer do clinical work or see patients' records; the admin work stays.`}
      </p>
      <label>
        Reason (recorded in the audit log)
        <input name="reason" required maxLength={500} />
      </label>
      <FormFooter
        action={action}
        idle={granting ? 'Yes, grant the clinician role' : 'Yes, withdraw the clinician role'}
        working="Saving…"
      />
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
