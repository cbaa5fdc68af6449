import { patientPagePaths } from '@core/shared/page-requests.ts';
import { memo, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCatalogue } from '../catalogue.ts';
import { doesClinicalWork } from '../clinical-work.ts';
import { CareTeamSection } from '../components/care-team.tsx';
import { ClinicalNotes } from '../components/clinical-notes.tsx';
import { DiagnosisCoder } from '../components/diagnosis-coder.tsx';
import type { IdentifiedModelRecord } from '../components/force-recording.tsx';
import { Measurements } from '../components/measurements.tsx';
import { RemindersSwitch } from '../components/reminders-switch.tsx';
import { ScreeningChecklist } from '../components/screening.tsx';
import { Section, Status } from '../components/section.tsx';
import { ageYears, date, fixed, label } from '../format.ts';
import { useGet } from '../hooks.ts';
import { ForceRecordings, ProgrammeDesigner, SdTests, Sessions, TrajectoryChart } from '../lazy.tsx';
import { onLink } from '../router.ts';
import { keepSectionInView } from '../section-jump.ts';
import type {
  Condition,
  Forecast,
  Measurement,
  Note,
  Overview,
  Programme,
  Screening,
  SdTest,
  Session,
  User,
} from '../types.ts';
import { prefetchPatientPage } from './patient-page-requests.ts';

/**
 * The clinician's patient page. The overview drives the summary; every other section loads its own
 * records, so one answer arriving re-renders only its section (the page stays quick with years of data).
 */
export function PatientPage({ patientId, user }: { patientId: string; user: User }) {
  // The summary's requests start now (if the app has not started them).
  useMemo(() => prefetchPatientPage(patientId), [patientId]);
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
  // What every records section and every section's component is given.
  const page = { patientId, onChanged: changed };
  const editing = { patientId, canEdit };
  useEffect(() => {
    if (o) document.title = `${o.patient.name} — Myotrophy`;
  }, [o]);
  const pageRef = useRef<HTMLElement>(null);
  const drawn = o !== undefined && catalogue !== undefined;
  useEffect(() => {
    // A link straight to a section (…/patients/ID#notes): the browser looked for the section before
    // the page was drawn, so the jump is made here, and held while the parts above it load.
    const page = pageRef.current;
    const section = document.getElementById(window.location.hash.slice(1));
    if (!drawn || !page || !section || !page.contains(section)) return;
    section.scrollIntoView({ block: 'start' });
    keepSectionInView(section.id, page);
  }, [drawn]);

  if (!o || !catalogue) {
    return <Status loading={overview.loading || !catalogue} error={overview.error} what="the patient" />;
  }
  const condition = o.conditions[o.conditions.length - 1];
  const active = o.activeProgramme;
  const level1 = active?.body?.stimulation?.levels?.[0];
  const work = level1?.blocks.find((b) => b.kind === 'work');

  return (
    <article ref={pageRef} className="patient-page" aria-labelledby="patient-title">
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
          ['notes', 'Notes'],
        ].map(([id, text]) => (
          <a
            key={id}
            href={`#${id}`}
            onClick={(event) => {
              const page = event.currentTarget.closest('article');
              // After the browser's own jump (this handler runs before it).
              if (page) requestAnimationFrame(() => keepSectionInView(id as string, page));
            }}
          >
            {text}
          </a>
        ))}
      </nav>
      <Summary o={o} causeLabel={catalogue.causes.find((c) => c.id === condition?.cause)?.label ?? null} />
      <RecordsSection<Condition> id="diagnosis" {...page} uses={[catalogue, canEdit]}>
        {(items, saved) => (
          <DiagnosisCoder {...editing} catalogue={catalogue} conditions={items} onSaved={saved} />
        )}
      </RecordsSection>
      <RecordsSection<Screening> id="screening" {...page} uses={[catalogue, canEdit]}>
        {(items, saved) => (
          <ScreeningChecklist {...editing} catalogue={catalogue} screenings={items} onSaved={saved} />
        )}
      </RecordsSection>
      <RecordsSection<Measurement> id="measurements" {...page} uses={[catalogue, canEdit, condition?.site]}>
        {(items, saved) => (
          <Measurements
            {...editing}
            catalogue={catalogue}
            measurements={items}
            defaultSite={condition?.site ?? ''}
            onSaved={saved}
          />
        )}
      </RecordsSection>
      <RecordsSection<SdTest> id="sd" {...page} uses={[canEdit]}>
        {(items, saved) => <SdTests {...editing} tests={items} onSaved={saved} />}
      </RecordsSection>
      <RecordsSection<IdentifiedModelRecord> id="force-recording" {...page} uses={[canEdit]}>
        {(items, saved) => <ForceRecordings {...editing} models={items} onSaved={saved} />}
      </RecordsSection>
      <TrajectorySection patientId={patientId} overview={o} tick={forecastTick} />
      <RecordsSection<Programme> id="programme" {...page} uses={[catalogue, canEdit, condition]}>
        {(items, saved) => (
          <ProgrammeDesigner
            {...editing}
            catalogue={catalogue}
            condition={condition}
            programmes={items}
            onSaved={saved}
          />
        )}
      </RecordsSection>
      <RecordsSection<Session>
        id="adherence"
        {...page}
        uses={[canEdit, active, o.patient.timeZone, work?.maxIntensityMa]}
      >
        {(items, saved) => (
          <Sessions
            {...editing}
            sessions={items}
            programme={active}
            timeZone={o.patient.timeZone}
            maxIntensityMa={work?.maxIntensityMa ?? null}
            onSaved={saved}
          />
        )}
      </RecordsSection>
      <RecordsSection<Note> id="notes" {...page} uses={[canEdit]}>
        {(items, saved) => <ClinicalNotes {...editing} notes={items} onSaved={saved} />}
      </RecordsSection>
      {canEdit && <RemindersSwitch patientId={patientId} />}
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

