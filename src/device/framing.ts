/**
 * Byte framing shared by ScienceMode2 and ScienceMode4 (Hasomed): start byte 0xF0, stop byte 0x0F,
 * and byte stuffing — a payload byte equal to 0xF0, 0x0F or 0x81 goes out as 0x81 followed by the
 * byte XOR 0x55; the key 0x55 itself is not escaped (ScienceMode2 Description and Protocol v1.24
 * §2.2, Tab.6; ScienceMode4 C library `smpt_definitions_internal.h`, `smpt_packet_internal.c`).
 * The receiver un-escapes whatever byte follows 0x81, so a sender that escapes more values (the
 * public Python driver also escapes 0x55 and 0x0A) still decodes.
 *
 * Checks: ScienceMode2 uses CRC-8 with polynomial 0x07, init 0, no reflection (SM2 doc §2.2;
 * crccheck `Crc8` as used by pyScienceMode); ScienceMode4 CRC-16 polynomial 0x1021, init 0, no
 * reflection (= CRC-16/XMODEM; C library `smpt_compute_checksum`). Both cover the stuffed payload.
 */
import { ProtocolError } from './protocol-error.ts';

export const START_BYTE = 0xf0;
export const STOP_BYTE = 0x0f;
export const STUFFING_BYTE = 0x81;
export const STUFFING_KEY = 0x55;

/** True for the three values that must be escaped inside a frame. */
export function needsStuffing(byte: number): boolean {
  return byte === START_BYTE || byte === STOP_BYTE || byte === STUFFING_BYTE;
}

/** Appends `bytes` to `out`, escaping F0, 0F and 81. */
export function stuffInto(out: number[], bytes: ArrayLike<number>): void {
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i] as number;
    if (needsStuffing(b)) out.push(STUFFING_BYTE, b ^ STUFFING_KEY);
    else out.push(b);
  }
}

/**
 * A whole frame: the start byte, each header field escaped always (0x81, value XOR 0x55), the body
 * already stuffed, the stop byte.
 */
export function frameOf(headerFields: readonly number[], stuffedBody: readonly number[]): Uint8Array {
  const out: number[] = [START_BYTE];
  for (const value of headerFields) out.push(STUFFING_BYTE, (value ^ STUFFING_KEY) & 0xff);
  for (const b of stuffedBody) out.push(b);
  out.push(STOP_BYTE);
  return Uint8Array.from(out);
}

/**
 * The first `count` always-escaped header fields of the frame that begins at `start`. A field
 * without its escape byte is a framing error that names `fields`.
 */
export function escapedHeaderFields(
  bytes: ArrayLike<number>,
  start: number,
  count: number,
  fields: string,
): number[] {
  const values: number[] = [];
  for (let i = start + 1; i < start + 1 + 2 * count; i += 2) {
    if (bytes[i] !== STUFFING_BYTE) {
      throw new ProtocolError('bad-frame', `${fields} must each follow an escape byte 0x81`);
    }
    values.push((bytes[i + 1] as number) ^ STUFFING_KEY);
  }
  return values;
}

/**
 * Removes byte stuffing from `bytes[from, to)`. A raw start or stop byte inside, or an escape
 * byte at the very end, is a framing error.
 */
export function unstuff(bytes: ArrayLike<number>, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i += 1) {
    const b = bytes[i] as number;
    if (b === STUFFING_BYTE) {
      if (i + 1 >= to) throw new ProtocolError('bad-frame', 'the packet ends inside an escape sequence');
      i += 1;
      out.push((bytes[i] as number) ^ STUFFING_KEY);
    } else if (b === START_BYTE || b === STOP_BYTE) {
      throw new ProtocolError('bad-frame', `an unescaped 0x${hex(b)} inside the packet`);
    } else {
      out.push(b);
    }
  }
  return out;
}

/** Throws unless `frame` is at least `minBytes` long and begins with the start byte and ends with the stop byte. */
export function requireFrameEnds(protocol: string, frame: ArrayLike<number>, minBytes: number): void {
  const n = frame.length;
  if (n < minBytes)
    throw new ProtocolError('truncated', `a ${protocol} packet has at least ${minBytes} bytes; got ${n}`);
  if (frame[0] !== START_BYTE) throw new ProtocolError('bad-frame', 'the packet does not begin with 0xF0');
  if (frame[n - 1] !== STOP_BYTE) throw new ProtocolError('truncated', 'the packet does not end with 0x0F');
}

