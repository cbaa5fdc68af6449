import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCodecProperties } from '../../../test/codec-properties.ts';
import { itEncodesGoldenPackets } from '../../../test/golden-packets.ts';
import type { PulsePoint } from '../pulse-output.ts';
import {
  decodeSm4,
  encodeSm4,
  SM4_BARE_COMMANDS,
  SM4_RESULT_COMMANDS,
  type Sm4ChannelUpdate,
  type Sm4Message,
  sm4FrameReader,
} from './codec.ts';
import golden from './golden-packets.json' with { type: 'json' };

/**
 * Golden packets (golden-packets.json): produced by the manufacturer's C library
 * ScienceMode/ScienceMode4_c_library (HEAD 0cb1201) `smpt_build_*` functions, client side for
 * commands (P) and server side for responses (R); the rows whose source adds ScienceMode4Python were
 * produced byte for byte by the independent nextroundwinner/ScienceMode4Python encoder. Myotrophy
 * stimulator research note §3.2. Each row names its own source.
 */
const biphasic = (us: number, ma: number) => [
  { durationUs: us, currentMa: ma },
  { durationUs: us, currentMa: ma === 0 ? 0 : -ma },
];

describe('ScienceMode4 golden packets', () => {
  itEncodesGoldenPackets(
    golden,
    [
      ...Array.from({ length: 18 }, (_, i) => `P${i + 1}`),
      ...Array.from({ length: 10 }, (_, i) => `R${i + 1}`),
    ],
    encodeSm4,
    decodeSm4,
  );
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
  ...SM4_BARE_COMMANDS.map((command) => fc.record({ command: fc.constant(command), packetNumber: pn })),
  ...SM4_RESULT_COMMANDS.map((command) =>
    fc.record({ command: fc.constant(command), packetNumber: pn, result }),
  ),
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
