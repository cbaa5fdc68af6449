/**
 * A virtual stimulator: the device side of ScienceMode2 (RehaStim2) and ScienceMode4 (P24), for
 * tests, the CLI (`--device emulator`, `myotrophy emulate`) and demonstrations. It parses packets,
 * checks their checksums, answers as the protocol documents describe the device, keeps the device's
 * own watchdog (ScienceMode2: 1 200 ms without a valid packet stops stimulation and re-sends Init;
 * ScienceMode4 mid level: 2 s without Ml_update or Ml_get_current_data stops stimulation), records
 * every pulse it delivers (./pulse-record.ts) and can inject faults.
 *
 * It is not a model of any one device's firmware beyond those documents: timings inside a pulse,
 * ramps (recorded at full current) and measurement data are not emulated.
 */
import type { Clock } from '../clock.ts';
import type { FrameReader } from '../framing.ts';
import { ProtocolError } from '../protocol-error.ts';
import type { PulsePoint } from '../pulse-output.ts';
import {
  decodeSm2,
  encodeSm2,
  SM2_WATCHDOG_TIMEOUT_MS,
  type Sm2Message,
  sm2FrameReader,
} from '../sciencemode2/codec.ts';
import {
  decodeSm4,
  encodeSm4,
  SM4_MID_LEVEL_TIMEOUT_MS,
  SM4_RESULTS,
  type Sm4ChannelState,
  type Sm4Message,
  type Sm4StimStatus,
  sm4FrameReader,
} from '../sciencemode4/codec.ts';
import type { ByteTransport } from '../transport.ts';
import { PulseRecorder, type PulseTrain } from './pulse-record.ts';

export type Protocol = 'sciencemode2' | 'sciencemode4';
export const PROTOCOLS: readonly Protocol[] = ['sciencemode2', 'sciencemode4'];

export type Fault = 'lost-ack' | 'bad-checksum' | 'disconnect' | 'electrode-error' | 'low-battery';
export const FAULTS: readonly Fault[] = [
  'lost-ack',
  'bad-checksum',
  'disconnect',
  'electrode-error',
  'low-battery',
];

/** Device → host Init repetition (SM2 doc Tab.7 InitRepetitionTime). */
const SM2_INIT_REPEAT_MS = 500;
/** The firmware (0.0.0: not a real device's) and ScienceMode (4.0.0) versions the virtual P24 reports. */
const EMULATOR_VERSIONS = {
  firmware: { major: 0, minor: 0, revision: 0 },
  scienceMode: { major: 4, minor: 0, revision: 0 },
};

export const EMULATOR_DEVICE_ID = 'MYO-EMU-01';
export const EMULATOR_BATTERY = { normalPercent: 96, lowPercent: 8, normalMv: 4100, lowMv: 3400 };

export interface EmulatorEvent {
  atMs: number;
  event: string;
}

export abstract class VirtualStimulator {
  readonly recorder = new PulseRecorder();
  readonly log: EmulatorEvent[] = [];
  protected readonly reader: FrameReader;
  protected watchdog: unknown = null;
  protected dropNextAck = false;
  protected corruptNextPacket = false;
  protected lowBattery = false;
  private closed = false;

  constructor(
    readonly protocol: Protocol,
    protected readonly transport: ByteTransport,
    protected readonly clock: Clock,
  ) {
    this.reader = protocol === 'sciencemode2' ? sm2FrameReader() : sm4FrameReader();
    transport.onData((chunk) => this.receive(chunk));
    transport.onClose((reason) => this.disconnected(reason));
  }

  /** Powers the device on (ScienceMode2 starts its Init handshake). */
  abstract start(): void;
  protected abstract handle(frame: Uint8Array): void;
  protected abstract stopOutput(why: string): void;
  protected abstract electrodeError(): void;

  /** Every pulse delivered so far (running trains up to now). */
  pulses(): PulseTrain[] {
    return this.recorder.snapshot(this.clock.now());
  }

  /** True while the device stimulates. */
  get delivering(): boolean {
    return this.recorder.delivering;
  }

  inject(fault: Fault): void {
    this.note(`fault injected: ${fault}`);
    switch (fault) {
      case 'lost-ack':
        this.dropNextAck = true;
        break;
      case 'bad-checksum':
        this.corruptNextPacket = true;
        break;
      case 'disconnect':
        void this.transport.close();
        break;
      case 'electrode-error':
        this.electrodeError();
        break;
      case 'low-battery':
        if (this.protocol === 'sciencemode2') {
          throw new ProtocolError(
            'bad-field',
            'ScienceMode2 has no battery report, so a low battery cannot be signalled',
          );
        }
        this.lowBattery = true;
        break;
    }
  }

