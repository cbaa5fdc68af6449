import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { gateProgramme } from '../clinic/safety/programme-gate.ts';
import { dateClock } from './clock.ts';
import { gateInputFor } from './demo-session.ts';
import { createVirtualStimulator } from './emulator/virtual-stimulator.ts';
import {
  deliverSdProbe,
  devicePhaseWidthRangeUs,
  SD_PROBE,
  sdProbeProgramme,
  splitSdWidths,
} from './sd-probe.ts';
import { linkedTransports } from './transport.ts';

const WIDTHS_MS = [0.05, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

/** The gate on a probe of the calf, screened for the calf (gateInputFor), for 'send-to-device'. */
function gateProbe(phaseWidthUs: number, currentMa: number, muscle = 'triceps-surae') {
  return gateProgramme({
    ...gateInputFor(null),
    programme: sdProbeProgramme(muscle, 'left', phaseWidthUs, currentMa),
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2025-03-10T12:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('strength–duration probes through the device', () => {
  it('splits the test widths into those each device sets and those entered by hand', () => {
    expect(devicePhaseWidthRangeUs('sciencemode2')).toEqual({ minUs: 20, maxUs: 500 });
    expect(devicePhaseWidthRangeUs('sciencemode4')).toEqual({ minUs: 10, maxUs: 4090 });
    expect(splitSdWidths(WIDTHS_MS, 'sciencemode2')).toEqual({
      deviceMs: [0.05, 0.1, 0.3],
      manualMs: [1, 3, 10, 30, 100, 300],
    });
    expect(splitSdWidths(WIDTHS_MS, 'sciencemode4')).toEqual({
      deviceMs: [0.05, 0.1, 0.3, 1, 3],
      manualMs: [10, 30, 100, 300],
    });
  });

  it('a probe is a 3 s programme at the width and current asked, on the muscle’s electrodes, that the gate clears', () => {
    const probe = sdProbeProgramme('triceps-surae', 'left', 300, 7);
    expect(probe.levels).toHaveLength(1);
    expect(probe.levels[0]?.blocks).toEqual([
      expect.objectContaining({
        minutes: 0.05,
        frequencyHz: 2,
        phaseWidthUs: 300,
        maxIntensityMa: 7,
        cycle: { onS: 2, offS: 1, rampUpS: 0, rampDownS: 0 },
      }),
    ]);
    expect(probe.channels.flatMap((c) => c.electrodes.map((e) => e.site))).toContain('triceps-surae');
    const decision = gateProbe(300, 7);
    expect(decision.blockers).toEqual([]);
    expect(decision.allowed).toBe(true);
  });

  it('the gate refuses a probe on a muscle the screening did not cover', () => {
    const decision = gateProbe(300, 7, 'tibialis-anterior');
    expect(decision.allowed).toBe(false);
    expect(decision.blockers.map((b) => b.code)).toContain('screening-site-not-covered');
  });

  it.each(['sciencemode2', 'sciencemode4'] as const)(
    'on the virtual %s device a probe delivers 4 pulses at the current and width asked, then stops',
    async (protocol) => {
      const decision = gateProbe(300, 12);
      if (!decision.allowed) throw new Error('the gate refused the probe');
      const [host, device] = linkedTransports();
      const emulator = createVirtualStimulator(protocol, device, dateClock);
      const done = deliverSdProbe({
        cleared: decision.cleared,
        protocol,
        transport: host,
        clock: dateClock,
        currentMa: 12,
      });
      emulator.start();
      await vi.advanceTimersByTimeAsync(6_000);
      const summary = await done;
      emulator.shutdown();
      expect(summary.stopReason).toBe('completed');
      expect(summary.peakCurrentMaByChannel).toEqual({ '1': 12 });
      const pulses = emulator.pulses();
      const count = pulses.reduce((n, t) => n + t.count, 0);
      // 2 s at 2 Hz: 4 twitches (one more when the train's last period is counted at its start).
      expect(count).toBeGreaterThanOrEqual(SD_PROBE.trainS * SD_PROBE.frequencyHz);
      expect(count).toBeLessThanOrEqual(SD_PROBE.trainS * SD_PROBE.frequencyHz + 1);
      expect(Math.max(...pulses.map((t) => t.currentMa))).toBe(12);
      expect(new Set(pulses.map((t) => t.phaseWidthUs))).toEqual(new Set([300]));
    },
  );
});
