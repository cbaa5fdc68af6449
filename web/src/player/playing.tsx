/**
 * The running session: the timer (phase, seconds left in it, contractions left, total time),
 * strength − / + in whole mA for each channel, named by where its pads are, within the clinician's
 * ceiling for the block, pause / carry on, the
 * aim's cue words, and a large STOP always on screen. On a stimulator (or the virtual one) the
 * session controller plays the cleared programme; hiding the page stops it. Without a device the
 * same timer guides a manual session.
 */
import { CONTRACTION_STEPS, type ContractionStep, stepRank } from '@core/clinic/programme/evoked-force.ts';
import type { StimulationLevel } from '@core/clinic/programme/stimulation-types.ts';
import type { ClearedProgramme } from '@core/clinic/safety/programme-gate.ts';
import { stepWords } from '@core/clinic/words/patient-words.ts';
import { realClock } from '@core/device/clock.ts';
import { SessionController, type SessionSummary } from '@core/device/session/controller.ts';
import { type PlayerMoment, playerMoment } from '@core/device/session/player-timeline.ts';
import type { SessionPlan } from '@core/device/session/session-plan.ts';
import { useEffect, useRef, useState } from 'react';
import { capitalise, type MessageKey, useI18n } from '../i18n/i18n.ts';
import { say } from '../i18n/patient-text.ts';
import type { Connection } from './connection.ts';
import { stimulatorErrorWords } from './stimulator-words.ts';

export type Seen = { step: ContractionStep; atMa?: number } | null;

const PHASE_WORDS: Record<PlayerMoment['phase'], MessageKey> = {
  'warm-up': 'player.phase.warmUp',
  contraction: 'player.phase.contraction',
  rest: 'player.phase.rest',
  steady: 'player.phase.steady',
  'cool-down': 'player.phase.coolDown',
  done: 'player.phase.done',
};

