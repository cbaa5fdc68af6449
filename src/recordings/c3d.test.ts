import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readC3d } from './c3d.ts';
import { readOpenSimStorage } from './opensim.ts';
import { RecordingFormatError } from './recording.ts';
import { exampleRecording, expectExampleTimeBase } from './testdata/example-files.ts';

/**
 * The C3D fixtures were written by examples/recordings/write_c3d.py (Python struct, from the C3D
 * user guide) from ding2003-person.sto: the reader must give back the .sto's values.
 */
const reference = readOpenSimStorage(exampleRecording('ding2003-person.sto'));

describe('readC3d', () => {
  for (const [name, tolerance] of [
    // int16 at 0.05 N per bit: rounding to the nearest bit is within 0.025 N.
    ['ding2003-person-int.c3d', 0.025 + 1e-9],
    // float32: 24-bit mantissa, forces under 400 N are within 3e-5 N.
    ['ding2003-person-float.c3d', 3e-5],
  ] as const) {
    it(`reads the analog channels of ${name}, scaled to their units`, () => {
      const recording = readC3d(exampleRecording(name));
      expect(recording.format).toBe('c3d');
      expect(recording.channels.map((c) => [c.label, c.unit])).toEqual([
        ['FORCE', 'N'],
        ['TRIGGER', 'V'],
      ]);
      expect(recording.timesS[1]).toBeCloseTo(0.001, 12);
      expectExampleTimeBase(recording, 9);
      const force = recording.channels[0]?.values as Float64Array;
      const expected = reference.channels[0]?.values as Float64Array;
      let worst = 0;
      for (let i = 0; i < force.length; i += 1)
        worst = Math.max(worst, Math.abs((force[i] as number) - (expected[i] as number)));
      expect(worst).toBeLessThanOrEqual(tolerance);
      expect(worst).toBeGreaterThan(0);
      expect(recording.channels[1]?.values[300]).toBeCloseTo(5, 6);
      expect(recording.notes[0]).toMatch(/2 analog channel\(s\) at 1000 Hz, 150 frame\(s\) from frame 1/);
    });
  }

  it('names the byte and what was expected for bad files', () => {
    const good = exampleRecording('ding2003-person-int.c3d');
    const notC3d = good.slice();
    notC3d[1] = 0x51;
    const dec = good.slice();
    dec[512 + 3] = 85;
    const noChannels = good.slice();
    noChannels[4] = 0;
    noChannels[5] = 0;
    const cases: [Uint8Array, RegExp][] = [
      [good.slice(0, 100), /the file has 100 bytes; a C3D file has at least a 512-byte header/],
      [notC3d, /byte 1 is 81; a C3D file has 0x50 \(80\) there/],
      [dec, /byte 515: processor type 85 \(DEC\); only Intel-format C3D files/],
      [
        good.slice(0, 2048),
        /byte 2048: 150 frame\(s\) of 40 bytes from block 4 need 7536 bytes; the file has 2048 \(cut short\?\)/,
      ],
      [noChannels, /analog measurements per frame do not match 2 channel\(s\)/],
    ];
    for (const [bytes, message] of cases) {
      expect(() => readC3d(bytes)).toThrow(RecordingFormatError);
      expect(() => readC3d(bytes)).toThrow(message);
    }
  });
});

/** A file of testdata/c3d (README there: which system wrote it, source, licence), decompressed. */
function independentC3d(name: string): Uint8Array {
  return new Uint8Array(
    brotliDecompressSync(readFileSync(new URL(`./testdata/c3d/${name}.c3d.br`, import.meta.url))),
  );
}

/** A channel's value at `sample`, by label. */
function channelValue(recording: ReturnType<typeof readC3d>, label: string, sample: number): number {
  const channel = recording.channels.find((c) => c.label === label);
  if (!channel) throw new Error(`no channel ${label}`);
  return channel.values[sample] as number;
}

