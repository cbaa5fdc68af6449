import { parse } from 'csv-parse/sync';
import { readByteNumberRows } from './byte-number-rows.ts';
import { columnsOfNumbers } from './numeric-rows.ts';
import {
  MAX_RECORDING_ROWS,
  type RawRecording,
  type RecordingChannel,
  RecordingFormatError,
  requireIncreasingTimes,
} from './recording.ts';
import { hasDecimalComma, parseNumber, textFileForParsing } from './text.ts';
import { lookUpUnit, splitHeading } from './units.ts';

/**
 * CSV/TSV recordings from dynamometers and data loggers: a preamble of any lines, a heading row,
 * then rows of numbers. The delimiter (comma, semicolon, tab or bar) and a decimal comma are
 * detected from the rows of numbers; units are read from the headings ('Force (N)', 'Torque [Nm]',
 * 'time_ms'). The parsing itself is csv-parse's.
 */

export interface DelimitedTextOptions {
  /** The sample rate (Hz) when the file has no time column. */
  sampleRateHz?: number;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };
/** Rows looked at to detect the delimiter: the last ones, where the numbers are. */
const DETECTION_ROWS = 50;
const TIME_NAMES = /^(t|time|times|timestamp|zeit|temps|tiempo|tempo|elapsed( time)?)$/i;

function isNumericRow(cells: readonly string[], decimalComma: boolean): boolean {
  return cells.length >= 2 && cells.every((cell) => parseNumber(cell, decimalComma) !== undefined);
}

/** The delimiter and decimal mark that make the most of the last rows into two or more numbers. */
function detectDelimiter(lines: readonly string[]): { delimiter: string; decimalComma: boolean } {
  const sample = lines
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .slice(-DETECTION_ROWS);
  let best: { delimiter: string; decimalComma: boolean; score: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const rows = sample.map((line) => line.split(delimiter));
    const decimalComma = delimiter !== ',' && rows.some((cells) => cells.some(hasDecimalComma));
    const score = rows.filter((cells) => isNumericRow(cells, decimalComma)).length;
    if (score > 0 && (!best || score > best.score)) best = { delimiter, decimalComma, score };
  }
  if (!best) {
    throw new RecordingFormatError(
      `no row of the file splits into two or more numbers at a comma, semicolon, tab or bar (last line read: '${(sample[sample.length - 1] ?? '').slice(0, 60)}'); expected rows such as '0.001,12.5' (a time column and a force column)`,
    );
  }
  return best;
}

/** The file's last bytes looked at to detect the delimiter: room for DETECTION_ROWS long rows. */
const DETECTION_TAIL_BYTES = 256 * 1024;

interface NumericTable {
  columns: Float64Array[];
  heading: string[] | undefined;
  /** Lines above the heading row (a preamble). */
  preambleLines: number;
  headingLine: () => number;
  rowLine: (row: number) => number;
}

/**
 * Where the rows of numbers start among the records, their width and the heading row above them,
 * or the error that says why the file has none or its heading does not fit.
 */
function locateNumbers(
  records: readonly string[][],
  decimalComma: boolean,
  lineOf: (recordIndex: number) => number,
): { firstIndex: number; width: number; heading: string[] | undefined } {
  const firstIndex = records.findIndex((record) => isNumericRow(record, decimalComma));
  if (firstIndex < 0) {
    throw new RecordingFormatError(
      `no row of numbers found (${records.length} row(s) read); expected rows of two or more numbers below a heading row`,
    );
  }
  const width = (records[firstIndex] as string[]).length;
  const heading = firstIndex > 0 ? (records[firstIndex - 1] as string[]) : undefined;
  if (heading && heading.length !== width) {
    throw new RecordingFormatError(
      `line ${lineOf(firstIndex - 1)}: the heading row has ${heading.length} fields but the numbers below it (line ${lineOf(firstIndex)}) have ${width}; expected one heading per column`,
    );
  }
  return { firstIndex, width, heading };
}

function numericTable(
  columns: Float64Array[],
  heading: string[] | undefined,
  firstIndex: number,
  lineOf: (recordIndex: number) => number,
): NumericTable {
  return {
    columns,
    heading,
    preambleLines: Math.max(0, firstIndex - 1),
    headingLine: () => lineOf(firstIndex - 1),
    rowLine: (row: number) => lineOf(firstIndex + row),
  };
}

