import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCodecProperties } from '../../../test/codec-properties.ts';
import { itEncodesGoldenPackets } from '../../../test/golden-packets.ts';
import { fromHex, toHex } from '../framing.ts';
import { ProtocolError } from '../protocol-error.ts';
import {
  decodeSm2,
  encodeSm2,
  SM2_BARE_COMMANDS,
  SM2_RESULT_COMMANDS,
  type Sm2Message,
  sm2FrameReader,
} from './codec.ts';
import golden from './golden-packets.json' with { type: 'json' };

/**
 * Golden packets (golden-packets.json). S1–S5: oscarys/pyRehaStim `docs/ComandosRehaMove.txt`
 * (hand-written table and hex stream; S4's checksum E0 as in the hex stream — the table row's D0 is
 * a typo). S6–S17: built by the rules of the ScienceMode2 Description and Protocol v1.24 §2.2/§4 and
 * reproduced by pyScienceMode's packet builder for the PC→device ones (Myotrophy stimulator research
 * note §3.1). Each row names its own source.
 */

describe('ScienceMode2 golden packets', () => {
  itEncodesGoldenPackets(
    golden,
    ['S1', 'S2', ...Array.from({ length: 14 }, (_, i) => `S${i + 4}`)],
    encodeSm2,
    decodeSm2,
  );

  it('S3 (oscarys/pyRehaStim): decodes, but the encoder refuses its t2 of 1.5 ms and "as fast as possible" execution', () => {
    const s3 = fromHex('F0 81 17 81 5C 02 1E 00 01 00 00 00 40 01 0F');
    const decoded = decodeSm2(s3);
    expect(decoded).toEqual({
      command: 'initChannelListMode',
      packetNumber: 2,
      lowFrequencyFactor: 0,
      activeChannels: [1],
      lowFrequencyChannels: [],
      interPulseIntervalMs: 1.5,
      mainIntervalMs: 33,
      channelExecution: 'as-fast-as-possible',
    });
    expect(() => encodeSm2(decoded)).toThrow(/inter-pulse interval t2 \(ms\) must be from 8 to 129/);
    expect(() => encodeSm2({ ...decoded, interPulseIntervalMs: 8 } as Sm2Message)).toThrow(/fixed-slots/);
  });

  it("pyScienceMode's GetStimulationMode (command XORed in place, research note §1.9) is an unknown command, not a crash", () => {
    expect(() => decodeSm2(fromHex('F0 81 DA 81 57 01 5F 0F'))).toThrow(/unknown ScienceMode2 command 95/);
  });

  it('accepts a sender that escapes more values than F0, 0F and 81 (pyScienceMode escapes 0x55 too)', () => {
    // Watchdog with packet number 0x55, escaped as 81 00: CRC-8 over 81 00 04.
    const body = [0x81, 0x00, 0x04];
    expect(toHex(encodeSm2({ command: 'watchdog', packetNumber: 0x55 }))).toBe('F0 81 04 81 57 55 04 0F');
    const crc = [...body].reduce((c, b) => {
      let x = c ^ b;
      for (let k = 0; k < 8; k += 1) x = x & 0x80 ? ((x << 1) ^ 7) & 0xff : (x << 1) & 0xff;
      return x;
    }, 0);
    const escaped = Uint8Array.from([0xf0, 0x81, crc ^ 0x55, 0x81, 3 ^ 0x55, ...body, 0x0f]);
    expect(decodeSm2(escaped)).toEqual({ command: 'watchdog', packetNumber: 0x55 });
  });
});