describe('readC3d on files written by motion-capture systems', () => {
  it('reads the Vicon Nexus file as Vicon Nexus exports it', () => {
    const recording = readC3d(independentC3d('Vicon'));
    expect(recording.channels).toHaveLength(38);
    expect(recording.timesS).toHaveLength(11_600);
    expect(recording.timesS[0]).toBe(0);
    expect(recording.timesS[1]).toBeCloseTo(0.0005, 12);
    expect(recording.timesS[11_599]).toBeCloseTo(5.7995, 9);
    expect(recording.notes[0]).toMatch(/38 analog channel\(s\) at 2000 Hz, 580 frame\(s\) from frame 1/);
    expect(recording.channels.slice(0, 8).map((c) => c.label)).toEqual([
      'Voltage.1',
      'Voltage.2',
      'Voltage.3',
      'Voltage.4',
      'Voltage.5',
      'Voltage.6',
      'Delt_ant.EMG1',
      'Infra.EMG10',
    ]);
    expect(new Set(recording.channels.map((c) => `${c.unitInFile}→${c.unit}`))).toEqual(new Set(['V→V']));
    // Vicon Nexus's CSV export of the same trial (frame, sub-frame: value to 6 significant digits).
    const exported: [string, number, number, number][] = [
      ['Voltage.1', 0, -0.0220516, 1e-7],
      ['Voltage.2', 0, -0.010398, 1e-6],
      ['Supra.EMG9', 0, 0.00029753, 1e-8],
      ['Voltage.1', 5000, 0.0103734, 1e-7],
      ['Voltage.2', 5000, -0.197318, 1e-6],
      ['Supra.EMG9', 5000, -0.00053639, 1e-8],
      ['Supra.EMG9', 11_599, -0.000575785, 1e-9],
    ];
    for (const [label, sample, value, halfDigit] of exported)
      expect(Math.abs(channelValue(recording, label, sample) - value)).toBeLessThanOrEqual(halfDigit / 2);
    // pyomeca's expectations for this file (read by ezc3d): the first value exactly, and the sum of
    // all 440 800 analog values.
    expect(channelValue(recording, 'Voltage.1', 0)).toBe(-0.022051572799682617);
    let sum = 0;
    for (const channel of recording.channels) for (const v of channel.values) sum += v;
    expect(sum).toBeCloseTo(-740.11800894, 7);
  });

  it('reads the Qualisys Track Manager file: 69 channels, its force plates in newtons', () => {
    const recording = readC3d(independentC3d('Qualisys'));
    expect(recording.channels).toHaveLength(69);
    expect(recording.timesS).toHaveLength(3400);
    // The first frame is 705 (ezc3d counts it from 0: 704) at 200 frames/s.
    expect(recording.timesS[0]).toBeCloseTo(3.52, 12);
    expect(recording.timesS[3399]).toBeCloseTo(3.52 + 3399 / 2000, 9);
    expect(recording.notes[0]).toMatch(/69 analog channel\(s\) at 2000 Hz, 340 frame\(s\) from frame 705/);
    expect(recording.channels[0]?.label).toBe('FP1_FX');
    expect(recording.channels[56]?.label).toBe('Sync');
    const plate = recording.channels.slice(57, 60);
    expect(plate.map((c) => [c.label, c.unit])).toEqual([
      ['Amti Gen 5 OR6-5-1000 3581_1', 'N'],
      ['Amti Gen 5 OR6-5-1000 3581_2', 'N'],
      ['Amti Gen 5 OR6-5-1000 3581_3', 'N'],
    ]);
    // ezc3d's first force of platform 1, in the laboratory's axes: (F2, F1, −F3) of the plate's channels.
    const [f1, f2, f3] = plate.map((c) => c.values[0] as number);
    expect(f2).toBe(0.13992118835449219);
    expect(f1).toBe(0.046148300170898438);
    expect(-(f3 as number)).toBeCloseTo(-0.18352508544921872, 15);
  });
});
