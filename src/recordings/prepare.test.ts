import { describe, expect, it } from 'vitest';
import { designButterworthLowPass } from '../physiology/numerics/butterworth.ts';
import { detectPulses, noiseBandwidthHz, prepareRecording } from './prepare.ts';
import type { RawRecording, RecordingChannel } from './recording.ts';

function channel(label: string, values: number[], unit = 'N', unitInFile = unit): RecordingChannel {
  return { label, unit, unitInFile, values: Float64Array.from(values) };
}
function raw(timesS: number[], channels: RecordingChannel[]): RawRecording {
  return { format: 'csv', timesS: Float64Array.from(timesS), channels, notes: [] };
}
const rate = 1000;
const times = Array.from({ length: 2000 }, (_, i) => i / rate);
/** A recording of one channel holding 2 (in its unit) throughout. */
function steady(label: string, unit: string, unitInFile?: string): RawRecording {
  return raw(times, [
    channel(
      label,
      times.map(() => 2),
      unit,
      unitInFile,
    ),
  ]);
}

describe('detectPulses', () => {
  it('finds each rising edge through half the range, at the interpolated crossing', () => {
    const trigger = Float64Array.from(times, (t) =>
      (t >= 0.1 && t < 0.102) || (t >= 0.2 && t < 0.202) ? 5 : 0,
    );
    expect(detectPulses(Float64Array.from(times), trigger, 'trig').map((t) => Number(t.toFixed(6)))).toEqual([
      0.0995, 0.1995,
    ]);
  });

  it('says the trigger is missing when the channel is flat or never rises', () => {
    expect(() => detectPulses(Float64Array.from([0, 1, 2]), Float64Array.from([1, 1, 1]), 'trig')).toThrow(
      "missing trigger: channel 'trig' is flat (1 throughout)",
    );
    expect(() => detectPulses(Float64Array.from([0, 1, 2]), Float64Array.from([5, 0, 0]), 'trig')).toThrow(
      /missing trigger: channel 'trig' never rises through 2.5/,
    );
  });
});