/** CRC-8, polynomial 0x07, init 0x00, no reflection, no final XOR (check value 0xF4). */
export function crc8(bytes: ArrayLike<number>, from = 0, to = bytes.length): number {
  let crc = 0;
  for (let i = from; i < to; i += 1) crc = CRC8_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number;
  return crc;
}

/** CRC-16/XMODEM: polynomial 0x1021, init 0x0000, no reflection, no final XOR (check value 0x31C3). */
export function crc16(bytes: ArrayLike<number>, from = 0, to = bytes.length): number {
  let crc = 0;
  for (let i = from; i < to; i += 1) {
    crc = ((crc << 8) ^ (CRC16_TABLE[((crc >> 8) ^ (bytes[i] as number)) & 0xff] as number)) & 0xffff;
  }
  return crc;
}

const CRC8_TABLE = Uint8Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  return c;
});

const CRC16_TABLE = Uint16Array.from({ length: 256 }, (_, n) => {
  let c = n << 8;
  for (let k = 0; k < 8; k += 1) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
  return c;
});

export function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** Bytes as spaced upper-case hex, e.g. 'F0 81 7F 0F'. */
export function toHex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, hex).join(' ');
}

/** 'F0 81 7F' → bytes. */
export function fromHex(text: string): Uint8Array {
  const parts = text.trim().split(/\s+/);
  return Uint8Array.from(parts, (p) => Number.parseInt(p, 16));
}

/**
 * How a protocol reads the length of the frame starting at `bytes[start]` (a start byte): the
 * whole frame's length once enough header is there, null while more bytes are needed, or a
 * ProtocolError for a header that cannot be one.
 */
export type FrameLength = (bytes: Uint8Array, start: number) => number | null;

export type FrameEvent = { frame: Uint8Array } | { error: ProtocolError; discarded: Uint8Array };

/**
 * Splits a byte stream into frames by the length in their header (a stop byte can appear inside a
 * header, where escaped values are arbitrary, so scanning for 0x0F would split wrongly). Bytes
 * before a start byte and frames whose header or stop byte is wrong are reported as errors and
 * skipped; the reader then looks for the next start byte.
 */
export class FrameReader {
  private buffer = new Uint8Array(0);

  constructor(
    private readonly frameLength: FrameLength,
    private readonly maxFrameBytes: number,
  ) {}

  /** Feeds received bytes; returns the frames (and errors) they complete, in order. */
  push(chunk: Uint8Array): FrameEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const events: FrameEvent[] = [];
    let at = 0;
    while (at < joined.length) {
      const start = joined.indexOf(START_BYTE, at);
      if (start < 0) {
        events.push(garbage(joined.subarray(at)));
        at = joined.length;
        break;
      }
      if (start > at) events.push(garbage(joined.subarray(at, start)));
      at = start;
      let length: number | null;
      try {
        length = this.frameLength(joined, start);
        if (length !== null && (length < 2 || length > this.maxFrameBytes)) {
          throw new ProtocolError('bad-length', `a frame length of ${length} bytes is impossible`);
        }
      } catch (error) {
        events.push({ error: asProtocolError(error), discarded: joined.slice(start, start + 1) });
        at = start + 1;
        continue;
      }
      if (length === null || start + length > joined.length) break;
      const last = joined[start + length - 1];
      if (last !== STOP_BYTE) {
        events.push({
          error: new ProtocolError('bad-frame', `no stop byte where the length says the frame ends`),
          discarded: joined.slice(start, start + 1),
        });
        at = start + 1;
        continue;
      }
      events.push({ frame: joined.slice(start, start + length) });
      at = start + length;
    }
    this.buffer = joined.slice(at);
    return events;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get pending(): number {
    return this.buffer.length;
  }
}

function garbage(bytes: Uint8Array): FrameEvent {
  return {
    error: new ProtocolError('bad-frame', `${bytes.length} byte(s) outside any frame`),
    discarded: bytes.slice(),
  };
}

function asProtocolError(error: unknown): ProtocolError {
  return error instanceof ProtocolError
    ? error
    : new ProtocolError('bad-frame', error instanceof Error ? error.message : String(error));
}