/** The sections over a list of the patient's records: heading, what loads, the list they read. */
const RECORD_SECTIONS = {
  diagnosis: { title: 'Diagnosis coder', what: 'diagnoses', list: 'conditions' },
  screening: { title: 'Safety screening', what: 'screenings', list: 'screenings' },
  measurements: { title: 'Measurements', what: 'measurements', list: 'measurements' },
  sd: { title: 'Strength–duration test', what: 'tests', list: 'sdTests' },
  'force-recording': {
    title: 'Force recording → identified model',
    what: 'identified models',
    list: 'identifiedModels',
  },
  programme: { title: 'Programme designer', what: 'programmes', list: 'programmes' },
  adherence: { title: 'Adherence and sessions', what: 'sessions', list: 'sessions' },
  notes: { title: 'Notes', what: 'notes', list: 'notes' },
} as const satisfies Record<
  string,
  {
    title: string;
    what: string;
    list: Exclude<keyof ReturnType<typeof patientPagePaths>, 'forecast' | 'overview'>;
  }
>;

interface RecordsSectionProps<T> {
  id: keyof typeof RECORD_SECTIONS;
  patientId: string;
  onChanged: () => void;
  /** The page's values that `children` draws with. */
  uses: readonly unknown[];
  children: (items: T[], saved: () => void) => ReactNode;
}

/**
 * A section over one list of the patient's records: loads it, says while it loads or if it failed,
 * and after a change reloads it and tells the page (whose summary may change too). It draws again
 * only when its records arrive or a value it `uses` changes, not whenever the page does.
 */
const RecordsSection = memo(
  function RecordsSection<T>({ id, patientId, onChanged, children }: RecordsSectionProps<T>) {
    const { title, what, list } = RECORD_SECTIONS[id];
    const records = useGet<{ items: T[] }>(patientPagePaths(patientId)[list]);
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
  },
  (before, after) =>
    before.id === after.id &&
    before.patientId === after.patientId &&
    before.onChanged === after.onChanged &&
    before.uses.length === after.uses.length &&
    before.uses.every((value, i) => Object.is(value, after.uses[i])),
) as <T>(props: RecordsSectionProps<T>) => ReactNode;

const TrajectorySection = memo(function TrajectorySection({
  patientId,
  overview,
  tick,
}: {
  patientId: string;
  overview: Overview;
  tick: number;
}) {
  const forecast = useGet<Forecast>(patientPagePaths(patientId).forecast(tick));
  return (
    <Section id="trajectory" title="Trajectory">
      <TrajectoryChart overview={overview} forecast={forecast.data?.available ? forecast.data : undefined} />
    </Section>
  );
});
