import { DAY_MS } from '@core/shared/time-units.ts';
import { memo, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useCatalogue } from '../catalogue.ts';
import { doesClinicalWork } from '../clinical-work.ts';
import { CareTeamSection } from '../components/care-team.tsx';
import { DiagnosisCoder } from '../components/diagnosis-coder.tsx';
import { ForceRecordings, type IdentifiedModelRecord } from '../components/force-recording.tsx';
import { Measurements } from '../components/measurements.tsx';
import { ScreeningChecklist } from '../components/screening.tsx';
import { Section, Status } from '../components/section.tsx';
import { AdherenceCalendar, LogSessionForm, SessionLog } from '../components/sessions.tsx';
import { ageYears, date, fixed, label } from '../format.ts';
import { prefetch, useGet } from '../hooks.ts';
import { ComfortPainTrend, ProgrammeDesigner, SdTests, TrajectoryChart } from '../lazy.tsx';
import { onLink } from '../router.ts';
import type {
  Catalogue,
  Condition,
  Forecast,
  Measurement,
  Overview,
  Programme,
  Screening,
  SdTest,
  Session,
  User,
} from '../types.ts';

const SESSION_WINDOW_DAYS = 84;

/**
 * The clinician's patient page. The overview drives the summary; every other section loads its own
 * records, so one answer arriving re-renders only its section (the page stays quick with years of data).
 */
const sessionsSince = () => new Date(Date.now() - SESSION_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);

function paths(patientId: string) {
  const base = `/api/patients/${patientId}`;
  return {
    overview: `${base}/overview`,
    screenings: `${base}/screenings`,
    measurements: `${base}/measurements?limit=5000&history=true`,
    sdTests: `${base}/sd-tests`,
    identifiedModels: `${base}/identified-models`,
    forecast: (tick: number) => `${base}/forecast?v=${tick}`,
    programmes: `${base}/programmes`,
    sessions: `${base}/sessions?from=${sessionsSince()}T00:00:00.000Z&limit=5000`,
  };
}

export function PatientPage({ patientId, user }: { patientId: string; user: User }) {
  // Every section's first request starts now, in parallel, before the sections mount.
  useMemo(() => {
    const p = paths(patientId);
    prefetch([p.overview, p.screenings, p.measurements, p.sdTests, p.forecast(0), p.programmes, p.sessions]);
  }, [patientId]);
  const base = `/api/patients/${patientId}`;
  const overview = useGet<Overview>(`${base}/overview`);
  const catalogue = useCatalogue();
  const canEdit = doesClinicalWork(user);
  const reloadOverview = overview.reload;
  const [forecastTick, setForecastTick] = useStateTick();
  const changed = useCallback(() => {
    reloadOverview();
    setForecastTick();
  }, [reloadOverview, setForecastTick]);

  const o = overview.data;
  useEffect(() => {
    if (o) document.title = `${o.patient.name} — Myotrophy`;
  }, [o]);

  if (!o || !catalogue) {
    return <Status loading={overview.loading || !catalogue} error={overview.error} what="the patient" />;
  }
  const condition = o.conditions[o.conditions.length - 1];
  const active = o.activeProgramme;
  const level1 = active?.body?.stimulation?.levels?.[0];
  const work = level1?.blocks.find((b) => b.kind === 'work');

  return (
    <article className="patient-page" aria-labelledby="patient-title">
      <div className="title-row">
        <h1 id="patient-title">{o.patient.name}</h1>
        <a
          className="button secondary"
          href={`/patients/${patientId}/handout`}
          onClick={onLink(`/patients/${patientId}/handout`)}
        >
          Patient handout
        </a>
      </div>
      <nav aria-label="Patient sections" className="section-nav">
        {[
          ['summary', 'Summary'],
          ['diagnosis', 'Diagnosis'],
          ['screening', 'Screening'],
          ['measurements', 'Measurements'],
          ['sd', 'Strength–duration'],
          ['trajectory', 'Trajectory'],
          ['programme', 'Programme'],
          ['adherence', 'Adherence'],
        ].map(([id, text]) => (
          <a key={id} href={`#${id}`}>
            {text}
          </a>
        ))}
      </nav>
      <Summary o={o} causeLabel={catalogue.causes.find((c) => c.id === condition?.cause)?.label ?? null} />
      <Section id="diagnosis" title="Diagnosis coder">
        <DiagnosisCoder
          patientId={patientId}
          catalogue={catalogue}
          conditions={o.conditions}
          canEdit={canEdit}
          onSaved={changed}
        />
      </Section>
      <ScreeningSection patientId={patientId} catalogue={catalogue} canEdit={canEdit} onChanged={changed} />
      <MeasurementsSection
        patientId={patientId}
        catalogue={catalogue}
        canEdit={canEdit}
        onChanged={changed}
        defaultSite={condition?.site ?? ''}
      />
      <SdSection patientId={patientId} canEdit={canEdit} onChanged={changed} />
      <ForceRecordingSection patientId={patientId} canEdit={canEdit} onChanged={changed} />
      <TrajectorySection patientId={patientId} overview={o} tick={forecastTick} />
      <ProgrammeSection
        patientId={patientId}
        catalogue={catalogue}
        canEdit={canEdit}
        onChanged={changed}
        condition={condition}
      />
      <SessionsSection
        patientId={patientId}
        canEdit={canEdit}
        onChanged={changed}
        programme={active}
        timeZone={o.patient.timeZone}
        programmeId={active?.id ?? null}
        maxIntensityMa={work?.maxIntensityMa ?? null}
      />
      {canEdit && (
        <CareTeamSection patientId={patientId} patientName={o.patient.name} admin={user.role === 'admin'} />
      )}
    </article>
  );
}