describe('prepareRecording', () => {
  it('removes offset and linear drift from the baselines and puts 0 at the first pulse', () => {
    // A force of 100 N between 0.5 and 0.9 s on an offset of 10 N and a drift of 3 N/s.
    const force = times.map((t) => 10 + 3 * t + (t >= 0.5 && t < 0.9 ? 100 : 0));
    const trigger = times.map((t) => (t >= 0.5 && t < 0.502 ? 1 : 0));
    const prepared = prepareRecording(
      raw(times, [channel('force', force), channel('trigger', trigger, 'V')]),
      {
        triggerChannel: 'trigger',
        cutoffHz: 20,
      },
    );
    expect(prepared.processing.originS).toBeCloseTo(0.4995, 9);
    expect(prepared.pulseTimesS).toEqual([0]);
    expect(prepared.processing.offsetN).toBeCloseTo(10 + 3 * 0.247, 9);
    expect(prepared.processing.driftNPerS).toBeCloseTo(3, 9);
    expect(prepared.force.timesS[0]).toBeCloseTo(0.0005, 9);
    // Far from the force's steps, the prepared force is 0 at rest and 100 N during the contraction.
    const at = (t: number) =>
      prepared.force.forceN[prepared.force.timesS.findIndex((s) => s >= t - 1e-9)] as number;
    expect(at(0.2)).toBeCloseTo(100, 2);
    expect(at(1.2)).toBeCloseTo(0, 2);
    expect(prepared.notes.join(' ')).toMatch(/Offset 10.74 N and drift 3.00 N\/s removed/);
  });

  it('leaves the raw recording as it was, and its unfiltered force is the channel less offset and drift exactly', () => {
    const force = times.map((t) => 10 + 3 * t + (t >= 0.25 && t < 0.55 ? 100 : 0));
    const trigger = times.map((t) => (t >= 0.25 && t < 0.252 ? 5 : 0));
    const recording = raw(times, [channel('force', force), channel('trigger', trigger, 'V')]);
    const prepared = prepareRecording(recording, { triggerChannel: 'trigger' });
    // prepare works in arrays of its own (the sample intervals' array becomes the unfiltered force).
    expect(Array.from(recording.timesS)).toEqual(times);
    expect(Array.from(recording.channels[0]?.values ?? [])).toEqual(force);
    expect(Array.from(recording.channels[1]?.values ?? [])).toEqual(trigger);
    const { originS, driftNPerS } = prepared.processing;
    expect(driftNPerS).toBeCloseTo(3, 9);
    const first = times.findIndex((t) => t - originS >= 0);
    expect(prepared.unfilteredForceN).toHaveLength(times.length - first);
    // Less the drift, what is left differs from the channel by one constant (the offset) everywhere.
    const left = (k: number) =>
      (prepared.unfilteredForceN[k] as number) -
      ((force[first + k] as number) - driftNPerS * (times[first + k] as number));
    for (const k of [1, 500, prepared.unfilteredForceN.length - 1]) {
      expect(prepared.force.timesS[k]).toBe((times[first + k] as number) - originS);
      expect(left(k)).toBeCloseTo(left(0), 9);
    }
  });

  it('uses entered pulse times from the stated onset', () => {
    const force = times.map((t) => 5 + (t >= 0.3 && t < 0.6 ? 50 : 0));
    const prepared = prepareRecording(raw(times, [channel('force', force)]), {
      onsetS: 0.3,
      pulseTimesS: [0, 0.1, 0.2],
      cutoffHz: 20,
    });
    expect(prepared.pulseTimesS).toBeUndefined();
    expect(prepared.processing.originS).toBe(0.3);
    expect(prepared.processing.offsetN).toBeCloseTo(5, 9);
    expect(prepared.processing.driftNPerS).toBeCloseTo(0, 9);
    expect(prepared.force.timesS[0]).toBeCloseTo(0, 9);
  });

  it('resamples irregular times onto their mean interval', () => {
    const jittered = times.map((t, i) => t + (i % 2 === 0 ? 0 : 0.0003));
    const prepared = prepareRecording(
      raw(jittered, [
        channel(
          'force',
          jittered.map((t) => 2 * t),
        ),
      ]),
    );
    expect(prepared.processing.resampled).toBe(true);
    // Alternating intervals of 1.3 ms and 0.7 ms, 1999 of them over 1.9993 s.
    expect(prepared.processing.sampleRateHz).toBeCloseTo(1999 / 1.9993, 6);
    expect(prepared.notes.join(' ')).toMatch(/irregular: resampled linearly at 999.85 Hz/);
    // A straight line stays a straight line on the new grid.
    expect(prepared.unfilteredForceN[1000]).toBeCloseTo(2 * (prepared.force.timesS[1000] as number), 9);
    expect(prepared.notes.join(' ')).toMatch(
      /No baseline of 10 samples before the first pulse: the offset was not removed/,
    );
  });

  it('converts the force unit as declared, and asks for volts to be calibrated', () => {
    const volts = steady('load cell', 'V');
    expect(() => prepareRecording(volts)).toThrow(
      /the force channel 'load cell' is in volts \(V\): declare the transducer's calibration in N per V/,
    );
    expect(prepareRecording(volts, { forceScaleNPerV: 50 }).force.forceN[5]).toBeCloseTo(100, 9);
    const bare = steady('force', '', '');
    expect(prepareRecording(bare, { forceUnit: 'kgf' }).force.forceN[5]).toBeCloseTo(2 * 9.80665, 9);
    expect(() => prepareRecording(bare, { forceUnit: 'deg' })).toThrow(
      /force unit 'deg' is not a force or torque unit; known units are N, kN/,
    );
    const angle = steady('knee', '', 'deg');
    expect(() => prepareRecording(angle)).toThrow(
      /the force channel 'knee' is in 'deg', not a force or torque/,
    );
  });

  it('asks which channel is the force when it cannot tell, listing them', () => {
    const two = raw(times, [channel('a', times, 'V'), channel('b', times, 'V')]);
    expect(() => prepareRecording(two)).toThrow(
      /name the force channel: the recording has 2 channels \('a' in V, 'b' in V\)/,
    );
    expect(() => prepareRecording(two, { forceChannel: 'c' })).toThrow(
      "the recording has no channel 'c' for the force; its channels are: 'a', 'b'",
    );
  });

  it('states the cut-off and widens standard errors by √(fs / 2B)', () => {
    const prepared = prepareRecording(raw(times, [channel('force', times)]));
    expect(prepared.processing.cutoffHz).toBe(100);
    expect(prepared.processing.filterOrder).toBe(4);
    // Analog 4th-order Butterworth: ∫|H|⁴ df = fc·∫₀^∞ (1 + x⁸)⁻² dx = fc·(7/8)·π/(8 sin(π/8)) = 89.8 Hz at
    // fc = 100 Hz; the bilinear warping (fc/fs = 0.1) adds a little.
    const bandwidth = noiseBandwidthHz(designButterworthLowPass(4, 100, 1000));
    expect(bandwidth).toBeGreaterThan(89.8);
    expect(bandwidth).toBeLessThan(90.5);
    expect(prepared.processing.standardErrorInflation).toBeCloseTo(Math.sqrt(500 / bandwidth), 9);
    const slow = prepareRecording(
      raw(
        times.map((t) => t * 10),
        [channel('force', times)],
      ),
    );
    expect(slow.processing.cutoffHz).toBeCloseTo(40, 9);
  });
});
