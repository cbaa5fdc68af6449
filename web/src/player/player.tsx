/**
 * The patient's session player: choose how to play today's session (a stimulator on Web Serial,
 * the virtual stimulator, or a manual session on one's own device) → connect → check the pads
 * against the drawing → play (./playing.tsx) → say how it felt → the session is logged with an
 * Idempotency-Key, what was delivered and the stimulator's identity (./outbox.ts). A session that
 * stopped early is logged as interrupted; when the page was hidden it is logged at once.
 */
import './player.css';
import { channelNames, patientMuscle } from '@core/clinic/anatomy/patient-view.ts';
import type { StimulationProgramme } from '@core/clinic/programme/stimulation-types.ts';
import type { SessionInput } from '@core/clinic/record/session.ts';
import { type ClearedProgramme, type GateInput, gateProgramme } from '@core/clinic/safety/programme-gate.ts';
import { describeLevelForPatient, describeSessionForPatient } from '@core/clinic/words/patient-words.ts';
import type { Protocol } from '@core/device/emulator/virtual-stimulator.ts';
import type { SessionSummary } from '@core/device/session/controller.ts';
import { manualSessionLog, type PatientReport, playedSessionLog } from '@core/device/session/session-log.ts';
import { planSession, planTimeline } from '@core/device/session/session-plan.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ElectrodePlacement } from '../components/electrode-placement.tsx';
import { errorMessage } from '../hooks.ts';
import { capitalise, type MessageKey, t, useI18n } from '../i18n/i18n.ts';
import { say, sayAll } from '../i18n/patient-text.ts';
import { onLink } from '../router.ts';
import type { Session } from '../types.ts';
import { type Connection, canUseStimulator, connect, hasRememberedPort, type Mode } from './connection.ts';
import { isLeftWaiting, keep, type PendingLog, send, whenKept } from './outbox.ts';
import { type DeviceEnd, DevicePlay, type ManualEnd, ManualPlay } from './playing.tsx';
import { type Answers, Report } from './report.tsx';
import { stimulatorErrorWords, stimulatorFaultWords } from './stimulator-words.ts';

/** GET /api/patients/:id/session-player when a session is due. */
export interface TodaySession {
  programmeId: string;
  level: number;
  programme: StimulationProgramme;
  gateRecord: Omit<GateInput, 'purpose' | 'programme' | 'now'>;
}

/** The core gate, asked in the browser for this moment: only a programme it clears reaches a stimulator. */
export function clearToday(today: TodaySession) {
  return gateProgramme({
    ...today.gateRecord,
    purpose: 'send-to-device',
    programme: today.programme,
    now: new Date().toISOString(),
  });
}

type Step =
  | { at: 'choose' }
  | { at: 'placement'; connection: Connection }
  | { at: 'playing'; connection: Connection; cleared: ClearedProgramme | null; startedAt: string }
  | { at: 'report'; headline: string; build: (answers: Answers) => SessionInput; key: string | undefined }
  | { at: 'saved'; session: Session };

const MODE_WORDS: Record<Mode, MessageKey> = {
  stimulator: 'player.mode.stimulator',
  'virtual-stimulator': 'player.mode.virtual',
  manual: 'player.mode.manual',
};

/** The stimulators' product names, the same in every language. */
const PROTOCOL_NAMES: Record<Protocol, string> = {
  sciencemode4: 'Hasomed P24',
  sciencemode2: 'Hasomed RehaStim 2',
};

function stopWords(summary: SessionSummary, pageHidden: boolean): string {
  if (summary.stopReason === 'completed') return t('player.stop.completed');
  if (pageHidden) return t('player.stop.pageHidden');
  if (summary.stopReason === 'emergency-stop') return t('player.stop.emergency');
  return stimulatorFaultWords(summary.faults[0]?.kind);
}

