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
