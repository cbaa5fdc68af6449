import { MAX_RECORDING_ROWS, RecordingFormatError } from './recording.ts';
import { parseNumber } from './text.ts';

/** Where a text reader's rows of numbers stand in its file, for the messages. */
export interface RowsOfNumbers {
  /** How many rows of numbers there are. */
  count: number;
  /** The cells of row `row` (0 = the first row of numbers), as text. */
  cells(row: number): readonly string[];
  /** Cells every row must have: one per column. */
  width: number;
  /** What the file's format calls a cell in messages: a CSV row has fields, an OpenSim row values. */
  cellWord: 'field' | 'value';
  /** The file's line number (from 1) of row `row`; asked only when a message needs it. */
  line(row: number): number;
  /** Column j's name in messages. */
  columnName(j: number): string;
  /** Why `width` is expected, said after "expected N", e.g. "(one per column label on line 3)". */
  widthSource(): string;
  /** Numbers are written with a decimal comma. */
  decimalComma: boolean;
}

/**
 * A text recording's rows of numbers as one array a column. At most MAX_RECORDING_ROWS rows; every
 * row has `width` cells and every cell is a finite number, or the error names the line and column.
 */
export function columnsOfNumbers(rows: RowsOfNumbers): Float64Array[] {
  const { count, width, decimalComma } = rows;
  if (count > MAX_RECORDING_ROWS) {
    throw new RecordingFormatError(
      `the file has ${count} rows of numbers; at most ${MAX_RECORDING_ROWS} are accepted (downsample the recording)`,
    );
  }
  const columns = Array.from({ length: width }, () => new Float64Array(count));
  for (let row = 0; row < count; row += 1) {
    const cells = rows.cells(row);
    if (cells.length !== width) {
      throw new RecordingFormatError(
        `line ${rows.line(row)}: ${cells.length} ${rows.cellWord}(s), expected ${width} ${rows.widthSource()}`,
      );
    }
    for (let j = 0; j < width; j += 1) {
      const cell = cells[j] as string;
      const value = parseNumber(cell, decimalComma);
      if (value === undefined || !Number.isFinite(value)) {
        throw new RecordingFormatError(
          `line ${rows.line(row)}, column '${rows.columnName(j)}': expected a number${decimalComma ? ' with a decimal comma' : ''}, got '${cell.slice(0, 40)}'`,
        );
      }
      (columns[j] as Float64Array)[row] = value;
    }
  }
  return columns;
}
