import {
  earliestPlausibleBirthDate,
  implausibleBirthDate,
  MAX_PLAUSIBLE_AGE_YEARS,
} from '@core/clinic/demographics/birth-date.ts';
import { blankNameProblem, PATIENT_DETAIL_FIELDS } from '@core/shared/patient-details.ts';
import { useMemo, useState } from 'react';
import { type FieldValues, useForm } from 'react-hook-form';
import { post } from '../api.ts';
import { FormError } from '../components/section.tsx';
import { ageYears, label, todayKey } from '../format.ts';
import { schemaResolver } from '../forms/field-schema.ts';
import { SchemaField } from '../forms/schema-field.tsx';
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

type NewPatientText = { name: string; birthDate: string; sex: string };

/** The API's own checks of a new patient's details, before anything is sent. */
const newPatientResolver = schemaResolver<NewPatientText>(
  { ...PATIENT_DETAIL_FIELDS, sex: { label: 'Sex', schema: { type: ['string', 'null'] } } },
  ({ name, birthDate }) => ({
    name:
      typeof name === 'string' && blankNameProblem(name) ? 'Give the patient’s name, not only spaces.' : null,
    birthDate:
      typeof birthDate === 'string' && implausibleBirthDate(birthDate, new Date())
        ? `Date of birth must be between ${earliestPlausibleBirthDate(todayKey())} and today (${MAX_PLAUSIBLE_AGE_YEARS} years at most).`
        : null,
  }),
);

function NewPatient() {
  const { busy, error, run } = useAction();
  const { register, handleSubmit, formState } = useForm<NewPatientText, unknown, FieldValues>({
    resolver: newPatientResolver,
    defaultValues: { name: '', birthDate: '', sex: '' },
  });
  const submit = handleSubmit((values) =>
    run(async () => {
      const created = await post<Patient>('/api/patients', {
        name: String(values.name).trim(),
        birthDate: values.birthDate,
        sex: values.sex,
      });
      navigate(`/patients/${created.id}`);
    }),
  );
  return (
    <form className="card inline-form" onSubmit={submit} aria-label="New patient" noValidate>
      <SchemaField
        spec={PATIENT_DETAIL_FIELDS.name}
        error={formState.errors.name?.message}
        input={{ ...register('name'), maxLength: 200, autoComplete: 'off' }}
      />
      <SchemaField
        spec={PATIENT_DETAIL_FIELDS.birthDate}
        error={formState.errors.birthDate?.message}
        input={{
          ...register('birthDate'),
          type: 'date',
          min: earliestPlausibleBirthDate(todayKey()),
          max: todayKey(),
        }}
      />
      <label>
        Sex
        <select {...register('sex')}>
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
