import { type FormEvent, type ReactNode, useState } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { post } from '../api.ts';
import { date } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { NameField } from '../forms/name-field.tsx';
import { useAction } from '../hooks.ts';
import { ColumnHeads, FormFooter, OptionalNumberField } from './section.tsx';

/**
 * The clinician's path from a force recording to the patient's identified model: upload a CSV,
 * OpenSim .sto/.mot or C3D file, name the channels, identify (on the server), review the measured
 * and fitted force, the residuals, each parameter with its 95 % interval and the verdict, then save.
 */

interface Identification {
  recording: {
    name: string;
    sha256: string;
    format: 'csv' | 'sto' | 'c3d';
    sizeBytes: number;
    channels: { label: string; unit: string; unitInFile: string }[];
  };
  processing: Record<string, unknown> & { forceChannel: string; cutoffHz: number | null };
  notes: string[];
  startModel: string;
  pulses: number;
  parameters: {
    name: string;
    symbol: string;
    unit: string;
    value: number;
    standardError: number | null;
    low95: number | null;
    high95: number | null;
  }[];
  undetermined: { parameter: string; symbol: string; heldAt: number; reason: string }[];
  residual: { rmsN: number; relativeToPeak: number; samples: number };
  verdict: { quality: 'good' | 'acceptable' | 'poor'; words: string };
  model: { id: string };
  fit: { timesS: number[]; measuredN: number[]; fittedN: number[]; residualN: number[] };
  elapsedMs: number;
}

export interface IdentifiedModelRecord {
  id: string;
  identifiedAt: string;
  recording: { name: string; sha256: string; format: string };
  model: { id: string };
  summary: { verdict: string; startModel: string };
}

const START_MODELS = [
  'ding2003',
  'ding2007',
  'hmed2018',
  'ding2003-fatigue',
  'ding2007-fatigue',
  'hmed2018-fatigue',
];

