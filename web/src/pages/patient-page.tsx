import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useCatalogue } from '../catalogue.ts';
import { DiagnosisCoder } from '../components/diagnosis-coder.tsx';
import { Measurements } from '../components/measurements.tsx';
import { ProgrammeDesigner } from '../components/programme-designer.tsx';
import { ScreeningChecklist } from '../components/screening.tsx';
import { SdTests } from '../components/sd-test.tsx';
import { Section, Status } from '../components/section.tsx';
import { AdherenceCalendar, ComfortPainTrend, LogSessionForm, SessionLog } from '../components/sessions.tsx';
import { TrajectoryChart } from '../components/trajectory-chart.tsx';
import { ageYears, date, fixed, label } from '../format.ts';
import { prefetch, useGet } from '../hooks.ts';
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
const sessionsSince = () =>
  new Date(Date.now() - SESSION_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);

function paths(patientId: string) {
  const base = `/api/patients/${patientId}`;
  return {
    overview: `${base}/overview`,
    screenings: `${base}/screenings`,
    measurements: `${base}/measurements?limit=5000`,
    sdTests: `${base}/sd-tests`,
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
  const canEdit = user.role === 'clinician';
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
        perDay={level1?.sessionsPerDay ?? null}
        programmeId={active?.id ?? null}
        maxIntensityMa={work?.maxIntensityMa ?? null}
      />
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
      ) : (
        <p className="ok-badge">No alerts: on track.</p>
      )}
    </Section>
  );
});

interface SectionProps {
  patientId: string;
  canEdit: boolean;
  onChanged: () => void;
}

const ScreeningSection = memo(function ScreeningSection({
  patientId,
  catalogue,
  canEdit,
  onChanged,
}: SectionProps & { catalogue: Catalogue }) {
  const screenings = useGet<{ items: Screening[] }>(paths(patientId).screenings);
  const reload = screenings.reload;
  const saved = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <Section id="screening" title="Safety screening">
      <Status loading={screenings.loading && !screenings.data} error={screenings.error} what="screenings" />
      {screenings.data && (
        <ScreeningChecklist
          patientId={patientId}
          catalogue={catalogue}
          screenings={screenings.data.items}
          canEdit={canEdit}
          onSaved={saved}
        />
      )}
    </Section>
  );
});

const MeasurementsSection = memo(function MeasurementsSection({
  patientId,
  catalogue,
  canEdit,
  onChanged,
  defaultSite,
}: SectionProps & { catalogue: Catalogue; defaultSite: string }) {
  const measurements = useGet<{ items: Measurement[] }>(paths(patientId).measurements);
  const reload = measurements.reload;
  const saved = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <Section id="measurements" title="Measurements">
      <Status
        loading={measurements.loading && !measurements.data}
        error={measurements.error}
        what="measurements"
      />
      {measurements.data && (
        <Measurements
          patientId={patientId}
          catalogue={catalogue}
          measurements={measurements.data.items}
          defaultSite={defaultSite}
          canEdit={canEdit}
          onSaved={saved}
        />
      )}
    </Section>
  );
});

const SdSection = memo(function SdSection({ patientId, canEdit, onChanged }: SectionProps) {
  const tests = useGet<{ items: SdTest[] }>(paths(patientId).sdTests);
  const reload = tests.reload;
  const saved = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <Section id="sd" title="Strength–duration test">
      <Status loading={tests.loading && !tests.data} error={tests.error} what="tests" />
      {tests.data && (
        <SdTests patientId={patientId} tests={tests.data.items} canEdit={canEdit} onSaved={saved} />
      )}
    </Section>
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
  const programmes = useGet<{ items: Programme[] }>(paths(patientId).programmes);
  const reload = programmes.reload;
  const saved = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <Section id="programme" title="Programme designer">
      <Status loading={programmes.loading && !programmes.data} error={programmes.error} what="programmes" />
      {programmes.data && (
        <ProgrammeDesigner
          patientId={patientId}
          catalogue={catalogue}
          condition={condition}
          programmes={programmes.data.items}
          canEdit={canEdit}
          onSaved={saved}
        />
      )}
    </Section>
  );
});

const SessionsSection = memo(function SessionsSection({
  patientId,
  canEdit,
  onChanged,
  perDay,
  programmeId,
  maxIntensityMa,
}: SectionProps & { perDay: number | null; programmeId: string | null; maxIntensityMa: number | null }) {
  const sessions = useGet<{ items: Session[] }>(paths(patientId).sessions);
  const reload = sessions.reload;
  const logged = useCallback(() => {
    reload();
    onChanged();
  }, [reload, onChanged]);
  return (
    <Section id="adherence" title="Adherence and sessions">
      <Status loading={sessions.loading && !sessions.data} error={sessions.error} what="sessions" />
      {sessions.data && (
        <>
          <div className="grid-2">
            <AdherenceCalendar sessions={sessions.data.items} perDay={perDay} />
            <ComfortPainTrend sessions={sessions.data.items} />
          </div>
          <SessionLog sessions={sessions.data.items} />
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
    </Section>
  );
});
