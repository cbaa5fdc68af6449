/**
 * ScienceMode4 (Hasomed P24; ScienceMode3 on the RehaMove3 is "almost compatible") packets: encode
 * and decode, pure, byte-exact.
 *
 * Sources: Hasomed "P24 Science & P24 Module – Instructions for Use" v1.1 (protocol tables), the
 * manufacturer's C library ScienceMode/ScienceMode4_c_library (packet builders and validators), and
 * nextroundwinner/ScienceMode4Python; summarised with cross-checks in Myotrophy's stimulator
 * research note (§2). Numbers are big-endian.
 *
 * Frame: F0 · 81 (LENhi⊕55) · 81 (LENlo⊕55) · 81 (CRChi⊕55) · 81 (CRClo⊕55) · stuffed(prefix,
 * command low byte, data) · 0F. LEN counts the whole frame; CRC-16/XMODEM covers the stuffed part;
 * prefix = packet number (0–63) << 2 | command bits 9–8.
 *
 * Ranges the encoder enforces (refused, never clipped): current −130…+130 mA in 0.5 mA (the C
 * library's validator; the protocol field reaches ±150), point duration 10–4 095 µs (below 10 µs the
 * device acts as 10 µs), 1–16 points, ramp 0–15 pulses, period 0.5–16 383 ms at the field's
 * resolution, the library's duty check (Σ over channels of (Σ durations + 60 µs) / period < 1),
 * and every pulse within the project's output limits (charge balance, energy, r.m.s.; ../pulse-output.ts).
 */

import { commandCode, commandNameReader, isCommandIn } from '../commands.ts';
import {
  crc16,
  escapedHeaderFields,
  FrameReader,
  frameOf,
  hex,
  requireFrameEnds,
  stuffInto,
  unstuff,
} from '../framing.ts';
import { ProtocolError, requireDataBytes, requireInRange, requireOneOf } from '../protocol-error.ts';
import { type PulsePoint, requirePulseWithinOutputLimits } from '../pulse-output.ts';

export const SM4_COMMANDS = {
  llInit: 0,
  llInitAck: 1,
  llChannelConfig: 2,
  llChannelConfigAck: 3,
  llStop: 4,
  llStopAck: 5,
  mlInit: 30,
  mlInitAck: 31,
  mlUpdate: 32,
  mlUpdateAck: 33,
  mlStop: 34,
  mlStopAck: 35,
  mlGetCurrentData: 36,
  mlGetCurrentDataAck: 37,
  getVersionMain: 50,
  getVersionMainAck: 51,
  getDeviceId: 52,
  getDeviceIdAck: 53,
  getBatteryStatus: 54,
  getBatteryStatusAck: 55,
  reset: 58,
  resetAck: 59,
  getStimStatus: 62,
  getStimStatusAck: 63,
  generalError: 66,
  unknownCommand: 67,
  getExtendedVersion: 68,
  getExtendedVersionAck: 69,
} as const;

export type Sm4CommandName = keyof typeof SM4_COMMANDS;

const commandName = commandNameReader('ScienceMode4', SM4_COMMANDS);

/** Result codes (C library `Smpt_Result`; P24 IFU Tab.27), the ones a driver acts on. */
export const SM4_RESULTS = {
  successful: 0,
  transferError: 1,
  parameterError: 2,
  protocolError: 3,
  notInitialised: 7,
  electrodeError: 10,
  invalidCommand: 11,
  pulseTimeout: 16,
  busy: 21,
  pulseLowCurrent: 28,
} as const;

export const SM4_CHANNELS = 8;
export const SM4_MAX_CURRENT_MA = 130;
export const SM4_MIN_POINT_US = 10;
export const SM4_MAX_POINT_US = 4095;
export const SM4_MAX_POINTS = 16;
export const SM4_MAX_RAMP_PULSES = 15;
export const SM4_MAX_PERIOD_MS = 16383;
/** Fixed overhead per pulse in the library's duty check (µs). */
export const SM4_PULSE_OVERHEAD_US = 60;
/** Mid-level: without Ml_get_current_data or Ml_update for this long the device stops (P24 IFU). */
export const SM4_MID_LEVEL_TIMEOUT_MS = 2000;
export const SM4_BAUD_RATE = 3_000_000;
export const SM4_MAX_PACKET_BYTES = 1200;
const MIN_PACKET_BYTES = 12;