/**
 * The rows of numbers as columns, straight from csv-parse's records (no object a row), with the
 * heading row above the first of them. Line numbers are for messages only: csv-parse gives them at
 * 2.5× the cost of the parse (its `info` option), so `lineOf(record index)` asks for them only
 * when a message needs one.
 */
function numericColumns(
  records: readonly string[][],
  decimalComma: boolean,
  lineOf: (recordIndex: number) => number,
): NumericTable {
  const { firstIndex, width, heading } = locateNumbers(records, decimalComma, lineOf);
  const columns = columnsOfNumbers({
    count: records.length - firstIndex,
    cells: (row) => records[firstIndex + row] as string[],
    width,
    cellWord: 'field',
    line: (row) => lineOf(firstIndex + row),
    columnName: (j) => (heading ? splitHeading(heading[j] as string).name : `column ${j + 1}`),
    widthSource: () => `like line ${lineOf(firstIndex)} (a wrong delimiter, or a broken row?)`,
    decimalComma,
  });
  return numericTable(columns, heading, firstIndex, lineOf);
}

/** Bytes at the file's start searched for the first row of numbers (a longer preamble takes the slow path). */
const HEAD_BYTES = 64 * 1024;
const LF = 10;

/**
 * The common case quickly: a file whose rows of numbers are plain (no quotes, comments, blank lines
 * or bare CR line ends). csv-parse reads the head of the file (preamble, heading and the first row
 * of numbers, with line numbers); readByteNumberRows then reads the rows of numbers from the file's
 * bytes, with no string a field. Any row that is not `width` finite numbers ends it with undefined,
 * and the caller reads the whole file with csv-parse, whose messages name the line. The record
 * indices are csv-parse's (the same rows are skipped), so `lineOf` serves both.
 */
function numericColumnsQuickly(
  bytes: Uint8Array,
  decodeHead: (head: Uint8Array) => string,
  delimiter: string,
  decimalComma: boolean,
  parseHead: (head: string) => { records: string[][]; lines: number[] },
  lineOf: (recordIndex: number) => number,
): NumericTable | undefined {
  // The head ends with the first line that reads as numbers.
  let headEnd = 0;
  for (;;) {
    const next = bytes.indexOf(LF, headEnd);
    const end = next < 0 ? bytes.length : next + 1;
    const line = decodeHead(bytes.subarray(headEnd, end));
    headEnd = end;
    if (isNumericRow(line.split(delimiter), decimalComma)) break;
    if (next < 0 || headEnd > HEAD_BYTES) return undefined;
  }
  const head = decodeHead(bytes.subarray(0, headEnd));
  if (headEnd === 0 || head.includes('"') || (head.includes('\r') && !head.includes('\r\n')))
    return undefined;
  const { records, lines } = parseHead(head);
  if (!records.some((record) => isNumericRow(record, decimalComma))) return undefined;
  const { firstIndex, width, heading } = locateNumbers(
    records,
    decimalComma,
    (index) => lines[index] ?? index + 1,
  );
  // The line of the first row of numbers (1-based), and where it starts in the file.
  const firstLine = lines[firstIndex] as number;
  let start = 0;
  for (let line = 1; line < firstLine; line += 1) start = bytes.indexOf(LF, start) + 1;
  const columns = readByteNumberRows(bytes, {
    start,
    width,
    delimiter,
    decimalComma,
    maxRows: MAX_RECORDING_ROWS,
  });
  return columns && numericTable(columns, heading, firstIndex, lineOf);
}

