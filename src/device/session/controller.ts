/**
 * The session controller: plays an approved programme on a stimulator.
 *
 * States: idle → connecting → identifying → initialising → ramp-up ⇄ run ⇄ ramp-down ⇄ rest
 * (the contraction envelope) ⇄ paused → stopping → stopped.
 *
 * - Nothing is sent before the core's gate has cleared the programme for 'send-to-device'
 *   (requireClearedProgramme, src/clinic/safety/programme-gate.ts): play() checks it first.
 * - Every update period (default 100 ms) it sends an update when a channel's current must change,
 *   otherwise it polls the device (which also feeds the device's watchdog).
 * - A missing acknowledgement, a packet with a bad checksum, an error the device reports, the
 *   connection closing, a low battery or a setting over a limit is a fault: output is stopped and
 *   the fault logged. An emergency stop is honoured at once, whatever else is in flight.
 * - The patient sets each channel's intensity on its own, only within 0 … the block's ceiling set by
 *   the clinician; the codec refuses any channel's pulse over the output limits before it is sent.
 */
import type { StimulationProgramme } from '../../clinic/programme/stimulation-types.ts';
import { requireClearedProgramme } from '../../clinic/safety/programme-gate.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Clock } from '../clock.ts';
import type { Protocol } from '../emulator/virtual-stimulator.ts';
import { SM2_MAX_RESPONSE_MS } from '../sciencemode2/codec.ts';
import type { ByteTransport } from '../transport.ts';
import { DeviceFault, type DeviceIdentity, type DeviceLink, type FaultKind } from './device-link.ts';
import {
  type EnvelopePhase,
  envelopeAt,
  isWithinCeiling,
  planSession,
  type SessionPlan,
  startingIntensitiesMa,
} from './session-plan.ts';
import { Sm2Link } from './sm2-link.ts';
import { Sm4Link } from './sm4-link.ts';

export type SessionState =
  | 'idle'
  | 'connecting'
  | 'identifying'
  | 'initialising'
  | EnvelopePhase
  | 'paused'
  | 'stopping'
  | 'stopped';

export type StopReason = 'completed' | 'emergency-stop' | 'stopped-by-user' | 'fault';

export interface SessionEvent {
  /** Milliseconds since play() began. */
  atMs: number;
  event: string;
}

export interface SessionFault {
  atMs: number;
  kind: FaultKind;
  message: string;
}

export interface SessionSummary {
  protocol: Protocol;
  device: DeviceIdentity | null;
  level: number;
  stopReason: StopReason;
  /** Minutes of the programme played (pauses excluded). */
  deliveredMinutes: number;
  plannedMinutes: number;
  /** Highest current acknowledged by the device, per channel (mA). */
  peakCurrentMaByChannel: Record<string, number>;
  /** Frequencies the device ran per block (Hz), after the protocol's period resolution. */
  deliveredFrequencyHz: number[];
  faults: SessionFault[];
  events: SessionEvent[];
}

export interface SessionOptions {
  /** What the gate returned (a ClearedProgramme for 'send-to-device'); anything else is refused. */
  cleared: unknown;
  protocol: Protocol;
  transport: ByteTransport;
  clock: Clock;
  /** The programme level to play (default: the first). */
  level?: number;
  /** The intensity to start at (mA): one for every channel, or one per channel; each at most the first block's ceiling. */
  intensityMa: number | readonly number[];
  /** Update period (ms); default 100. */
  updatePeriodMs?: number;
  /** How long to wait for an acknowledgement (ms); default 100 (ScienceMode2's documented maximum response time). */
  ackTimeoutMs?: number;
  /** Called at the start of every update period with the clock's time (the bench measures jitter with it). */
  onTick?: (nowMs: number) => void;
}

export const DEFAULT_UPDATE_PERIOD_MS = 100;

export class SessionController {
  state: SessionState = 'idle';
  readonly events: SessionEvent[] = [];
  readonly faults: SessionFault[] = [];
  private readonly options: SessionOptions;
  private programme: Readonly<StimulationProgramme> | null = null;
  private plan: SessionPlan | null = null;
  private link: DeviceLink | null = null;
  /** The patient's intensity per channel (mA), index 0 = channel 1. */
  private intensitiesMa: number[] = [];
  private startedAt = 0;
  private playedMs = 0;
  private lastTickAt = 0;
  private paused = false;
  private blockIndex = -1;
  /** The currents last acknowledged, per channel (mA); emptied when a block begins, so its first tick sends. */
  private readonly sent: number[] = [];
  /** The currents of the tick being played (mA), filled in place every tick. */
  private currents: number[] = [];
  private readonly peak: number[] = [];
  private readonly delivered: number[] = [];
  private device: DeviceIdentity | null = null;
  private stopReason: StopReason | null = null;
  private timer: unknown = null;
  private busy = false;
  private finish: (() => void) | null = null;