function useStateTick(): [number, () => void] {
  const [tick, setTick] = useState(0);
  return [tick, useCallback(() => setTick((t) => t + 1), [])];
}

const Summary = memo(function Summary({ o, causeLabel }: { o: Overview; causeLabel: string | null }) {
  const condition = o.conditions[o.conditions.length - 1];
  const active = o.activeProgramme;
  return (
    <Section id="summary" title="Summary">
      <dl className="summary">
        <div>
          <dt>Age, sex</dt>
          <dd>
            {ageYears(o.patient.birthDate) ?? '?'} y, {o.patient.sex ?? 'not stated'}
          </dd>
        </div>
        <div>
          <dt>Diagnosis</dt>
          <dd>
            {condition ? (
              <>
                <span className="code">{condition.icd10Code}</span> {condition.title}
                {causeLabel && ` (${causeLabel})`}
              </>
            ) : (
              'not coded'
            )}
          </dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>
            {active
              ? `v${active.version}, approved ${date(active.approvedAt)}: ${label(active.body.goal)}, ${active.body.muscle?.label}`
              : 'none approved'}
            {o.draftProgrammes > 0 &&
              ` (${o.draftProgrammes} draft${o.draftProgrammes > 1 ? 's' : ''} waiting)`}
          </dd>
        </div>
        <div>
          <dt>Strength–duration</dt>
          <dd>
            {o.latestSdTest
              ? `chronaxie ${fixed(o.latestSdTest.chronaxieMs, 2)} ms, rheobase ${fixed(o.latestSdTest.rheobaseMa)} mA: ${label(o.latestSdTest.innervation ?? 'unknown')}`
              : 'not tested'}
          </dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd>
            {o.sessions.completed} completed of {o.sessions.total} logged ({fixed(o.sessions.minutes / 60, 0)}{' '}
            h); last {date(o.sessions.last)}
          </dd>
        </div>
      </dl>
      {o.alerts.length > 0 ? (
        <ul className="alerts" aria-label="Alerts">
          {o.alerts.map((a) => (
            <li key={`${a.kind}-${a.message}`} className={`alert ${a.severity}`}>
              <strong>{label(a.kind)}</strong>: {a.message}
            </li>
          ))}
        </ul>
      ) : o.activeProgramme ? (
        <p className="ok-badge">No alerts: on track.</p>
      ) : (
        <p className="muted-badge">No alerts. No programme approved yet.</p>
      )}
    </Section>
  );
});

interface SectionProps {
  patientId: string;
  canEdit: boolean;
  onChanged: () => void;
}

/**
 * A section over one list of the patient's records: loads it, says while it loads or if it failed,
 * and after a change reloads it and tells the page (whose summary may change too).
 */
function RecordsSection<T>({
  id,
  title,
  path,
  what,
  onChanged,
  children,
}: {
  id: string;
  title: string;
  path: string;
  what: string;
  onChanged: () => void;
  children: (items: T[], saved: () => void) => ReactNode;
}) {
  const records = useGet<{ items: T[] }>(path);
  const reload = records.reload;
  const saved = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <Section id={id} title={title}>
      <Status loading={records.loading && !records.data} error={records.error} what={what} />
      {records.data && children(records.data.items, saved)}
    </Section>
  );
}