export const SM4_STIM_STATUSES = [
  'none',
  'low-level-initialised',
  'mid-level-initialised',
  'mid-level-running',
] as const;
export type Sm4StimStatus = (typeof SM4_STIM_STATUSES)[number];
export const SM4_CHANNEL_STATES = ['ok', 'electrode-error', 'pulse-timeout', 'pulse-low-current'] as const;
export type Sm4ChannelState = (typeof SM4_CHANNEL_STATES)[number];

export interface Sm4Version {
  major: number;
  minor: number;
  revision: number;
}

export interface Sm4ChannelUpdate {
  /** Channel 1–8 (1–4 on the yellow connector, 5–8 on the green). */
  channel: number;
  /** Pulses with rising current before full current, when the channel is enabled (0–15). */
  rampPulses: number;
  /** Time from one pulse to the next (ms). */
  periodMs: number;
  points: PulsePoint[];
}

/** Commands that carry no data. */
export const SM4_BARE_COMMANDS = [
  'getVersionMain',
  'getDeviceId',
  'getBatteryStatus',
  'reset',
  'getStimStatus',
  'getExtendedVersion',
  'llStop',
  'mlStop',
] as const satisfies readonly Sm4CommandName[];

/** Commands whose only data is the result byte. */
export const SM4_RESULT_COMMANDS = [
  'resetAck',
  'llInitAck',
  'llStopAck',
  'mlInitAck',
  'mlUpdateAck',
  'mlStopAck',
  'generalError',
  'unknownCommand',
] as const satisfies readonly Sm4CommandName[];

type Numbered<T> = T & { packetNumber: number };

export type Sm4Message = Numbered<
  | { command: (typeof SM4_BARE_COMMANDS)[number] }
  | { command: (typeof SM4_RESULT_COMMANDS)[number]; result: number }
  | { command: 'getVersionMainAck'; result: number; firmware: Sm4Version; scienceMode: Sm4Version }
  | {
      command: 'getExtendedVersionAck';
      result: number;
      firmware: Sm4Version;
      scienceMode: Sm4Version;
      firmwareHash: number;
      /** 1 git, 2 ELF MD5, 3 ELF SHA-256. */
      hashType: number;
      hashValid: boolean;
    }
  | { command: 'getDeviceIdAck'; result: number; deviceId: string }
  | { command: 'getBatteryStatusAck'; result: number; levelPercent: number; voltageMv: number }
  | { command: 'getStimStatusAck'; result: number; stimStatus: Sm4StimStatus; highVoltageLevel: number }
  | {
      command: 'llInit';
      /** 0 = device default (150 V), 1 = off, 2–6 = 30/60/90/120/150 V. */
      highVoltage: number;
      /** 0 none, 1 stimulation current, 2 stimulation voltage, 3 high-voltage source. */
      measurement: number;
    }
  | { command: 'llChannelConfig'; execute: boolean; channel: number; points: PulsePoint[] }
  | { command: 'llChannelConfigAck'; result: number; channel: number; measurement: number }
  | { command: 'mlInit'; stopAllChannelsOnError: boolean }
  | { command: 'mlUpdate'; channels: Sm4ChannelUpdate[] }
  | { command: 'mlGetCurrentData'; selection: 2 | 3 | 4 }
  | {
      command: 'mlGetCurrentDataAck';
      result: number;
      /** Channels 1–8 currently stimulating, ascending. */
      activeChannels: number[];
      /** State of channels 1–8. */
      channelStates: Sm4ChannelState[];
    }
>;

function version(v: Sm4Version | undefined, label: string): number[] {
  if (v === null || typeof v !== 'object')
    throw new ProtocolError('out-of-range', `${label} version is missing`);
  return [
    requireInRange(`${label} major`, v.major, 0, 255),
    requireInRange(`${label} minor`, v.minor, 0, 255),
    requireInRange(`${label} revision`, v.revision, 0, 255),
  ];
}

/** The result byte and the firmware and ScienceMode versions: how both version answers begin. */
function versionsBytes(m: { result: number; firmware: Sm4Version; scienceMode: Sm4Version }): number[] {
  return [
    requireInRange('result', m.result, 0, 255),
    ...version(m.firmware, 'firmware'),
    ...version(m.scienceMode, 'ScienceMode'),
  ];
}

function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff];
}

