import { thresholdCurrentMa } from '@core/physiology/strength-duration/strength-duration.ts';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Line, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { post } from '../api.ts';
import { date, fixed, label } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { NameField } from '../forms/name-field.tsx';
import { useAction } from '../hooks.ts';
import type { SdTest } from '../types.ts';
import { ChartFrame } from './chart-frame.tsx';
import { byStatus, CorrectedRecords, RecordCorrections, type RecordKind } from './record-correction.tsx';
import { ColumnHeads, FormFooter } from './section.tsx';
import { ThresholdRow } from './threshold-row.tsx';

/** Pulse widths (ms) offered by default: the usual strength–duration test steps. */
const DEFAULT_WIDTHS_MS = [0.05, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

/** The test through the stimulator (the device drivers with it), loaded only when the clinician opens it. */
const SdWizard = lazy(async () => ({ default: (await import('./sd-wizard.tsx')).SdWizard }));

/** A strength–duration test in a line: its day and fitted rheobase and chronaxie. */
const sdTestWords = (t: SdTest) =>
  `tested ${date(t.testedAt)}: rheobase ${fixed(t.rheobaseMa)} mA, chronaxie ${fixed(t.chronaxieMs, 2)} ms`;

const SD_TESTS: RecordKind<SdTest> = {
  path: 'sd-tests',
  noun: 'strength–duration tests',
  describe: sdTestWords,
};

export function SdTests({
  patientId,
  tests,
  canEdit,
  onSaved,
}: {
  patientId: string;
  tests: SdTest[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [thresholds, setThresholds] = useState<string[]>(DEFAULT_WIDTHS_MS.map(() => ''));
  const [site, setSite] = useState('');
  const [side, setSide] = useState<'left' | 'right'>('left');
  const action = useAction();
  const { setError, run } = action;
  const [throughDevice, setThroughDevice] = useState(false);
  const { current, corrected } = byStatus(tests);
  const correcting = { patientId, canEdit, onSaved };
  const latest = current[current.length - 1];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const points = DEFAULT_WIDTHS_MS.map((widthMs, i) => ({
      widthMs,
      thresholdMa: Number(thresholds[i]),
    })).filter((p, i) => thresholds[i]?.trim() !== '' && p.thresholdMa > 0);
    if (points.length < 3) {
      setError('Enter the threshold (mA) at three pulse widths or more.');
      return;
    }
    await run(async () => {
      await post(`/api/patients/${patientId}/sd-tests`, {
        testedAt: new Date().toISOString(),
        site: site || null,
        side,
        points,
      });
      setThresholds(DEFAULT_WIDTHS_MS.map(() => ''));
      onSaved();
    }, 'Saved: strength–duration test recorded.');
  };

  return (
    <div className="grid-2">
      <div>
        {latest ? (
          <>
            <SdChart test={latest} />
            <RecordCorrections {...correcting} kind={SD_TESTS} record={latest} />
          </>
        ) : (
          <p>No strength–duration test yet.</p>
        )}
        <CorrectedRecords {...correcting} kind={SD_TESTS} records={corrected} />
      </div>
      {canEdit && (
        <form onSubmit={submit} aria-label="Strength–duration test">
          <div className="row">
            <NameField label="Muscle" value={site} onName={setSite} placeholder="e.g. tibialis-anterior" />
            <ChoiceField label="Side" options={['left', 'right'] as const} value={side} onChoose={setSide} />
          </div>
          <table className="compact">
            <ColumnHeads columns={['Pulse width', 'Threshold (mA)']} />
            <tbody>
              {DEFAULT_WIDTHS_MS.map((w, i) => (
                <ThresholdRow
                  key={w}
                  id={`sd-${i}`}
                  widthMs={w}
                  value={thresholds[i] ?? ''}
                  onChange={(v) => setThresholds((t) => t.map((x, j) => (j === i ? v : x)))}
                />
              ))}
            </tbody>
          </table>
          <FormFooter action={action} idle="Fit and record" working="Fitting…" />
        </form>
      )}
      {canEdit &&
        (throughDevice ? (
          <Suspense fallback={<p className="loading">Loading the stimulator test…</p>}>
            <SdWizard patientId={patientId} widthsMs={DEFAULT_WIDTHS_MS} onSaved={onSaved} />
          </Suspense>
        ) : (
          <button type="button" onClick={() => setThroughDevice(true)}>
            Test through the stimulator
          </button>
        ))}
    </div>
  );
}

export function SdChart({ test }: { test: SdTest }) {
  const model = test.fit?.model ?? 'weiss';
  const b = test.rheobaseMa ?? 0;
  const c = test.chronaxieMs ?? 0;
  const widths = test.points.map((p) => p.widthMs);
  const lo = Math.min(...widths);
  const hi = Math.max(...widths);
  const curve =
    b > 0 && c > 0
      ? Array.from({ length: 60 }, (_, i) => {
          const w = lo * (hi / lo) ** (i / 59);
          return { widthMs: w, fittedMa: thresholdCurrentMa(model, b, c, w) };
        })
      : [];
  return (
    <figure className="chart" aria-label="Strength–duration curve">
      <figcaption>
        Tested {date(test.testedAt)} {test.site ? `(${label(test.site)}, ${test.side})` : ''}: rheobase{' '}
        <strong>{fixed(b, 2)} mA</strong>, chronaxie <strong>{fixed(c, c < 1 ? 3 : 1)} ms</strong> ({model}) —{' '}
        <span className={`verdict ${test.innervation === 'normal' ? 'clear' : 'precaution'}`}>
          {test.innervation ? label(test.innervation) : 'not classified'}
        </span>
      </figcaption>
      <ChartFrame heightPx={260}>
        <XAxis
          dataKey="widthMs"
          type="number"
          scale="log"
          domain={[lo, hi]}
          ticks={widths}
          tickFormatter={(v: number) => String(v)}
          label={{ value: 'pulse width (ms, log)', position: 'insideBottom', offset: -12 }}
        />
        <YAxis type="number" label={{ value: 'mA', angle: -90, position: 'insideLeft' }} />
        <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(2) : String(v))} />
        <Line
          data={curve}
          dataKey="fittedMa"
          name="fitted curve"
          dot={false}
          stroke="#0b6e4f"
          strokeWidth={2}
          isAnimationActive={false}
        />
        <Scatter
          data={test.points}
          dataKey="thresholdMa"
          name="measured threshold"
          fill="#c0392b"
          isAnimationActive={false}
        />
      </ChartFrame>
    </figure>
  );
}
