import { type FormEvent, useState } from 'react';
import { api, post } from '../api.ts';
import { doesClinicalWork } from '../clinical-work.ts';
import { useAction, useGet } from '../hooks.ts';
import type { User } from '../types.ts';
import { FormFooter, Status } from './section.tsx';

interface Member {
  userId: string;
  name: string;
  email: string;
}

interface Account extends User {
  deactivatedAt: string | null;
}

/**
 * An admin's changes to a patient's care team: add or remove a member, always with a reason, which
 * is recorded with the patient and shown to the team in the list of changes.
 */
export function CareTeamMembers({ patientId, onChanged }: { patientId: string; onChanged: () => void }) {
  const patient = useGet<{ careTeam: Member[] }>(`/api/patients/${patientId}`);
  const users = useGet<{ items: Account[] }>('/api/users');
  const action = useAction();
  const [saved, setSaved] = useState<string>();
  const team = patient.data?.careTeam ?? [];
  const candidates = (users.data?.items ?? []).filter(
    (u) => doesClinicalWork(u) && !u.deactivatedAt && !team.some((m) => m.userId === u.id),
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const change = String(form.get('change'));
    const reason = String(form.get('reason')).trim();
    setSaved(undefined);
    if (!reason) return action.setError('Give the reason for this change; the care team will see it.');
    const [kind, userId] = change.split(':');
    const ok = await action.run(async () => {
      if (kind === 'add') await post(`/api/patients/${patientId}/care-team`, { clinicianId: userId, reason });
      else await api('DELETE', `/api/patients/${patientId}/care-team/${userId}`, { reason });
    });
    if (ok) {
      formElement.reset();
      setSaved('Care team changed. The team sees the change and the reason.');
      patient.reload();
      onChanged();
    }
  };

  return (
    <>
      <h3>Members</h3>
      <Status loading={patient.loading} error={patient.error ?? users.error} what="the care team" />
      <ul aria-label="Care team members">
        {team.map((m) => (
          <li key={m.userId}>
            {m.name} ({m.email})
          </li>
        ))}
      </ul>
      <form onSubmit={submit} aria-label="Change the care team">
        <label>
          Change
          <select name="change" required defaultValue="">
            <option value="" disabled>
              Choose a change
            </option>
            {candidates.map((u) => (
              <option key={u.id} value={`add:${u.id}`}>
                Add {u.name}
              </option>
            ))}
            {team.map((m) => (
              <option key={m.userId} value={`remove:${m.userId}`}>
                Remove {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason (required; the care team sees it)
          <input name="reason" required maxLength={500} />
        </label>
        <FormFooter action={action} idle="Change the care team" working="Saving…" />
      </form>
      {saved && (
        <p role="status" className="saved">
          {saved}
        </p>
      )}
    </>
  );
}
