import type { StimulationProgramme } from '@core/clinic/programme/stimulation-types.ts';
import type { QuestionnaireDue } from '@core/clinic/questionnaires/questionnaires-due.ts';
import type { QuestionnaireResponseRecord } from '@core/clinic/record/questionnaire-response.ts';
import { describeProgrammeForPatient, plural } from '@core/clinic/words/patient-words.ts';
import { useMemo } from 'react';
import { useCatalogue } from '../catalogue.ts';
import { ElectrodePlacement } from '../components/electrode-placement.tsx';
import { ExerciseList } from '../components/exercise-list.tsx';
import { DueQuestionnaire, QuestionnaireTrendsForPatient } from '../components/questionnaires.tsx';
import { Section, Status } from '../components/section.tsx';
import { LogSessionForm, type SessionKind, SessionLog, sessionsToday } from '../components/sessions.tsx';
import { useGet } from '../hooks.ts';
import { ComfortPainTrend, TrajectoryChart } from '../lazy.tsx';
import { KeptLogs } from '../player/kept-logs.tsx';
import { onLink } from '../router.ts';
import type { Forecast, Measurement, Overview, Session } from '../types.ts';
import { patientHomePaths, prefetchPatientHome } from './patient-home-requests.ts';

/** GET /api/patients/:id/today: whether a stimulation session is due, or why not. */
interface Today {
  programmeId: string | null;
  hasStimulation: boolean;
  stimulationDue: boolean;
  stimulationPaused: boolean;
  exercise: 'continue' | 'hold' | 'pause';
  hasExercise: boolean;
  exerciseDue: boolean;
  patientMessage: string | null;
  /** The patient's IANA time zone, and today's date in it. */
  timeZone: string;
  date: string;
}

/**
 * What the patient may log today: stimulation only while a session is due (never while a red flag
 * pauses it or the programme is on hold), exercise unless a flag stops it or the exercise
 * programme is on hold.
 */
function loggableKinds(t: Today): SessionKind[] {
  const exerciseAllowed = t.exercise !== 'pause' && (t.exerciseDue || !t.hasExercise);
  return [
    ...(t.stimulationDue ? (['stimulation'] as const) : []),
    ...(exerciseAllowed ? (['exercise'] as const) : []),
  ];
}

