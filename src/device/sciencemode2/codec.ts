/**
 * ScienceMode2 (Hasomed RehaStim2) packets: encode and decode, pure, byte-exact.
 *
 * Source of every number: Hasomed, "ScienceMode2 – RehaStim2 Stimulation Device – Description and
 * Protocol" v1.24 (2012-12-12), summarised with cross-checks in Myotrophy's stimulator research note
 * (§1); the public Python driver s2mLab/pyScienceMode agrees on commands, fields and byte order.
 *
 * Frame: F0 · 81 (CRC⊕55) · 81 (LEN⊕55) · stuffed(packet number, command, data) · 0F, where CRC is
 * CRC-8/0x07 and LEN the byte count of the stuffed part. Two-byte fields are sent MSB first.
 *
 * Ranges the encoder enforces (a value outside is refused, never clipped):
 * - current 0–130 mA in 1 mA (protocol range, doc Tab.1 and §4.3);
 * - pulse width 20–500 µs: the protocol carries 0–500 but the firmware raises anything below 20 µs
 *   to 20 µs (doc §4.3), which would deliver a pulse other than the one asked for;
 * - main interval t1: 8–1 025 ms in 0.5 ms (firmware minimum 8 ms, doc Tab.2), or 1 ms = one-shot;
 * - inter-pulse interval t2: 8–129 ms in 0.5 ms (firmware minimum 8 ms, doc Tab.2 and §4.3);
 * - channel execution: only fixed 1.5 ms slots (the other value is "not yet implemented", §4.3);
 * - each pulse within the project's output limits (energy and charge balance; ../pulse-output.ts).
 * The decoder accepts the full protocol ranges, so it reads any packet a device or driver sends.
 */

