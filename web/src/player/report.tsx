/**
 * The end of a session: how it felt (comfort and pain, 0–10 in whole numbers), the highest
 * strength in a manual session (one for each channel, named by where its pads go), and anything the patient wants the clinic to know in their own
 * words. Saving sends the session log with its Idempotency-Key.
 */
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n.ts';

export interface Answers {
  comfort: number | null;
  pain: number | null;
  notes: string;
  /** Manual sessions only: the highest strength the patient used on each channel (whole mA, index 0 = channel 1). */
  peaksMa: number[] | null;
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

/** What a manual session asks besides how it felt: each channel's highest strength, up to the ceiling. */
export interface ManualPeaks {
  /** Each channel in the patient's words, in channel order (where its pads go). */
  channelNames: readonly string[];
  /** The highest strength the patient may report (mA). */
  ceilingMa: number;
}

/** One whole-mA field per channel; with more than one channel, each is named by where its pads go. */
function PeakFields({
  manual,
  peaks,
  onChange,
}: {
  manual: ManualPeaks;
  peaks: string[];
  onChange: (channelIndex: number, value: string) => void;
}) {
  const { t } = useI18n();
  const field = (i: number, label: string) => (
    <label key={i}>
      {label}
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={manual.ceilingMa}
        step={1}
        required
        value={peaks[i] ?? ''}
        onChange={(e) => onChange(i, e.target.value)}
      />
    </label>
  );
  if (manual.channelNames.length === 1) return field(0, t('player.report.peak'));
  return (
    <fieldset className="peaks">
      <legend>{t('player.report.peaks')}</legend>
      {manual.channelNames.map((name, i) => field(i, name))}
    </fieldset>
  );
}

export function Report({
  headline,
  manual,
  busy,
  error,
  onSave,
}: {
  headline: string;
  /** Set in a manual session: the channels whose highest strength the patient gives. */
  manual: ManualPeaks | null;
  busy: boolean;
  error: string | undefined;
  onSave: (answers: Answers) => void;
}) {
  const { t } = useI18n();
  const [comfort, setComfort] = useState<number | null>(null);
  const [pain, setPain] = useState<number | null>(null);
  const [notes, setNotes] = useState('');
  const [peaks, setPeaks] = useState<string[]>(() => manual?.channelNames.map(() => '') ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({ comfort, pain, notes, peaksMa: manual === null ? null : peaks.map(Number) });
  };
  return (
    <form className="report" onSubmit={submit}>
      <h2>{headline}</h2>
      {manual !== null && (
        <PeakFields
          manual={manual}
          peaks={peaks}
          onChange={(channelIndex, value) =>
            setPeaks((before) => before.map((p, i) => (i === channelIndex ? value : p)))
          }
        />
      )}
      <Scale
        name="comfort"
        legend={t('player.report.comfort')}
        low={t('player.report.comfortLow')}
        high={t('player.report.comfortHigh')}
        value={comfort}
        onChange={setComfort}
      />
      <Scale
        name="pain"
        legend={t('player.report.pain')}
        low={t('player.report.painLow')}
        high={t('player.report.painHigh')}
        value={pain}
        onChange={setPain}
      />
      <label>
        {t('player.report.notes')}
        <textarea value={notes} maxLength={2000} rows={3} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="big" disabled={busy}>
        {t(busy ? 'form.saving' : 'player.report.save')}
      </button>
    </form>
  );
}