/** The patient's day: sessions due, where the electrodes go, what to do, logging, progress. */
export function PatientHomePage({ patientId }: { patientId: string }) {
  const paths = useMemo(() => {
    prefetchPatientHome(patientId);
    return patientHomePaths(patientId);
  }, [patientId]);
  const overview = useGet<Overview>(paths.overview);
  const today = useGet<Today>(paths.today);
  const sessions = useGet<{ items: Session[] }>(paths.sessions);
  const questionnaires = useGet<{ items: QuestionnaireDue[] }>(paths.questionnairesDue);
  const catalogue = useCatalogue();

  const o = overview.data;
  const t = today.data;
  // The first answer of recent sessions is waited for too: drawn late, it would push the page down
  // under the reader. Later reloads (after a log) keep the page on screen.
  const sessionsFirstLoad = sessions.loading && !sessions.data;
  // A due questionnaire sits near the top: waited for on the first load for the same reason.
  const questionnairesFirstLoad = questionnaires.loading && !questionnaires.data;
  const firstScreenReady = Boolean(o && t) && !sessionsFirstLoad && !questionnairesFirstLoad;
  // What only the progress section at the bottom draws is asked for once the top of the page is
  // drawn, so it does not share the connection with what the patient sees first.
  const later = (path: string) => (firstScreenReady ? path : null);
  const forecast = useGet<Forecast>(later(paths.forecast));
  const answers = useGet<{ items: QuestionnaireResponseRecord[] }>(later(paths.questionnaireAnswers));
  const measurements = useGet<{ items: Measurement[] }>(later(paths.measurements));
  if (!o || !t || !firstScreenReady)
    return (
      <Status
        loading={overview.loading || today.loading || sessionsFirstLoad || questionnairesFirstLoad}
        error={overview.error ?? today.error}
        what="your programme"
      />
    );
  const active = o.activeProgramme;
  const stimulation = active?.body?.stimulation;
  const level = stimulation?.levels?.[0];
  const work = level?.blocks.find((b) => b.kind === 'work');
  const done = sessionsToday(sessions.data?.items ?? [], t.timeZone).length;
  const due = level?.sessionsPerDay ?? 0;
  const muscleLabel = catalogue?.muscles.find((m) => m.id === stimulation?.muscle)?.label ?? 'Your muscle';
  const words = stimulation ? describeProgrammeForPatient(stimulation as StimulationProgramme) : null;
  const kinds = loggableKinds(t);
  const minutesEach = level ? Math.round(level.blocks.reduce((m, b) => m + b.minutes, 0)) : 20;
  const dueQuestionnaire = questionnaires.data?.items[0];

  return (
    <article aria-labelledby="today-title">
      <h1 id="today-title">Today</h1>
      {t.patientMessage && (
        <div className="paused" role="alert">
          <span className="paused-mark" aria-hidden="true">
            !
          </span>
          <p>{t.patientMessage}</p>
        </div>
      )}
      {dueQuestionnaire && (
        <Section id="questionnaire" title="A questionnaire is due">
          <DueQuestionnaire
            patientId={patientId}
            due={dueQuestionnaire}
            onAnswered={() => {
              questionnaires.reload();
              measurements.reload();
              answers.reload();
            }}
          />
        </Section>
      )}
      {!active || !stimulation || !level || !words ? (
        <p>Your clinician has not approved a programme yet. You can still log exercise below.</p>
      ) : !t.stimulationDue ? (
        <p className="due">No stimulation session is due today.</p>
      ) : (
        <>
          <p className="due" aria-live="polite">
            {done >= due ? (
              <strong>All {due} stimulation sessions done today.</strong>
            ) : (
              <strong>
                {due - done} of {plural(due, 'stimulation session', 'stimulation sessions')} still due today.
              </strong>
            )}{' '}
            Each takes about {minutesEach} minutes.
          </p>
          <p>
            <a className="button" href="/session" onClick={onLink('/session')}>
              Start today’s session
            </a>
          </p>
          <Section id="placement" title="Where the electrodes go">
            <ElectrodePlacement programme={stimulation} muscleLabel={muscleLabel} />
          </Section>
          <Section id="steps" title="Step by step">
            <ol className="steps">
              <li>Wash and dry the skin. Check it is not broken, red or swollen.</li>
              <li>{words.placement} Then connect the leads.</li>
              <li>{words.levels[0]}</li>
              <li>Turn the strength down to zero, switch off, peel the pads off and check the skin.</li>
              <li>Log the session below: minutes, the highest mA you used, comfort and pain.</li>
            </ol>
            <ul className="hint">
              {words.safety.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </Section>
        </>
      )}
      <Section id="log" title="Log a session">
        <KeptLogs patientId={patientId} timeZone={t.timeZone} onSent={sessions.reload} />
        {kinds.length > 0 ? (
          <LogSessionForm
            key={kinds.join()}
            patientId={patientId}
            programmeId={active?.id ?? null}
            maxIntensityMa={work?.maxIntensityMa ?? null}
            defaultMinutes={minutesEach}
            kinds={kinds}
            onLogged={() => {
              sessions.reload();
              overview.reload();
            }}
          />
        ) : (
          <p className="paused-note">Nothing can be logged until your clinic says you can start again.</p>
        )}
        {sessions.data && <SessionLog sessions={sessions.data.items} limit={5} />}
      </Section>
      {active?.body?.exercise && (
        <Section id="exercises" title="Exercises">
          {t.exerciseDue && t.exercise !== 'pause' ? (
            <>
              {t.exercise === 'hold' && (
                <p className="paused-note">
                  Keep to the exercises you already do. Do not move on to harder ones until your clinic says
                  so.
                </p>
              )}
              <ExerciseList exercise={active.body.exercise} />
            </>
          ) : (
            <p className="paused-note">
              Your exercises are paused. Please do not do them until your clinic has spoken with you.
            </p>
          )}
        </Section>
      )}
      <Section id="progress" title="Your progress">
        <TrajectoryChart
          overview={o}
          forecast={forecast.data?.available ? forecast.data : undefined}
          compact
        />
        {sessions.data && <ComfortPainTrend sessions={sessions.data.items} timeZone={t.timeZone} />}
        {measurements.data && answers.data && (
          <QuestionnaireTrendsForPatient
            measurements={measurements.data.items}
            answers={answers.data.items}
          />
        )}
      </Section>
      <p>
        <a href="/handout" onClick={onLink('/handout')}>
          Your printable handout
        </a>
      </p>
    </article>
  );
}