import { commandCode, commandNameReader, isCommandIn } from '../commands.ts';
import {
  crc8,
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

export const SM2_COMMANDS = {
  init: 1,
  initAck: 2,
  unknownCommand: 3,
  watchdog: 4,
  getStimulationMode: 10,
  getStimulationModeAck: 11,
  initChannelListMode: 30,
  initChannelListModeAck: 31,
  startChannelListMode: 32,
  startChannelListModeAck: 33,
  stopChannelListMode: 34,
  stopChannelListModeAck: 35,
  singlePulse: 36,
  singlePulseAck: 37,
  stimulationError: 38,
} as const;

export type Sm2CommandName = keyof typeof SM2_COMMANDS;

const commandName = commandNameReader('ScienceMode2', SM2_COMMANDS);

/** Commands that carry no data. */
export const SM2_BARE_COMMANDS = [
  'watchdog',
  'getStimulationMode',
  'stopChannelListMode',
] as const satisfies readonly Sm2CommandName[];

/** Commands whose only data is the result byte. */
export const SM2_RESULT_COMMANDS = [
  'initAck',
  'initChannelListModeAck',
  'startChannelListModeAck',
  'stopChannelListModeAck',
  'singlePulseAck',
] as const satisfies readonly Sm2CommandName[];

/** Result codes (signed byte): doc §5.1. */
export const SM2_RESULTS = {
  ok: 0,
  transferError: -1,
  parameterError: -2,
  wrongMode: -3,
  motomedConnectionError: -4,
  incompatibleProtocol: -5,
  invalidMotomedTrainer: -6,
  motomedBusy: -7,
  busy: -8,
} as const;

/** StimulationError codes (doc §4.3). */
export const SM2_STIMULATION_ERRORS = {
  '-1': 'emergency switch activated or not connected',
  '-2': 'electrode error',
  '-3': 'stimulation module error',
} as const;

export const SM2_CHANNELS = 8;
export const SM2_MAX_CURRENT_MA = 130;
export const SM2_MIN_PULSE_WIDTH_US = 20;
export const SM2_MAX_PULSE_WIDTH_US = 500;
/** Fixed gap between the two phases of the RehaStim2's biphasic pulse (doc §1.2). */
export const SM2_INTERPHASE_GAP_US = 100;
export const SM2_MIN_INTERVAL_MS = 8;
export const SM2_MAX_MAIN_INTERVAL_MS = 1025;
export const SM2_MAX_INTER_PULSE_INTERVAL_MS = 129;
/** Device watchdog (doc Tab.7): without a valid packet for this long the device stops stimulating. */
export const SM2_WATCHDOG_TIMEOUT_MS = 1200;
/** Longest the device takes to answer a command (doc Tab.7). */
export const SM2_MAX_RESPONSE_MS = 100;
export const SM2_BAUD_RATE = 460_800;
/** Start, checksum and length (each escaped), a packet number, a command, stop (doc §2.2). */
const MIN_PACKET_BYTES = 8;
/** Doc §2.2: command data is fewer than 61 bytes; stuffing can double it. */
const MAX_FRAME_BYTES = 5 + 2 * 63 + 1;

export type Sm2PulseMode = 'single' | 'doublet' | 'triplet';
const PULSE_MODES: readonly Sm2PulseMode[] = ['single', 'doublet', 'triplet'];

export interface Sm2ChannelPulse {
  mode: Sm2PulseMode;
  pulseWidthUs: number;
  currentMa: number;
}

export type Sm2Message =
  | { command: 'init'; packetNumber: number; protocolVersion: number }
  | { command: 'initAck'; packetNumber: number; result: number }
  | { command: 'unknownCommand'; packetNumber: number; unknownCommand: number }
  | { command: 'watchdog'; packetNumber: number }
  | { command: 'getStimulationMode'; packetNumber: number }
  | {
      command: 'getStimulationModeAck';
      packetNumber: number;
      result: number;
      /** Present when result = 0. */
      mode?: 'start' | 'initialised' | 'started';
    }
  | {
      command: 'initChannelListMode';
      packetNumber: number;
      /** How many main periods the low-frequency channels skip (0–7). */
      lowFrequencyFactor: number;
      /** Channels 1–8, ascending. */
      activeChannels: number[];
      lowFrequencyChannels: number[];
      /** t2: time between the pulses of a doublet or triplet (ms). */
      interPulseIntervalMs: number;
      /** t1: the stimulation period (ms); 1 = one-shot channel list mode. */
      mainIntervalMs: number;
      channelExecution: 'fixed-slots' | 'as-fast-as-possible';
    }
  | { command: 'initChannelListModeAck'; packetNumber: number; result: number }
  | { command: 'startChannelListMode'; packetNumber: number; channels: Sm2ChannelPulse[] }
  | { command: 'startChannelListModeAck'; packetNumber: number; result: number }
  | { command: 'stopChannelListMode'; packetNumber: number }
  | { command: 'stopChannelListModeAck'; packetNumber: number; result: number }
  | { command: 'singlePulse'; packetNumber: number; channel: number; pulseWidthUs: number; currentMa: number }
  | { command: 'singlePulseAck'; packetNumber: number; result: number }
  | { command: 'stimulationError'; packetNumber: number; error: number };

const MODES = ['start', 'initialised', 'started'] as const;

/** The RehaStim2's pulse as points: +I for w, the fixed 100 µs gap, −I for w. */
export function sm2PulsePoints(pulseWidthUs: number, currentMa: number): PulsePoint[] {
  return [
    { durationUs: pulseWidthUs, currentMa },
    { durationUs: SM2_INTERPHASE_GAP_US, currentMa: 0 },
    { durationUs: pulseWidthUs, currentMa: -currentMa },
  ];
}

function signed(byte: number): number {
  return byte >= 0x80 ? byte - 0x100 : byte;
}

function requireResult(value: unknown): number {
  return requireInRange('result', value, -128, 127) & 0xff;
}

function channelMask(label: string, channels: unknown): number {
  if (!Array.isArray(channels))
    throw new ProtocolError('out-of-range', `${label} must be a list of channels 1–8`);
  let mask = 0;
  let previous = 0;
  for (const c of channels) {
    requireInRange(`${label} channel`, c, 1, SM2_CHANNELS);
    if ((c as number) <= previous) {
      throw new ProtocolError(
        'out-of-range',
        `${label} must list channels in ascending order without repeats`,
      );
    }
    previous = c as number;
    mask |= 1 << ((c as number) - 1);
  }
  return mask;
}

function maskChannels(mask: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < SM2_CHANNELS; c += 1) if (mask & (1 << c)) out.push(c + 1);
  return out;
}

function pulseFields(where: string, pulseWidthUs: unknown, currentMa: unknown): [number, number, number] {
  requireInRange(`${where} pulse width (µs)`, pulseWidthUs, SM2_MIN_PULSE_WIDTH_US, SM2_MAX_PULSE_WIDTH_US);
  requireInRange(`${where} current (mA)`, currentMa, 0, SM2_MAX_CURRENT_MA);
  requirePulseWithinOutputLimits(where, sm2PulsePoints(pulseWidthUs as number, currentMa as number), null);
  return [((pulseWidthUs as number) >> 8) & 0xff, (pulseWidthUs as number) & 0xff, currentMa as number];
}