/** A point as 4 bytes: duration (12 bit) · current code 2·I + 300 (10 bit) · 10 reserved bits. */
function pointBytes(where: string, p: PulsePoint | undefined, out: number[]): void {
  if (p === null || typeof p !== 'object')
    throw new ProtocolError('out-of-range', `${where}: a point is missing`);
  requireInRange(`${where} point duration (µs)`, p.durationUs, SM4_MIN_POINT_US, SM4_MAX_POINT_US);
  requireInRange(`${where} point current (mA)`, p.currentMa, -SM4_MAX_CURRENT_MA, SM4_MAX_CURRENT_MA, 0.5);
  const code = p.currentMa * 2 + 300;
  out.push(p.durationUs >> 4, ((p.durationUs & 0x0f) << 4) | (code >> 6), (code & 0x3f) << 2, 0);
}

function readPoint(data: number[], at: number): PulsePoint {
  const b0 = data[at] as number;
  const b1 = data[at + 1] as number;
  const b2 = data[at + 2] as number;
  const code = ((b1 & 0x0f) << 6) | (b2 >> 2);
  if (code > 600) throw new ProtocolError('bad-field', `point current code ${code} is above 600 (+150 mA)`);
  return { durationUs: (b0 << 4) | (b1 >> 4), currentMa: (code - 300) / 2 };
}

function requirePoints(where: string, points: unknown): PulsePoint[] {
  if (!Array.isArray(points) || points.length < 1 || points.length > SM4_MAX_POINTS) {
    throw new ProtocolError('out-of-range', `${where}: a pulse has 1 to ${SM4_MAX_POINTS} points`);
  }
  return points as PulsePoint[];
}

/** The period word: (P << 1) | F, F = 0 → P = 2·ms (0.5 ms steps), F = 1 → P = 4·ms (0.25 ms steps). */
function periodWord(where: string, periodMs: unknown): number {
  requireInRange(`${where} period (ms)`, periodMs, 0.25, SM4_MAX_PERIOD_MS, 0.25);
  const ms = periodMs as number;
  if (ms < 0.5)
    throw new ProtocolError('out-of-range', `${where} period (ms) must be at least 0.5; got ${ms}`);
  if (Number.isInteger(ms * 2)) return (ms * 2) << 1;
  if (ms * 4 <= 0x7fff) return ((ms * 4) << 1) | 1;
  throw new ProtocolError(
    'out-of-range',
    `${where} period (ms) above 8 191.75 must be in 0.5 ms steps; got ${ms}`,
  );
}

function encodeMlUpdate(channels: unknown): number[] {
  if (!Array.isArray(channels) || channels.length > SM4_CHANNELS) {
    throw new ProtocolError('out-of-range', 'an update lists 0 to 8 channels');
  }
  let mask = 0;
  let previous = 0;
  let duty = 0;
  const out: number[] = [0];
  for (const c of channels as Sm4ChannelUpdate[]) {
    const where = `channel ${c?.channel}`;
    requireInRange('channel', c?.channel, 1, SM4_CHANNELS);
    if (c.channel <= previous)
      throw new ProtocolError('out-of-range', 'update channels must be ascending without repeats');
    previous = c.channel;
    mask |= 1 << (c.channel - 1);
    const points = requirePoints(where, c.points);
    requireInRange(`${where} ramp (pulses)`, c.rampPulses, 0, SM4_MAX_RAMP_PULSES);
    const word = periodWord(where, c.periodMs);
    out.push(((points.length - 1) << 4) | c.rampPulses, ...u16(word));
    let pulseUs = 0;
    for (const p of points) {
      pointBytes(where, p, out);
      pulseUs += p.durationUs;
    }
    duty += (pulseUs + SM4_PULSE_OVERHEAD_US) / (c.periodMs * 1000);
    requirePulseWithinOutputLimits(where, points, 1000 / c.periodMs);
  }
  if (duty >= 1) {
    throw new ProtocolError(
      'out-of-range',
      `the channels' pulses (each plus ${SM4_PULSE_OVERHEAD_US} µs) do not fit in their periods: lower the frequency or the widths`,
    );
  }
  out[0] = mask;
  return out;
}

