import { MUSCLE_IDS } from '@core/clinic/anatomy/electrode-sites.ts';
import { type GateRecord, gateRecordFrom } from '@core/clinic/record-views/gate-record.ts';
import { type GateScreening, gateProgramme } from '@core/clinic/safety/programme-gate.ts';
import { realClock } from '@core/device/clock.ts';
import type { Protocol } from '@core/device/emulator/virtual-stimulator.ts';
import {
  deliverSdProbe,
  deviceMaxCurrentMa,
  SD_PROBE,
  sdProbeProgramme,
  splitSdWidths,
} from '@core/device/sd-probe.ts';
import { webSerial } from '@core/device/web-serial.ts';
import { fitStrengthDuration } from '@core/physiology/strength-duration/strength-duration.ts';
import { useState } from 'react';
import { post } from '../api.ts';
import { fixed, label } from '../format.ts';
import { ChoiceField } from '../forms/choice-field.tsx';
import { useAction, useGet } from '../hooks.ts';
import { connectStimulator, type StimulatorSource } from '../stimulator-connection.ts';
import { ColumnHeads, FormError } from './section.tsx';
import { ThresholdRow } from './threshold-row.tsx';

/** One probe's outcome as the clinician reads it, and the emulator's pulse count when virtual. */
async function deliver(
  stimulator: StimulatorSource,
  protocol: Protocol,
  cleared: unknown,
  currentMa: number,
): Promise<{ stopReason: string; pulses: number | null }> {
  const { transport, emulator: device } = await connectStimulator(stimulator, protocol);
  const playing = deliverSdProbe({ cleared, protocol, transport, clock: realClock, currentMa });
  device?.start();
  try {
    const summary = await playing;
    if (summary.faults.length > 0) throw new Error(summary.faults.map((f) => f.message).join('; '));
    return {
      stopReason: summary.stopReason,
      pulses: device ? device.pulses().reduce((n, t) => n + t.count, 0) : null,
    };
  } finally {
    device?.shutdown();
    if (transport.open) await transport.close();
  }
}

/**
 * The strength–duration test through the stimulator: at each pulse width the device sets (longest
 * first), short twitch trains at rising current — each one through the safety gate with the
 * patient's record — until the clinician marks the minimal visible contraction; the next width
 * starts from that threshold. Widths the device cannot set are entered by hand. The points are fitted
 * here for a preview and recorded (and fitted again) by the server.
 */
