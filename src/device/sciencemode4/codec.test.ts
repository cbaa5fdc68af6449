import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCodecProperties } from '../../../test/codec-properties.ts';
import { fromHex, toHex } from '../framing.ts';
import type { PulsePoint } from '../pulse-output.ts';
import { decodeSm4, encodeSm4, type Sm4ChannelUpdate, type Sm4Message, sm4FrameReader } from './codec.ts';

/**
 * Golden packets: produced by the manufacturer's C library ScienceMode/ScienceMode4_c_library
 * (HEAD 0cb1201) `smpt_build_*` functions, client side for commands (P) and server side for
 * responses (R); the rows marked "also SM4-py" were produced byte for byte by the independent
 * nextroundwinner/ScienceMode4Python encoder. Myotrophy stimulator research note §3.2.
 */
const C = 'ScienceMode4_c_library smpt_build_*';
const CPY = `${C}; also ScienceMode4Python Protocol.packet_to_bytes`;
const biphasic = (us: number, ma: number) => [
  { durationUs: us, currentMa: ma },
  { durationUs: us, currentMa: ma === 0 ? 0 : -ma },
];
const GOLDEN: { id: string; source: string; bytes: string; message: Sm4Message }[] = [
  {
    id: 'P1',
    source: C,
    bytes: 'F0 81 55 81 59 81 43 81 44 00 32 0F',
    message: { command: 'getVersionMain', packetNumber: 0 },
  },
  {
    id: 'P2',
    source: CPY,
    bytes: 'F0 81 55 81 59 81 EF 81 46 04 34 0F',
    message: { command: 'getDeviceId', packetNumber: 1 },
  },
  {
    id: 'P3',
    source: C,
    bytes: 'F0 81 55 81 59 81 8A 81 69 08 36 0F',
    message: { command: 'getBatteryStatus', packetNumber: 2 },
  },
  {
    id: 'P4',
    source: C,
    bytes: 'F0 81 55 81 59 81 87 81 21 0C 3A 0F',
    message: { command: 'reset', packetNumber: 3 },
  },
  {
    id: 'P5',
    source: C,
    bytes: 'F0 81 55 81 59 81 81 81 BB 10 3E 0F',
    message: { command: 'getStimStatus', packetNumber: 4 },
  },
  {
    id: 'P6',
    source: `${C} (prefix 0xF0 escaped)`,
    bytes: 'F0 81 55 81 58 81 B3 81 F4 81 A5 44 0F',
    message: { command: 'getExtendedVersion', packetNumber: 60 },
  },
  {
    id: 'P7',
    source: C,
    bytes: 'F0 81 55 81 59 81 DA 81 66 14 04 0F',
    message: { command: 'llStop', packetNumber: 5 },
  },
  {
    id: 'P8',
    source: CPY,
    bytes: 'F0 81 55 81 58 81 63 81 57 1C 00 00 0F',
    message: { command: 'llInit', packetNumber: 7, highVoltage: 0, measurement: 0 },
  },
  {
    id: 'P9',
    source: C,
    bytes: 'F0 81 55 81 58 81 12 81 1F 20 00 0C 0F',
    message: { command: 'llInit', packetNumber: 8, highVoltage: 6, measurement: 0 },
  },
  {
    id: 'P10',
    source: CPY,
    bytes: 'F0 81 55 81 4C 81 A6 81 95 24 02 82 0C 85 50 00 06 44 B0 00 0C 84 10 00 0F',
    message: {
      command: 'llChannelConfig',
      packetNumber: 9,
      execute: true,
      channel: 1,
      points: [
        { durationUs: 200, currentMa: 20 },
        { durationUs: 100, currentMa: 0 },
        { durationUs: 200, currentMa: -20 },
      ],
    },
  },
  {
    id: 'P11',
    source: CPY,
    bytes: 'F0 81 55 81 58 81 4A 81 6F 28 1E 01 0F',
    message: { command: 'mlInit', packetNumber: 10, stopAllChannelsOnError: true },
  },
  {
    id: 'P12',
    source: C,
    bytes: 'F0 81 55 81 58 81 86 81 8E 2C 1E 00 0F',
    message: { command: 'mlInit', packetNumber: 11, stopAllChannelsOnError: false },
  },
  {
    id: 'P13',
    source: CPY,
    bytes: 'F0 81 55 81 4D 81 71 81 DB 30 20 01 13 00 64 0C 85 50 00 0C 84 10 00 0F',
    message: {
      command: 'mlUpdate',
      packetNumber: 12,
      channels: [{ channel: 1, rampPulses: 3, periodMs: 25, points: biphasic(200, 20) }],
    },
  },
  {
    id: 'P14',
    source: `${CPY} (250 µs → 0x0F escaped)`,
    bytes:
      'F0 81 55 81 7C 81 3B 81 43 34 20 03 20 00 C8 12 C5 C8 00 06 44 B0 00 12 C3 98 00 15 00 50 81 5A A5 04 00 81 5A A4 5C 00 0F',
    message: {
      command: 'mlUpdate',
      packetNumber: 13,
      channels: [
        {
          channel: 1,
          rampPulses: 0,
          periodMs: 50,
          points: [
            { durationUs: 300, currentMa: 35 },
            { durationUs: 100, currentMa: 0 },
            { durationUs: 300, currentMa: -35 },
          ],
        },
        { channel: 2, rampPulses: 5, periodMs: 20, points: biphasic(250, 10.5) },
      ],
    },
  },
  {
    id: 'P15',
    source: CPY,
    bytes: 'F0 81 55 81 58 81 B3 81 F7 38 24 04 0F',
    message: { command: 'mlGetCurrentData', packetNumber: 14, selection: 4 },
  },
  {
    id: 'P16',
    source: C,
    bytes: 'F0 81 55 81 58 81 0F 81 F1 3C 24 02 0F',
    message: { command: 'mlGetCurrentData', packetNumber: 15, selection: 2 },
  },
  {
    id: 'P17',
    source: CPY,
    bytes: 'F0 81 55 81 59 81 DB 81 AF 18 22 0F',
    message: { command: 'mlStop', packetNumber: 6 },
  },
  {
    id: 'P18',
    source: C,
    bytes: 'F0 81 55 81 59 81 07 81 D9 FC 22 0F',
    message: { command: 'mlStop', packetNumber: 63 },
  },
  {
    id: 'R1',
    source: C,
    bytes: 'F0 81 55 81 58 81 69 81 7F 28 1F 00 0F',
    message: { command: 'mlInitAck', packetNumber: 10, result: 0 },
  },
  {
    id: 'R2',
    source: C,
    bytes: 'F0 81 55 81 58 81 A5 81 27 30 21 00 0F',
    message: { command: 'mlUpdateAck', packetNumber: 12, result: 0 },
  },
  {
    id: 'R3',
    source: C,
    bytes: 'F0 81 55 81 58 81 85 81 65 30 21 02 0F',
    message: { command: 'mlUpdateAck', packetNumber: 12, result: 2 },
  },
  {
    id: 'R4',
    source: C,
    bytes: 'F0 81 55 81 46 81 17 81 8E 38 25 00 04 01 00 00 00 00 0F',
    message: {
      command: 'mlGetCurrentDataAck',
      packetNumber: 14,
      result: 0,
      activeChannels: [1],
      channelStates: Array(8).fill('ok'),
    },
  },
  {
    id: 'R5',
    source: C,
    bytes: 'F0 81 55 81 46 81 CB 81 6B 38 25 00 04 00 01 00 00 00 0F',
    message: {
      command: 'mlGetCurrentDataAck',
      packetNumber: 14,
      result: 0,
      activeChannels: [],
      channelStates: ['electrode-error', ...Array(7).fill('ok')],
    },
  },
  {
    id: 'R6',
    source: C,
    bytes: 'F0 81 55 81 46 81 9D 81 C3 00 33 00 01 02 03 04 00 00 0F',
    message: {
      command: 'getVersionMainAck',
      packetNumber: 0,
      result: 0,
      firmware: { major: 1, minor: 2, revision: 3 },
      scienceMode: { major: 4, minor: 0, revision: 0 },
    },
  },
  {
    id: 'R7',
    source: `${C} (3 950 mV = 0x0F6E escaped)`,
    bytes: 'F0 81 55 81 44 81 65 81 55 08 37 00 57 81 5A 6E 0F',
    message: {
      command: 'getBatteryStatusAck',
      packetNumber: 2,
      result: 0,
      levelPercent: 87,
      voltageMv: 3950,
    },
  },
  {
    id: 'R8',
    source: C,
    bytes: 'F0 81 55 81 42 81 D4 81 88 04 35 00 31 32 33 34 35 36 37 38 39 30 0F',
    message: { command: 'getDeviceIdAck', packetNumber: 1, result: 0, deviceId: '1234567890' },
  },
  {
    id: 'R9',
    source: C,
    bytes: 'F0 81 55 81 58 81 50 81 66 1C 01 00 0F',
    message: { command: 'llInitAck', packetNumber: 7, result: 0 },
  },
  {
    id: 'R10',
    source: C,
    bytes: 'F0 81 55 81 5A 81 9C 81 9D 10 3F 00 03 06 0F',
    message: {
      command: 'getStimStatusAck',
      packetNumber: 4,
      result: 0,
      stimStatus: 'mid-level-running',
      highVoltageLevel: 6,
    },
  },
];

