import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dateClock } from '../clock.ts';
import { clearedShortProgramme, shortCalfProgramme, twoCalfProgramme } from '../demo-session.ts';
import { createVirtualStimulator, type Fault, type Protocol } from '../emulator/virtual-stimulator.ts';
import { type ByteTransport, linkedTransports } from '../transport.ts';
import { SessionController } from './controller.ts';

const PERIOD = 100;
const ACK_TIMEOUT = 100;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

function session(
  protocol: Protocol,
  cleared: unknown = clearedShortProgramme(),
  intensityMa: number | number[] = 30,
) {
  const [host, device] = linkedTransports();
  const written: Uint8Array[] = [];
  const spy: ByteTransport = {
    write: (bytes) => {
      written.push(bytes);
      return host.write(bytes);
    },
    onData: (l) => host.onData(l),
    onClose: (l) => host.onClose(l),
    close: () => host.close(),
    get open() {
      return host.open;
    },
  };
  const emulator = createVirtualStimulator(protocol, device, dateClock);
  const controller = new SessionController({
    cleared,
    protocol,
    transport: spy,
    clock: dateClock,
    intensityMa,
    updatePeriodMs: PERIOD,
    ackTimeoutMs: ACK_TIMEOUT,
  });
  return { emulator, controller, written };
}

/** The highest current the emulator delivered on each channel (mA), from its pulse record. */
function peakByChannel(emulator: ReturnType<typeof createVirtualStimulator>): Record<number, number> {
  const peaks: Record<number, number> = {};
  for (const t of emulator.pulses()) peaks[t.channel] = Math.max(peaks[t.channel] ?? 0, t.currentMa);
  return peaks;
}

/** When the emulator's output last ended (ms), from its pulse record. */
function outputEndedAt(emulator: ReturnType<typeof createVirtualStimulator>): number {
  return Math.max(...emulator.pulses().map((t) => t.toMs));
}

/** A session of the short programme playing on a started virtual device, `ms` into it. */
async function playedFor(protocol: Protocol, ms: number) {
  const { controller, emulator } = session(protocol);
  const done = controller.play();
  emulator.start();
  await vi.advanceTimersByTimeAsync(ms);
  return { controller, emulator, done };
}

