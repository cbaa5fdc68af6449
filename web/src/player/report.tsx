/**
 * The end of a session: how it felt (comfort and pain, 0–10 in whole numbers), the highest
 * strength in a manual session, and anything the patient wants the clinic to know in their own
 * words. Saving sends the session log with its Idempotency-Key.
 */
import { type FormEvent, useState } from 'react';

export interface Answers {
  comfort: number | null;
  pain: number | null;
  notes: string;
  /** Manual sessions only: the highest strength the patient used (whole mA). */
  peakMa: number | null;
}

const SCALE = Array.from({ length: 11 }, (_, i) => i);

function Scale({
  name,
  legend,
  low,
  high,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  low: string;
  high: string;
  value: number | null;
  onChange: (n: number) => void;
}) {
  return (
    <fieldset className="scale">
      <legend>{legend}</legend>
      <p className="hint">
        0 = {low}, 10 = {high}
      </p>
      <div className="scale-choices">
        {SCALE.map((n) => (
          <label key={n} className="scale-choice">
            <input type="radio" name={name} checked={value === n} onChange={() => onChange(n)} />
            <span>{n}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Report({
  headline,
  manualCeilingMa,
  busy,
  error,
  onSave,
}: {
  headline: string;
  /** Set in a manual session: the highest strength the patient may report (mA). */
  manualCeilingMa: number | null;
  busy: boolean;
  error: string | undefined;
  onSave: (answers: Answers) => void;
}) {
  const [comfort, setComfort] = useState<number | null>(null);
  const [pain, setPain] = useState<number | null>(null);
  const [notes, setNotes] = useState('');
  const [peak, setPeak] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ comfort, pain, notes, peakMa: manualCeilingMa === null ? null : Number(peak) });
  };
  return (
    <form className="report" onSubmit={submit}>
      <h2>{headline}</h2>
      {manualCeilingMa !== null && (
        <label>
          The highest strength you used (mA)
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={manualCeilingMa}
            step={1}
            required
            value={peak}
            onChange={(e) => setPeak(e.target.value)}
          />
        </label>
      )}
      <Scale
        name="comfort"
        legend="How comfortable was it?"
        low="very uncomfortable"
        high="comfortable"
        value={comfort}
        onChange={setComfort}
      />
      <Scale
        name="pain"
        legend="How much did it hurt?"
        low="no pain"
        high="the worst pain"
        value={pain}
        onChange={setPain}
      />
      <label>
        Anything you want your clinic to know, in your own words (you can leave this empty)
        <textarea value={notes} maxLength={2000} rows={3} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="big" disabled={busy}>
        {busy ? 'Saving…' : 'Save my session'}
      </button>
    </form>
  );
}
