import { describe, expect, it } from 'vitest';
import { readOpenSimStorage } from './opensim.ts';
import { RecordingFormatError } from './recording.ts';
import { exampleRecording, expectExampleTimeBase, textBytes } from './testdata/example-files.ts';

const fixture = exampleRecording('ding2003-person.sto');

describe('readOpenSimStorage', () => {
  it('reads the header, the labels and the columns of an OpenSim storage file', () => {
    const recording = readOpenSimStorage(fixture);
    expect(recording.format).toBe('sto');
    expectExampleTimeBase(recording, 12);
    expect(recording.channels.map((c) => c.label)).toEqual(['force', 'trigger']);
    expect(recording.channels[1]?.values[300]).toBe(5);
    expect(recording.notes[0]).toMatch(/OpenSim files state no units: forces are in newtons/);
  });

  it('reads an old-style .mot without key=value lines, columns separated by spaces', () => {
    const recording = readOpenSimStorage(
      textBytes('knee moment\nendheader\ntime knee_moment\n0.0 1.5\n0.01 2.5\n'),
    );
    expect(recording.channels[0]?.label).toBe('knee_moment');
    expect([...(recording.channels[0]?.values ?? [])]).toEqual([1.5, 2.5]);
  });

  it('names the line and what was expected for each kind of bad file', () => {
    const cases: [string, RegExp][] = [
      ['time\tforce\n0\t1\n', /no 'endheader' line in 3 line\(s\)/],
      [
        'endheader\n',
        /line 1: nothing follows 'endheader'; expected a row of column labels starting with 'time'/,
      ],
      ['endheader\nt\tforce\n0\t1\n', /line 2: the first column label is 't'; expected 'time'/],
      ['endheader\ntime\n0\n', /line 2: only a time column/],
      ['endheader\ntime\tforce\n', /line 2: no rows of numbers follow the column labels/],
      ['endheader\ntime\tforce\n0\t1\n0.1\n', /line 4: 1 value\(s\), expected 2/],
      ['endheader\ntime\tforce\n0\t1\n0.1\tx\n', /line 4, column 'force': expected a number, got 'x'/],
      ['endheader\ntime\tforce\n0\t1\n0\t2\n', /line 4: time 0 s does not follow 0 s/],
      [
        'nRows=3\nendheader\ntime\tforce\n0\t1\n0.1\t2\n',
        /the header says nRows=3 but 2 row\(s\) of numbers follow/,
      ],
      [
        'nColumns=4\nendheader\ntime\tforce\n0\t1\n',
        /the header says nColumns=4 but line 3 labels 2 column\(s\)/,
      ],
    ];
    for (const [text, message] of cases) {
      const attempt = () => readOpenSimStorage(textBytes(text));
      expect(attempt, text).toThrow(RecordingFormatError);
      expect(attempt, text).toThrow(message);
    }
  });
});