const ScreeningSection = memo(function ScreeningSection({
  patientId,
  catalogue,
  canEdit,
  onChanged,
}: SectionProps & { catalogue: Catalogue }) {
  return (
    <RecordsSection<Screening>
      id="screening"
      title="Safety screening"
      path={paths(patientId).screenings}
      what="screenings"
      onChanged={onChanged}
    >
      {(items, saved) => (
        <ScreeningChecklist
          patientId={patientId}
          catalogue={catalogue}
          screenings={items}
          canEdit={canEdit}
          onSaved={saved}
        />
      )}
    </RecordsSection>
  );
});

const MeasurementsSection = memo(function MeasurementsSection({
  patientId,
  catalogue,
  canEdit,
  onChanged,
  defaultSite,
}: SectionProps & { catalogue: Catalogue; defaultSite: string }) {
  return (
    <RecordsSection<Measurement>
      id="measurements"
      title="Measurements"
      path={paths(patientId).measurements}
      what="measurements"
      onChanged={onChanged}
    >
      {(items, saved) => (
        <Measurements
          patientId={patientId}
          catalogue={catalogue}
          measurements={items}
          defaultSite={defaultSite}
          canEdit={canEdit}
          onSaved={saved}
        />
      )}
    </RecordsSection>
  );
});

const SdSection = memo(function SdSection({ patientId, canEdit, onChanged }: SectionProps) {
  return (
    <RecordsSection<SdTest>
      id="sd"
      title="Strength–duration test"
      path={paths(patientId).sdTests}
      what="tests"
      onChanged={onChanged}
    >
      {(items, saved) => <SdTests patientId={patientId} tests={items} canEdit={canEdit} onSaved={saved} />}
    </RecordsSection>
  );
});

const ForceRecordingSection = memo(function ForceRecordingSection({
  patientId,
  canEdit,
  onChanged,
}: SectionProps) {
  return (
    <RecordsSection<IdentifiedModelRecord>
      id="force-recording"
      title="Force recording → identified model"
      path={paths(patientId).identifiedModels}
      what="identified models"
      onChanged={onChanged}
    >
      {(items, saved) => (
        <ForceRecordings patientId={patientId} models={items} canEdit={canEdit} onSaved={saved} />
      )}
    </RecordsSection>
  );
});

const TrajectorySection = memo(function TrajectorySection({
  patientId,
  overview,
  tick,
}: {
  patientId: string;
  overview: Overview;
  tick: number;
}) {
  const forecast = useGet<Forecast>(paths(patientId).forecast(tick));
  return (
    <Section id="trajectory" title="Trajectory">
      <TrajectoryChart overview={overview} forecast={forecast.data?.available ? forecast.data : undefined} />
    </Section>
  );
});

const ProgrammeSection = memo(function ProgrammeSection({
  patientId,
  catalogue,
  canEdit,
  onChanged,
  condition,
}: SectionProps & { catalogue: Catalogue; condition: Condition | undefined }) {
  return (
    <RecordsSection<Programme>
      id="programme"
      title="Programme designer"
      path={paths(patientId).programmes}
      what="programmes"
      onChanged={onChanged}
    >
      {(items, saved) => (
        <ProgrammeDesigner
          patientId={patientId}
          catalogue={catalogue}
          condition={condition}
          programmes={items}
          canEdit={canEdit}
          onSaved={saved}
        />
      )}
    </RecordsSection>
  );
});

const SessionsSection = memo(function SessionsSection({
  patientId,
  canEdit,
  onChanged,
  programme,
  timeZone,
  programmeId,
  maxIntensityMa,
}: SectionProps & {
  programme: { approvedAt: string | null; body: unknown } | null;
  timeZone: string;
  programmeId: string | null;
  maxIntensityMa: number | null;
}) {
  return (
    <RecordsSection<Session>
      id="adherence"
      title="Adherence and sessions"
      path={paths(patientId).sessions}
      what="sessions"
      onChanged={onChanged}
    >
      {(items, logged) => (
        <>
          <div className="grid-2">
            <AdherenceCalendar sessions={items} programme={programme} timeZone={timeZone} />
            <ComfortPainTrend sessions={items} timeZone={timeZone} />
          </div>
          <SessionLog sessions={items} />
          {canEdit && (
            <details>
              <summary>Log a supervised session</summary>
              <LogSessionForm
                patientId={patientId}
                programmeId={programmeId}
                maxIntensityMa={maxIntensityMa}
                defaultMinutes={30}
                onLogged={logged}
              />
            </details>
          )}
        </>
      )}
    </RecordsSection>
  );
});
