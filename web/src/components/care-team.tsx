import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import { useAction, useGet } from '../hooks.ts';
import { CareTeamMembers } from './care-team-members.tsx';
import { FormFooter, Section, Status } from './section.tsx';

interface CareTeamChange {
  at: string;
  action: 'add-member' | 'remove-member';
  memberName: string | null;
  byName: string | null;
  byRole: string | null;
  reason: string | null;
}

/**
 * The care team's side of a patient's account: the patient's one login, offered by invitation from
 * the team, and every change to the team (an admin's with the reason given), so the team sees who
 * joined or left and why. An admin also changes the members here.
 */
export function CareTeamSection({
  patientId,
  patientName,
  admin,
}: {
  patientId: string;
  patientName: string;
  /** An admin (holding the clinician role, to be here) changes the team, with a reason. */
  admin: boolean;
}) {
  const changes = useGet<{ items: CareTeamChange[] }>(`/api/patients/${patientId}/care-team/changes`);
  const invite = useAction();
  const [link, setLink] = useState<{ path: string; expiresAt: string; email: string }>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await invite.run(async () => {
      setLink(
        await post('/api/invitations', {
          role: 'patient',
          patientId,
          name: patientName,
          email: String(form.get('email')),
        }),
      );
    });
  };

  return (
    <Section id="care-team" title="Care team and login">
      <form onSubmit={submit} aria-label="Invite the patient to log in">
        <label>
          Patient's email
          <input name="email" type="email" required />
        </label>
        <FormFooter action={invite} idle="Create login invitation" working="Creating…" />
      </form>
      {link && (
        <div role="status" className="saved">
          <label>
            Invitation link for {link.email} (shown once; valid until{' '}
            {new Date(link.expiresAt).toLocaleString()})
            <input readOnly value={`${window.location.origin}${link.path}`} />
          </label>
        </div>
      )}
      {admin && <CareTeamMembers patientId={patientId} onChanged={changes.reload} />}
      <h3>Changes to the care team</h3>
      <Status loading={changes.loading} error={changes.error} what="care-team changes" />
      <ul aria-label="Changes to the care team">
        {(changes.data?.items ?? []).map((c) => (
          <li key={`${c.at}-${c.action}-${c.memberName}`}>
            {new Date(c.at).toLocaleString()}: {c.memberName ?? 'someone'}{' '}
            {c.action === 'add-member' ? 'joined' : 'left'} — by {c.byName ?? 'the command line'}
            {c.byRole === 'admin' ? ' (admin)' : ''}
            {c.reason ? `: ${c.reason}` : ''}
          </li>
        ))}
      </ul>
    </Section>
  );
}