  /** Switches the device off: output stops, timers end. */
  shutdown(): void {
    this.stopOutput('shut down');
    this.clearWatchdog();
    this.closed = true;
  }

  protected note(event: string): void {
    this.log.push({ atMs: this.clock.now(), event });
  }

  protected send(bytes: Uint8Array, isAck: boolean): void {
    if (this.closed || !this.transport.open) return;
    if (isAck && this.dropNextAck) {
      this.dropNextAck = false;
      this.note('ack dropped (fault)');
      return;
    }
    let out = bytes;
    if (this.corruptNextPacket) {
      this.corruptNextPacket = false;
      out = bytes.slice();
      // The checksum's (escaped) byte: flipping a bit keeps the frame parseable but wrong.
      const at = this.protocol === 'sciencemode2' ? 2 : 8;
      out[at] = (out[at] as number) ^ 0x01;
      this.note('checksum corrupted (fault)');
    }
    this.transport.write(out).catch(() => this.note('write failed'));
  }

  protected armWatchdog(ms: number, expire: () => void): void {
    this.clearWatchdog();
    this.watchdog = this.clock.setTimeout(() => {
      this.watchdog = null;
      expire();
    }, ms);
  }

  protected clearWatchdog(): void {
    if (this.watchdog !== null) this.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private receive(chunk: Uint8Array): void {
    if (this.closed) return;
    for (const e of this.reader.push(chunk)) {
      if ('error' in e) {
        this.note(`discarded bytes: ${e.error.message}`);
        continue;
      }
      try {
        this.handle(e.frame);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        this.note(`packet refused: ${error.message}`);
      }
    }
  }

  private disconnected(reason: string): void {
    this.stopOutput(`disconnected (${reason})`);
    this.clearWatchdog();
    this.closed = true;
  }
}

type Sm2Mode = 'start' | 'initialised' | 'started';

class VirtualRehaStim2 extends VirtualStimulator {
  private devicePacketNumber = 0;
  private handshakeDone = false;
  private initTimer: unknown = null;
  private mode: Sm2Mode = 'start';
  private activeChannels: number[] = [];
  private mainIntervalMs = 0;

  start(): void {
    this.sendInit();
  }

  private sendInit(): void {
    this.handshakeDone = false;
    const pn = this.devicePacketNumber;
    this.devicePacketNumber = (pn + 1) & 0xff;
    this.send(encodeSm2({ command: 'init', packetNumber: pn, protocolVersion: 1 }), false);
    this.initTimer = this.clock.setTimeout(() => {
      if (!this.handshakeDone && this.transport.open) this.sendInit();
    }, SM2_INIT_REPEAT_MS);
  }

  private ack(m: Sm2Message): void {
    this.send(encodeSm2(m), true);
  }

  protected handle(frame: Uint8Array): void {
    const m = decodeSm2(frame);
    this.armWatchdog(SM2_WATCHDOG_TIMEOUT_MS, () => {
      this.note('watchdog expired: stimulation stopped, Init sent again');
      this.stopOutput('watchdog');
      this.sendInit();
    });
    const pn = m.packetNumber;
    const now = this.clock.now();
    switch (m.command) {
      case 'initAck':
        if (m.result === 0) {
          this.handshakeDone = true;
          if (this.initTimer !== null) this.clock.clearTimeout(this.initTimer);
          this.note('connected');
        }
        return;
      case 'watchdog':
        return;
      case 'getStimulationMode':
        this.ack({ command: 'getStimulationModeAck', packetNumber: pn, result: 0, mode: this.mode });
        return;
      case 'initChannelListMode':
        if (this.mode !== 'start') {
          this.ack({ command: 'initChannelListModeAck', packetNumber: pn, result: -3 });
          return;
        }
        this.activeChannels = m.activeChannels;
        this.mainIntervalMs = m.mainIntervalMs;
        this.mode = 'initialised';
        this.ack({ command: 'initChannelListModeAck', packetNumber: pn, result: 0 });
        return;
      case 'startChannelListMode':
        if (this.mode === 'start') {
          this.ack({ command: 'startChannelListModeAck', packetNumber: pn, result: -3 });
          return;
        }
        if (m.channels.length !== this.activeChannels.length) {
          this.ack({ command: 'startChannelListModeAck', packetNumber: pn, result: -2 });
          return;
        }
        this.mode = 'started';
        m.channels.forEach((c, i) => {
          this.recorder.set(this.activeChannels[i] as number, now, {
            periodMs: this.mainIntervalMs,
            currentMa: c.currentMa,
            phaseWidthUs: Math.max(20, c.pulseWidthUs),
          });
        });
        this.ack({ command: 'startChannelListModeAck', packetNumber: pn, result: 0 });
        return;
      case 'stopChannelListMode':
        this.stopOutput('stop command');
        this.ack({ command: 'stopChannelListModeAck', packetNumber: pn, result: 0 });
        return;
      case 'singlePulse':
        if (this.mode !== 'start') {
          this.ack({ command: 'singlePulseAck', packetNumber: pn, result: -3 });
          return;
        }
        this.recorder.trains.push({
          channel: m.channel,
          fromMs: now,
          toMs: now,
          periodMs: 0,
          currentMa: m.currentMa,
          phaseWidthUs: Math.max(20, m.pulseWidthUs),
          count: m.currentMa > 0 ? 1 : 0,
        });
        this.ack({ command: 'singlePulseAck', packetNumber: pn, result: 0 });
        return;
      default:
        this.note(`ignored ${m.command} (device-to-host packet)`);
    }
  }

