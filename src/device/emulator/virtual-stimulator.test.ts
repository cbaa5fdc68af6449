import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dateClock } from '../clock.ts';
import { toHex } from '../framing.ts';
import { decodeSm2, encodeSm2, type Sm2Message } from '../sciencemode2/codec.ts';
import { decodeSm4, encodeSm4, type Sm4Message } from '../sciencemode4/codec.ts';
import { linkedTransports } from '../transport.ts';
import { createVirtualStimulator } from './virtual-stimulator.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

function wire<M>(protocol: 'sciencemode2' | 'sciencemode4', decode: (b: Uint8Array) => M) {
  const [host, device] = linkedTransports();
  const received: M[] = [];
  const raw: string[] = [];
  host.onData((chunk) => {
    raw.push(toHex(chunk));
    received.push(decode(chunk));
  });
  const emulator = createVirtualStimulator(protocol, device, dateClock);
  return { host, emulator, received, raw };
}

/** ScienceMode2 InitChannelListMode: channels 1 and 2, one pulse each every 25 ms. */
function channelListOnTwoChannels(packetNumber: number): Sm2Message {
  const activeChannels = [1, 2];
  return {
    command: 'initChannelListMode',
    packetNumber,
    lowFrequencyFactor: 0,
    activeChannels,
    lowFrequencyChannels: [],
    interPulseIntervalMs: 8,
    mainIntervalMs: 25,
    channelExecution: 'fixed-slots',
  };
}