function encodeData(m: Sm4Message): number[] {
  if (isCommandIn(SM4_BARE_COMMANDS, m.command)) return [];
  if (isCommandIn(SM4_RESULT_COMMANDS, m.command))
    return [requireInRange('result', (m as { result: unknown }).result, 0, 255)];
  switch (m.command) {
    case 'getVersionMainAck':
      return versionsBytes(m);
    case 'getExtendedVersionAck':
      return [
        ...versionsBytes(m),
        ...u16(Math.floor(requireInRange('firmware hash', m.firmwareHash, 0, 0xffffffff) / 0x10000)),
        ...u16(m.firmwareHash & 0xffff),
        requireInRange('hash type', m.hashType, 0, 255),
        m.hashValid ? 1 : 0,
      ];
    case 'getDeviceIdAck': {
      if (typeof m.deviceId !== 'string' || !/^[\x20-\x7e]{10}$/.test(m.deviceId)) {
        throw new ProtocolError('out-of-range', 'a device id is 10 printable ASCII characters');
      }
      return [
        requireInRange('result', m.result, 0, 255),
        ...Array.from(m.deviceId, (ch) => ch.charCodeAt(0)),
      ];
    }
    case 'getBatteryStatusAck':
      return [
        requireInRange('result', m.result, 0, 255),
        requireInRange('battery level (%)', m.levelPercent, 0, 100),
        ...u16(requireInRange('battery voltage (mV)', m.voltageMv, 0, 0xffff)),
      ];
    case 'getStimStatusAck': {
      return [
        requireInRange('result', m.result, 0, 255),
        requireOneOf('stim status', m.stimStatus, SM4_STIM_STATUSES),
        requireInRange('high-voltage level', m.highVoltageLevel, 0, 255),
      ];
    }
    case 'llInit':
      return [
        (requireInRange('high-voltage setting', m.highVoltage, 0, 6) << 1) |
          (requireInRange('measurement', m.measurement, 0, 3) << 4),
      ];
    case 'llChannelConfig': {
      requireInRange('channel', m.channel, 1, SM4_CHANNELS);
      const selector = (((m.channel - 1) % 4) << 5) | (Math.floor((m.channel - 1) / 4) << 4);
      if (!m.execute) {
        if (!Array.isArray(m.points) || m.points.length !== 0) {
          throw new ProtocolError('out-of-range', 'a channel config that does not execute carries no points');
        }
        return [selector];
      }
      const points = requirePoints(`channel ${m.channel}`, m.points);
      const out = [0x80 | selector | (points.length - 1)];
      for (const p of points) pointBytes(`channel ${m.channel}`, p, out);
      requirePulseWithinOutputLimits(`channel ${m.channel}`, points, null);
      return out;
    }
    case 'llChannelConfigAck': {
      requireInRange('channel', m.channel, 1, SM4_CHANNELS);
      return [
        requireInRange('result', m.result, 0, 255),
        (Math.floor((m.channel - 1) / 4) << 4) | ((m.channel - 1) % 4),
        requireInRange('measurement', m.measurement, 0, 0),
      ];
    }
    case 'mlInit':
      return [m.stopAllChannelsOnError ? 1 : 0];
    case 'mlUpdate':
      return encodeMlUpdate(m.channels);
    case 'mlGetCurrentData':
      return [requireInRange('selection', m.selection, 2, 4)];
    case 'mlGetCurrentDataAck': {
      if (!Array.isArray(m.channelStates) || m.channelStates.length !== SM4_CHANNELS) {
        throw new ProtocolError('out-of-range', 'the states of all 8 channels are needed');
      }
      let active = 0;
      for (const c of m.activeChannels)
        active |= 1 << (requireInRange('active channel', c, 1, SM4_CHANNELS) - 1);
      const states = m.channelStates.map((s) => requireOneOf('channel state', s, SM4_CHANNEL_STATES));
      const out = [requireInRange('result', m.result, 0, 255), 4, active];
      for (let i = 0; i < SM4_CHANNELS; i += 2)
        out.push(((states[i + 1] as number) << 4) | (states[i] as number));
      return out;
    }
  }
}

/** The packet for `message`, as sent on the wire. */
export function encodeSm4(message: Sm4Message): Uint8Array {
  const code = commandCode('ScienceMode4', SM4_COMMANDS, message.command);
  requireInRange('packet number', message.packetNumber, 0, 63);
  const body: number[] = [];
  stuffInto(body, [(message.packetNumber << 2) | ((code >> 8) & 0x03), code & 0xff]);
  stuffInto(body, encodeData(message));
  const length = 9 + body.length + 1;
  if (length > SM4_MAX_PACKET_BYTES)
    throw new ProtocolError('out-of-range', `a packet of ${length} bytes exceeds ${SM4_MAX_PACKET_BYTES}`);
  const crc = crc16(body);
  return frameOf([length >> 8, length & 0xff, crc >> 8, crc & 0xff], body);
}