  constructor(options: SessionOptions) {
    this.options = options;
  }

  get updatePeriodMs(): number {
    return this.options.updatePeriodMs ?? DEFAULT_UPDATE_PERIOD_MS;
  }

  private note(event: string): void {
    this.events.push({ atMs: Math.round(this.options.clock.now() - this.startedAt), event });
  }

  private setState(state: SessionState): void {
    if (this.state !== state) {
      this.state = state;
      this.note(`state ${state}`);
    }
  }

  /** Plays the programme to its end, a stop or a fault. Throws (before any byte) when the programme was not cleared. */
  async play(): Promise<SessionSummary> {
    const cleared = requireClearedProgramme(this.options.cleared, 'send-to-device');
    this.programme = cleared.programme as Readonly<StimulationProgramme>;
    this.plan = planSession(this.programme as StimulationProgramme, this.options.level);
    this.intensitiesMa = startingIntensitiesMa(this.plan, this.options.intensityMa);
    this.currents = this.intensitiesMa.map(() => 0);
    const { clock, transport } = this.options;
    this.startedAt = clock.now();
    const ackTimeoutMs = this.options.ackTimeoutMs ?? SM2_MAX_RESPONSE_MS;
    this.setState('connecting');
    const link =
      this.options.protocol === 'sciencemode2'
        ? new Sm2Link(transport, clock, ackTimeoutMs)
        : new Sm4Link(transport, clock, ackTimeoutMs);
    this.link = link;
    const done = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
    link.onFault((fault) => void this.onFault(fault));
    try {
      this.setState('identifying');
      this.device = await link.identify();
      this.note(`device ${JSON.stringify(this.device)}`);
      if (this.stopReason) return this.summary();
      this.setState('initialising');
      this.lastTickAt = clock.now();
      this.schedule();
    } catch (error) {
      await this.onFault(asFault(error));
    }
    await done;
    return this.summary();
  }

  /**
   * The patient's intensity (mA), within 0 … the current block's ceiling: for one channel (numbered
   * from 1, as in the summary), or for every channel when none is named.
   */
  setIntensity(intensityMa: number, channel?: number): void {
    const block = this.plan?.blocks[Math.max(0, this.blockIndex)];
    if (!block) throw new InvalidInputError('the session has not started');
    const channels = this.intensitiesMa.length;
    if (channel !== undefined && !(Number.isInteger(channel) && channel >= 1 && channel <= channels)) {
      throw new InvalidInputError(`channel must be a whole number from 1 to ${channels}; got ${channel}`);
    }
    this.requireIntensity(intensityMa, block.maxIntensityMa);
    if (channel === undefined) {
      this.intensitiesMa.fill(intensityMa);
      this.note(`intensity set to ${intensityMa} mA`);
    } else {
      this.intensitiesMa[channel - 1] = intensityMa;
      this.note(`channel ${channel} intensity set to ${intensityMa} mA`);
    }
  }

  /** The patient's intensity per channel (mA), index 0 = channel 1. */
  get channelIntensitiesMa(): readonly number[] {
    return [...this.intensitiesMa];
  }

  private requireIntensity(intensityMa: number, ceilingMa: number): void {
    if (!isWithinCeiling(intensityMa, ceilingMa)) {
      throw new InvalidInputError(
        `intensity must be from 0 to ${ceilingMa} mA (the clinician's ceiling for this block); got ${intensityMa}`,
      );
    }
  }

  pause(): void {
    if (this.stopReason || this.paused) return;
    this.paused = true;
    this.setState('paused');
  }

  resume(): void {
    if (this.stopReason || !this.paused) return;
    this.paused = false;
    this.note('resumed');
  }

  /** Stops at once: the stop command goes out now, whatever is in flight. */
  emergencyStop(): void {
    if (this.stopReason) return;
    this.note('emergency stop');
    this.link?.stopNow();
    void this.end('emergency-stop', false);
  }

  /** Stops after the device acknowledges (a normal "stop" button). */
  async stop(): Promise<void> {
    if (this.stopReason) return;
    await this.end('stopped-by-user', true);
  }

