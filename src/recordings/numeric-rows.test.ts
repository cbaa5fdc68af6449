import { describe, expect, it } from 'vitest';
import { columnsOfNumbers, type RowsOfNumbers } from './numeric-rows.ts';
import { MAX_RECORDING_ROWS, RecordingFormatError } from './recording.ts';

/** Rows given as text lines split at ';', numbered from line 3 of a file with columns t and force. */
function rowsOf(lines: string[], decimalComma = false): RowsOfNumbers {
  return {
    count: lines.length,
    cells: (row) => (lines[row] as string).split(';'),
    width: 2,
    cellWord: 'value',
    line: (row) => row + 3,
    columnName: (j) => ['t', 'force'][j] as string,
    widthSource: () => 'like line 3',
    decimalComma,
  };
}

describe('columnsOfNumbers', () => {
  it('turns rows of numbers into one array a column', () => {
    const [t, force] = columnsOfNumbers(rowsOf(['0;1.5', '0.001;-2e1', '0.002;3']));
    expect(Array.from(t as Float64Array)).toEqual([0, 0.001, 0.002]);
    expect(Array.from(force as Float64Array)).toEqual([1.5, -20, 3]);
  });

  it('reads a decimal comma when told to', () => {
    const [t, force] = columnsOfNumbers(rowsOf(['0,5;12,25'], true));
    expect(t?.[0]).toBe(0.5);
    expect(force?.[0]).toBe(12.25);
  });

  it('names the line and column of a cell that is not a number, and of a row of the wrong width', () => {
    const run =
      (lines: string[], decimalComma = false) =>
      () =>
        columnsOfNumbers(rowsOf(lines, decimalComma));
    expect(run(['0;1', '0.1;abc'])).toThrow(RecordingFormatError);
    expect(run(['0;1', '0.1;abc'])).toThrow(/^line 4, column 'force': expected a number, got 'abc'$/);
    expect(run(['0;x'], true)).toThrow(
      /line 3, column 'force': expected a number with a decimal comma, got 'x'/,
    );
    expect(run(['0;1', '0.1;2;3'])).toThrow(/^line 4: 3 value\(s\), expected 2 like line 3$/);
    expect(run(['0;Infinity'])).toThrow(/line 3, column 'force': expected a number/);
  });

  it('refuses more rows than a recording may have, before reading any', () => {
    const rows = { ...rowsOf([]), count: MAX_RECORDING_ROWS + 1 };
    expect(() => columnsOfNumbers(rows)).toThrow(
      `the file has ${MAX_RECORDING_ROWS + 1} rows of numbers; at most ${MAX_RECORDING_ROWS} are accepted (downsample the recording)`,
    );
  });
});
