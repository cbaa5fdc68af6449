import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import { date, label } from '../format.ts';
import { useAction } from '../hooks.ts';
import type { Catalogue, Screening } from '../types.ts';
import { byStatus, CorrectedRecords, RecordCorrections, type RecordKind } from './record-correction.tsx';
import { ColumnHeads, FormFooter } from './section.tsx';

type Answer = 'yes' | 'no' | '';

/** Contraindication checklist, red flags, electrode sites → a verdict per site (and referral). */
export function ScreeningChecklist({
  patientId,
  catalogue,
  screenings,
  canEdit,
  onSaved,
}: {
  patientId: string;
  catalogue: Catalogue;
  screenings: Screening[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const { current, corrected } = byStatus(screenings);
  const correcting = { patientId, canEdit, onSaved };
  const latest = current[current.length - 1];
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [flags, setFlags] = useState<Record<string, Answer>>({});
  const [sites, setSites] = useState<string[]>(latest?.electrodeSites ?? []);
  const action = useAction();
  const { run } = action;

  const allNo = () => {
    setAnswers(Object.fromEntries(catalogue.screeningQuestions.map((q) => [q.key, 'no'])));
    setFlags(Object.fromEntries(catalogue.redFlags.map((f) => [f.key, 'no'])));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const asBooleans = (record: Record<string, Answer>) =>
      Object.fromEntries(
        Object.entries(record)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, v === 'yes']),
      );
    await run(async () => {
      await post(`/api/patients/${patientId}/screenings`, {
        screenedAt: new Date().toISOString(),
        answers: asBooleans(answers),
        electrodeSites: sites,
        redFlagFindings: asBooleans(flags),
      });
      onSaved();
    }, 'Saved: screening recorded.');
  };

  return (
    <div className="grid-2">
      <div>
        <h3>Latest verdict</h3>
        {latest ? (
          <>
            <Verdict screening={latest} />
            <RecordCorrections {...correcting} kind={SCREENINGS} record={latest} />
          </>
        ) : (
          <p>No screening recorded.</p>
        )}
        <CorrectedRecords {...correcting} kind={SCREENINGS} records={corrected} />
      </div>
      {canEdit && (
        <form onSubmit={submit} aria-label="Safety screening">
          <fieldset>
            <legend>Electrode sites to screen</legend>
            <div className="checks">
              {catalogue.muscles.map((m) => (
                <label key={m.id} className="check">
                  <input
                    type="checkbox"
                    checked={sites.includes(m.id)}
                    onChange={(e) =>
                      setSites((s) => (e.target.checked ? [...s, m.id] : s.filter((x) => x !== m.id)))
                    }
                  />
                  {m.label}
                </label>
              ))}
            </div>
          </fieldset>
          <button type="button" className="secondary" onClick={allNo}>
            Answer “no” to every question
          </button>
          <YesNoList
            legend="Contraindications (unanswered is never taken as no)"
            items={catalogue.screeningQuestions.map((q) => ({ key: q.key, text: q.question }))}
            values={answers}
            onChange={(k, v) => setAnswers((a) => ({ ...a, [k]: v }))}
          />
          <YesNoList
            legend="Red flags"
            items={catalogue.redFlags.map((f) => ({ key: f.key, text: f.label }))}
            values={flags}
            onChange={(k, v) => setFlags((a) => ({ ...a, [k]: v }))}
          />
          <FormFooter
            action={action}
            disabled={sites.length === 0}
            idle="Record screening"
            working="Saving…"
          />
        </form>
      )}
    </div>
  );
}

/** A screening in a line: its day, electrode sites and verdict. */
const screeningWords = (s: Screening) =>
  `screened ${date(s.screenedAt)}, ${s.electrodeSites.map(label).join(', ')}: ${s.result.contraindications.verdict}`;

const SCREENINGS: RecordKind<Screening> = {
  path: 'screenings',
  noun: 'screenings',
  describe: screeningWords,
};

function YesNoList({
  legend,
  items,
  values,
  onChange,
}: {
  legend: string;
  items: { key: string; text: string }[];
  values: Record<string, Answer>;
  onChange: (key: string, value: Answer) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ul className="yes-no">
        {items.map((item) => (
          <li key={item.key}>
            <span id={`q-${item.key}`}>{item.text}</span>
            <span role="radiogroup" aria-labelledby={`q-${item.key}`}>
              {(['yes', 'no'] as const).map((v) => (
                <label key={v} className="check">
                  <input
                    type="radio"
                    name={item.key}
                    value={v}
                    checked={values[item.key] === v}
                    onChange={() => onChange(item.key, v)}
                  />
                  {v}
                </label>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function Verdict({ screening }: { screening: Screening }) {
  const c = screening.result.contraindications;
  const r = screening.result.redFlags;
  return (
    <div>
      <p>
        Screened {date(screening.screenedAt)}. Overall:{' '}
        <span className={`verdict ${c.verdict}`}>{c.verdict}</span>
      </p>
      <table>
        <caption className="sr-only">Verdict per electrode site</caption>
        <ColumnHeads columns={['Electrode site', 'Verdict', 'Why']} />
        <tbody>
          {c.sites.map((s) => (
            <tr key={s.site}>
              <th scope="row">{label(s.site)}</th>
              <td>
                <span className={`verdict ${s.verdict}`}>{s.verdict}</span>
              </td>
              <td>{s.findings.map((f) => f.reason).join(' ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.unanswered.length > 0 && (
        <p className="warning">Unanswered: {c.unanswered.map(label).join(', ')}.</p>
      )}
      {r.refer ? (
        <div className="alert high" role="note">
          <strong>Refer ({r.urgency}):</strong>{' '}
          {r.referrals.map((x) => `${x.label} → ${x.referTo}`).join('; ')}
        </div>
      ) : (
        <p>No red flags.</p>
      )}
    </div>
  );
}
