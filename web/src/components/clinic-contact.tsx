import type { FormEvent } from 'react';
import { api } from '../api.ts';
import { useAction, useGet } from '../hooks.ts';
import { FormFooter, Status } from './section.tsx';

interface Clinic {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/**
 * The clinic's name, phone and email as its patients read them when stimulation is paused or a
 * programme is on hold, and on their handout (PUT /api/clinic, the admin's).
 */
export function ClinicContactForm() {
  const clinic = useGet<Clinic>('/api/clinic');
  const save = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const optional = (field: string) => String(form.get(field) ?? '').trim() || null;
    await save.run(async () => {
      await api('PUT', '/api/clinic', {
        name: String(form.get('name') ?? '').trim(),
        phone: optional('phone'),
        email: optional('email'),
      });
      clinic.reload();
    }, 'Saved. Patients read the new contact from their next visit.');
  };
  const c = clinic.data;
  if (!c) return <Status loading={clinic.loading} error={clinic.error} what="the clinic's contact" />;
  return (
    <form onSubmit={submit} aria-label="Clinic contact" key={`${c.name}|${c.phone}|${c.email}`}>
      <label>
        Clinic name
        <input name="name" required maxLength={200} defaultValue={c.name} />
      </label>
      <label>
        Phone
        <input name="phone" type="tel" maxLength={40} defaultValue={c.phone ?? ''} />
      </label>
      <label>
        Email
        <input name="email" type="email" maxLength={254} defaultValue={c.email ?? ''} />
      </label>
      <FormFooter action={save} idle="Save the clinic's contact" working="Saving…" />
    </form>
  );
}
