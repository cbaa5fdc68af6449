import {
  QUESTIONNAIRE_SCALES,
  type QuestionnaireScore,
  questionnaireTrend,
} from '@core/clinic/questionnaires/questionnaire-trend.ts';
import type { QuestionnaireDue } from '@core/clinic/questionnaires/questionnaires-due.ts';
import type { QuestionnaireResponseRecord } from '@core/clinic/record/questionnaire-response.ts';
import {
  MAX_EVERY_WEEKS,
  type QuestionnaireSchedule,
  SCHEDULED_QUESTIONNAIRES,
  type ScheduledQuestionnaire,
} from '@core/clinic/record/questionnaire-schedule.ts';
import { LEFS_ITEMS } from '@core/clinic/scores/lefs.ts';
import { PAIN_RATING_MAX } from '@core/clinic/scores/pain-rating.ts';
import { PSFS_ACTIVITY_MAX, PSFS_ACTIVITY_MAX_CHARS, PSFS_MAX_ACTIVITIES } from '@core/clinic/scores/psfs.ts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { newIdempotencyKey, post } from '../api.ts';
import { date, todayKey } from '../format.ts';
import { type Action, useAction, useGet } from '../hooks.ts';
import { t, useI18n } from '../i18n/i18n.ts';
import type { Measurement } from '../types.ts';
import { LefsItems } from './lefs-items.tsx';
import { trendInWords } from './questionnaire-trend-words.ts';
import { ColumnHeads, FormFooter } from './section.tsx';

/** Each questionnaire's name, as the clinician reads it. */
const QUESTIONNAIRE_NAMES: Record<ScheduledQuestionnaire, string> = {
  lefs: 'LEFS',
  psfs: 'Patient-Specific Functional Scale',
  pain: 'Pain rating',
};

const responsesPath = (patientId: string) => `/api/patients/${patientId}/questionnaire-responses`;

/** The scores of one questionnaire: LEFS totals are measurements (the clinic may enter them too). */
function scoresOf(
  questionnaire: ScheduledQuestionnaire,
  measurements: readonly Measurement[],
  answers: readonly QuestionnaireResponseRecord[],
): QuestionnaireScore[] {
  return questionnaire === 'lefs'
    ? measurements.filter((m) => m.kind === 'lefs')
    : answers
        .filter((a) => a.questionnaire === questionnaire)
        .map((a) => ({ value: a.score, measuredAt: a.answeredAt }));
}

/** A due questionnaire's form: the answers are sent once (an Idempotency-Key makes a retry safe). */
function AnswerForm({
  patientId,
  due,
  intro,
  body,
  onAnswered,
  action,
  children,
}: {
  patientId: string;
  due: QuestionnaireDue;
  intro: string;
  /** The answers to send, or a sentence saying what is still missing. */
  body: () => object | string;
  onAnswered: () => void;
  action: Action;
  children: ReactNode;
}) {
  const [key] = useState(newIdempotencyKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answers = body();
    if (typeof answers === 'string') {
      action.setError(answers);
      return;
    }
    await action.run(async () => {
      await post(
        responsesPath(patientId),
        { questionnaire: due.questionnaire, ...answers },
        { 'idempotency-key': key },
      );
      onAnswered();
    });
  };
  return (
    <form className="lefs" onSubmit={submit} aria-label={t('questionnaire.form')}>
      <p>{intro}</p>
      {children}
      <FormFooter action={action} idle={t('questionnaire.send')} working={t('questionnaire.sending')} />
    </form>
  );
}

/** The LEFS, item by item, sent once all twenty are answered. */
function DueLefs(props: { patientId: string; due: QuestionnaireDue; onAnswered: () => void }) {
  const [scores, setScores] = useState<(number | null)[]>(() => LEFS_ITEMS.map(() => null));
  const action = useAction();
  const left = scores.filter((s) => s === null).length;
  return (
    <AnswerForm
      {...props}
      action={action}
      intro={t(props.due.occasion === 'baseline' ? 'lefs.introBaseline' : 'lefs.introFollowUp')}
      body={() => (left > 0 ? t('lefs.stillToAnswer', { count: left }) : { answers: scores })}
    >
      <LefsItems items={LEFS_ITEMS} scores={scores} onChange={setScores} />
      {t('lefs.itemsNote') && <p className="hint">{t('lefs.itemsNote')}</p>}
    </AnswerForm>
  );
}

