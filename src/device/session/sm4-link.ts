/**
 * The host side of ScienceMode4 mid level (P24): status, identity and battery, Ml_init, Ml_update,
 * polling with Ml_get_current_data (which is also the keep-alive: without it or an update for 2 s
 * the device stops) and Get_battery_status, Ml_stop. P24 IFU; C library `smpt_ml_client.h`.
 */
import type { Clock } from '../clock.ts';
import type { PulsePoint } from '../pulse-output.ts';
import {
  decodeSm4,
  encodeSm4,
  SM4_MAX_PERIOD_MS,
  SM4_MIN_POINT_US,
  type Sm4Message,
  sm4FrameReader,
} from '../sciencemode4/codec.ts';
import type { ByteTransport } from '../transport.ts';
import {
  DeviceFault,
  type DeviceIdentity,
  type DeviceLink,
  PacketLink,
  periodForFrequency,
} from './device-link.ts';

/** Below this battery level a session neither starts nor continues (PowerDot PD-01 manual: start/resume refused below 20 %; Myotrophy adopts it). */
export const LOW_BATTERY_PERCENT = 20;

export class Sm4Link extends PacketLink<Sm4Message> implements DeviceLink {
  readonly currentStepMa = 0.5;
  protected readonly packetNumberCount = 64;
  private initialised = false;
  private periodMs = 0;
  private phaseWidthUs = 0;
  private gapUs = 0;

  constructor(transport: ByteTransport, clock: Clock, ackTimeoutMs: number) {
    super(transport, clock, ackTimeoutMs, sm4FrameReader(), encodeSm4, decodeSm4);
  }

  protected unsolicited(m: Sm4Message): void {
    if (m.command === 'generalError' || m.command === 'unknownCommand') {
      this.fault(new DeviceFault('device-error', `the device reported ${m.command} (result ${m.result})`));
    }
  }

  private async battery(): Promise<number | undefined> {
    const pn = this.next();
    const reply = await this.request(
      this.packet({ command: 'getBatteryStatus', packetNumber: pn }),
      'getBatteryStatusAck',
      pn,
      'Get_battery_status',
    );
    if (reply.command !== 'getBatteryStatusAck' || reply.result !== 0) return undefined; // no battery (P24 is USB powered)
    if (reply.levelPercent < LOW_BATTERY_PERCENT) {
      throw new DeviceFault(
        'low-battery',
        `the battery is at ${reply.levelPercent} % (below ${LOW_BATTERY_PERCENT} %): charge it before stimulating`,
      );
    }
    return reply.levelPercent;
  }

  async identify(): Promise<DeviceIdentity> {
    const status = await this.command(
      { command: 'getStimStatus', packetNumber: this.next() },
      'Get_stim_status',
    );
    if (status.command === 'getStimStatusAck' && status.stimStatus !== 'none') {
      const stop = status.stimStatus === 'low-level-initialised' ? 'llStop' : 'mlStop';
      await this.command({ command: stop, packetNumber: this.next() }, stop);
    }
    const id = await this.command({ command: 'getDeviceId', packetNumber: this.next() }, 'Get_device_id');
    const version = await this.command(
      { command: 'getVersionMain', packetNumber: this.next() },
      'Get_version_main',
    );
    const batteryPercent = await this.battery();
    const v = version.command === 'getVersionMainAck' ? version : null;
    return {
      protocol: 'sciencemode4',
      ...(id.command === 'getDeviceIdAck' ? { deviceId: id.deviceId } : {}),
      ...(v
        ? {
            firmware: `${v.firmware.major}.${v.firmware.minor}.${v.firmware.revision}`,
            protocolVersion: `${v.scienceMode.major}.${v.scienceMode.minor}.${v.scienceMode.revision}`,
          }
        : {}),
      ...(batteryPercent === undefined ? {} : { batteryPercent }),
    };
  }

  async configure(s: {
    frequencyHz: number;
    phaseWidthUs: number;
    interphaseGapUs: number;
  }): Promise<number> {
    const { periodMs, deliveredHz: delivered } = periodForFrequency(
      s.frequencyHz,
      { stepMs: 0.25, minMs: 0.5, maxMs: SM4_MAX_PERIOD_MS },
      (period) => `${s.frequencyHz} Hz cannot be set on the P24 (period ${period} ms)`,
    );
    if (s.interphaseGapUs !== 0 && s.interphaseGapUs < SM4_MIN_POINT_US) {
      throw new DeviceFault(
        'out-of-range',
        `an interphase gap of ${s.interphaseGapUs} µs is below the device's 10 µs point`,
      );
    }
    if (!this.initialised) {
      await this.command(
        { command: 'mlInit', packetNumber: this.next(), stopAllChannelsOnError: true },
        'Ml_init',
      );
      this.initialised = true;
    }
    this.periodMs = periodMs;
    this.phaseWidthUs = s.phaseWidthUs;
    this.gapUs = s.interphaseGapUs;
    return delivered;
  }

  private points(currentMa: number): PulsePoint[] {
    const negative = currentMa === 0 ? 0 : -currentMa;
    return this.gapUs > 0
      ? [
          { durationUs: this.phaseWidthUs, currentMa },
          { durationUs: this.gapUs, currentMa: 0 },
          { durationUs: this.phaseWidthUs, currentMa: negative },
        ]
      : [
          { durationUs: this.phaseWidthUs, currentMa },
          { durationUs: this.phaseWidthUs, currentMa: negative },
        ];
  }

  /** The Ml_update packet for these currents, checked against every limit. */
  updatePacket(currentsMa: readonly number[]): { bytes: Uint8Array; packetNumber: number } {
    const packetNumber = this.next();
    return {
      packetNumber,
      bytes: this.packet({
        command: 'mlUpdate',
        packetNumber,
        channels: currentsMa.map((currentMa, i) => ({
          channel: i + 1,
          rampPulses: 0,
          periodMs: this.periodMs,
          points: this.points(currentMa),
        })),
      }),
    };
  }

  async update(currentsMa: readonly number[]): Promise<void> {
    const p = this.updatePacket(currentsMa);
    const reply = await this.request(p.bytes, 'mlUpdateAck', p.packetNumber, 'Ml_update');
    if ('result' in reply && reply.result !== 0)
      throw new DeviceFault('device-error', `the device refused Ml_update (result ${reply.result})`);
  }

  async poll(): Promise<void> {
    const data = await this.command(
      { command: 'mlGetCurrentData', packetNumber: this.next(), selection: 4 },
      'Ml_get_current_data',
    );
    if (data.command === 'mlGetCurrentDataAck') {
      const bad = data.channelStates.findIndex((s) => s !== 'ok');
      if (bad >= 0) {
        const state = data.channelStates[bad];
        throw new DeviceFault(
          state === 'electrode-error' ? 'electrode-error' : 'device-error',
          `channel ${bad + 1}: ${state}`,
        );
      }
    }
    await this.battery();
  }

  async stop(): Promise<void> {
    if (this.closed) return;
    try {
      await this.command({ command: 'mlStop', packetNumber: this.next() }, 'Ml_stop');
    } catch {
      // Best effort: the device's mid-level timeout stops it within 2 s if this is lost.
    }
    this.initialised = false;
  }

  stopNow(): void {
    try {
      this.send(encodeSm4({ command: 'mlStop', packetNumber: this.next() }));
    } catch {
      // The wire is gone; the device's timeout stops it.
    }
    this.initialised = false;
  }
}