function clock(s: number): string {
  const whole = Math.floor(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A contraction step in the patient's words. */
function sayStep(step: ContractionStep): string {
  const words = stepWords(step);
  return words ? say(words) : step;
}

/**
 * The phase and its seconds left; once the session has stopped before its end, "Stopped" and how far
 * it got.
 */
function Timer({ moment, stopped = false }: { moment: PlayerMoment; stopped?: boolean }) {
  const { t } = useI18n();
  const stoppedEarly = stopped && moment.phase !== 'done';
  return (
    <div className={`timer ${stoppedEarly ? 'stopped' : moment.phase}`}>
      <p className="phase" aria-live="polite">
        {t(stoppedEarly ? 'player.phase.stopped' : PHASE_WORDS[moment.phase])}
      </p>
      {!stopped && (
        <p role="timer" aria-label={t('player.timer.secondsLeft')} className="phase-seconds">
          {moment.secondsLeftInPhase} s
        </p>
      )}
      <dl className="counts">
        <div>
          <dt>{t('player.timer.contractionsLeft')}</dt>
          <dd data-testid="contractions-left">
            {t('player.timer.of', { done: moment.contractionsLeft, total: moment.contractionsTotal })}
          </dd>
        </div>
        <div>
          <dt>{t('player.timer.time')}</dt>
          <dd>{t('player.timer.of', { done: clock(moment.elapsedS), total: clock(moment.totalS) })}</dd>
        </div>
      </dl>
    </div>
  );
}

/** The aim's cue words: what to look for, and whether to turn it up, keep it or go no further. */
function Aim({
  level,
  seen,
  onSeen,
}: {
  level: StimulationLevel;
  seen: Seen;
  onSeen: (step: ContractionStep) => void;
}) {
  const { t } = useI18n();
  const target = level.evokedForceTarget;
  if (!target) return null;
  const steps = CONTRACTION_STEPS.filter((s) => stepRank(s) <= stepRank(target.maxStep));
  const rank = seen ? stepRank(seen.step) : -1;
  const cue: MessageKey =
    rank < 0
      ? 'player.aim.start'
      : rank < stepRank(target.minStep)
        ? 'player.aim.notYet'
        : rank >= stepRank(target.maxStep) && stepRank(target.maxStep) > stepRank(target.minStep)
          ? 'player.aim.most'
          : 'player.aim.reached';
  return (
    <fieldset className="aim">
      <legend>{t('player.aim.legend', { step: sayStep(target.minStep) })}</legend>
      <p className="cue" aria-live="polite">
        {t(cue)}
      </p>
      <p>{t('player.aim.question')}</p>
      {steps.map((step) => (
        <label key={step} className="choice">
          <input type="radio" name="seen" checked={seen?.step === step} onChange={() => onSeen(step)} />{' '}
          {capitalise(sayStep(step))}
        </label>
      ))}
    </fieldset>
  );
}

function PauseButton({
  paused,
  disabled,
  onToggle,
}: {
  paused: boolean;
  disabled: boolean;
  onToggle: () => void;
}) {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" className="secondary big" disabled={disabled} onClick={onToggle}>
        {t(paused ? 'player.carryOn' : 'player.pause')}
      </button>
    </p>
  );
}

/**
 * The STOP bar. Once the session has stopped (STOP pressed, or the session over), a second press
 * would do nothing, so the bar says instead that stimulation has stopped while the log is kept.
 */
function EmergencyStop({ onStop, stopped = false }: { onStop: () => void; stopped?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="emergency-bar">
      {stopped ? (
        <p role="status" className="stopped-status">
          {t('player.stopped.saving')}
        </p>
      ) : (
        <button type="button" className="emergency-stop" onClick={onStop}>
          {t('player.stop')}
          <span className="sr-only">{t('player.stop.spoken')}</span>
        </button>
      )}
    </div>
  );
}

/** One channel's strength − / +; with more than one channel, each names where its pads are. */
function ChannelStrength({
  name,
  strengthMa,
  ceilingMa,
  canRaise,
  canLower,
  onChange,
}: {
  name: string | null;
  strengthMa: number;
  ceilingMa: number;
  canRaise: boolean;
  canLower: boolean;
  onChange: (byMa: number) => void;
}) {
  const { t } = useI18n();
  const which = name ? `, ${name}` : '';
  return (
    <fieldset className="strength">
      <legend>{name ? t('player.strength.legendNamed', { name }) : t('player.strength.legend')}</legend>
      <button
        type="button"
        className="step"
        onClick={() => onChange(-1)}
        disabled={!canLower || strengthMa <= 0}
      >
        −
        <span className="sr-only">
          {' '}
          {t('player.strength.weaker')}
          {which}
        </span>
      </button>
      <output className="strength-value" aria-live="polite">
        {strengthMa} mA
      </output>
      <button
        type="button"
        className="step"
        onClick={() => onChange(1)}
        disabled={!canRaise || strengthMa >= ceilingMa}
      >
        +
        <span className="sr-only">
          {' '}
          {t('player.strength.stronger')}
          {which}
        </span>
      </button>
    </fieldset>
  );
}

/** Re-renders every `ms` while mounted (the timer's display). */
function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

export interface DeviceEnd {
  summary: SessionSummary;
  pageHidden: boolean;
  seen: Seen;
}

/** A session on a stimulator (or the virtual one), played by the session controller. */
export function DevicePlay({
  connection,
  cleared,
  plan,
  level,
  channelNames,
  onEnd,
}: {
  connection: Connection;
  cleared: ClearedProgramme;
  plan: SessionPlan;
  level: StimulationLevel;
  /** Each channel in the patient's words, in channel order. */
  channelNames: readonly string[];
  onEnd: (end: DeviceEnd) => void;
}) {
  const controller = useRef<SessionController | null>(null);
  const hidden = useRef(false);
  const [intensitiesMa, setIntensitiesMa] = useState<number[]>(() => channelNames.map(() => 0));
  const [paused, setPaused] = useState(false);
  const [seen, setSeen] = useState<Seen>(null);
  const [error, setError] = useState<string>();
  const [stopPressed, setStopPressed] = useState(false);
  const seenRef = useRef<Seen>(null);
  seenRef.current = seen;
  // The controller is made once per connection: a new end handler on a re-render must not restart it.
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useTick(250);
  const { t } = useI18n();

  useEffect(() => {
    const transport = connection.transport;
    if (!transport) return;
    const c = new SessionController({
      cleared,
      protocol: connection.protocol,
      transport,
      clock: realClock,
      intensityMa: 0,
      level: plan.level,
    });
    controller.current = c;
    const onHidden = () => {
      if (document.visibilityState !== 'hidden') return;
      hidden.current = true;
      c.emergencyStop();
    };
    document.addEventListener('visibilitychange', onHidden);
    let report = true;
    c.play().then(
      (summary) => {
        if (report) onEndRef.current({ summary, pageHidden: hidden.current, seen: seenRef.current });
      },
      (e: unknown) => setError(stimulatorErrorWords(e)),
    );
    return () => {
      document.removeEventListener('visibilitychange', onHidden);
      // Left before the stimulator was even identified (React's development double start): nothing to log.
      if (['idle', 'connecting', 'identifying'].includes(c.state)) report = false;
      c.emergencyStop();
    };
  }, [connection, cleared, plan]);

  const c = controller.current;
  const playedS = c ? c.summary().deliveredMinutes * 60 : 0;
  const moment = playerMoment(plan, playedS);
  const started =
    c !== null && !['idle', 'connecting', 'identifying'].includes(c.state) && c.state !== 'stopped';
  const stopped = stopPressed || c?.state === 'stopping' || c?.state === 'stopped';
  // A block with a lower ceiling lowers every channel (the controller does the same); once the
  // session has stopped, nothing is delivered, and the strength says so.
  const shown = intensitiesMa.map((intensityMa) => (stopped ? 0 : Math.min(intensityMa, moment.ceilingMa)));

  function change(channelIndex: number, byMa: number) {
    const next = Math.min(moment.ceilingMa, Math.max(0, (shown[channelIndex] ?? 0) + byMa));
    try {
      controller.current?.setIntensity(next, channelIndex + 1);
      setIntensitiesMa(shown.map((intensityMa, i) => (i === channelIndex ? next : intensityMa)));
    } catch (e) {
      setError(stimulatorErrorWords(e));
    }
  }

  return (
    <>
      <Timer moment={moment} stopped={stopped} />
      {channelNames.map((name, i) => (
        <ChannelStrength
          key={name}
          name={channelNames.length > 1 ? name : null}
          strengthMa={shown[i] ?? 0}
          ceilingMa={moment.ceilingMa}
          canRaise={started && !paused}
          canLower={started}
          onChange={(byMa) => change(i, byMa)}
        />
      ))}
      {/* How high the strength may go says nothing once nothing is delivered. */}
      {!stopped && (
        <p className="hint strength-hint">
          {t('player.strength.ceiling', { count: channelNames.length, ceilingMa: moment.ceilingMa })}
        </p>
      )}
      <Aim level={level} seen={seen} onSeen={(step) => setSeen({ step, atMa: Math.max(0, ...shown) })} />
      <PauseButton
        paused={paused}
        disabled={!started}
        onToggle={() => {
          if (paused) controller.current?.resume();
          else controller.current?.pause();
          setPaused(!paused);
        }}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <EmergencyStop
        stopped={stopped}
        onStop={() => {
          controller.current?.emergencyStop();
          setStopPressed(true);
        }}
      />
    </>
  );
}

export interface ManualEnd {
  playedS: number;
  seen: Seen;
}

/** A manual session: the patient's own stimulator, guided by the same timer and cues. */
export function ManualPlay({
  plan,
  level,
  onEnd,
}: {
  plan: SessionPlan;
  level: StimulationLevel;
  onEnd: (end: ManualEnd) => void;
}) {
  const [seen, setSeen] = useState<Seen>(null);
  const [paused, setPaused] = useState(false);
  const played = useRef({ before: 0, since: Date.now() as number | null });
  useTick(250);
  const { t } = useI18n();
  const playedS =
    (played.current.before + (played.current.since === null ? 0 : Date.now() - played.current.since)) / 1000;
  const moment = playerMoment(plan, playedS);
  const finish = () => onEnd({ playedS: Math.min(playedS, plan.totalS), seen });
  const finished = moment.phase === 'done';
  const ended = useRef(false);
  useEffect(() => {
    if (!finished || ended.current) return;
    ended.current = true;
    onEnd({ playedS: plan.totalS, seen });
  });

  return (
    <>
      <Timer moment={moment} />
      <p className="hint">{t('player.manual.hint', { ceilingMa: moment.ceilingMa })}</p>
      <Aim level={level} seen={seen} onSeen={(step) => setSeen({ step })} />
      <PauseButton
        paused={paused}
        disabled={false}
        onToggle={() => {
          const p = played.current;
          if (p.since === null) p.since = Date.now();
          else {
            p.before += Date.now() - p.since;
            p.since = null;
          }
          setPaused(p.since === null);
        }}
      />
      <EmergencyStop onStop={finish} />
    </>
  );
}