/** A choice of 0 to `max`, its two ends named. */
function RatingSelect({
  label,
  value,
  max,
  low,
  high,
  onChange,
}: {
  label: string;
  value: number | null;
  max: number;
  low: string;
  high: string;
  onChange: (value: number | null) => void;
}) {
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      >
        <option value="">—</option>
        {Array.from({ length: max + 1 }, (_, n) => n).map((n) => (
          <option key={n} value={n}>
            {n === 0 ? `0: ${low}` : n === max ? `${max}: ${high}` : n}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The PSFS: at the first answer the patient names up to five activities they find hard; at later
 * ones they rate the same activities again.
 */
function DuePsfs(props: { patientId: string; due: QuestionnaireDue; onAnswered: () => void }) {
  const answers = useGet<{ items: QuestionnaireResponseRecord[] }>(responsesPath(props.patientId));
  const earlier = answers.data?.items.filter((a) => a.questionnaire === 'psfs').at(-1);
  if (!answers.data) return <p>{t('psfs.loading')}</p>;
  return (
    <PsfsForm
      {...props}
      named={earlier?.questionnaire === 'psfs' ? earlier.activities.map((a) => a.activity) : null}
    />
  );
}

function PsfsForm({
  named,
  ...props
}: {
  patientId: string;
  due: QuestionnaireDue;
  onAnswered: () => void;
  named: string[] | null;
}) {
  const [rows, setRows] = useState(() =>
    (named ?? Array.from({ length: PSFS_MAX_ACTIVITIES }, () => '')).map((activity) => ({
      activity,
      score: null as number | null,
    })),
  );
  const action = useAction();
  const set = (i: number, change: Partial<(typeof rows)[number]>) =>
    setRows(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const body = () => {
    const filled = rows.filter((r) => r.activity.trim() !== '');
    if (filled.length === 0) return t('psfs.nameOne');
    const unrated = filled.filter((r) => r.score === null).length;
    if (unrated > 0) return t('psfs.stillToRate', { count: unrated });
    return { activities: filled.map((r) => ({ activity: r.activity.trim(), score: r.score })) };
  };
  return (
    <AnswerForm
      {...props}
      action={action}
      intro={named ? t('psfs.introAgain') : t('psfs.introFirst', { count: PSFS_MAX_ACTIVITIES })}
      body={body}
    >
      <ol>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are fixed places, never reordered.
          <li key={i} className="row">
            {named ? (
              <p>{row.activity}</p>
            ) : (
              <label>
                {t('psfs.activity', { number: i + 1 })}
                <input
                  value={row.activity}
                  maxLength={PSFS_ACTIVITY_MAX_CHARS}
                  onChange={(e) => set(i, { activity: e.target.value })}
                />
              </label>
            )}
            <RatingSelect
              label={
                named
                  ? t('psfs.howWellNamed', { activity: row.activity })
                  : t('psfs.howWell', { number: i + 1 })
              }
              value={row.score}
              max={PSFS_ACTIVITY_MAX}
              low={t('psfs.low')}
              high={t('psfs.high')}
              onChange={(score) => set(i, { score })}
            />
          </li>
        ))}
      </ol>
    </AnswerForm>
  );
}

/** The pain rating over the past week, 0–10. */
function DuePain(props: { patientId: string; due: QuestionnaireDue; onAnswered: () => void }) {
  const [rating, setRating] = useState<number | null>(null);
  const action = useAction();
  return (
    <AnswerForm
      {...props}
      action={action}
      intro={t('pain.intro')}
      body={() => (rating === null ? t('pain.missing') : { answers: [rating] })}
    >
      <RatingSelect
        label={t('pain.label')}
        value={rating}
        max={PAIN_RATING_MAX}
        low={t('pain.low')}
        high={t('pain.high')}
        onChange={setRating}
      />
    </AnswerForm>
  );
}

const DUE_FORMS: Record<
  ScheduledQuestionnaire,
  (props: { patientId: string; due: QuestionnaireDue; onAnswered: () => void }) => ReactNode
> = { lefs: DueLefs, psfs: DuePsfs, pain: DuePain };

/** The first questionnaire due on the patient's day, as its form. */
export function DueQuestionnaire(props: {
  patientId: string;
  due: QuestionnaireDue;
  onAnswered: () => void;
}) {
  const Form = DUE_FORMS[props.due.questionnaire];
  return <Form key={props.due.questionnaire} {...props} />;
}

/** The patient's answers over time, one sentence a questionnaire, in plain words. */
export function QuestionnaireTrendsForPatient({
  measurements,
  answers,
}: {
  measurements: readonly Measurement[];
  answers: readonly QuestionnaireResponseRecord[];
}) {
  useI18n();
  const trends = SCHEDULED_QUESTIONNAIRES.flatMap((q) => {
    const trend = questionnaireTrend(q, scoresOf(q, measurements, answers));
    return trend ? [trend] : [];
  });
  return trends.map((trend) => (
    <p key={trend.questionnaire} className="lefs-trend" aria-live="polite">
      {trendInWords(trend)}
    </p>
  ));
}

/** Each questionnaire's trend for the clinician: every score, its change from baseline, the MCID marked. */
export function QuestionnaireTrendsForClinician({
  patientId,
  measurements,
}: {
  patientId: string;
  measurements: readonly Measurement[];
}) {
  const answers = useGet<{ items: QuestionnaireResponseRecord[] }>(responsesPath(patientId));
  return SCHEDULED_QUESTIONNAIRES.map((q) => {
    const trend = questionnaireTrend(q, scoresOf(q, measurements, answers.data?.items ?? []));
    if (!trend) return null;
    const scale = QUESTIONNAIRE_SCALES[q];
    return (
      <div key={q}>
        <h3>{QUESTIONNAIRE_NAMES[q]} trend</h3>
        <table>
          <caption>
            Change from baseline against the minimal clinically important difference of {trend.mcid} points (
            {scale.higherIsBetter ? 'higher is better' : 'lower is better'}; {scale.source})
          </caption>
          <ColumnHeads
            columns={['When', `Score (0–${scale.max})`, 'From baseline', `≥ MCID ${trend.mcid}`]}
          />
          <tbody>
            {trend.points.map((p, i) => {
              const change = Math.round((p.value - trend.baseline.value) * 10) / 10;
              return (
                <tr key={`${p.measuredAt}|${p.value}`}>
                  <th scope="row">{date(p.measuredAt)}</th>
                  <td>{p.value}</td>
                  <td>{i === 0 ? 'baseline' : `${change > 0 ? '+' : ''}${change}`}</td>
                  <td>{i === 0 ? '—' : Math.abs(change) >= trend.mcid ? 'yes' : 'no'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  });
}

/** The clinician sets when the patient answers each questionnaire: a baseline day, then every N weeks. */
export function QuestionnaireSchedules({ patientId }: { patientId: string }) {
  const schedules = useGet<{ items: QuestionnaireSchedule[] }>(
    `/api/patients/${patientId}/questionnaire-schedules?limit=5000`,
  );
  const action = useAction();
  const [questionnaire, setQuestionnaire] = useState<ScheduledQuestionnaire>('lefs');
  const latest = (q: ScheduledQuestionnaire) =>
    schedules.data?.items.filter((s) => s.questionnaire === q).at(-1);
  const current = latest(questionnaire);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await action.run(async () => {
      await post(`/api/patients/${patientId}/questionnaire-schedules`, {
        questionnaire,
        baselineDate: String(form.get('baselineDate') ?? ''),
        everyWeeks: Number(form.get('everyWeeks')),
      });
      schedules.reload();
    }, `Saved: the ${QUESTIONNAIRE_NAMES[questionnaire]} schedule.`);
  };

  return (
    <form
      key={`${questionnaire}|${current?.id ?? 'none'}`}
      onSubmit={submit}
      aria-label="Questionnaire schedule"
    >
      <h3>Questionnaire schedule</h3>
      <ul className="hint">
        {SCHEDULED_QUESTIONNAIRES.map((q) => {
          const set = latest(q);
          return (
            <li key={q}>
              {set
                ? `${QUESTIONNAIRE_NAMES[q]}: from ${date(set.baselineDate)}, then every ${set.everyWeeks} weeks, on Today.`
                : `${QUESTIONNAIRE_NAMES[q]}: not asked yet.`}
            </li>
          );
        })}
      </ul>
      <div className="row">
        <label>
          Questionnaire
          <select
            value={questionnaire}
            onChange={(e) => setQuestionnaire(e.target.value as ScheduledQuestionnaire)}
          >
            {SCHEDULED_QUESTIONNAIRES.map((q) => (
              <option key={q} value={q}>
                {QUESTIONNAIRE_NAMES[q]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Baseline day
          <input
            name="baselineDate"
            type="date"
            required
            defaultValue={current?.baselineDate ?? todayKey()}
          />
        </label>
        <label>
          Every (weeks)
          <input
            name="everyWeeks"
            type="number"
            required
            min={1}
            max={MAX_EVERY_WEEKS}
            step={1}
            defaultValue={current?.everyWeeks ?? 2}
          />
        </label>
      </div>
      <FormFooter action={action} idle="Set schedule" working="Saving…" />
    </form>
  );
}
