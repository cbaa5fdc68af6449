/**
 * A device link: the host side of one protocol over a ByteTransport. It sends a command and waits
 * for its acknowledgement (same packet number, response command), and reports every anomaly as a
 * DeviceFault: a missing acknowledgement, a packet with a bad checksum or frame, an error the device
 * reports, or the wire closing. The session controller (./controller.ts) stops on any of them.
 */
import type { Clock } from '../clock.ts';
import type { FrameReader } from '../framing.ts';
import { ProtocolError } from '../protocol-error.ts';
import type { ByteTransport } from '../transport.ts';

export type FaultKind =
  | 'missing-ack'
  | 'checksum'
  | 'bad-packet'
  | 'transport-closed'
  | 'device-error'
  | 'electrode-error'
  | 'low-battery'
  | 'out-of-range';

export class DeviceFault extends Error {
  override readonly name = 'DeviceFault';
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

/** A device's identity as it reported it. */
export interface DeviceIdentity {
  protocol: 'sciencemode2' | 'sciencemode4';
  deviceId?: string;
  protocolVersion?: string;
  firmware?: string;
  batteryPercent?: number;
}

/** What the controller needs from a protocol. */
export interface DeviceLink {
  identify(): Promise<DeviceIdentity>;
  /** Prepares the device for a block of `frequencyHz` on `channels` channels; returns the frequency it will run. */
  configure(setting: {
    frequencyHz: number;
    channels: number;
    phaseWidthUs: number;
    interphaseGapUs: number;
  }): Promise<number>;
  /** Sets every channel's current (mA; 0 = no output). */
  update(currentsMa: readonly number[]): Promise<void>;
  /** Keeps the device's watchdog fed and reads its state; throws a DeviceFault on trouble. */
  poll(): Promise<void>;
  /** Sends the stop command and waits briefly for its acknowledgement; never throws. */
  stop(): Promise<void>;
  /** Sends the stop command without waiting (emergency). */
  stopNow(): void;
  /** Unsolicited trouble: device error packets, bad packets, the wire closing. */
  onFault(listener: (fault: DeviceFault) => void): void;
  /** The current step (mA) the protocol sets current in. */
  readonly currentStepMa: number;
}

interface Pending<M> {
  resolve(message: M): void;
  reject(fault: DeviceFault): void;
  timer: unknown;
}

/** Request/acknowledge machinery shared by both protocols. */
export abstract class PacketLink<M extends { command: string; packetNumber: number }> {
  private readonly pending = new Map<string, Pending<M>>();
  private readonly faultListeners: ((fault: DeviceFault) => void)[] = [];
  protected closed = false;
  private packetNumber = 0;
  /** How many packet numbers the protocol has before they wrap to 0. */
  protected abstract readonly packetNumberCount: number;

  constructor(
    protected readonly transport: ByteTransport,
    protected readonly clock: Clock,
    protected readonly ackTimeoutMs: number,
    private readonly reader: FrameReader,
    private readonly encodeMessage: (message: M) => Uint8Array,
    private readonly decode: (frame: Uint8Array) => M,
  ) {
    transport.onData((chunk) => this.receive(chunk));
    transport.onClose((reason) => {
      this.closed = true;
      this.fault(new DeviceFault('transport-closed', `the connection closed (${reason})`));
    });
  }

  /** The next packet number, wrapping to 0 after the protocol's last. */
  protected next(): number {
    const pn = this.packetNumber;
    this.packetNumber = (pn + 1) % this.packetNumberCount;
    return pn;
  }

  onFault(listener: (fault: DeviceFault) => void): void {
    this.faultListeners.push(listener);
  }

  protected fault(fault: DeviceFault): void {
    for (const p of this.pending.values()) {
      this.clock.clearTimeout(p.timer);
      p.reject(fault);
    }
    this.pending.clear();
    for (const l of this.faultListeners) l(fault);
  }

  /** A packet that is not an awaited acknowledgement (device-initiated, or late). */
  protected abstract unsolicited(message: M): void;