export function sm4FrameLength(bytes: Uint8Array, start: number): number | null {
  if (bytes.length < start + 5) return null;
  const [high, low] = escapedHeaderFields(bytes, start, 2, 'the length bytes') as [number, number];
  const length = (high << 8) | low;
  if (length < MIN_PACKET_BYTES)
    throw new ProtocolError('bad-length', `a packet of ${length} bytes is too short`);
  return length;
}

export function sm4FrameReader(): FrameReader {
  return new FrameReader(sm4FrameLength, SM4_MAX_PACKET_BYTES);
}

function readVersion(data: number[], at: number): Sm4Version {
  return { major: data[at] as number, minor: data[at + 1] as number, revision: data[at + 2] as number };
}

/** The firmware and ScienceMode versions after the result byte: how both version answers begin. */
function readVersions(data: number[]): { firmware: Sm4Version; scienceMode: Sm4Version } {
  return { firmware: readVersion(data, 1), scienceMode: readVersion(data, 4) };
}

/** Decodes one whole packet. Throws only ProtocolError. */
export function decodeSm4(frame: ArrayLike<number>): Sm4Message {
  requireFrameEnds('ScienceMode4', frame, MIN_PACKET_BYTES);
  const n = frame.length;
  const [lengthHigh, lengthLow, checksumHigh, checksumLow] = escapedHeaderFields(
    frame,
    0,
    4,
    'the length and checksum bytes',
  ) as [number, number, number, number];
  const length = (lengthHigh << 8) | lengthLow;
  if (length !== n)
    throw new ProtocolError('bad-length', `the length field says ${length} bytes; the packet holds ${n}`);
  const checksum = (checksumHigh << 8) | checksumLow;
  const computed = crc16(frame, 9, n - 1);
  if (computed !== checksum) {
    throw new ProtocolError(
      'bad-checksum',
      `checksum 0x${hex(checksum >> 8)}${hex(checksum & 0xff)} does not match the data`,
    );
  }
  const body = unstuff(frame, 9, n - 1);
  if (body.length < 2) throw new ProtocolError('truncated', 'the packet has no command');
  const packetNumber = (body[0] as number) >> 2;
  const code = (((body[0] as number) & 0x03) << 8) | (body[1] as number);
  const data = body.slice(2);
  const command = commandName(code);
  const result = data[0] as number;
  if (isCommandIn(SM4_BARE_COMMANDS, command)) {
    requireDataBytes(data, 0, command);
    return { command, packetNumber };
  }
  if (isCommandIn(SM4_RESULT_COMMANDS, command)) {
    requireDataBytes(data, 1, command);
    return { command, packetNumber, result };
  }
  switch (command) {
    case 'getVersionMainAck':
      requireDataBytes(data, 7, command);
      return { command, packetNumber, result, ...readVersions(data) };
    case 'getExtendedVersionAck':
      requireDataBytes(data, 13, command);
      return {
        command,
        packetNumber,
        result,
        ...readVersions(data),
        firmwareHash:
          (((data[7] as number) << 24) >>> 0) +
          (((data[8] as number) << 16) | ((data[9] as number) << 8) | (data[10] as number)),
        hashType: data[11] as number,
        hashValid: data[12] !== 0,
      };
    case 'getDeviceIdAck': {
      requireDataBytes(data, 11, command);
      const chars = data.slice(1);
      if (chars.some((c) => c < 0x20 || c > 0x7e))
        throw new ProtocolError('bad-field', 'the device id is not printable ASCII');
      return { command, packetNumber, result, deviceId: String.fromCharCode(...chars) };
    }
    case 'getBatteryStatusAck':
      requireDataBytes(data, 4, command);
      if ((data[1] as number) > 100)
        throw new ProtocolError('bad-field', `battery level ${data[1]} % is above 100`);
      return {
        command,
        packetNumber,
        result,
        levelPercent: data[1] as number,
        voltageMv: ((data[2] as number) << 8) | (data[3] as number),
      };
    case 'getStimStatusAck': {
      requireDataBytes(data, 3, command);
      const stimStatus = SM4_STIM_STATUSES[data[1] as number];
      if (stimStatus === undefined) throw new ProtocolError('bad-field', `unknown stim status ${data[1]}`);
      return { command, packetNumber, result, stimStatus, highVoltageLevel: data[2] as number };
    }
    case 'llInit': {
      requireDataBytes(data, 1, command);
      const highVoltage = ((data[0] as number) >> 1) & 0x07;
      const measurement = ((data[0] as number) >> 4) & 0x07;
      if (highVoltage > 6 || measurement > 3)
        throw new ProtocolError('bad-field', 'Ll_init: high voltage or measurement out of range');
      return { command, packetNumber, highVoltage, measurement };
    }
    case 'llChannelConfig': {
      if (data.length < 1) throw new ProtocolError('truncated', 'Ll_channel_config has no channel byte');
      const b = data[0] as number;
      const channel = ((b >> 4) & 1) * 4 + ((b >> 5) & 0x03) + 1;
      if ((b & 0x80) === 0) {
        requireDataBytes(data, 1, command);
        return { command, packetNumber, execute: false, channel, points: [] };
      }
      const count = (b & 0x0f) + 1;
      requireDataBytes(data, 1 + 4 * count, command);
      const points = Array.from({ length: count }, (_, i) => readPoint(data, 1 + 4 * i));
      return { command, packetNumber, execute: true, channel, points };
    }
    case 'llChannelConfigAck': {
      requireDataBytes(data, 3, command);
      const b = data[1] as number;
      if (b >> 4 > 1 || (b & 0x0f) > 3)
        throw new ProtocolError('bad-field', 'Ll_channel_config_ack: unknown channel');
      return {
        command,
        packetNumber,
        result,
        channel: (b >> 4) * 4 + (b & 0x0f) + 1,
        measurement: data[2] as number,
      };
    }
    case 'mlInit':
      requireDataBytes(data, 1, command);
      if (result > 1) throw new ProtocolError('bad-field', 'Ml_init: the error flag is 0 or 1');
      return { command, packetNumber, stopAllChannelsOnError: result === 1 };
    case 'mlUpdate': {
      if (data.length < 1) throw new ProtocolError('truncated', 'Ml_update has no channel mask');
      const mask = data[0] as number;
      const channels: Sm4ChannelUpdate[] = [];
      let at = 1;
      for (let c = 0; c < SM4_CHANNELS; c += 1) {
        if ((mask & (1 << c)) === 0) continue;
        if (at + 3 > data.length)
          throw new ProtocolError('truncated', `Ml_update ends before channel ${c + 1}`);
        const head = data[at] as number;
        const word = ((data[at + 1] as number) << 8) | (data[at + 2] as number);
        const count = (head >> 4) + 1;
        at += 3;
        if (at + 4 * count > data.length)
          throw new ProtocolError('truncated', `Ml_update ends inside channel ${c + 1}`);
        const points = Array.from({ length: count }, (_, i) => readPoint(data, at + 4 * i));
        at += 4 * count;
        const periodMs = word & 1 ? (word >> 1) / 4 : (word >> 1) / 2;
        channels.push({ channel: c + 1, rampPulses: head & 0x0f, periodMs, points });
      }
      if (at !== data.length)
        throw new ProtocolError('bad-length', `Ml_update has ${data.length - at} byte(s) after its channels`);
      return { command, packetNumber, channels };
    }
    case 'mlGetCurrentData':
      requireDataBytes(data, 1, command);
      if (result < 2 || result > 4)
        throw new ProtocolError('bad-field', `unknown current-data selection ${result}`);
      return { command, packetNumber, selection: result as 2 | 3 | 4 };
    case 'mlGetCurrentDataAck': {
      requireDataBytes(data, 7, command);
      if (data[1] !== 4)
        throw new ProtocolError('bad-field', `current data of selection ${data[1]} is not read (only 4)`);
      const active = data[2] as number;
      const channelStates: Sm4ChannelState[] = [];
      for (let i = 0; i < SM4_CHANNELS; i += 1) {
        const nibble = ((data[3 + (i >> 1)] as number) >> ((i & 1) * 4)) & 0x0f;
        const state = SM4_CHANNEL_STATES[nibble];
        if (state === undefined)
          throw new ProtocolError('bad-field', `unknown state ${nibble} of channel ${i + 1}`);
        channelStates.push(state);
      }
      const activeChannels: number[] = [];
      for (let c = 0; c < SM4_CHANNELS; c += 1) if (active & (1 << c)) activeChannels.push(c + 1);
      return { command, packetNumber, result, activeChannels, channelStates };
    }
  }
}
