/**
 * Golden packets: a codec's known-good frames, each with the message it carries and where it comes
 * from, kept as data (golden-packets.json beside each codec's test). Stated once here and run for
 * ScienceMode2 and ScienceMode4 by their codec tests: the file has the shape the tests read, and
 * every packet encodes and decodes byte-exact.
 */
import { expect, it } from 'vitest';
import { fromHex, toHex } from '../src/device/framing.ts';

export interface GoldenPacket<M> {
  id: string;
  source: string;
  /** Spaced upper-case hex, as toHex writes it. */
  bytes: string;
  message: M;
}

export interface GoldenPacketFile {
  source: string;
  packets: unknown[];
}

const HEX_BYTES = /^[0-9A-F]{2}( [0-9A-F]{2})*$/;

function isGoldenPacket(row: unknown): row is GoldenPacket<{ command: string; packetNumber: number }> {
  if (typeof row !== 'object' || row === null) return false;
  const { id, source, bytes, message } = row as Record<string, unknown>;
  return (
    typeof id === 'string' &&
    id !== '' &&
    typeof source === 'string' &&
    source !== '' &&
    typeof bytes === 'string' &&
    HEX_BYTES.test(bytes) &&
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { command?: unknown }).command === 'string' &&
    Number.isInteger((message as { packetNumber?: unknown }).packetNumber)
  );
}

/** Within a describe: one test of the file's shape, then one byte-exact round trip a packet. */
export function itEncodesGoldenPackets<M>(
  file: GoldenPacketFile,
  expectedIds: readonly string[],
  encode: (message: M) => Uint8Array,
  decode: (frame: Uint8Array) => M,
): void {
  it('the golden packets file names its source and holds id, source, hex bytes and message in each row', () => {
    expect(file.source).toMatch(/\S/);
    expect(file.packets.filter((row) => !isGoldenPacket(row))).toEqual([]);
    expect(file.packets.map((row) => (row as GoldenPacket<M>).id)).toEqual(expectedIds);
  });
  for (const g of file.packets as GoldenPacket<M>[]) {
    it(`${g.id} encodes and decodes byte-exact (${g.source})`, () => {
      expect(toHex(encode(g.message))).toBe(g.bytes);
      expect(decode(fromHex(g.bytes))).toEqual(g.message);
    });
  }
}
