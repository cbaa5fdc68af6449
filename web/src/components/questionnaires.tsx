import { lefsTrend, lefsTrendInWords } from '@core/clinic/questionnaires/lefs-trend.ts';
import type { QuestionnaireDue } from '@core/clinic/questionnaires/questionnaires-due.ts';
import { MAX_EVERY_WEEKS, type QuestionnaireSchedule } from '@core/clinic/record/questionnaire-schedule.ts';
import { LEFS_ITEMS, LEFS_MAX } from '@core/clinic/scores/lefs.ts';
import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import { date, todayKey } from '../format.ts';
import { useAction, useGet } from '../hooks.ts';
import type { Measurement } from '../types.ts';
import { LefsItems } from './lefs-items.tsx';
import { ColumnHeads, FormFooter } from './section.tsx';

/** The LEFS the patient is due to answer, item by item, sent once all twenty are answered. */
export function DueLefs({
  patientId,
  due,
  onAnswered,
}: {
  patientId: string;
  due: QuestionnaireDue;
  onAnswered: () => void;
}) {
  const [scores, setScores] = useState<(number | null)[]>(() => LEFS_ITEMS.map(() => null));
  const action = useAction();
  const { setError, run } = action;
  const left = scores.filter((s) => s === null).length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (left > 0) {
      setError(`Please answer every activity (${left} still to answer).`);
      return;
    }
    await run(async () => {
      await post(`/api/patients/${patientId}/questionnaire-responses`, {
        questionnaire: due.questionnaire,
        answers: scores,
      });
      onAnswered();
    });
  };

  return (
    <form className="lefs" onSubmit={submit} aria-label="Your questionnaire">
      <p>
        {due.occasion === 'baseline'
          ? 'Your clinic would like to know how your leg affects everyday activities.'
          : 'Your clinic would like to know how everyday activities are going now.'}{' '}
        For each activity, choose how much difficulty you have with it today.
      </p>
      <LefsItems items={LEFS_ITEMS} scores={scores} onChange={setScores} />
      <FormFooter action={action} idle="Send my answers" working="Sending…" />
    </form>
  );
}

/** The patient's LEFS answers over time, in plain words. */
export function LefsTrendForPatient({ measurements }: { measurements: readonly Measurement[] }) {
  const trend = lefsTrend(measurements.filter((m) => m.kind === 'lefs'));
  if (!trend) return null;
  return (
    <p className="lefs-trend" aria-live="polite">
      {lefsTrendInWords(trend)}
    </p>
  );
}

/** The LEFS trend for the clinician: each total, its change from baseline, and the MCID marked. */
export function LefsTrendForClinician({ measurements }: { measurements: readonly Measurement[] }) {
  const trend = lefsTrend(measurements.filter((m) => m.kind === 'lefs'));
  if (!trend) return null;
  return (
    <div>
      <h3>LEFS trend</h3>
      <table>
        <caption>
          Change from baseline against the minimal clinically important difference of {trend.mcid} points
          (Binkley 1999)
        </caption>
        <ColumnHeads columns={['When', `Total (0–${LEFS_MAX})`, 'From baseline', `≥ MCID ${trend.mcid}`]} />
        <tbody>
          {trend.points.map((p, i) => {
            const change = p.value - trend.baseline.value;
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
}

/** The clinician sets when the patient answers the LEFS: a baseline day, then every N weeks. */
export function LefsSchedule({ patientId }: { patientId: string }) {
  const schedules = useGet<{ items: QuestionnaireSchedule[] }>(
    `/api/patients/${patientId}/questionnaire-schedules?limit=5000`,
  );
  const action = useAction();
  const { run } = action;
  const current = schedules.data?.items.filter((s) => s.questionnaire === 'lefs').at(-1);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await run(async () => {
      await post(`/api/patients/${patientId}/questionnaire-schedules`, {
        questionnaire: 'lefs',
        baselineDate: String(form.get('baselineDate') ?? ''),
        everyWeeks: Number(form.get('everyWeeks')),
      });
      schedules.reload();
    }, 'Saved: the LEFS schedule.');
  };

  return (
    <form key={current?.id ?? 'none'} onSubmit={submit} aria-label="LEFS schedule">
      <h3>LEFS schedule</h3>
      <p className="hint">
        {current
          ? `The patient answers the LEFS from ${date(current.baselineDate)}, then every ${current.everyWeeks} weeks, on Today.`
          : 'The patient is not asked to answer the LEFS yet.'}
      </p>
      <div className="row">
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