export function SdWizard({
  patientId,
  widthsMs,
  onSaved,
}: {
  patientId: string;
  widthsMs: readonly number[];
  onSaved: () => void;
}) {
  const base = `/api/patients/${patientId}`;
  const screenings = useGet<{ items: GateScreening[] }>(`${base}/screenings`);
  const conditions = useGet<{ items: { icd10Code: string; recordedAt: string }[] }>(`${base}/conditions`);
  const flags = useGet<{ open: GateRecord['openRedFlags'] }>(`${base}/red-flags`);
  const [muscle, setMuscle] = useState('');
  const [side, setSide] = useState<'left' | 'right'>('left');
  const [protocol, setProtocol] = useState<Protocol>('sciencemode4');
  const [stimulator, setStimulator] = useState<StimulatorSource>('virtual');
  const [step, setStep] = useState(0);
  const [nextMa, setNextMa] = useState<number>(SD_PROBE.startMa);
  const [deliveredMa, setDeliveredMa] = useState<number | null>(null);
  const [thresholds, setThresholds] = useState<Record<number, number>>({});
  const [manual, setManual] = useState<Record<number, string>>({});
  const [said, setSaid] = useState('');
  const [blockers, setBlockers] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();

  const { deviceMs, manualMs } = splitSdWidths(widthsMs, protocol);
  const order = [...deviceMs].sort((a, b) => b - a);
  const widthMs = order[step];
  const maxMa = deviceMaxCurrentMa(protocol);
  const record =
    screenings.data && conditions.data && flags.data
      ? gateRecordFrom(screenings.data.items, flags.data.open, conditions.data.items)
      : null;

  const points = [
    ...order.flatMap((w) =>
      thresholds[w] === undefined ? [] : [{ widthMs: w, thresholdMa: thresholds[w] }],
    ),
    ...manualMs.flatMap((w) => {
      const ma = Number(manual[w]);
      return manual[w]?.trim() && ma > 0 ? [{ widthMs: w, thresholdMa: ma }] : [];
    }),
  ].sort((a, b) => a.widthMs - b.widthMs);
  let preview: string | null = null;
  if (points.length >= 3) {
    try {
      const fit = fitStrengthDuration(points);
      preview = `rheobase ${fixed(fit.rheobaseMa, 2)} mA, chronaxie ${fixed(fit.chronaxieMs, fit.chronaxieMs < 1 ? 3 : 1)} ms: ${label(fit.innervation)}`;
    } catch (e) {
      preview = e instanceof Error ? e.message : String(e);
    }
  }

  const probe = () =>
    run(async () => {
      if (widthMs === undefined || !record || !muscle) return;
      const phaseWidthUs = Math.round(widthMs * 1000);
      const decision = gateProgramme({
        ...record,
        purpose: 'send-to-device',
        programme: sdProbeProgramme(muscle, side, phaseWidthUs, nextMa),
        now: new Date().toISOString(),
      });
      if (!decision.allowed) {
        setBlockers(decision.blockers.map((b) => b.message));
        throw new Error('The safety gate refuses to send this train to the stimulator.');
      }
      setBlockers([]);
      setSaid(`Delivering ${nextMa} mA at ${widthMs} ms…`);
      const outcome = await deliver(stimulator, protocol, decision.cleared, nextMa);
      const pulses = outcome.pulses === null ? '' : `${outcome.pulses} pulses `;
      setSaid(`Delivered ${pulses}at ${nextMa} mA, ${phaseWidthUs} µs (${outcome.stopReason}).`);
      setDeliveredMa(nextMa);
      setNextMa(Math.min(maxMa, nextMa + SD_PROBE.stepMa));
    });

  const nextWidth = (thresholdMa: number | null) => {
    if (widthMs === undefined) return;
    if (thresholdMa !== null) setThresholds((t) => ({ ...t, [widthMs]: thresholdMa }));
    // A shorter pulse needs at least as much current: the next width starts at this threshold.
    setNextMa(thresholdMa ?? SD_PROBE.startMa);
    setDeliveredMa(null);
    setSaid('');
    setStep((s) => s + 1);
  };

  const save = () =>
    run(async () => {
      if (points.length < 3) {
        setError('Record the threshold at three pulse widths or more.');
        return;
      }
      await post(`${base}/sd-tests`, { testedAt: new Date().toISOString(), site: muscle, side, points });
      setThresholds({});
      setManual({});
      setStep(0);
      setSaid('Recorded.');
      onSaved();
    });

  const loadError = screenings.error ?? conditions.error ?? flags.error;
  return (
    <section className="wizard" aria-label="Strength–duration test through the stimulator">
      <h3>Test through the stimulator</h3>
      <div className="row">
        <ChoiceField
          label="Muscle tested"
          options={MUSCLE_IDS}
          words={label}
          none="choose…"
          value={muscle}
          onChoose={setMuscle}
          select={{ disabled: step > 0 }}
        />
        <label>
          Side
          <select
            value={side}
            onChange={(e) => setSide(e.target.value as 'left' | 'right')}
            disabled={step > 0}
          >
            {(['left', 'right'] as const).map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Stimulator
          <select
            value={`${stimulator}:${protocol}`}
            onChange={(e) => {
              const [s, p] = e.target.value.split(':') as [StimulatorSource, Protocol];
              setStimulator(s);
              setProtocol(p);
            }}
            disabled={step > 0}
          >
            <option value="virtual:sciencemode4">Virtual stimulator (ScienceMode4)</option>
            <option value="virtual:sciencemode2">Virtual stimulator (ScienceMode2)</option>
            {webSerial(navigator) && (
              <>
                <option value="serial:sciencemode4">RehaMove3 / P24 on a serial port</option>
                <option value="serial:sciencemode2">RehaStim2 on a serial port</option>
              </>
            )}
          </select>
        </label>
      </div>
      {loadError && <FormError error={loadError} />}
      {widthMs !== undefined ? (
        <div>
          <p>
            Pulse width <strong>{widthMs} ms</strong> (width {step + 1} of {order.length} the stimulator
            sets). Raise the current one step at a time until you see the minimal visible contraction.
          </p>
          <div className="row">
            <button type="button" onClick={probe} disabled={busy || !muscle || !record || nextMa > maxMa}>
              Deliver {nextMa} mA
            </button>
            <button
              type="button"
              onClick={() => nextWidth(deliveredMa)}
              disabled={busy || deliveredMa === null}
            >
              {deliveredMa === null ? 'Contraction seen' : `Contraction seen at ${deliveredMa} mA`}
            </button>
            <button type="button" onClick={() => nextWidth(null)} disabled={busy}>
              Skip this width
            </button>
          </div>
        </div>
      ) : (
        <p>Every width the stimulator sets is done. Enter the others by hand, then record.</p>
      )}
      <p role="status">{said}</p>
      {blockers.length > 0 && (
        <ul aria-label="Safety blockers">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      <table className="compact">
        <ColumnHeads columns={['Pulse width', 'Threshold (mA)']} />
        <tbody>
          {[...widthsMs]
            .sort((a, b) => a - b)
            .map((w) =>
              manualMs.includes(w) ? (
                <ThresholdRow
                  key={w}
                  id={`sdw-${w}`}
                  widthMs={w}
                  value={manual[w] ?? ''}
                  onChange={(v) => setManual((m) => ({ ...m, [w]: v }))}
                />
              ) : (
                <tr key={w}>
                  <th scope="row">{w} ms</th>
                  <td>{thresholds[w] ?? '—'}</td>
                </tr>
              ),
            )}
        </tbody>
      </table>
      {preview && <p className="fit-preview">Fit: {preview}</p>}
      <FormError error={error} />
      <button type="button" onClick={save} disabled={busy || points.length < 3}>
        Fit and record
      </button>
    </section>
  );
}