/** The file's bytes in base64, in chunks (String.fromCharCode takes a bounded argument list). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const significant = (value: number | null) => (value === null ? '—' : value.toPrecision(4));

export function ForceRecordings({
  patientId,
  models,
  canEdit,
  onSaved,
}: {
  patientId: string;
  models: IdentifiedModelRecord[];
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [file, setFile] = useState<File>();
  const [startModel, setStartModel] = useState('ding2003');
  const [triggerChannel, setTriggerChannel] = useState('trigger');
  const [forceChannel, setForceChannel] = useState('');
  // The pulses' setting during the recording: Ding 2007 needs the pulse width, Ben Hmed 2018 the current.
  const [intensityMa, setIntensityMa] = useState('');
  const [pulseWidthUs, setPulseWidthUs] = useState('');
  const [result, setResult] = useState<Identification>();
  const [saved, setSaved] = useState(false);
  const identify = useAction();
  const save = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      identify.setError('Choose a recording file (CSV, OpenSim .sto/.mot or C3D).');
      return;
    }
    await identify.run(async () => {
      setSaved(false);
      const answer = await post<Identification>(`/api/patients/${patientId}/recordings/identify`, {
        fileName: file.name,
        contentBase64: await base64Of(file),
        model: startModel,
        triggerChannel,
        ...(forceChannel.trim() ? { forceChannel: forceChannel.trim() } : {}),
        ...(intensityMa.trim() ? { intensityMa: Number(intensityMa) } : {}),
        ...(pulseWidthUs.trim() ? { pulseWidthUs: Number(pulseWidthUs) } : {}),
      });
      setResult(answer);
    });
  };

  const saveModel = async () => {
    if (!result) return;
    await save.run(async () => {
      await post(`/api/patients/${patientId}/identified-models`, {
        identifiedAt: new Date().toISOString(),
        recording: {
          name: result.recording.name,
          sha256: result.recording.sha256,
          format: result.recording.format,
          sizeBytes: result.recording.sizeBytes,
        },
        model: result.model,
        summary: {
          startModel: result.startModel,
          parameters: result.parameters,
          undetermined: result.undetermined,
          residual: result.residual,
          verdict: result.verdict.words,
          processing: result.processing,
        },
      });
      setSaved(true);
      onSaved();
    });
  };

  const points = result
    ? result.fit.timesS.map((t, i) => ({
        t,
        measured: result.fit.measuredN[i],
        fitted: result.fit.fittedN[i],
        residual: result.fit.residualN[i],
      }))
    : [];

  return (
    <div>
      {models.length > 0 ? (
        <ul aria-label="Identified models">
          {models.map((m) => (
            <li key={m.id}>
              {date(m.identifiedAt)}: {m.model.id} from {m.recording.name} — {m.summary.verdict}
            </li>
          ))}
        </ul>
      ) : (
        <p>No identified model yet.</p>
      )}
      {canEdit && (
        <form onSubmit={submit} aria-label="Force recording">
          <div className="row">
            <label>
              Recording
              <input
                type="file"
                accept=".csv,.tsv,.txt,.sto,.mot,.c3d"
                onChange={(e) => setFile(e.target.files?.[0])}
              />
            </label>
            <ChoiceField
              label="Start model"
              options={START_MODELS}
              value={startModel}
              onChoose={setStartModel}
            />
            <NameField label="Trigger channel" value={triggerChannel} onName={setTriggerChannel} />
            <NameField
              label="Force channel"
              value={forceChannel}
              onName={setForceChannel}
              placeholder="found by unit or name"
              list="recording-channels"
            />
            {[
              {
                label: 'Current (mA)',
                min: 1,
                max: 200,
                placeholder: 'hmed2018',
                value: intensityMa,
                onChange: setIntensityMa,
              },
              {
                label: 'Pulse width (µs)',
                min: 50,
                max: 1000,
                placeholder: 'ding2007',
                value: pulseWidthUs,
                onChange: setPulseWidthUs,
              },
            ].map((field) => (
              <OptionalNumberField key={field.label} {...field} />
            ))}
            <datalist id="recording-channels">
              {result?.recording.channels.map((c) => (
                <option key={c.label} value={c.label} />
              ))}
            </datalist>
          </div>
          <FormFooter action={identify} idle="Identify" working="Identifying…" />
        </form>
      )}
      {result && (
        <section aria-label="Identification result">
          <p role="status">
            <strong>{result.verdict.words}</strong>
          </p>
          <p>
            {result.recording.name} ({result.recording.format}): force channel '
            {result.processing.forceChannel}', {result.pulses} pulses,{' '}
            {result.processing.cutoffHz === null
              ? 'not filtered'
              : `low-pass ${result.processing.cutoffHz} Hz (zero phase)`}
            , fitted in {result.elapsedMs.toFixed(0)} ms.
          </p>
          <ForceOverTime height={260} points={points}>
            <Tooltip />
            <Legend />
            {forceLine('measured', 'measured force', '#666')}
            {forceLine('fitted', 'fitted model', '#c0392b')}
          </ForceOverTime>
          <ForceOverTime height={140} points={points}>
            {forceLine('residual', 'residual', '#2c7fb8')}
          </ForceOverTime>
          <table className="compact" aria-label="Identified parameters">
            <ColumnHeads columns={['Parameter', 'Value', '95 % interval', 'Unit']} />
            <tbody>
              {result.parameters.map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.symbol}</th>
                  <td>{significant(p.value)}</td>
                  <td>
                    {significant(p.low95)} to {significant(p.high95)}
                  </td>
                  <td>{p.unit}</td>
                </tr>
              ))}
              {result.undetermined.map((u) => (
                <tr key={u.parameter}>
                  <th scope="row">{u.symbol}</th>
                  <td colSpan={3}>not determined by this recording ({u.reason})</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit && (
            <div className="row">
              <button type="button" onClick={saveModel} disabled={save.busy || saved}>
                {saved ? 'Saved to the patient' : save.busy ? 'Saving…' : 'Save to the patient'}
              </button>
              {save.error && <p role="alert">{save.error}</p>}
            </div>
          )}
        </section>
      )}
    </div>
  );
}

/** One line of the recording's charts: a series over time, drawn without dots or animation. */
const forceLine = (dataKey: string, name: string, stroke: string) => (
  <Line dataKey={dataKey} name={name} dot={false} stroke={stroke} isAnimationActive={false} />
);

/** Force (N) against time (s) over the recording, with what `children` draws on it. */
function ForceOverTime({
  height,
  points,
  children,
}: {
  height: number;
  points: object[];
  children: ReactNode;
}) {
  return (
    <div style={{ width: '100%', height }}>
      <ResponsiveContainer>
        <ComposedChart data={points}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" unit=" s" domain={['dataMin', 'dataMax']} />
          <YAxis unit=" N" />
          {children}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