/** The command data of a message (before stuffing). Throws 'out-of-range' for a value the device must not get. */
function encodeData(m: Sm2Message): number[] {
  if (isCommandIn(SM2_BARE_COMMANDS, m.command)) return [];
  if (isCommandIn(SM2_RESULT_COMMANDS, m.command)) return [requireResult((m as { result: unknown }).result)];
  switch (m.command) {
    case 'init':
      return [requireInRange('protocol version', m.protocolVersion, 0, 255)];
    case 'unknownCommand':
      return [requireInRange('unknown command', m.unknownCommand, 0, 255)];
    case 'getStimulationModeAck': {
      const result = requireResult(m.result);
      if (m.result !== 0) return [result];
      return [result, requireOneOf('mode', m.mode, MODES)];
    }
    case 'initChannelListMode': {
      requireInRange('low-frequency factor', m.lowFrequencyFactor, 0, 7);
      const active = channelMask('active channels', m.activeChannels);
      if (active === 0) throw new ProtocolError('out-of-range', 'at least one channel must be active');
      const low = channelMask('low-frequency channels', m.lowFrequencyChannels);
      if ((low & ~active) !== 0) {
        throw new ProtocolError('out-of-range', 'low-frequency channels must be active channels');
      }
      requireInRange(
        'inter-pulse interval t2 (ms)',
        m.interPulseIntervalMs,
        SM2_MIN_INTERVAL_MS,
        SM2_MAX_INTER_PULSE_INTERVAL_MS,
        0.5,
      );
      if (m.mainIntervalMs !== 1) {
        requireInRange(
          'main interval t1 (ms)',
          m.mainIntervalMs,
          SM2_MIN_INTERVAL_MS,
          SM2_MAX_MAIN_INTERVAL_MS,
          0.5,
        );
      }
      if (m.channelExecution !== 'fixed-slots') {
        throw new ProtocolError(
          'out-of-range',
          "channel execution must be 'fixed-slots' (the device documents the other mode as not implemented)",
        );
      }
      const t2 = (m.interPulseIntervalMs - 1.5) / 0.5;
      const t1 = (m.mainIntervalMs - 1) / 0.5;
      return [m.lowFrequencyFactor, active, low, t2, (t1 >> 8) & 0xff, t1 & 0xff, 0];
    }
    case 'startChannelListMode': {
      if (!Array.isArray(m.channels) || m.channels.length < 1 || m.channels.length > SM2_CHANNELS) {
        throw new ProtocolError('out-of-range', 'an update carries 1 to 8 channels');
      }
      const out: number[] = [];
      m.channels.forEach((c, i) => {
        out.push(
          requireOneOf('pulse mode', c?.mode, PULSE_MODES),
          ...pulseFields(`update entry ${i + 1}`, c.pulseWidthUs, c.currentMa),
        );
      });
      return out;
    }
    case 'singlePulse':
      requireInRange('channel', m.channel, 1, SM2_CHANNELS);
      return [m.channel - 1, ...pulseFields('single pulse', m.pulseWidthUs, m.currentMa)];
    case 'stimulationError':
      return [requireInRange('stimulation error', m.error, -3, -1) & 0xff];
  }
}

/** The packet for `message`, as sent on the wire. */
export function encodeSm2(message: Sm2Message): Uint8Array {
  const code = commandCode('ScienceMode2', SM2_COMMANDS, message.command);
  requireInRange('packet number', message.packetNumber, 0, 255);
  const body: number[] = [];
  stuffInto(body, [message.packetNumber, code]);
  stuffInto(body, encodeData(message));
  return frameOf([crc8(body), body.length], body);
}

const HEADER_FIELDS = 'the checksum and length';

/** Frame length for the stream reader: 5 header bytes + LEN + stop. */
export function sm2FrameLength(bytes: Uint8Array, start: number): number | null {
  if (bytes.length < start + 5) return null;
  const [, length] = escapedHeaderFields(bytes, start, 2, HEADER_FIELDS);
  return 5 + (length as number) + 1;
}

export function sm2FrameReader(): FrameReader {
  return new FrameReader(sm2FrameLength, MAX_FRAME_BYTES);
}