  protected send(bytes: Uint8Array): void {
    if (this.closed || !this.transport.open)
      throw new DeviceFault('transport-closed', 'the connection is closed');
    this.transport.write(bytes).catch((error: unknown) => {
      this.fault(
        new DeviceFault(
          'transport-closed',
          `writing failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    });
  }

  /** Sends `bytes` and resolves with the response `ackCommand` carrying `packetNumber`. */
  protected request(
    bytes: Uint8Array,
    ackCommand: string,
    packetNumber: number,
    what: string,
    timeoutMs = this.ackTimeoutMs,
  ): Promise<M> {
    const key = `${ackCommand}:${packetNumber}`;
    return new Promise<M>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.pending.delete(key);
        reject(new DeviceFault('missing-ack', `no acknowledgement of ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(key, { resolve, reject, timer });
      try {
        this.send(bytes);
      } catch (error) {
        this.clock.clearTimeout(timer);
        this.pending.delete(key);
        reject(error);
      }
    });
  }

  /** As `request`, and a non-zero result in the acknowledgement is a 'device-error' fault. */
  protected async acknowledged(
    bytes: Uint8Array,
    ackCommand: string,
    packetNumber: number,
    what: string,
  ): Promise<M> {
    const reply = await this.request(bytes, ackCommand, packetNumber, what);
    if ('result' in reply && reply.result !== 0)
      throw new DeviceFault('device-error', `the device refused ${what} (result ${reply.result})`);
    return reply;
  }

  /** The packet for `message`; the codec's refusal becomes an 'out-of-range' fault. */
  protected packet(message: M): Uint8Array {
    return refusedAsFault(() => this.encodeMessage(message));
  }

  /** Sends `message` and resolves with its acknowledgement, refusing a non-zero result. */
  protected async command(message: M, what: string): Promise<M> {
    return this.acknowledged(this.packet(message), `${message.command}Ack`, message.packetNumber, what);
  }

  private receive(chunk: Uint8Array): void {
    for (const e of this.reader.push(chunk)) {
      if ('error' in e) {
        this.fault(new DeviceFault('bad-packet', `unreadable bytes from the device: ${e.error.message}`));
        continue;
      }
      let message: M;
      try {
        message = this.decode(e.frame);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        this.fault(
          new DeviceFault(
            error.code === 'bad-checksum' ? 'checksum' : 'bad-packet',
            `packet from the device refused: ${error.message}`,
          ),
        );
        continue;
      }
      const key = `${message.command}:${message.packetNumber}`;
      const waiting = this.pending.get(key);
      if (waiting) {
        this.pending.delete(key);
        this.clock.clearTimeout(waiting.timer);
        waiting.resolve(message);
      } else {
        this.unsolicited(message);
      }
    }
  }
}

/** Ceiling of `value` to whole multiples of `step`, within a hair. */
function nearestStep(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** Relative frequency error the driver accepts when a period is rounded to the protocol's resolution. */
const MAX_FREQUENCY_ERROR = 0.01;

/**
 * The period (ms) on the protocol's grid nearest to `frequencyHz`, and the frequency it runs; an
 * 'out-of-range' DeviceFault (`refusal` says why) when that frequency is more than MAX_FREQUENCY_ERROR
 * off or the period is outside the protocol's range.
 */
export function periodForFrequency(
  frequencyHz: number,
  grid: { stepMs: number; minMs: number; maxMs: number },
  refusal: (periodMs: number) => string,
): { periodMs: number; deliveredHz: number } {
  const periodMs = nearestStep(1000 / frequencyHz, grid.stepMs);
  const deliveredHz = 1000 / periodMs;
  if (
    Math.abs(deliveredHz - frequencyHz) / frequencyHz > MAX_FREQUENCY_ERROR ||
    periodMs < grid.minMs ||
    periodMs > grid.maxMs
  ) {
    throw new DeviceFault('out-of-range', refusal(periodMs));
  }
  return { periodMs, deliveredHz };
}

/** Runs a codec call; its refusal (a ProtocolError) becomes an 'out-of-range' DeviceFault. */
export function refusedAsFault<T>(encode: () => T): T {
  try {
    return encode();
  } catch (error) {
    if (error instanceof ProtocolError) throw new DeviceFault('out-of-range', error.message);
    throw error;
  }
}