describe('ScienceMode4 golden packets', () => {
  for (const g of GOLDEN) {
    it(`${g.id} encodes and decodes byte-exact (${g.source})`, () => {
      expect(toHex(encodeSm4(g.message))).toBe(g.bytes);
      expect(decodeSm4(fromHex(g.bytes))).toEqual(g.message);
    });
  }
});

describe('ScienceMode4 ranges: refused, never clipped', () => {
  const update = (channel: Partial<Sm4ChannelUpdate>): Sm4Message => ({
    command: 'mlUpdate',
    packetNumber: 0,
    channels: [{ channel: 1, rampPulses: 0, periodMs: 25, points: biphasic(200, 20), ...channel }],
  });
  it('refuses currents beyond ±130 mA, 0.25 mA steps, durations below 10 µs and ramps above 15', () => {
    expect(() => encodeSm4(update({ points: biphasic(200, 130.5) }))).toThrow(
      /current \(mA\) must be from -130 to 130/,
    );
    expect(() => encodeSm4(update({ points: biphasic(200, 20.25) }))).toThrow(/steps of 0.5/);
    expect(() => encodeSm4(update({ points: biphasic(9, 20) }))).toThrow(/duration \(µs\) must be from 10/);
    expect(() => encodeSm4(update({ rampPulses: 16 }))).toThrow(/ramp/);
  });
  it('refuses an unbalanced pulse (the device would deliver it: up to 40 mA d.c. at low level)', () => {
    expect(() =>
      encodeSm4(
        update({
          points: [
            { durationUs: 200, currentMa: 20 },
            { durationUs: 100, currentMa: -20 },
          ],
        }),
      ),
    ).toThrow(/not charge-balanced/);
  });
  it("refuses a setting within the device's range but over the project's 50 mA r.m.s. limit", () => {
    // 100 mA, 2 × 400 µs at 100 Hz: 100 · √(2 · 400e-6 · 100) = 28.3 mA — passes; at 400 Hz 56.6 mA — refused.
    expect(() => encodeSm4(update({ periodMs: 10, points: biphasic(400, 100) }))).not.toThrow();
    expect(() => encodeSm4(update({ periodMs: 2.5, points: biphasic(400, 100) }))).toThrow(
      /r.m.s. current 56.6 mA/,
    );
  });
  it('refuses pulses that do not fit their periods (the C library duty check)', () => {
    expect(() => encodeSm4(update({ periodMs: 0.5, points: biphasic(300, 5) }))).toThrow(/do not fit/);
  });
});