/** Decodes one whole packet. Throws only ProtocolError. */
export function decodeSm2(frame: ArrayLike<number>): Sm2Message {
  requireFrameEnds('ScienceMode2', frame, MIN_PACKET_BYTES);
  const n = frame.length;
  const [checksum, length] = escapedHeaderFields(frame, 0, 2, HEADER_FIELDS) as [number, number];
  if (length !== n - 6) {
    throw new ProtocolError('bad-length', `the length field says ${length} bytes; the packet holds ${n - 6}`);
  }
  const computed = crc8(frame, 5, n - 1);
  if (computed !== checksum) {
    throw new ProtocolError(
      'bad-checksum',
      `checksum 0x${hex(checksum)} does not match the data (0x${hex(computed)})`,
    );
  }
  const body = unstuff(frame, 5, n - 1);
  if (body.length < 2) throw new ProtocolError('truncated', 'the packet has no command');
  const packetNumber = body[0] as number;
  const code = body[1] as number;
  const data = body.slice(2);
  const command = commandName(code);
  const result = () => {
    requireDataBytes(data, 1, command);
    return signed(data[0] as number);
  };
  if (isCommandIn(SM2_BARE_COMMANDS, command)) {
    requireDataBytes(data, 0, command);
    return { command, packetNumber };
  }
  if (isCommandIn(SM2_RESULT_COMMANDS, command)) return { command, packetNumber, result: result() };
  switch (command) {
    case 'init':
      requireDataBytes(data, 1, command);
      return { command, packetNumber, protocolVersion: data[0] as number };
    case 'unknownCommand':
      requireDataBytes(data, 1, command);
      return { command, packetNumber, unknownCommand: data[0] as number };
    case 'getStimulationModeAck': {
      const r = signed(data[0] ?? 0);
      if (data.length === 0 || (r === 0 && data.length !== 2) || (r !== 0 && data.length !== 1)) {
        throw new ProtocolError(
          'bad-length',
          'getStimulationModeAck carries a result, and a mode when the result is 0',
        );
      }
      if (r !== 0) return { command, packetNumber, result: r };
      const mode = MODES[data[1] as number];
      if (mode === undefined) throw new ProtocolError('bad-field', `unknown stimulation mode ${data[1]}`);
      return { command, packetNumber, result: 0, mode };
    }
    case 'initChannelListMode': {
      requireDataBytes(data, 7, command);
      const [lowFactor, active, low, t2, t1High, t1Low, execution] = data as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const t1 = (t1High << 8) | t1Low;
      if (lowFactor > 7 || t1 > 2048 || execution > 1) {
        throw new ProtocolError('bad-field', 'initChannelListMode field out of the protocol range');
      }
      return {
        command,
        packetNumber,
        lowFrequencyFactor: lowFactor,
        activeChannels: maskChannels(active),
        lowFrequencyChannels: maskChannels(low),
        interPulseIntervalMs: 1.5 + t2 * 0.5,
        mainIntervalMs: 1 + t1 * 0.5,
        channelExecution: execution === 0 ? 'fixed-slots' : 'as-fast-as-possible',
      };
    }
    case 'startChannelListMode': {
      if (data.length === 0 || data.length % 4 !== 0 || data.length > 4 * SM2_CHANNELS) {
        throw new ProtocolError(
          'bad-length',
          'startChannelListMode carries 4 bytes for each of 1–8 channels',
        );
      }
      const channels: Sm2ChannelPulse[] = [];
      for (let i = 0; i < data.length; i += 4) {
        const mode = PULSE_MODES[data[i] as number];
        const pulseWidthUs = ((data[i + 1] as number) << 8) | (data[i + 2] as number);
        if (mode === undefined || pulseWidthUs > SM2_MAX_PULSE_WIDTH_US) {
          throw new ProtocolError(
            'bad-field',
            'startChannelListMode: pulse mode or width out of the protocol range',
          );
        }
        channels.push({ mode, pulseWidthUs, currentMa: data[i + 3] as number });
      }
      return { command, packetNumber, channels };
    }
    case 'singlePulse': {
      requireDataBytes(data, 4, command);
      const pulseWidthUs = ((data[1] as number) << 8) | (data[2] as number);
      if ((data[0] as number) >= SM2_CHANNELS || pulseWidthUs > SM2_MAX_PULSE_WIDTH_US) {
        throw new ProtocolError('bad-field', 'singlePulse: channel or width out of the protocol range');
      }
      return {
        command,
        packetNumber,
        channel: (data[0] as number) + 1,
        pulseWidthUs,
        currentMa: data[3] as number,
      };
    }
    case 'stimulationError':
      return { command, packetNumber, error: result() };
  }
}
