import { describe, expect, it } from 'vitest';
import { readDelimitedText } from './delimited-text.ts';
import { RecordingFormatError } from './recording.ts';
import { exampleRecording, expectExampleTimeBase, textBytes } from './testdata/example-files.ts';

const fixture = exampleRecording('ding2003-person.csv');

describe('readDelimitedText', () => {
  it('reads a dynamometer export: preamble, semicolons, decimal commas, ms and kgf', () => {
    const recording = readDelimitedText(fixture);
    expect(recording.format).toBe('csv');
    expect(recording.timesS[1]).toBeCloseTo(0.001, 12);
    expectExampleTimeBase(recording, 12);
    expect(recording.channels.map((c) => [c.label, c.unit, c.unitInFile])).toEqual([
      ['Kraft', 'N', 'kgf'],
      ['Trigger', 'V', 'V'],
    ]);
    // Line 6 of the file is '0,0;1,70714;0,0': 1.70714 kgf.
    expect(recording.channels[0]?.values[0]).toBeCloseTo(1.70714 * 9.80665, 10);
    expect(recording.notes).toContain(
      'Delimiter: semicolon; decimal mark: comma (detected from the rows of numbers).',
    );
    expect(recording.notes).toContain('3 line(s) above the heading row were skipped as a preamble.');
  });

  it('reads comma CSV, TSV and bar-separated files, with units in several spellings', () => {
    const csv = readDelimitedText(textBytes('t,force\n0,1.5\n0.001,2.5\n0.002,3e1\n'));
    expect([...csv.timesS]).toEqual([0, 0.001, 0.002]);
    expect(csv.channels[0]?.unit).toBe('');
    expect([...(csv.channels[0]?.values ?? [])]).toEqual([1.5, 2.5, 30]);
    expect(csv.notes).toContain("The time column 't' states no unit: taken as seconds.");
    const tsv = readDelimitedText(textBytes('Time [s]\tTorque [Nm]\tForce_lbf\n0\t1\t1\n0.5\t2\t2\n'));
    expect(tsv.channels.map((c) => [c.label, c.unit])).toEqual([
      ['Torque', 'N·m'],
      ['Force', 'N'],
    ]);
    expect(tsv.channels[1]?.values[1]).toBeCloseTo(2 * 4.4482216152605, 12);
    const bar = readDelimitedText(textBytes('time/ms|load (kN)\n0|0.1\n10|0.2\n'));
    expect([...bar.timesS]).toEqual([0, 0.01]);
    expect(bar.channels[0]?.values[1]).toBeCloseTo(200, 12);
  });

  it('takes the declared sample rate when there is no time column', () => {
    const recording = readDelimitedText(textBytes('force (N),trigger\n1,0\n2,0\n3,0\n'), {
      sampleRateHz: 200,
    });
    expect([...recording.timesS]).toEqual([0, 0.005, 0.01]);
    expect(recording.channels.map((c) => c.label)).toEqual(['force', 'trigger']);
  });

  it('names the line and what was expected for each kind of bad file', () => {
    const cases: [string, RegExp][] = [
      [
        't force\n0 1\n1 2\n',
        /no row of the file splits into two or more numbers at a comma, semicolon, tab or bar/,
      ],
      [
        't,force\n0,1\n0.2,2\n0.1,3\n',
        /line 4: time 0.1 s does not follow 0.2 s; times must increase strictly/,
      ],
      ['t,force\n0,1\n0.1,abc\n0.2,3\n', /line 3, column 'force': expected a number, got 'abc'/],
      ['t,force\n0,1\n0.1\n0.2,3\n', /line 3: 1 field\(s\), expected 2 like line 2/],
      [
        't,force,x\n0,1\n0.1,2\n',
        /line 1: the heading row has 3 fields but the numbers below it \(line 2\) have 2/,
      ],
      ['time (h),force\n0,1\n1,2\n', /the time column 'time' has unit 'h'; expected s or ms/],
      [
        'a,force\n0,1\n1,2\n',
        /line 1: no time column among 'a', 'force'; expected a heading such as 'time \(s\)'/,
      ],
      ['t,force\n', /no row of the file splits into two or more numbers/],
      ['', /no row of the file splits/],
    ];
    for (const [text, message] of cases) {
      const attempt = () => readDelimitedText(textBytes(text));
      expect(attempt, text).toThrow(RecordingFormatError);
      expect(attempt, text).toThrow(message);
    }
    expect(() => readDelimitedText(new Uint8Array([0x74, 0x2c, 0x00, 0x31]))).toThrow(
      /byte 2 is a NUL character: this is a binary file/,
    );
  });

  it('reads a long plain file (past the head read by csv-parse) with LF or CRLF, and names a bad line far in', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `${(i / 1000).toFixed(3)}, ${(i % 97) / 4},${i % 50 === 0 ? 5 : 0}`,
    );
    const lines = ['Device: dynamometer', 'time (s),force (N),trigger (V)', ...rows];
    for (const end of ['\n', '\r\n']) {
      const recording = readDelimitedText(textBytes(`${lines.join(end)}${end}`));
      expect(recording.timesS.length).toBe(5000);
      expect(recording.timesS[4999]).toBe(4.999);
      expect(recording.channels[0]?.values[4998]).toBe((4998 % 97) / 4);
      expect(recording.channels[1]?.values[4950]).toBe(5);
      expect(recording.notes).toContain('1 line(s) above the heading row were skipped as a preamble.');
    }
    // Without the preamble: csv-parse, which names the line, is slow on rows longer than the first.
    const broken = lines.slice(1);
    broken[4001] = '4.000,abc,0';
    expect(() => readDelimitedText(textBytes(broken.join('\n')))).toThrow(
      /line 4002, column 'force': expected a number, got 'abc'/,
    );
    broken[4001] = '4.000,1';
    expect(() => readDelimitedText(textBytes(broken.join('\n')))).toThrow(
      /line 4002: 2 field\(s\), expected 3/,
    );
    broken[4001] = '# a comment';
    broken[4500] = '4.498,1,0';
    expect(() => readDelimitedText(textBytes(broken.join('\r\n')))).toThrow(
      /line 4501: time 4.498 s does not follow 4.498 s/,
    );
  });

  it('reads Windows-1252 text and says so', () => {
    const latin = new Uint8Array([...textBytes('t,Kraft (N) '), 0xb1, ...textBytes('\n0,1\n1,2\n')]);
    const recording = readDelimitedText(latin);
    expect(recording.notes).toContain('The file is not valid UTF-8; it was read as Windows-1252.');
    expect(recording.channels[0]?.label).toBe('Kraft (N) ±');
  });
});
