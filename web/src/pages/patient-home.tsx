import { patientMuscle } from '@core/clinic/anatomy/patient-view.ts';
import { type StimulationProgramme, sessionMinutes } from '@core/clinic/programme/stimulation-types.ts';
import type { QuestionnaireDue } from '@core/clinic/questionnaires/questionnaires-due.ts';
import type { QuestionnaireResponseRecord } from '@core/clinic/record/questionnaire-response.ts';
import type { PatientText } from '@core/clinic/words/patient-text.ts';
import { describeProgrammeForPatient, sessionLengthForPatient } from '@core/clinic/words/patient-words.ts';
import { patientHomePaths } from '@core/shared/page-requests.ts';
import { useEffect, useMemo, useState } from 'react';
import { ElectrodePlacement } from '../components/electrode-placement.tsx';
import { ExerciseList } from '../components/exercise-list.tsx';
import { DueQuestionnaire, QuestionnaireTrendsForPatient } from '../components/questionnaires.tsx';
import { Section, Status } from '../components/section.tsx';
import { LogSessionForm, type SessionKind, SessionLog, sessionsToday } from '../components/sessions.tsx';
import { useGet } from '../hooks.ts';
import { capitalise, useI18n } from '../i18n/i18n.ts';
import { say, sayAll } from '../i18n/patient-text.ts';
import { ComfortPainTrend, TrajectoryChart, WhenNearScreen } from '../lazy.tsx';
import { KeptLogs } from '../player/kept-logs.tsx';
import { onLink } from '../router.ts';
import type { Forecast, Measurement, Overview, Session } from '../types.ts';
import { prefetchPatientHome } from './patient-home-requests.ts';

/** GET /api/patients/:id/today: whether a stimulation session is due, or why not. */
interface Today {
  programmeId: string | null;
  hasStimulation: boolean;
  stimulationDue: boolean;
  stimulationPaused: boolean;
  exercise: 'continue' | 'hold' | 'pause';
  hasExercise: boolean;
  exerciseDue: boolean;
  /** Why no session is due (a red flag's pause, a programme on hold), as sentences to word. */
  patientMessage: PatientText[] | null;
  /** The patient's IANA time zone, and today's date in it. */
  timeZone: string;
  date: string;
  /** The day's first instant and the next day's, on the patient's clock. */
  dayStartsAt: string;
  dayEndsAt: string;
}

/**
 * What the patient may log today: stimulation only while a session is due (never while a red flag
 * pauses it or the programme is on hold), exercise unless a flag stops it or the exercise
 * programme is on hold.
 */
