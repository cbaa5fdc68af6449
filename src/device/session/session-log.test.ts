import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dateClock } from '../clock.ts';
import { clearedShortProgramme, shortCalfProgramme, twoCalfProgramme } from '../demo-session.ts';
import { createVirtualStimulator, EMULATOR_DEVICE_ID } from '../emulator/virtual-stimulator.ts';
import { linkedTransports } from '../transport.ts';
import { SessionController } from './controller.ts';
import { manualSessionLog, type PatientReport, playedSessionLog } from './session-log.ts';
import { planSession } from './session-plan.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

const plan = planSession(shortCalfProgramme());
const report: PatientReport = {
  programmeId: '00000000-0000-4000-8000-000000000001',
  startedAt: '2025-03-10T08:00:00.000Z',
  comfort: 6,
  pain: 3,
  notes: '  It tingled. ',
  seen: { step: 'visible', atMa: 11 },
};

/**
 * Plays the 21 s programme at 12 mA (or at `intensityMa` on the two-calf programme) on the virtual
 * ScienceMode4 stimulator, stopped after `stopAfterMs` (or to its end).
 */
async function play(stopAfterMs?: number, intensityMa?: number[]) {
  const [host, device] = linkedTransports();
  const emulator = createVirtualStimulator('sciencemode4', device, dateClock);
  emulator.start();
  const controller = new SessionController({
    cleared: intensityMa ? clearedShortProgramme(undefined, twoCalfProgramme()) : clearedShortProgramme(),
    protocol: 'sciencemode4',
    transport: host,
    clock: dateClock,
    intensityMa: intensityMa ?? 12,
  });
  const played = controller.play();
  if (stopAfterMs !== undefined) {
    await vi.advanceTimersByTimeAsync(stopAfterMs);
    controller.emergencyStop();
  }
  await vi.advanceTimersByTimeAsync(30_000);
  const summary = await played;
  emulator.shutdown();
  return summary;
}

describe('the session log the player sends', () => {
  it('logs a whole session with the device, what it delivered and the contraction seen', async () => {
    const log = playedSessionLog(await play(), plan, 'virtual-stimulator', report);
    expect(log).toMatchObject({
      kind: 'stimulation',
      startedAt: report.startedAt,
      minutes: 0.35,
      peakIntensityMa: 12,
      comfort: 6,
      pain: 3,
      completed: true,
      notes: 'It tingled.',
      programmeId: report.programmeId,
      evokedForce: { step: 'visible' },
    });
    expect(log.delivery).toMatchObject({
      mode: 'virtual-stimulator',
      device: { protocol: 'sciencemode4', deviceId: EMULATOR_DEVICE_ID },
      level: 1,
      stopReason: 'completed',
      deliveredMinutes: 0.35,
      plannedMinutes: 0.35,
      peakCurrentMaByChannel: { '1': 12 },
      contractions: 2,
      faults: [],
      intensityAtAimMa: 11,
    });
    expect(log.delivery?.frequencyHz).toHaveLength(3);
  });

  it("logs each channel's own peak, and the highest of them as the session's peak", async () => {
    const summary = await play(undefined, [14, 9]);
    const log = playedSessionLog(summary, planSession(twoCalfProgramme()), 'virtual-stimulator', report);
    expect(log.peakIntensityMa).toBe(14);
    expect(log.delivery?.peakCurrentMaByChannel).toEqual({ '1': 14, '2': 9 });
  });

  it('logs a session stopped because the page was hidden as interrupted, with what was delivered', async () => {
    const log = playedSessionLog(
      await play(11_000),
      plan,
      'virtual-stimulator',
      { ...report, seen: null },
      true,
    );
    expect(log.completed).toBe(false);
    expect(log.evokedForce).toBeNull();
    expect(log.delivery?.stopReason).toBe('page-hidden');
    expect(log.delivery?.contractions).toBe(1);
    expect(log.minutes).toBeGreaterThan(0.17);
    expect(log.minutes).toBeLessThan(0.2);
    expect(log.delivery).not.toHaveProperty('intensityAtAimMa');
  });

  it('logs a manual session with the timer and the patient’s own peak intensity', () => {
    const log = manualSessionLog(plan, 15, [20], { ...report, notes: ' ' });
    expect(log).toMatchObject({ minutes: 0.25, peakIntensityMa: 20, completed: false, notes: null });
    expect(log.delivery).toEqual({
      mode: 'manual',
      device: null,
      level: 1,
      stopReason: 'stopped-by-user',
      deliveredMinutes: 0.25,
      plannedMinutes: 0.35,
      peakCurrentMaByChannel: { '1': 20 },
      frequencyHz: [],
      contractions: 1,
      faults: [],
      intensityAtAimMa: 11,
    });
    expect(manualSessionLog(plan, 30, [20], report).delivery?.stopReason).toBe('completed');
  });

  it('logs a manual session on two channels with the peak the patient gives for each', () => {
    const bothCalves = planSession(twoCalfProgramme());
    const log = manualSessionLog(bothCalves, 30, [9, 14], report);
    expect(log.peakIntensityMa).toBe(14);
    expect(log.delivery?.peakCurrentMaByChannel).toEqual({ '1': 9, '2': 14 });
    expect(() => manualSessionLog(bothCalves, 30, [9], report)).toThrow(
      "give the highest strength used on each of the programme's 2 channels; got 1",
    );
    expect(() => manualSessionLog(bothCalves, 30, [9, 14.5], report)).toThrow(
      'the highest strength on channel 2 must be a whole number of mA, 0 or more; got 14.5',
    );
    expect(() => manualSessionLog(bothCalves, 30, [-1, 14], report)).toThrow(/channel 1 .* got -1/);
  });
});