export function readDelimitedText(bytes: Uint8Array, options: DelimitedTextOptions = {}): RawRecording {
  const notes: string[] = [];
  const { input, tail } = textFileForParsing(bytes, DETECTION_TAIL_BYTES, notes);
  const tailLines = tail.split(/\r\n|\n|\r/);
  const { delimiter, decimalComma } = detectDelimiter(tailLines);
  notes.push(
    `Delimiter: ${DELIMITER_NAMES[delimiter]}; decimal mark: ${decimalComma ? 'comma' : 'point'} (detected from the rows of numbers).`,
  );
  const parseOptions = {
    delimiter,
    bom: true,
    comment: '#',
    comment_no_infix: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    trim: true,
    max_record_size: 1_000_000,
  };
  // csv-parse reads bytes: the file's own when they are UTF-8 (a string would be encoded again).
  const parseInput = (extra: object, source: string | Uint8Array = input) => {
    try {
      return parse(
        typeof source === 'string' ? source : Buffer.from(source.buffer, source.byteOffset, source.length),
        {
          ...parseOptions,
          ...extra,
        },
      ) as unknown[];
    } catch (error) {
      const lines = (error as { lines?: number }).lines;
      throw new RecordingFormatError(
        `${lines !== undefined ? `line ${lines}: ` : ''}the file is not readable as ${DELIMITER_NAMES[delimiter]}-separated text (${(error as Error).message})`,
      );
    }
  };
  let lineNumbers: number[] | undefined;
  const lineOf = (index: number): number => {
    lineNumbers ??= (parseInput({ info: true }) as { info: { lines: number } }[]).map((r) => r.info.lines);
    return lineNumbers[index] ?? index + 1;
  };
  const parseHead = (head: string) => {
    const parsed = parseInput({ info: true }, head) as { record: string[]; info: { lines: number } }[];
    return { records: parsed.map((r) => r.record), lines: parsed.map((r) => r.info.lines) };
  };
  // The rows of numbers are ASCII in either encoding, so the quick path reads the file's own bytes.
  const headDecoder = new TextDecoder(typeof input === 'string' ? 'windows-1252' : 'utf-8');
  const table =
    numericColumnsQuickly(
      bytes,
      (head) => headDecoder.decode(head),
      delimiter,
      decimalComma,
      parseHead,
      lineOf,
    ) ?? numericColumns(parseInput({}) as string[][], decimalComma, lineOf);
  const headingRow = table.heading;
  const width = table.columns.length;
  if (table.preambleLines > 0)
    notes.push(`${table.preambleLines} line(s) above the heading row were skipped as a preamble.`);
  const rows = (table.columns[0] as Float64Array).length;
  const headings = headingRow
    ? headingRow.map((cell) => splitHeading(cell))
    : Array.from({ length: width }, (_, j) => ({ name: `column ${j + 1}`, unit: '' }));
  if (!headingRow) notes.push('The file has no heading row: columns are named column 1, column 2, …');

  let timeColumn = headings.findIndex(
    (h) => TIME_NAMES.test(h.name) || lookUpUnit(h.unit)?.canonical === 's',
  );
  if (timeColumn < 0 && !headingRow && options.sampleRateHz === undefined) {
    timeColumn = 0;
    notes.push('Column 1 was taken as the time in seconds.');
  }
  let timesS: Float64Array;
  if (timeColumn >= 0) {
    const h = headings[timeColumn] as { name: string; unit: string };
    const conversion = h.unit === '' ? undefined : lookUpUnit(h.unit);
    if (h.unit !== '' && conversion?.canonical !== 's') {
      throw new RecordingFormatError(
        `line ${table.headingLine()}: the time column '${h.name}' has unit '${h.unit}'; expected s or ms`,
      );
    }
    const factor = conversion?.factor ?? 1;
    const column = table.columns[timeColumn] as Float64Array;
    timesS = factor === 1 ? column : column.map((t) => t * factor);
    if (h.unit === '') notes.push(`The time column '${h.name}' states no unit: taken as seconds.`);
  } else if (options.sampleRateHz !== undefined) {
    const rate = options.sampleRateHz;
    timesS = Float64Array.from({ length: rows }, (_, i) => i / rate);
    notes.push(`No time column: samples taken ${rate} Hz apart from 0 s, as declared.`);
  } else {
    throw new RecordingFormatError(
      `line ${table.headingLine()}: no time column among ${headings.map((h) => `'${h.name}'`).join(', ')}; expected a heading such as 'time (s)', 't' or 'time_ms', or declare the sample rate`,
    );
  }
  requireIncreasingTimes(timesS, (i) => `line ${table.rowLine(i)}`);
  const channels: RecordingChannel[] = [];
  headings.forEach((h, j) => {
    if (j === timeColumn) return;
    const conversion = h.unit === '' ? undefined : lookUpUnit(h.unit);
    const raw = table.columns[j] as Float64Array;
    channels.push({
      label: h.name,
      unit: conversion?.canonical ?? '',
      unitInFile: h.unit,
      values: conversion && conversion.factor !== 1 ? raw.map((v) => v * conversion.factor) : raw,
    });
  });
  return { format: 'csv', timesS, channels, notes };
}
