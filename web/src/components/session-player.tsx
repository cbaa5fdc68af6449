import type { ClearedProgramme } from '@core/clinic/safety/programme-gate.ts';
import { realClock } from '@core/device/clock.ts';
import type { Protocol } from '@core/device/emulator/virtual-stimulator.ts';
import { SessionController, type SessionSummary } from '@core/device/session/controller.ts';
import { webSerial } from '@core/device/web-serial.ts';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { connectStimulator, type StimulatorSource } from '../stimulator-connection.ts';

/** One choice of where the session plays. */
function SourceRadio({
  value,
  chosen,
  onChoose,
  disabled,
  children,
}: {
  value: StimulatorSource;
  chosen: StimulatorSource;
  onChoose: (source: StimulatorSource) => void;
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <label>
      <input type="radio" checked={chosen === value} onChange={() => onChoose(value)} disabled={disabled} />{' '}
      {children}
    </label>
  );
}

/**
 * A minimal session player: plays a cleared programme on the virtual stimulator or on a stimulator
 * reached through Web Serial (Chromium on HTTPS or localhost), with intensity − / +, pause, and an
 * emergency stop that is always visible. Hiding the page stops the session.
 */
export function SessionPlayer({ cleared, ceilingMa }: { cleared: ClearedProgramme; ceilingMa: number }) {
  const [protocol, setProtocol] = useState<Protocol>('sciencemode4');
  const [source, setSource] = useState<StimulatorSource>('virtual');
  const [intensityMa, setIntensityMa] = useState(10);
  const [state, setState] = useState('idle');
  const [paused, setPaused] = useState(false);
  const [summary, setSummary] = useState<SessionSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<SessionController | null>(null);
  const serialAvailable = webSerial(navigator) !== null;

  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') controller.current?.emergencyStop();
    };
    document.addEventListener('visibilitychange', hidden);
    const poll = setInterval(() => setState(controller.current?.state ?? 'idle'), 200);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      clearInterval(poll);
      controller.current?.emergencyStop();
    };
  }, []);

  async function start() {
    setError(null);
    setSummary(null);
    setPaused(false);
    try {
      const { transport, emulator } = await connectStimulator(source, protocol);
      if (emulator) queueMicrotask(() => emulator.start());
      const c = new SessionController({ cleared, protocol, transport, clock: realClock, intensityMa });
      controller.current = c;
      const result = await c.play();
      emulator?.shutdown();
      if (transport.open) await transport.close();
      setSummary(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  function change(byMa: number) {
    const next = Math.min(ceilingMa, Math.max(0, intensityMa + byMa));
    setIntensityMa(next);
    try {
      controller.current?.setIntensity(next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const running = controller.current !== null && summary === null && error === null && state !== 'stopped';
  return (
    <section aria-label="Session player">
      <p>
        <label>
          Stimulator{' '}
          <select
            value={protocol}
            onChange={(e) => setProtocol(e.target.value as Protocol)}
            disabled={running}
          >
            <option value="sciencemode4">P24 (ScienceMode4)</option>
            <option value="sciencemode2">RehaStim2 (ScienceMode2)</option>
          </select>
        </label>{' '}
        <SourceRadio value="virtual" chosen={source} onChoose={setSource} disabled={running}>
          virtual stimulator
        </SourceRadio>{' '}
        <SourceRadio
          value="serial"
          chosen={source}
          onChoose={setSource}
          disabled={running || !serialAvailable}
        >
          connected stimulator (Web Serial{serialAvailable ? '' : ': not in this browser'})
        </SourceRadio>
      </p>
      <p>
        <button type="button" onClick={() => void start()} disabled={running}>
          Start
        </button>{' '}
        <button type="button" className="secondary" onClick={() => change(-1)} aria-label="Intensity down">
          −
        </button>{' '}
        <strong>{intensityMa} mA</strong> (0–{ceilingMa}){' '}
        <button type="button" className="secondary" onClick={() => change(1)} aria-label="Intensity up">
          +
        </button>{' '}
        <button
          type="button"
          className="secondary"
          disabled={!running}
          onClick={() => {
            if (paused) controller.current?.resume();
            else controller.current?.pause();
            setPaused(!paused);
          }}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </p>
      <p>
        <button
          type="button"
          className="danger"
          style={{ fontSize: '1.5rem', padding: '0.75rem 2rem' }}
          onClick={() => controller.current?.emergencyStop()}
        >
          STOP
        </button>
      </p>
      <p role="status">State: {state}</p>
      {error ? <p className="error">{error}</p> : null}
      {summary ? (
        <p>
          {summary.stopReason}: {summary.deliveredMinutes.toFixed(2)} of {summary.plannedMinutes.toFixed(2)}{' '}
          min, peak {Object.values(summary.peakCurrentMaByChannel).join(' / ')} mA
          {summary.faults.map((f) => ` — ${f.kind}: ${f.message}`).join('')}
        </p>
      ) : null}
    </section>
  );
}