describe('ScienceMode2 ranges: refused, never clipped', () => {
  const update = (currentMa: number, pulseWidthUs: number): Sm2Message => ({
    command: 'startChannelListMode',
    packetNumber: 1,
    channels: [{ mode: 'single', pulseWidthUs, currentMa }],
  });
  it('refuses currents above 130 mA, widths outside 20–500 µs and fractional values', () => {
    expect(() => encodeSm2(update(131, 300))).toThrow(/current \(mA\) must be from 0 to 130/);
    expect(() => encodeSm2(update(20, 19))).toThrow(/pulse width \(µs\) must be from 20 to 500/);
    expect(() => encodeSm2(update(20, 501))).toThrow(ProtocolError);
    expect(() => encodeSm2(update(20.5, 300))).toThrow(/whole numbers/);
  });
  it("refuses a pulse over the project's 300 mJ energy limit although the device could deliver it", () => {
    // 130 mA, 2 × 500 µs into 500 Ω: 0.13² · 500 · 0.001 = 8.45 mJ — within; the SM2 range cannot reach 300 mJ.
    expect(() => encodeSm2(update(130, 500))).not.toThrow();
  });
  it('refuses t1 below the 8 ms firmware minimum except the one-shot value 1 ms', () => {
    const init = (mainIntervalMs: number): Sm2Message => ({
      command: 'initChannelListMode',
      packetNumber: 0,
      lowFrequencyFactor: 0,
      activeChannels: [1],
      lowFrequencyChannels: [],
      interPulseIntervalMs: 8,
      mainIntervalMs,
      channelExecution: 'fixed-slots',
    });
    expect(() => encodeSm2(init(7.5))).toThrow(/main interval t1/);
    expect(
      toHex(encodeSm2(init(1)))
        .split(' ')
        .slice(11, 14),
    ).toEqual(['00', '00', '00']);
    expect(() => encodeSm2(init(25.25))).toThrow(/steps of 0.5/);
  });
});

const pn = fc.integer({ min: 0, max: 255 });
const result = fc.integer({ min: -8, max: 0 });
const channelSet = fc
  .uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 })
  .map((a) => a.sort((x, y) => x - y));
const pulse = fc.record({
  mode: fc.constantFrom('single' as const, 'doublet' as const, 'triplet' as const),
  pulseWidthUs: fc.integer({ min: 20, max: 500 }),
  currentMa: fc.integer({ min: 0, max: 130 }),
});
const half = (min: number, max: number) => fc.integer({ min: min * 2, max: max * 2 }).map((n) => n / 2);

const sm2Message: fc.Arbitrary<Sm2Message> = fc.oneof(
  fc.record({
    command: fc.constant('init' as const),
    packetNumber: pn,
    protocolVersion: fc.integer({ min: 0, max: 255 }),
  }),
  ...SM2_RESULT_COMMANDS.map((command) =>
    fc.record({ command: fc.constant(command), packetNumber: pn, result }),
  ),
  fc.record({
    command: fc.constant('unknownCommand' as const),
    packetNumber: pn,
    unknownCommand: fc.integer({ min: 0, max: 255 }),
  }),
  ...SM2_BARE_COMMANDS.map((command) => fc.record({ command: fc.constant(command), packetNumber: pn })),
  fc.record({
    command: fc.constant('getStimulationModeAck' as const),
    packetNumber: pn,
    result: fc.constant(0),
    mode: fc.constantFrom('start' as const, 'initialised' as const, 'started' as const),
  }),
  fc.record({
    command: fc.constant('getStimulationModeAck' as const),
    packetNumber: pn,
    result: fc.integer({ min: -8, max: -1 }),
  }),
  fc
    .record({
      packetNumber: pn,
      lowFrequencyFactor: fc.integer({ min: 0, max: 7 }),
      activeChannels: channelSet,
      interPulseIntervalMs: half(8, 129),
      mainIntervalMs: fc.oneof(fc.constant(1), half(8, 1025)),
      lowPick: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    })
    .map(({ lowPick, ...r }) => ({
      command: 'initChannelListMode' as const,
      ...r,
      lowFrequencyChannels: r.activeChannels.filter((c) => lowPick[c - 1]),
      channelExecution: 'fixed-slots' as const,
    })),
  fc.record({
    command: fc.constant('startChannelListMode' as const),
    packetNumber: pn,
    channels: fc.array(pulse, { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    command: fc.constant('singlePulse' as const),
    packetNumber: pn,
    channel: fc.integer({ min: 1, max: 8 }),
    pulseWidthUs: fc.integer({ min: 20, max: 500 }),
    currentMa: fc.integer({ min: 0, max: 130 }),
  }),
  fc.record({
    command: fc.constant('stimulationError' as const),
    packetNumber: pn,
    error: fc.integer({ min: -3, max: -1 }),
  }),
);

describeCodecProperties({
  name: 'ScienceMode2',
  message: sm2Message,
  encode: encodeSm2,
  decode: decodeSm2,
  reader: sm2FrameReader,
  framed: (bytes) => Uint8Array.from([0xf0, ...bytes, 0x0f]),
  sizes: { messages: 6, chunk: 9, randomBytes: 80 },
});