describe('virtual RehaStim2 (ScienceMode2)', () => {
  it('repeats Init every 500 ms until acknowledged, acknowledges commands with their packet number, and stops on its 1 200 ms watchdog', async () => {
    const { host, emulator, received } = wire<Sm2Message>('sciencemode2', decodeSm2);
    emulator.start();
    await vi.advanceTimersByTimeAsync(1_100);
    expect(received.map((m) => m.command)).toEqual(['init', 'init', 'init']);
    const send = (m: Sm2Message) => host.write(encodeSm2(m));
    await send({ command: 'initAck', packetNumber: 2, result: 0 });
    await send(channelListOnTwoChannels(0));
    await send({
      command: 'startChannelListMode',
      packetNumber: 1,
      channels: [
        { mode: 'single', pulseWidthUs: 200, currentMa: 20 },
        { mode: 'single', pulseWidthUs: 200, currentMa: 0 },
      ],
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(received.slice(3)).toEqual([
      { command: 'initChannelListModeAck', packetNumber: 0, result: 0 },
      { command: 'startChannelListModeAck', packetNumber: 1, result: 0 },
    ]);
    expect(emulator.delivering).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(emulator.delivering).toBe(false);
    // 1 200 ms of 25 ms periods on channel 1: 48 pulses at 20 mA; nothing on channel 2 (0 mA).
    expect(emulator.pulses()).toEqual([
      { channel: 1, fromMs: 1_100, toMs: 2_300, periodMs: 25, currentMa: 20, phaseWidthUs: 200, count: 48 },
    ]);
    expect(received.at(-1)?.command).toBe('init');
    expect(emulator.log.map((e) => e.event)).toContain(
      'watchdog expired: stimulation stopped, Init sent again',
    );
  });

  it('refuses an update with the wrong number of channels (−2) and a start before init (−3)', async () => {
    const { host, emulator, received } = wire<Sm2Message>('sciencemode2', decodeSm2);
    emulator.start();
    await vi.advanceTimersByTimeAsync(0);
    await host.write(encodeSm2({ command: 'initAck', packetNumber: 0, result: 0 }));
    await host.write(
      encodeSm2({
        command: 'startChannelListMode',
        packetNumber: 7,
        channels: [{ mode: 'single', pulseWidthUs: 200, currentMa: 5 }],
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(received.at(-1)).toEqual({ command: 'startChannelListModeAck', packetNumber: 7, result: -3 });
    expect(emulator.delivering).toBe(false);
  });
});

describe('virtual P24 (ScienceMode4)', () => {
  it('answers identity and status, runs Ml_update, and stops after 2 s without a keep-alive', async () => {
    const { host, emulator, received, raw } = wire<Sm4Message>('sciencemode4', decodeSm4);
    emulator.start();
    const send = (m: Sm4Message) => host.write(encodeSm4(m));
    await send({ command: 'getDeviceId', packetNumber: 1 });
    await send({ command: 'mlInit', packetNumber: 2, stopAllChannelsOnError: true });
    await send({
      command: 'mlUpdate',
      packetNumber: 3,
      channels: [
        {
          channel: 1,
          rampPulses: 0,
          periodMs: 25,
          points: [
            { durationUs: 200, currentMa: 20 },
            { durationUs: 200, currentMa: -20 },
          ],
        },
      ],
    });
    await vi.advanceTimersByTimeAsync(1_500);
    await send({ command: 'mlGetCurrentData', packetNumber: 4, selection: 4 });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(emulator.delivering).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(emulator.delivering).toBe(false);
    expect(emulator.pulses()).toEqual([
      { channel: 1, fromMs: 0, toMs: 3_500, periodMs: 25, currentMa: 20, phaseWidthUs: 200, count: 140 },
    ]);
    expect(received.map((m) => m.command)).toEqual([
      'getDeviceIdAck',
      'mlInitAck',
      'mlUpdateAck',
      'mlGetCurrentDataAck',
    ]);
    expect(received[0]).toMatchObject({ deviceId: 'MYO-EMU-01' });
    // The answer to Ml_get_current_data is the library's R4 layout: channel 1 active, all states ok.
    expect(raw[3]?.split(' ').slice(-8)).toEqual(
      ['25', '00', '04', '01', '00', '00', '00', '00', '0F'].slice(-8),
    );
  });
});

describe('each channel its own current (both protocols)', () => {
  const byChannel = (trains: ReturnType<ReturnType<typeof createVirtualStimulator>['pulses']>) =>
    [...trains]
      .sort((a, b) => a.channel - b.channel || a.fromMs - b.fromMs)
      .map((t) => [t.channel, t.fromMs, t.toMs, t.currentMa, t.count]);

  it('ScienceMode2: records each channel of a StartChannelListMode at its own current, and a change on one channel only', async () => {
    const { host, emulator } = wire<Sm2Message>('sciencemode2', decodeSm2);
    emulator.start();
    await vi.advanceTimersByTimeAsync(0);
    const send = (m: Sm2Message) => host.write(encodeSm2(m));
    await send({ command: 'initAck', packetNumber: 0, result: 0 });
    await send(channelListOnTwoChannels(0));
    const update = (packetNumber: number, secondMa: number) =>
      send({
        command: 'startChannelListMode',
        packetNumber,
        channels: [
          { mode: 'single', pulseWidthUs: 200, currentMa: 20 },
          { mode: 'single', pulseWidthUs: 200, currentMa: secondMa },
        ],
      });
    await update(1, 35);
    await vi.advanceTimersByTimeAsync(500);
    await update(2, 10);
    await vi.advanceTimersByTimeAsync(500);
    // [channel, from, to, mA, pulses]: channel 1 runs on unchanged; channel 2 changes at 500 ms.
    expect(byChannel(emulator.pulses())).toEqual([
      [1, 0, 1_000, 20, 40],
      [2, 0, 500, 35, 20],
      [2, 500, 1_000, 10, 20],
    ]);
  });

  it('ScienceMode4: records each channel of an Ml_update at its own current, and a change on one channel only', async () => {
    const { host, emulator } = wire<Sm4Message>('sciencemode4', decodeSm4);
    emulator.start();
    const send = (m: Sm4Message) => host.write(encodeSm4(m));
    await send({ command: 'mlInit', packetNumber: 1, stopAllChannelsOnError: true });
    const channel = (n: number, currentMa: number) => ({
      channel: n,
      rampPulses: 0,
      periodMs: 25,
      points: [
        { durationUs: 200, currentMa },
        { durationUs: 200, currentMa: -currentMa },
      ],
    });
    await send({ command: 'mlUpdate', packetNumber: 2, channels: [channel(1, 20), channel(2, 35)] });
    await vi.advanceTimersByTimeAsync(500);
    await send({ command: 'mlUpdate', packetNumber: 3, channels: [channel(1, 20), channel(2, 10)] });
    await vi.advanceTimersByTimeAsync(500);
    expect(byChannel(emulator.pulses())).toEqual([
      [1, 0, 1_000, 20, 40],
      [2, 0, 500, 35, 20],
      [2, 500, 1_000, 10, 20],
    ]);
  });
});