  protected stopOutput(why: string): void {
    if (this.recorder.delivering) this.note(`output stopped: ${why}`);
    this.recorder.endAll(this.clock.now());
    this.mode = 'start';
  }

  protected electrodeError(): void {
    this.stopOutput('electrode error');
    const pn = this.devicePacketNumber;
    this.devicePacketNumber = (pn + 1) & 0xff;
    this.send(encodeSm2({ command: 'stimulationError', packetNumber: pn, error: -2 }), false);
  }

  override shutdown(): void {
    if (this.initTimer !== null) this.clock.clearTimeout(this.initTimer);
    super.shutdown();
  }
}

/** The point of a pulse with the largest current: what the pulse record reports as its current and width. */
function leadPoint(points: readonly PulsePoint[]): PulsePoint {
  return points.reduce((a, p) => (Math.abs(p.currentMa) > Math.abs(a.currentMa) ? p : a));
}

class VirtualP24 extends VirtualStimulator {
  private status: Sm4StimStatus = 'none';
  private stopAllOnError = true;
  private readonly states: Sm4ChannelState[] = Array(8).fill('ok');
  private readonly running = new Set<number>();

  start(): void {
    this.note('powered on');
  }

  private reply(m: Sm4Message): void {
    this.send(encodeSm4(m), true);
  }

  /** Reset and Ml_stop alike: output ends and the device is back in no stimulation mode. */
  private stopToNone(why: string, ack: 'resetAck' | 'mlStopAck', packetNumber: number): void {
    this.stopOutput(why);
    this.status = 'none';
    this.reply({ command: ack, packetNumber, result: SM4_RESULTS.successful });
  }

