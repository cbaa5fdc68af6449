import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import { ClinicContactForm } from '../components/clinic-contact.tsx';
import { ClinicianRoleControl } from '../components/clinician-role.tsx';
import { FormFooter, Section, Status } from '../components/section.tsx';
import { useAction, useGet } from '../hooks.ts';
import type { User } from '../types.ts';

interface Account extends User {
  createdAt: string;
  deactivatedAt: string | null;
  clinicianRole: boolean;
}

interface IssuedLink {
  email: string;
  path: string;
  expiresAt: string;
}

/** The one-time link, shown once, for the admin to hand over. */
function LinkOnce({ label, link }: { label: string; link: IssuedLink }) {
  const url = `${window.location.origin}${link.path}`;
  return (
    <div role="status" className="saved">
      <label>
        {label} for {link.email} (shown once; valid until {new Date(link.expiresAt).toLocaleString()})
        <input readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
    </div>
  );
}

/**
 * The admin's page: invite clinicians; set the clinic's contact for its patients; deactivate,
 * reactivate or reset accounts; grant or withdraw an admin account's clinician role.
 */
export function PeoplePage({ me }: { me: User }) {
  const users = useGet<{ items: Account[] }>('/api/users');
  const invite = useAction();
  const act = useAction();
  const [invited, setInvited] = useState<IssuedLink>();
  const [reset, setReset] = useState<IssuedLink>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const ok = await invite.run(async () => {
      setInvited(
        await post<IssuedLink>('/api/invitations', {
          role: 'clinician',
          name: String(form.get('name')),
          email: String(form.get('email')),
        }),
      );
    });
    if (ok) formElement.reset();
  };

  const change = (user: Account, what: 'deactivate' | 'reactivate') =>
    act.run(async () => {
      await post(`/api/users/${user.id}/${what}`, {});
      users.reload();
    });
  const resetLink = (user: Account) =>
    act.run(async () => {
      setReset(await post<IssuedLink>(`/api/users/${user.id}/reset-link`));
    });

  return (
    <>
      <h1>People</h1>
      <Section id="invite" title="Invite a clinician">
        <form onSubmit={submit} aria-label="Invite a clinician">
          <label>
            Name
            <input name="name" required maxLength={200} />
          </label>
          <label>
            Email
            <input name="email" type="email" required />
          </label>
          <FormFooter action={invite} idle="Create invitation link" working="Creating…" />
        </form>
        {invited && <LinkOnce label="Invitation link" link={invited} />}
        <p className="hint">
          Patients get their login from their care team, on the patient's page, so that only the people
          treating them can hand it over.
        </p>
      </Section>
      <Section id="clinic" title="Clinic contact">
        <p className="hint">
          What your patients are told to contact when their stimulation is paused or their programme is on
          hold, and what their handout prints.
        </p>
        <ClinicContactForm />
      </Section>
      <Section id="accounts" title="Accounts">
        <Status loading={users.loading} error={users.error ?? act.error} what="accounts" />
        {reset && <LinkOnce label="Password reset link" link={reset} />}
        <table aria-label="Accounts">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.items ?? []).map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>
                  {u.role}
                  {u.clinicianRole ? ', with the clinician role' : ''}
                </td>
                <td>{u.deactivatedAt ? 'deactivated' : 'active'}</td>
                <td>
                  {u.role === 'admin' && !u.deactivatedAt && (
                    <ClinicianRoleControl account={u} onChanged={users.reload} />
                  )}{' '}
                  {u.id !== me.id &&
                    (u.deactivatedAt ? (
                      <button type="button" className="secondary" onClick={() => change(u, 'reactivate')}>
                        Reactivate {u.name}
                      </button>
                    ) : (
                      <>
                        <button type="button" className="secondary" onClick={() => resetLink(u)}>
                          Reset password of {u.name}
                        </button>{' '}
                        <button type="button" className="secondary" onClick={() => change(u, 'deactivate')}>
                          Deactivate {u.name}
                        </button>
                      </>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