  /** Ticks at a fixed rate: each deadline is counted from the first, so a late timer does not push the next ones back. */
  private schedule(): void {
    const clock = this.options.clock;
    const period = this.updatePeriodMs;
    let deadline = clock.now();
    const arm = () => {
      if (this.stopReason) return;
      deadline += period;
      // A timer that fired more than a period late skips the missed deadlines instead of bunching ticks.
      if (deadline < clock.now()) deadline += Math.ceil((clock.now() - deadline) / period) * period;
      this.timer = clock.setTimeout(() => {
        this.timer = null;
        arm();
        void this.tick();
      }, deadline - clock.now());
    };
    arm();
    void this.tick();
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopReason || !this.plan || !this.link) return;
    this.busy = true;
    try {
      const now = this.options.clock.now();
      this.options.onTick?.(now);
      if (!this.paused && this.state !== 'initialising') this.playedMs += now - this.lastTickAt;
      this.lastTickAt = now;
      const envelope = envelopeAt(this.plan, this.playedMs / 1000);
      if (!envelope) {
        await this.end('completed', true);
        return;
      }
      if (envelope.blockIndex !== this.blockIndex) {
        const block = this.plan.blocks[envelope.blockIndex];
        if (!block) return;
        this.setState('initialising');
        this.blockIndex = envelope.blockIndex;
        this.intensitiesMa.forEach((intensityMa, i) => {
          if (intensityMa <= block.maxIntensityMa) return;
          this.intensitiesMa[i] = block.maxIntensityMa;
          this.note(
            `channel ${i + 1} intensity lowered to the ${block.kind} ceiling ${block.maxIntensityMa} mA`,
          );
        });
        const hz = await this.link.configure({
          frequencyHz: block.frequencyHz,
          channels: this.plan.channels,
          phaseWidthUs: block.phaseWidthUs,
          interphaseGapUs: this.plan.interphaseGapUs,
        });
        this.delivered.push(Number(hz.toFixed(3)));
        this.note(`block ${block.kind}: ${hz.toFixed(3)} Hz, ${block.phaseWidthUs} µs`);
        this.sent.length = 0;
      }
      if (this.stopReason) return;
      // Allocation-free from here to the link: the currents go into a buffer kept for the session.
      const step = this.link.currentStepMa;
      const currents = this.currents;
      let changed = this.sent.length === 0;
      for (let i = 0; i < currents.length; i += 1) {
        const intensityMa = this.intensitiesMa[i] as number;
        currents[i] = this.paused ? 0 : Math.floor((intensityMa * envelope.fraction) / step + 1e-9) * step;
        if (currents[i] !== this.sent[i]) changed = true;
      }
      if (!this.paused) this.setState(envelope.phase);
      if (changed) {
        await this.link.update(currents);
        if (this.stopReason) return;
        for (let i = 0; i < currents.length; i += 1) {
          const c = currents[i] as number;
          this.sent[i] = c;
          if (c > (this.peak[i] ?? 0)) this.peak[i] = c;
        }
      } else {
        await this.link.poll();
      }
    } catch (error) {
      await this.onFault(asFault(error));
    } finally {
      this.busy = false;
    }
  }

  private async onFault(fault: DeviceFault): Promise<void> {
    if (this.stopReason) return;
    this.faults.push({
      atMs: Math.round(this.options.clock.now() - this.startedAt),
      kind: fault.kind,
      message: fault.message,
    });
    this.note(`fault ${fault.kind}: ${fault.message}`);
    this.link?.stopNow();
    await this.end('fault', false);
  }

  private async end(reason: StopReason, orderly: boolean): Promise<void> {
    if (this.stopReason) return;
    this.stopReason = reason;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.setState('stopping');
    if (orderly) await this.link?.stop();
    this.setState('stopped');
    this.note(`stopped: ${reason}`);
    this.finish?.();
  }

  summary(): SessionSummary {
    return {
      protocol: this.options.protocol,
      device: this.device,
      level: this.plan?.level ?? 0,
      stopReason: this.stopReason ?? 'stopped-by-user',
      deliveredMinutes: Number((this.playedMs / 60_000).toFixed(4)),
      plannedMinutes: Number(((this.plan?.totalS ?? 0) / 60).toFixed(4)),
      peakCurrentMaByChannel: Object.fromEntries(
        Array.from({ length: this.plan?.channels ?? 0 }, (_, i) => [String(i + 1), this.peak[i] ?? 0]),
      ),
      deliveredFrequencyHz: this.delivered,
      faults: this.faults,
      events: this.events,
    };
  }
}

function asFault(error: unknown): DeviceFault {
  if (error instanceof DeviceFault) return error;
  return new DeviceFault('device-error', error instanceof Error ? error.message : String(error));
}