const pn = fc.integer({ min: 0, max: 63 });
const result = fc.integer({ min: 0, max: 28 });
const ver = fc.record({
  major: fc.integer({ min: 0, max: 255 }),
  minor: fc.integer({ min: 0, max: 255 }),
  revision: fc.integer({ min: 0, max: 255 }),
});
const balancedPulse = fc
  .record({
    width: fc.integer({ min: 10, max: 500 }),
    gap: fc.option(fc.integer({ min: 10, max: 200 }), { nil: undefined }),
    halfMa: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ width, gap, halfMa }) => {
    const ma = halfMa / 2;
    return gap === undefined
      ? biphasic(width, ma)
      : [
          { durationUs: width, currentMa: ma },
          { durationUs: gap, currentMa: 0 },
          { durationUs: width, currentMa: ma === 0 ? 0 : -ma },
        ];
  });
const channelUpdates = fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { maxLength: 8 }).chain((channels) =>
  fc.tuple(
    ...channels
      .sort((a, b) => a - b)
      .map((channel) =>
        fc.record({
          channel: fc.constant(channel),
          rampPulses: fc.integer({ min: 0, max: 15 }),
          // 20–200 ms in 0.25 ms steps: eight channels of ≤ 1.26 ms pulses always fit.
          periodMs: fc.integer({ min: 80, max: 800 }).map((q) => q / 4),
          points: balancedPulse,
        }),
      ),
  ),
);
const states = fc.array(
  fc.constantFrom(
    'ok' as const,
    'electrode-error' as const,
    'pulse-timeout' as const,
    'pulse-low-current' as const,
  ),
  {
    minLength: 8,
    maxLength: 8,
  },
);

