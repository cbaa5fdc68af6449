import { earliestPlausibleBirthDate } from '@core/clinic/demographics/birth-date.ts';
import { type FormEvent, useMemo, useState } from 'react';
import { post } from '../api.ts';
import { FormError } from '../components/section.tsx';
import { ageYears, label, todayKey } from '../format.ts';
import { useAction, useGet } from '../hooks.ts';
import { navigate, onLink } from '../router.ts';
import { nameMatches } from '../search.ts';
import type { Alert, Patient, User } from '../types.ts';

const SEVERITY_WEIGHT = { high: 100, medium: 10 } as const;
const KIND_WEIGHT: Record<Alert['kind'], number> = {
  'red-flag': 5,
  contraindication: 4,
  'below-forecast': 3,
  'rising-pain': 2,
  'missed-sessions': 1,
};

/** How urgent a patient's alerts are: high before medium, red flags before the rest. */
export function urgency(alerts: readonly Alert[]): number {
  return alerts.reduce((sum, a) => sum + SEVERITY_WEIGHT[a.severity] + KIND_WEIGHT[a.kind], 0);
}

export function PatientListPage({ user }: { user: User }) {
  const patients = useGet<{ items: Patient[] }>('/api/patients');
  const alerts = useGet<{ items: Alert[]; withApprovedProgramme?: string[] }>('/api/alerts');
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);

  const rows = useMemo(() => {
    const byPatient = new Map<string, Alert[]>();
    for (const a of alerts.data?.items ?? [])
      byPatient.set(a.patientId, [...(byPatient.get(a.patientId) ?? []), a]);
    return (patients.data?.items ?? [])
      .filter((p) => nameMatches(p.name, query))
      .map((p) => ({ patient: p, alerts: byPatient.get(p.id) ?? [] }))
      .sort((a, b) => urgency(b.alerts) - urgency(a.alerts) || a.patient.name.localeCompare(b.patient.name));
  }, [patients.data, alerts.data, query]);

  return (
    <section aria-labelledby="patients-title">
      <div className="title-row">
        <h1 id="patients-title">Patients</h1>
        {user.role !== 'patient' && (
          <button type="button" onClick={() => setAdding((v) => !v)} aria-expanded={adding}>
            New patient
          </button>
        )}
      </div>
      {adding && <NewPatient />}
      <label className="search">
        Search by name
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="e.g. Morgan"
        />
      </label>
      {(patients.loading || alerts.loading) && !patients.data && (
        <p className="loading" aria-live="polite">
          Loading patients…
        </p>
      )}
      {(patients.error || alerts.error) && (
        <p role="alert" className="error">
          {patients.error ?? alerts.error}
        </p>
      )}
      {patients.data && rows.length === 0 && (
        <p>{query ? 'No patient matches that name.' : 'No patients on your care team yet.'}</p>
      )}
      <ul className="patient-list" aria-label="Patients, most urgent first">
        {rows.map(({ patient, alerts: list }) => (
          <li key={patient.id} className={list.some((a) => a.severity === 'high') ? 'urgent' : undefined}>
            <a
              href={`/patients/${patient.id}`}
              onClick={onLink(`/patients/${patient.id}`)}
              className="patient-link"
            >
              <span className="name">{patient.name}</span>
              <span className="meta">
                {ageYears(patient.birthDate) ?? '?'} y{patient.sex ? `, ${patient.sex}` : ''}
              </span>
            </a>
            {list.length === 0 ? (
              // "On track" only for a patient following an approved programme; a new one has not started.
              alerts.data?.withApprovedProgramme?.includes(patient.id) ? (
                <span className="ok-badge">On track</span>
              ) : (
                <span className="muted-badge">No programme yet</span>
              )
            ) : (
              <ul className="alerts" aria-label={`Alerts for ${patient.name}`}>
                {list.map((a) => (
                  <li key={`${a.kind}-${a.message}`} className={`alert ${a.severity}`}>
                    <strong>{label(a.kind)}</strong>: {a.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewPatient() {
  const { busy, error, run } = useAction();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      const sex = String(form.get('sex'));
      const birthDate = String(form.get('birthDate'));
      const created = await post<Patient>('/api/patients', {
        name: String(form.get('name')).trim(),
        birthDate: birthDate || null,
        sex: sex || null,
      });
      navigate(`/patients/${created.id}`);
    });
  };
  return (
    <form className="card inline-form" onSubmit={submit} aria-label="New patient">
      <label>
        Name
        <input
          name="name"
          required
          maxLength={200}
          pattern=".*\S.*"
          title="The patient's name: letters, not only spaces"
        />
      </label>
      <label>
        Date of birth
        <input name="birthDate" type="date" min={earliestPlausibleBirthDate(todayKey())} max={todayKey()} />
      </label>
      <label>
        Sex
        <select name="sex" defaultValue="">
          <option value="">not stated</option>
          <option value="female">female</option>
          <option value="male">male</option>
          <option value="other">other</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        Create patient
      </button>
      <FormError error={error} />
    </form>
  );
}