export function Player({ patientId, today }: { patientId: string; today: TodaySession }) {
  const { programme } = today;
  const { t, language } = useI18n();
  const level = programme.levels.find((l) => l.level === today.level) ?? programme.levels[0];
  const plan = useMemo(() => planTimeline(programme, level?.level), [programme, level]);
  const devicePlayable = useMemo(() => {
    try {
      planSession(programme, level?.level);
      return true;
    } catch {
      return false;
    }
  }, [programme, level]);
  const serial = canUseStimulator();
  const [mode, setMode] = useState<Mode>(
    !devicePlayable ? 'manual' : serial ? 'stimulator' : 'virtual-stimulator',
  );
  const [protocol, setProtocol] = useState<Protocol>('sciencemode4');
  const [remembered, setRemembered] = useState(false);
  const [step, setStep] = useState<Step>({ at: 'choose' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const startedAt = useRef('');
  // Worded again when the language changes.
  const names = useMemo(
    () => (language ? channelNames(programme.channels).map(say) : []),
    [programme, language],
  );
  const ceilingMa = Math.max(...(level?.blocks ?? []).map((b) => b.maxIntensityMa));

  useEffect(() => {
    if (serial) void hasRememberedPort(protocol).then(setRemembered);
  }, [serial, protocol]);

  const report = (answers: Answers, seen: PatientReport['seen']): PatientReport => ({
    programmeId: today.programmeId,
    startedAt: startedAt.current,
    comfort: answers.comfort,
    pain: answers.pain,
    notes: answers.notes,
    seen,
  });

  async function save(log: PendingLog) {
    setBusy(true);
    setError(undefined);
    try {
      setStep({ at: 'saved', session: await send(log) });
    } catch (e) {
      // A refusal stays on Today until read; a log left waiting in the outbox is sent again.
      setError(isLeftWaiting(e) ? t('player.keptOnDevice', { error: errorMessage(e) }) : errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function onDeviceEnd({ summary, pageHidden, seen }: DeviceEnd, connection: Connection) {
    void connection.close();
    const build = (answers: Answers) =>
      playedSessionLog(summary, plan, connection.mode as 'stimulator', report(answers, seen), pageHidden);
    // Kept at once, so an interrupted session is logged even if no one answers the questions; the
    // questions show once it is kept, so a reload or a closed tab from them cannot lose it.
    const kept = keep(patientId, build({ comfort: null, pain: null, notes: '', peaksMa: null }));
    if (pageHidden) void save(kept);
    else
      void whenKept(kept).then(() =>
        setStep({ at: 'report', headline: stopWords(summary, pageHidden), build, key: kept.key }),
      );
  }

  function onManualEnd({ playedS, seen }: ManualEnd) {
    const build = (answers: Answers) =>
      manualSessionLog(plan, playedS, answers.peaksMa ?? [], report(answers, seen));
    setStep({
      at: 'report',
      headline: playedS >= plan.totalS ? t('player.manual.finished') : t('player.manual.stoppedEarly'),
      build,
      key: undefined,
    });
  }

  if (!level) return <p>{t('player.noLevel')}</p>;

  if (step.at === 'choose') {
    return (
      <section className="player" aria-labelledby="player-title">
        <h2 id="player-title">{t('player.choose.heading')}</h2>
        <p>{sayAll(describeLevelForPatient(level))}</p>
        <fieldset>
          <legend>{t('player.choose.legend')}</legend>
          {(['stimulator', 'virtual-stimulator', 'manual'] as const).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="mode"
                checked={mode === m}
                disabled={m !== 'manual' && (!devicePlayable || (m === 'stimulator' && !serial))}
                onChange={() => setMode(m)}
              />{' '}
              {t(MODE_WORDS[m])}
              {m === 'stimulator' && !serial ? t('player.mode.needsBrowser') : ''}
              {m === 'stimulator' && remembered ? t('player.mode.found') : ''}
            </label>
          ))}
        </fieldset>
        {mode !== 'manual' && (
          <label>
            {t('player.whichStimulator')}{' '}
            <select value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
              {(['sciencemode4', 'sciencemode2'] as const).map((p) => (
                <option key={p} value={p}>
                  {PROTOCOL_NAMES[p]}
                </option>
              ))}
            </select>
          </label>
        )}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <p>
          <button
            type="button"
            className="big"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(undefined);
              try {
                const connection = await connect(mode, protocol);
                connection.transport?.onClose(() =>
                  setStep((s) => {
                    if (s.at !== 'placement') return s;
                    setError(t('player.disconnected'));
                    return { at: 'choose' };
                  }),
                );
                setStep({ at: 'placement', connection });
              } catch (e) {
                setError(stimulatorErrorWords(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t(
              mode === 'manual'
                ? 'player.next'
                : mode === 'stimulator'
                  ? 'player.connectMine'
                  : 'player.connect',
            )}
          </button>
        </p>
      </section>
    );
  }

  if (step.at === 'placement') {
    return (
      <section className="player" aria-labelledby="player-title">
        <h2 id="player-title">{t('player.placement.heading')}</h2>
        <p>
          {step.connection.transport ? t('player.placement.connected') : ''}
          {t('player.placement.check')}
        </p>
        {/* One drawing per channel: a programme on two sites shows where each pair of pads goes. */}
        {programme.channels.map((channel, i) => {
          const pad = channel.electrodes[0];
          const site = pad?.site ?? programme.muscle;
          return (
            <ElectrodePlacement
              // biome-ignore lint/suspicious/noArrayIndexKey: the channels are fixed for the session, in channel order
              key={i}
              programme={{ muscle: site, side: pad?.side ?? programme.side, channels: [channel] }}
              muscleLabel={capitalise(say(patientMuscle(site).text))}
            />
          );
        })}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <p className="actions">
          <button
            type="button"
            className="big"
            onClick={() => {
              let cleared: ClearedProgramme | null = null;
              if (step.connection.transport) {
                const decision = clearToday(today);
                if (!decision.allowed) {
                  void step.connection.close();
                  setError(t('player.onHold'));
                  setStep({ at: 'choose' });
                  return;
                }
                cleared = decision.cleared;
              }
              startedAt.current = new Date().toISOString();
              setStep({ at: 'playing', connection: step.connection, cleared, startedAt: startedAt.current });
            }}
          >
            {t('player.placement.start')}
          </button>{' '}
          <button
            type="button"
            className="secondary big"
            onClick={() => {
              void step.connection.close();
              setStep({ at: 'choose' });
            }}
          >
            {t('player.back')}
          </button>
        </p>
      </section>
    );
  }

  if (step.at === 'playing') {
    const { connection, cleared } = step;
    return (
      <section className="player playing" aria-labelledby="player-title">
        <h2 id="player-title">{t('player.playing.heading')}</h2>
        {cleared ? (
          <DevicePlay
            connection={connection}
            cleared={cleared}
            plan={plan}
            level={level}
            channelNames={names}
            onEnd={(end) => onDeviceEnd(end, connection)}
          />
        ) : (
          <ManualPlay plan={plan} level={level} onEnd={onManualEnd} />
        )}
      </section>
    );
  }

  if (step.at === 'report') {
    return (
      <section className="player" aria-labelledby="player-title">
        <Report
          headline={step.headline}
          manual={step.key === undefined ? { channelNames: names, ceilingMa } : null}
          busy={busy}
          error={error}
          onSave={(answers) => void save(keep(patientId, step.build(answers), step.key))}
        />
      </section>
    );
  }

  return (
    <section className="player" aria-labelledby="player-title">
      <div role="status">
        <h2 id="player-title">{t('player.saved.heading')}</h2>
      </div>
      <p>{sayAll(describeSessionForPatient(step.session))}</p>
      <p>
        <a className="button big" href="/" onClick={onLink('/')}>
          {t('session.backToToday')}
        </a>
      </p>
    </section>
  );
}