  protected handle(frame: Uint8Array): void {
    const m = decodeSm4(frame);
    const packetNumber = m.packetNumber;
    const ok = SM4_RESULTS.successful;
    const now = this.clock.now();
    switch (m.command) {
      case 'getStimStatus':
        this.reply({
          command: 'getStimStatusAck',
          packetNumber,
          result: ok,
          stimStatus: this.status,
          highVoltageLevel: this.status === 'none' ? 1 : 6,
        });
        return;
      case 'getDeviceId':
        this.reply({ command: 'getDeviceIdAck', packetNumber, result: ok, deviceId: EMULATOR_DEVICE_ID });
        return;
      case 'getVersionMain':
        this.reply({ command: 'getVersionMainAck', packetNumber, result: ok, ...EMULATOR_VERSIONS });
        return;
      case 'getExtendedVersion':
        this.reply({
          command: 'getExtendedVersionAck',
          packetNumber,
          result: ok,
          ...EMULATOR_VERSIONS,
          firmwareHash: 0,
          hashType: 1,
          hashValid: false,
        });
        return;
      case 'getBatteryStatus':
        this.reply({
          command: 'getBatteryStatusAck',
          packetNumber,
          result: ok,
          levelPercent: this.lowBattery ? EMULATOR_BATTERY.lowPercent : EMULATOR_BATTERY.normalPercent,
          voltageMv: this.lowBattery ? EMULATOR_BATTERY.lowMv : EMULATOR_BATTERY.normalMv,
        });
        return;
      case 'reset':
        this.stopToNone('reset', 'resetAck', packetNumber);
        return;
      case 'mlInit':
        if (this.status === 'low-level-initialised') {
          this.reply({ command: 'mlInitAck', packetNumber, result: SM4_RESULTS.notInitialised });
          return;
        }
        this.stopAllOnError = m.stopAllChannelsOnError;
        this.states.fill('ok');
        if (this.status === 'none') this.status = 'mid-level-initialised';
        this.reply({ command: 'mlInitAck', packetNumber, result: ok });
        return;
      case 'mlUpdate': {
        if (this.status !== 'mid-level-initialised' && this.status !== 'mid-level-running') {
          this.reply({ command: 'mlUpdateAck', packetNumber, result: SM4_RESULTS.notInitialised });
          return;
        }
        const enabled = new Set(m.channels.map((c) => c.channel));
        for (const channel of [...this.running]) {
          if (!enabled.has(channel)) {
            this.recorder.end(channel, now);
            this.running.delete(channel);
          }
        }
        for (const c of m.channels) {
          if (this.states[c.channel - 1] !== 'ok') continue;
          const lead = leadPoint(c.points);
          this.recorder.set(c.channel, now, {
            periodMs: c.periodMs,
            currentMa: Math.abs(lead.currentMa),
            phaseWidthUs: lead.durationUs,
          });
          this.running.add(c.channel);
        }
        this.status = 'mid-level-running';
        this.keepAlive();
        this.reply({ command: 'mlUpdateAck', packetNumber, result: ok });
        return;
      }
      case 'mlGetCurrentData': {
        if (this.status === 'mid-level-running') this.keepAlive();
        if (m.selection !== 4) {
          this.reply({ command: 'generalError', packetNumber, result: SM4_RESULTS.parameterError });
          return;
        }
        this.reply({
          command: 'mlGetCurrentDataAck',
          packetNumber,
          result: ok,
          activeChannels: this.recorder
            .active()
            .map((a) => a.channel)
            .sort((a, b) => a - b),
          channelStates: [...this.states],
        });
        return;
      }
      case 'mlStop':
        this.stopToNone('Ml_stop', 'mlStopAck', packetNumber);
        return;
      case 'llInit':
        if (this.status !== 'none' && this.status !== 'low-level-initialised') {
          this.reply({ command: 'llInitAck', packetNumber, result: SM4_RESULTS.notInitialised });
          return;
        }
        this.status = 'low-level-initialised';
        this.reply({ command: 'llInitAck', packetNumber, result: ok });
        return;
      case 'llChannelConfig': {
        if (this.status !== 'low-level-initialised') {
          this.reply({
            command: 'llChannelConfigAck',
            packetNumber,
            result: SM4_RESULTS.notInitialised,
            channel: m.channel,
            measurement: 0,
          });
          return;
        }
        if (m.execute) {
          const lead = leadPoint(m.points);
          this.recorder.trains.push({
            channel: m.channel,
            fromMs: now,
            toMs: now,
            periodMs: 0,
            currentMa: Math.abs(lead.currentMa),
            phaseWidthUs: lead.durationUs,
            count: lead.currentMa !== 0 ? 1 : 0,
          });
        }
        this.reply({
          command: 'llChannelConfigAck',
          packetNumber,
          result: ok,
          channel: m.channel,
          measurement: 0,
        });
        return;
      }
      case 'llStop':
        this.status = 'none';
        this.reply({ command: 'llStopAck', packetNumber, result: ok });
        return;
      default:
        this.reply({ command: 'unknownCommand', packetNumber, result: SM4_RESULTS.invalidCommand });
    }
  }

  private keepAlive(): void {
    this.armWatchdog(SM4_MID_LEVEL_TIMEOUT_MS, () => {
      this.note('mid-level timeout: stimulation stopped');
      this.stopOutput('mid-level timeout');
      this.status = 'mid-level-initialised';
    });
  }

  protected stopOutput(why: string): void {
    if (this.recorder.delivering) this.note(`output stopped: ${why}`);
    this.recorder.endAll(this.clock.now());
    this.running.clear();
    this.clearWatchdog();
  }

  protected electrodeError(): void {
    const now = this.clock.now();
    this.states[0] = 'electrode-error';
    if (this.stopAllOnError) {
      this.stopOutput('electrode error on channel 1');
    } else {
      this.recorder.end(1, now);
      this.running.delete(1);
    }
  }
}

/** A virtual stimulator of `protocol` on the device end of `transport`. Call start() to power it on. */
export function createVirtualStimulator(
  protocol: Protocol,
  transport: ByteTransport,
  clock: Clock,
): VirtualStimulator {
  return protocol === 'sciencemode2'
    ? new VirtualRehaStim2(protocol, transport, clock)
    : new VirtualP24(protocol, transport, clock);
}