describe.each(['sciencemode2', 'sciencemode4'] as const)(
  'session controller on the virtual %s device',
  (protocol) => {
    it('sends no byte for a programme the gate did not clear', async () => {
      const { controller, written, emulator } = session(protocol, { programme: shortCalfProgramme() });
      await expect(controller.play()).rejects.toThrow(/not cleared by the safety gate/);
      expect(written).toEqual([]);
      expect(emulator.pulses()).toEqual([]);
    });

    it('plays the whole programme: every block at its frequency, the set intensity, then stops', async () => {
      const { emulator, done } = await playedFor(protocol, 25_000);
      const summary = await done;
      expect(summary.stopReason).toBe('completed');
      expect(summary.faults).toEqual([]);
      expect(summary.deliveredMinutes).toBeCloseTo(0.35, 2);
      expect(summary.peakCurrentMaByChannel).toEqual({ '1': 30 });
      expect(summary.deliveredFrequencyHz).toEqual(
        protocol === 'sciencemode2' ? [5, 35.088, 2.999] : [5, 35.088, 3.001],
      );
      expect(emulator.delivering).toBe(false);
      const trains = emulator.pulses();
      expect(Math.max(...trains.map((t) => t.currentMa))).toBe(30);
      expect(new Set(trains.map((t) => t.phaseWidthUs))).toEqual(new Set([300]));
      // Work block: two 4 s contractions at 35.088 Hz, full current for 2 s of each.
      const full = trains.filter((t) => t.currentMa === 30 && t.periodMs === 28.5);
      const fullPulses = full.reduce((n, t) => n + t.count, 0);
      expect(fullPulses).toBeGreaterThanOrEqual(2 * 2 * 35 - 8);
      expect(fullPulses).toBeLessThanOrEqual(2 * 2 * 35 + 8);
      expect(summary.events.map((e) => e.event)).toContain('state ramp-up');
      expect(summary.events.map((e) => e.event)).toContain('state rest');
    });

    const faults: { fault: Fault; kind: string; bound: number }[] = [
      { fault: 'lost-ack', kind: 'missing-ack', bound: PERIOD + ACK_TIMEOUT },
      { fault: 'bad-checksum', kind: 'checksum', bound: PERIOD },
      { fault: 'disconnect', kind: 'transport-closed', bound: PERIOD },
      { fault: 'electrode-error', kind: 'electrode-error', bound: PERIOD },
      ...(protocol === 'sciencemode4'
        ? [{ fault: 'low-battery' as const, kind: 'low-battery', bound: PERIOD }]
        : []),
    ];
    for (const { fault, kind, bound } of faults) {
      it(`${fault}: output stops within one update period${fault === 'lost-ack' ? ' after the acknowledgement was due' : ''}, and the fault is logged`, async () => {
        // 6 s warm-up, then the work block's first contraction is at full current from 7 s to 9 s.
        const { emulator, done } = await playedFor(protocol, 8_000);
        expect(emulator.delivering).toBe(true);
        const injectedAt = Date.now();
        emulator.inject(fault);
        await vi.advanceTimersByTimeAsync(bound);
        expect(emulator.delivering).toBe(false);
        expect(outputEndedAt(emulator) - injectedAt).toBeLessThanOrEqual(bound);
        const summary = await done;
        expect(summary.stopReason).toBe('fault');
        expect(summary.faults.map((f) => f.kind)).toEqual([kind]);
        expect(summary.events.some((e) => e.event.startsWith(`fault ${kind}`))).toBe(true);
      });
    }

    if (protocol === 'sciencemode2') {
      it('low-battery: ScienceMode2 has no battery report, so the fault cannot be injected and the session plays on', async () => {
        const { controller, emulator } = session(protocol);
        const done = controller.play();
        emulator.start();
        await vi.advanceTimersByTimeAsync(8_000);
        expect(() => emulator.inject('low-battery')).toThrow(/ScienceMode2 has no battery report/);
        await vi.advanceTimersByTimeAsync(PERIOD);
        expect(emulator.delivering).toBe(true);
        await vi.advanceTimersByTimeAsync(25_000);
        const summary = await done;
        expect(summary.stopReason).toBe('completed');
        expect(summary.faults).toEqual([]);
      });
    }

    it('an emergency stop ends output at once, mid-contraction', async () => {
      const { controller, emulator, done } = await playedFor(protocol, 8_050);
      expect(emulator.delivering).toBe(true);
      const at = Date.now();
      controller.emergencyStop();
      await vi.advanceTimersByTimeAsync(0);
      expect(emulator.delivering).toBe(false);
      expect(outputEndedAt(emulator)).toBe(at);
      expect((await done).stopReason).toBe('emergency-stop');
    });

    it("keeps the patient's intensity inside the clinician's range; pause sends zero current and resume goes on", async () => {
      const { controller, emulator } = session(protocol);
      const done = controller.play();
      emulator.start();
      await vi.advanceTimersByTimeAsync(7_500);
      expect(() => controller.setIntensity(101)).toThrow(/from 0 to 100 mA/);
      expect(() => controller.setIntensity(-1)).toThrow(/from 0 to 100 mA/);
      controller.setIntensity(40);
      await vi.advanceTimersByTimeAsync(300);
      expect(emulator.recorder.active()).toEqual([{ channel: 1, currentMa: 40 }]);
      controller.pause();
      await vi.advanceTimersByTimeAsync(200);
      expect(emulator.delivering).toBe(false);
      expect(controller.state).toBe('paused');
      await vi.advanceTimersByTimeAsync(5_000);
      controller.resume();
      await vi.advanceTimersByTimeAsync(25_000);
      const summary = await done;
      expect(summary.stopReason).toBe('completed');
      expect(summary.peakCurrentMaByChannel).toEqual({ '1': 40 });
      // The pause does not count as delivered time.
      expect(summary.deliveredMinutes).toBeCloseTo(0.35, 2);
    });

    describe('two channels (left and right calf)', () => {
      const twoChannels = () => clearedShortProgramme(undefined, twoCalfProgramme());

      it('ramps each channel on its own: the device delivers each channel its own current', async () => {
        const { controller, emulator } = session(protocol, twoChannels(), 0);
        const done = controller.play();
        emulator.start();
        await vi.advanceTimersByTimeAsync(1_000);
        controller.setIntensity(24, 1);
        controller.setIntensity(37, 2);
        expect(controller.channelIntensitiesMa).toEqual([24, 37]);
        // 7.5 s: the work block's first contraction, at full current.
        await vi.advanceTimersByTimeAsync(6_500);
        expect(emulator.recorder.active()).toEqual([
          { channel: 1, currentMa: 24 },
          { channel: 2, currentMa: 37 },
        ]);
        // Channel 2 down by 5 mA: channel 1 keeps its current.
        controller.setIntensity(32, 2);
        await vi.advanceTimersByTimeAsync(200);
        expect(emulator.recorder.active()).toEqual([
          { channel: 1, currentMa: 24 },
          { channel: 2, currentMa: 32 },
        ]);
        // During a ramp each channel gets its own fraction of its own intensity, never the other's.
        const rampTrains = emulator
          .pulses()
          .filter((t) => t.periodMs === 28.5 && t.currentMa > 0 && t.currentMa < 24);
        expect(rampTrains.some((t) => t.channel === 1)).toBe(true);
        expect(rampTrains.some((t) => t.channel === 2)).toBe(true);
        await vi.advanceTimersByTimeAsync(25_000);
        const summary = await done;
        expect(summary.stopReason).toBe('completed');
        expect(summary.peakCurrentMaByChannel).toEqual({ '1': 24, '2': 37 });
        expect(peakByChannel(emulator)).toEqual({ 1: 24, 2: 37 });
        expect(summary.events.map((e) => e.event)).toContain('channel 2 intensity set to 32 mA');
      });

      it("starts each channel at its own intensity, and keeps each inside the clinician's ceiling", async () => {
        const { controller, emulator } = session(protocol, twoChannels(), [18, 26]);
        const done = controller.play();
        emulator.start();
        await vi.advanceTimersByTimeAsync(7_500);
        expect(emulator.recorder.active()).toEqual([
          { channel: 1, currentMa: 18 },
          { channel: 2, currentMa: 26 },
        ]);
        expect(() => controller.setIntensity(101, 2)).toThrow(/from 0 to 100 mA/);
        expect(() => controller.setIntensity(-1, 1)).toThrow(/from 0 to 100 mA/);
        expect(() => controller.setIntensity(10, 3)).toThrow(
          /channel must be a whole number from 1 to 2; got 3/,
        );
        expect(() => controller.setIntensity(10, 0)).toThrow(/from 1 to 2/);
        expect(controller.channelIntensitiesMa).toEqual([18, 26]);
        controller.emergencyStop();
        await vi.advanceTimersByTimeAsync(0);
        expect(emulator.delivering).toBe(false);
        expect((await done).peakCurrentMaByChannel).toEqual({ '1': 18, '2': 26 });
      });

      it('refuses a list of starting intensities that does not match the channels, before any byte', async () => {
        const { controller, written } = session(protocol, twoChannels(), [20]);
        await expect(controller.play()).rejects.toThrow(
          /one starting intensity, or one for each of the programme's 2 channels; got 1/,
        );
        expect(written).toEqual([]);
      });
    });
  },
);
