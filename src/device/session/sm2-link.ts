/**
 * The host side of ScienceMode2 (RehaStim2): Init handshake, channel list mode, updates, polling
 * with GetStimulationMode (an acknowledged command, so a silent device is noticed; it also feeds
 * the device's 1 200 ms watchdog), stop. SM2 doc §3.5–§5.3.
 */
import type { Clock } from '../clock.ts';
import { requirePulseWithinOutputLimits } from '../pulse-output.ts';
import {
  decodeSm2,
  encodeSm2,
  SM2_MAX_MAIN_INTERVAL_MS,
  SM2_MIN_INTERVAL_MS,
  SM2_STIMULATION_ERRORS,
  type Sm2Message,
  sm2FrameReader,
  sm2PulsePoints,
} from '../sciencemode2/codec.ts';
import type { ByteTransport } from '../transport.ts';
import {
  DeviceFault,
  type DeviceIdentity,
  type DeviceLink,
  PacketLink,
  periodForFrequency,
  refusedAsFault,
} from './device-link.ts';

/** How long to wait for the device's Init (it repeats Init every 500 ms until acknowledged). */
const INIT_WAIT_MS = 1500;

export class Sm2Link extends PacketLink<Sm2Message> implements DeviceLink {
  readonly currentStepMa = 1;
  protected readonly packetNumberCount = 256;
  private identified = false;
  private awaitingInit: ((m: Sm2Message & { command: 'init' }) => void) | null = null;
  private mode: 'start' | 'initialised' | 'started' = 'start';
  private mainIntervalMs = 0;
  private phaseWidthUs = 0;

  constructor(transport: ByteTransport, clock: Clock, ackTimeoutMs: number) {
    super(transport, clock, ackTimeoutMs, sm2FrameReader(), encodeSm2, decodeSm2);
  }

  protected unsolicited(m: Sm2Message): void {
    if (m.command === 'init') {
      if (this.awaitingInit) {
        this.awaitingInit(m);
        return;
      }
      if (this.identified) {
        this.fault(
          new DeviceFault(
            'device-error',
            'the device restarted its handshake (its watchdog expired or it was reset)',
          ),
        );
      }
      return;
    }
    if (m.command === 'stimulationError') {
      const words =
        SM2_STIMULATION_ERRORS[String(m.error) as keyof typeof SM2_STIMULATION_ERRORS] ?? `error ${m.error}`;
      this.fault(
        new DeviceFault(m.error === -2 ? 'electrode-error' : 'device-error', `the device stopped: ${words}`),
      );
      return;
    }
    // A late acknowledgement after its timeout already raised a fault: nothing more to do.
  }

  async identify(): Promise<DeviceIdentity> {
    const init = await new Promise<Sm2Message & { command: 'init' }>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.awaitingInit = null;
        reject(new DeviceFault('missing-ack', `no Init from the device within ${INIT_WAIT_MS} ms`));
      }, INIT_WAIT_MS);
      this.awaitingInit = (m) => {
        this.awaitingInit = null;
        this.clock.clearTimeout(timer);
        resolve(m);
      };
    });
    this.send(encodeSm2({ command: 'initAck', packetNumber: init.packetNumber, result: 0 }));
    this.identified = true;
    const pn = this.next();
    const status = await this.command(
      { command: 'getStimulationMode', packetNumber: pn },
      'GetStimulationMode',
    );
    if (status.command === 'getStimulationModeAck' && status.mode !== 'start') {
      await this.command(
        { command: 'stopChannelListMode', packetNumber: this.next() },
        'StopChannelListMode',
      );
    }
    return { protocol: 'sciencemode2', protocolVersion: String(init.protocolVersion) };
  }

  async configure(s: { frequencyHz: number; channels: number; phaseWidthUs: number }): Promise<number> {
    const { periodMs: t1, deliveredHz: delivered } = periodForFrequency(
      s.frequencyHz,
      { stepMs: 0.5, minMs: SM2_MIN_INTERVAL_MS, maxMs: SM2_MAX_MAIN_INTERVAL_MS },
      (periodMs) =>
        `${s.frequencyHz} Hz cannot be set on the RehaStim2 (period ${periodMs} ms; 8–1 025 ms in 0.5 ms steps)`,
    );
    if (this.mode !== 'start') {
      await this.command(
        { command: 'stopChannelListMode', packetNumber: this.next() },
        'StopChannelListMode',
      );
      this.mode = 'start';
    }
    const init = this.encode({
      command: 'initChannelListMode',
      packetNumber: this.next(),
      lowFrequencyFactor: 0,
      activeChannels: Array.from({ length: s.channels }, (_, i) => i + 1),
      lowFrequencyChannels: [],
      interPulseIntervalMs: SM2_MIN_INTERVAL_MS,
      mainIntervalMs: t1,
      channelExecution: 'fixed-slots',
    });
    await this.commandBytes(init, 'initChannelListModeAck', 'InitChannelListMode');
    this.mode = 'initialised';
    this.mainIntervalMs = t1;
    this.phaseWidthUs = s.phaseWidthUs;
    return delivered;
  }

  private encode(m: Sm2Message): { bytes: Uint8Array; packetNumber: number } {
    return { bytes: this.packet(m), packetNumber: m.packetNumber };
  }

  private async commandBytes(
    p: { bytes: Uint8Array; packetNumber: number },
    ack: string,
    what: string,
  ): Promise<void> {
    await this.acknowledged(p.bytes, ack, p.packetNumber, what);
  }

  /** The StartChannelListMode packet for these currents, checked against every limit. */
  updatePacket(currentsMa: readonly number[]): { bytes: Uint8Array; packetNumber: number } {
    for (const [i, currentMa] of currentsMa.entries()) {
      refusedAsFault(() =>
        requirePulseWithinOutputLimits(
          `channel ${i + 1}`,
          sm2PulsePoints(this.phaseWidthUs, currentMa),
          1000 / this.mainIntervalMs,
        ),
      );
    }
    return this.encode({
      command: 'startChannelListMode',
      packetNumber: this.next(),
      channels: currentsMa.map((currentMa) => ({
        mode: 'single',
        pulseWidthUs: this.phaseWidthUs,
        currentMa,
      })),
    });
  }

  async update(currentsMa: readonly number[]): Promise<void> {
    await this.commandBytes(this.updatePacket(currentsMa), 'startChannelListModeAck', 'StartChannelListMode');
    this.mode = 'started';
  }

  async poll(): Promise<void> {
    const reply = await this.command(
      { command: 'getStimulationMode', packetNumber: this.next() },
      'GetStimulationMode',
    );
    if (reply.command === 'getStimulationModeAck' && reply.mode !== this.mode) {
      throw new DeviceFault(
        'device-error',
        `the device is in ${reply.mode} mode, not ${this.mode}: it stopped on its own`,
      );
    }
  }

  async stop(): Promise<void> {
    if (this.closed) return;
    try {
      await this.command(
        { command: 'stopChannelListMode', packetNumber: this.next() },
        'StopChannelListMode',
      );
    } catch {
      // Best effort: the device's own watchdog stops it within 1.2 s if this is lost.
    }
    this.mode = 'start';
  }

  stopNow(): void {
    try {
      this.send(encodeSm2({ command: 'stopChannelListMode', packetNumber: this.next() }));
    } catch {
      // The wire is gone; the device's watchdog stops it.
    }
    this.mode = 'start';
  }
}