const sm4Message: fc.Arbitrary<Sm4Message> = fc.oneof(
  ...(
    [
      'getVersionMain',
      'getDeviceId',
      'getBatteryStatus',
      'reset',
      'getStimStatus',
      'getExtendedVersion',
      'llStop',
      'mlStop',
    ] as const
  ).map((command) => fc.record({ command: fc.constant(command), packetNumber: pn })),
  ...(
    [
      'resetAck',
      'llInitAck',
      'llStopAck',
      'mlInitAck',
      'mlUpdateAck',
      'mlStopAck',
      'generalError',
      'unknownCommand',
    ] as const
  ).map((command) => fc.record({ command: fc.constant(command), packetNumber: pn, result })),
  fc.record({
    command: fc.constant('getVersionMainAck' as const),
    packetNumber: pn,
    result,
    firmware: ver,
    scienceMode: ver,
  }),
  fc.record({
    command: fc.constant('getExtendedVersionAck' as const),
    packetNumber: pn,
    result,
    firmware: ver,
    scienceMode: ver,
    firmwareHash: fc.integer({ min: 0, max: 0xffffffff }),
    hashType: fc.integer({ min: 0, max: 255 }),
    hashValid: fc.boolean(),
  }),
  fc.record({
    command: fc.constant('getDeviceIdAck' as const),
    packetNumber: pn,
    result,
    deviceId: fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 10,
      maxLength: 10,
    }),
  }),
  fc.record({
    command: fc.constant('getBatteryStatusAck' as const),
    packetNumber: pn,
    result,
    levelPercent: fc.integer({ min: 0, max: 100 }),
    voltageMv: fc.integer({ min: 0, max: 0xffff }),
  }),
  fc.record({
    command: fc.constant('getStimStatusAck' as const),
    packetNumber: pn,
    result,
    stimStatus: fc.constantFrom(
      'none' as const,
      'low-level-initialised' as const,
      'mid-level-initialised' as const,
      'mid-level-running' as const,
    ),
    highVoltageLevel: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    command: fc.constant('llInit' as const),
    packetNumber: pn,
    highVoltage: fc.integer({ min: 0, max: 6 }),
    measurement: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    command: fc.constant('llChannelConfig' as const),
    packetNumber: pn,
    execute: fc.constant(true),
    channel: fc.integer({ min: 1, max: 8 }),
    points: balancedPulse,
  }),
  fc.record({
    command: fc.constant('llChannelConfig' as const),
    packetNumber: pn,
    execute: fc.constant(false),
    channel: fc.integer({ min: 1, max: 8 }),
    points: fc.constant([] as PulsePoint[]),
  }),
  fc.record({
    command: fc.constant('llChannelConfigAck' as const),
    packetNumber: pn,
    result,
    channel: fc.integer({ min: 1, max: 8 }),
    measurement: fc.constant(0),
  }),
  fc.record({
    command: fc.constant('mlInit' as const),
    packetNumber: pn,
    stopAllChannelsOnError: fc.boolean(),
  }),
  fc.record({ command: fc.constant('mlUpdate' as const), packetNumber: pn, channels: channelUpdates }),
  fc.record({
    command: fc.constant('mlGetCurrentData' as const),
    packetNumber: pn,
    selection: fc.constantFrom(2 as const, 3 as const, 4 as const),
  }),
  fc.record({
    command: fc.constant('mlGetCurrentDataAck' as const),
    packetNumber: pn,
    result,
    activeChannels: fc.uniqueArray(fc.integer({ min: 1, max: 8 })).map((a) => a.sort((x, y) => x - y)),
    channelStates: states,
  }),
);

describeCodecProperties({
  name: 'ScienceMode4',
  message: sm4Message,
  encode: encodeSm4,
  decode: decodeSm4,
  reader: sm4FrameReader,
  framed: (bytes) => Uint8Array.from([0xf0, 0x81, 0x55, 0x81, (bytes.length + 6) ^ 0x55, ...bytes, 0x0f]),
  sizes: { messages: 5, chunk: 13, randomBytes: 120 },
});
