import { measurementValueProblem } from '@core/clinic/record/measurement-kinds.ts';
import { type FormEvent, useState } from 'react';
import { post } from '../api.ts';
import { date, fixed, label, todayKey } from '../format.ts';
import { useAction } from '../hooks.ts';
import type { Catalogue, Measurement } from '../types.ts';
import { LefsItems } from './lefs-items.tsx';
import { QuestionnaireSchedules, QuestionnaireTrendsForClinician } from './questionnaires.tsx';
import { byStatus, CorrectedRecords, RecordCorrections, type RecordKind } from './record-correction.tsx';
import { ColumnHeads, FormFooter } from './section.tsx';

const BILATERAL = new Set(['circumference', 'mrc-grade', 'dynamometry', 'ultrasound-thickness', 'grip']);

/** Measurements for both sides, and the LEFS questionnaire scored as it is filled in. */
export function Measurements({
  patientId,
  catalogue,
  measurements,
  defaultSite,
  canEdit,
  onSaved,
}: {
  patientId: string;
  catalogue: Catalogue;
  measurements: Measurement[];
  defaultSite: string;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [kind, setKind] = useState('circumference');
  const action = useAction();
  const { setError, run } = action;
  const spec = catalogue.measurementKinds[kind];
  const bilateral = BILATERAL.has(kind);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    // Clinicians record the day they measured; the time of day is not part of the record.
    const measuredOn = String(form.get('measuredOn') ?? '') || todayKey();
    const measuredAt = `${measuredOn}T00:00:00.000Z`;
    const site = String(form.get('site') ?? '') || null;
    const values = bilateral
      ? (['left', 'right'] as const).map((side) => ({ side, raw: String(form.get(side) ?? '') }))
      : [{ side: null, raw: String(form.get('value') ?? '') }];
    const given = values.filter((v) => v.raw.trim() !== '');
    if (given.length === 0) {
      setError('Enter a value (for both sides where you measured both).');
      return;
    }
    const problem = given.map((v) => measurementValueProblem(kind, Number(v.raw))).find((p) => p !== null);
    if (problem) {
      setError(problem);
      return;
    }
    await run(
      async () => {
        for (const v of given) {
          await post(`/api/patients/${patientId}/measurements`, {
            kind,
            value: Number(v.raw),
            measuredAt,
            site,
            side: v.side,
          });
        }
        formElement.reset();
        onSaved();
      },
      given.length === 1 ? 'Saved: 1 measurement.' : `Saved: ${given.length} measurements, one a side.`,
    );
  };

  const { current, corrected } = byStatus(measurements);

  const correcting = { patientId, canEdit, onSaved };
  const latestByKey = new Map<string, Measurement>();
  for (const m of current) latestByKey.set(`${m.kind}|${m.side ?? ''}|${m.site ?? ''}`, m);

  return (
    <div className="grid-2">
      <div>
        <h3>Latest</h3>
        {latestByKey.size === 0 ? (
          <p>No measurements yet.</p>
        ) : (
          <table>
            <ColumnHeads
              columns={['Measure', 'Site', 'Side', 'Value', 'When', ...(canEdit ? ['Correction'] : [])]}
            />
            <tbody>
              {[...latestByKey.values()].map((m) => (
                <tr key={`${m.kind}-${m.side}-${m.site}`}>
                  <th scope="row">{label(m.kind)}</th>
                  <td>{m.site ? label(m.site) : '—'}</td>
                  <td>{m.side ?? '—'}</td>
                  <td>
                    {fixed(m.value, Number.isInteger(m.value) ? 0 : 1)} {m.unit}
                  </td>
                  <td>{date(m.measuredAt)}</td>
                  {canEdit && (
                    <td>
                      <RecordCorrections
                        {...correcting}
                        kind={MEASUREMENTS}
                        record={m}
                        amendment={(form) => ({
                          kind: m.kind,
                          value: Number(form.get('value')),
                          measuredAt: m.measuredAt,
                          site: m.site,
                          side: m.side,
                          note: m.note ?? null,
                        })}
                      >
                        <ValueInput
                          name="value"
                          caption="Correct value"
                          spec={catalogue.measurementKinds[m.kind]}
                        />
                      </RecordCorrections>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <CorrectedRecords {...correcting} kind={MEASUREMENTS} records={corrected} />
        <QuestionnaireTrendsForClinician patientId={patientId} measurements={current} />
      </div>
      {canEdit && (
        <div>
          <form onSubmit={submit} aria-label="Add a measurement">
            <label>
              Measure
              <select value={kind} onChange={(e) => setKind(e.target.value)}>
                {Object.entries(catalogue.measurementKinds).map(([k, v]) => (
                  <option key={k} value={k}>
                    {label(k)} ({v.unit})
                  </option>
                ))}
              </select>
            </label>
            {spec && <p className="hint">{spec.description}</p>}
            <div className="row">
              <label>
                Site
                <input name="site" defaultValue={bilateral ? defaultSite : ''} maxLength={80} />
              </label>
              <label>
                Measured on
                <input name="measuredOn" type="date" defaultValue={todayKey()} max={todayKey()} />
              </label>
            </div>
            {bilateral ? (
              <div className="row">
                {(['left', 'right'] as const).map((side) => (
                  <ValueInput key={side} name={side} caption={label(side)} spec={spec} />
                ))}
              </div>
            ) : (
              <ValueInput name="value" caption="Value" spec={spec} />
            )}
            <FormFooter action={action} idle="Add measurement" working="Saving…" />
          </form>
          <Lefs patientId={patientId} catalogue={catalogue} onSaved={onSaved} />
          <QuestionnaireSchedules patientId={patientId} />
        </div>
      )}
    </div>
  );
}

/** A measurement in a line: "Circumference left 36.9 cm, 3 Mar 2025". */
const measurementWords = (m: Measurement) =>
  `${label(m.kind)} ${m.side ?? ''} ${fixed(m.value, Number.isInteger(m.value) ? 0 : 1)} ${m.unit}, ${date(m.measuredAt)}`;

const MEASUREMENTS: RecordKind<Measurement> = {
  path: 'measurements',
  noun: 'measurements',
  describe: measurementWords,
};

/** A measured value, in the measure's unit and within its bounds. */
function ValueInput({
  name,
  caption,
  spec,
}: {
  name: string;
  caption: string;
  spec: Catalogue['measurementKinds'][string] | undefined;
}) {
  return (
    <label>
      {caption} ({spec?.unit})
      <input name={name} type="number" step="any" min={spec?.min} max={spec?.max} inputMode="decimal" />
    </label>
  );
}

function Lefs({
  patientId,
  catalogue,
  onSaved,
}: {
  patientId: string;
  catalogue: Catalogue;
  onSaved: () => void;
}) {
  const [scores, setScores] = useState<(number | null)[]>(() => catalogue.lefs.items.map(() => null));
  const action = useAction();
  const { setError, run } = action;
  const answered = scores.filter((s) => s !== null).length;
  const total = scores.reduce<number>((sum, s) => sum + (s ?? 0), 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answered < scores.length) {
      setError(`Answer all ${scores.length} items (${scores.length - answered} left).`);
      return;
    }
    await run(async () => {
      await post(`/api/patients/${patientId}/measurements`, {
        kind: 'lefs',
        value: total,
        measuredAt: new Date().toISOString(),
        site: null,
        side: null,
      });
      setScores(catalogue.lefs.items.map(() => null));
      onSaved();
    }, `Saved: LEFS score ${total}.`);
  };

  return (
    <details className="lefs">
      <summary>LEFS questionnaire (Lower Extremity Functional Scale)</summary>
      <form onSubmit={submit} aria-label="LEFS questionnaire">
        <p className="hint">“Today, do you or would you have any difficulty at all with…”</p>
        <LefsItems items={catalogue.lefs.items} scores={scores} onChange={setScores} />
        <p aria-live="polite">
          Score <strong>{total}</strong> / {catalogue.lefs.maxScore} ({answered} of {scores.length} answered)
        </p>
        <FormFooter action={action} idle="Save LEFS score" working="Saving…" />
      </form>
    </details>
  );
}