function loggableKinds(day: Today): SessionKind[] {
  const exerciseAllowed = day.exercise !== 'pause' && (day.exerciseDue || !day.hasExercise);
  return [
    ...(day.stimulationDue ? (['stimulation'] as const) : []),
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
  const { t } = useI18n();

  const o = overview.data;
  const day = today.data;
  // The first answer of recent sessions is waited for too: drawn late, it would push the page down
  // under the reader. Later reloads (after a log) keep the page on screen.
  const sessionsFirstLoad = sessions.loading && !sessions.data;
  // A due questionnaire sits near the top: waited for on the first load for the same reason.
  const questionnairesFirstLoad = questionnaires.loading && !questionnaires.data;
  const firstScreenReady = Boolean(o && day) && !sessionsFirstLoad && !questionnairesFirstLoad;
  // A questionnaire answered here moves its trend in the progress section.
  const [answered, setAnswered] = useState(0);
  if (!o || !day || !firstScreenReady)
    return (
      <Status
        loading={overview.loading || today.loading || sessionsFirstLoad || questionnairesFirstLoad}
        error={overview.error ?? today.error}
        what={t('today.what')}
      />
    );
  const active = o.activeProgramme;
  const stimulation = active?.body?.stimulation;
  const level = stimulation?.levels?.[0];
  const work = level?.blocks.find((b) => b.kind === 'work');
  const done = sessionsToday(sessions.data?.items ?? [], day).length;
  const due = level?.sessionsPerDay ?? 0;
  const muscleLabel = stimulation ? capitalise(say(patientMuscle(stimulation.muscle).text)) : '';
  const words = stimulation ? describeProgrammeForPatient(stimulation as StimulationProgramme) : null;
  const kinds = loggableKinds(day);
  const minutesEach = level ? Math.round(sessionMinutes(level)) : 20;
  const dueQuestionnaire = questionnaires.data?.items[0];

  return (
    <article aria-labelledby="today-title">
      <h1 id="today-title">{t('today.heading')}</h1>
      {day.patientMessage && (
        <div className="paused" role="alert">
          <span className="paused-mark" aria-hidden="true">
            !
          </span>
          <p>{sayAll(day.patientMessage)}</p>
        </div>
      )}
      {dueQuestionnaire && (
        <Section id="questionnaire" title={t('today.questionnaireDue')}>
          <DueQuestionnaire
            patientId={patientId}
            due={dueQuestionnaire}
            onAnswered={() => {
              questionnaires.reload();
              setAnswered((n) => n + 1);
            }}
          />
        </Section>
      )}
      {!active || !stimulation || !level || !words ? (
        <p>{t('today.noProgramme')}</p>
      ) : !day.stimulationDue ? (
        <p className="due">{t('today.noStimulation')}</p>
      ) : (
        <>
          <p className="due" aria-live="polite">
            {done >= due ? (
              <strong>{t('today.allDone', { count: due })}</strong>
            ) : (
              <strong>{t('today.stillDue', { left: due - done, count: due })}</strong>
            )}{' '}
            {t('today.eachTakes', { duration: say(sessionLengthForPatient(level)) })}
          </p>
          <p>
            <a className="button" href="/session" onClick={onLink('/session')}>
              {t('today.start')}
            </a>
          </p>
          <Section id="placement" title={t('today.placement')}>
            <ElectrodePlacement programme={stimulation} muscleLabel={muscleLabel} />
          </Section>
          <Section id="steps" title={t('today.steps')}>
            <ol className="steps">
              <li>{t('today.step.check')}</li>
              <li>{t('today.step.connect', { placement: say(words.placement) })}</li>
              <li>{sayAll(words.levels[0] ?? [])}</li>
              <li>{t('today.step.finish')}</li>
              <li>{t('today.step.log')}</li>
            </ol>
            <ul className="hint">
              {words.safety.map((r) => (
                <li key={r.key}>{say(r)}</li>
              ))}
            </ul>
          </Section>
        </>
      )}
      <Section id="log" title={t('log.heading')}>
        <KeptLogs patientId={patientId} timeZone={day.timeZone} onSent={sessions.reload} />
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
          <p className="paused-note">{t('today.nothingLoggable')}</p>
        )}
        {sessions.data && <SessionLog sessions={sessions.data.items} limit={5} timeZone={day.timeZone} />}
      </Section>
      {active?.body?.exercise && (
        <Section id="exercises" title={t('today.exercises')}>
          {day.exerciseDue && day.exercise !== 'pause' ? (
            <>
              {day.exercise === 'hold' && <p className="paused-note">{t('today.exercisesHold')}</p>}
              <ExerciseList exercise={active.body.exercise} />
            </>
          ) : (
            <p className="paused-note">{t('today.exercisesPaused')}</p>
          )}
        </Section>
      )}
      <Section id="progress" title={t('today.progress')}>
        <WhenNearScreen heightPx={PROGRESS_HEIGHT_PX}>
          <TodayProgress
            paths={paths}
            overview={o}
            sessions={sessions.data?.items}
            timeZone={day.timeZone}
            answered={answered}
          />
        </WhenNearScreen>
      </Section>
      <p>
        <a href="/handout" onClick={onLink('/handout')}>
          {t('today.handoutLink')}
        </a>
      </p>
    </article>
  );
}

/** About the height of the progress section's charts and trends, held until they are drawn. */
const PROGRESS_HEIGHT_PX = 800;

/**
 * The progress section: the muscle's trajectory, comfort and pain, and the questionnaires' trends.
 * It asks for its answers (forecast, measurements, questionnaire answers) only once it comes near
 * the screen, so a phone spends the first seconds on the top of the page.
 */
function TodayProgress({
  paths,
  overview,
  sessions,
  timeZone,
  answered,
}: {
  paths: ReturnType<typeof patientHomePaths>;
  overview: Overview;
  sessions: Session[] | undefined;
  timeZone: string;
  /** How many questionnaires were answered on this page: each moves a trend. */
  answered: number;
}) {
  const forecast = useGet<Forecast>(paths.forecast);
  const answers = useGet<{ items: QuestionnaireResponseRecord[] }>(paths.questionnaireAnswers);
  const measurements = useGet<{ items: Measurement[] }>(paths.measurements);
  const { reload: reloadAnswers } = answers;
  const { reload: reloadMeasurements } = measurements;
  useEffect(() => {
    if (answered === 0) return;
    reloadAnswers();
    reloadMeasurements();
  }, [answered, reloadAnswers, reloadMeasurements]);
  return (
    <>
      <TrajectoryChart
        overview={overview}
        forecast={forecast.data?.available ? forecast.data : undefined}
        compact
      />
      {sessions && <ComfortPainTrend sessions={sessions} timeZone={timeZone} />}
      {measurements.data && answers.data && (
        <QuestionnaireTrendsForPatient measurements={measurements.data.items} answers={answers.data.items} />
      )}
    </>
  );
}
