import { columnsOfNumbers } from './numeric-rows.ts';
import {
  type RawRecording,
  type RecordingChannel,
  RecordingFormatError,
  requireIncreasingTimes,
} from './recording.ts';
import { decodeText } from './text.ts';

/**
 * OpenSim Storage (.sto) and motion (.mot) files: header lines ending with `endheader`, optional
 * key=value lines among them (nRows, nColumns, inDegrees, version), then a tab-separated row of
 * column labels whose first is `time`, then rows of numbers separated by tabs or spaces.
 * OpenSim's convention is SI: forces in newtons, moments in N·m, time in seconds (OpenSim
 * documentation, "Storage (.sto) files" and "Motion (.mot) files"). Channels are given unit ''
 * (stated by convention, not in the file) and prepare.ts says so.
 */
export function readOpenSimStorage(bytes: Uint8Array): RawRecording {
  const notes: string[] = [];
  const lines = decodeText(bytes, notes).split(/\r\n|\n|\r/);
  const end = lines.findIndex((line) => line.trim().toLowerCase() === 'endheader');
  if (end < 0) {
    throw new RecordingFormatError(
      `no 'endheader' line in ${lines.length} line(s); an OpenSim .sto/.mot file starts with header lines (e.g. nRows=…, nColumns=…, inDegrees=no) ended by a line 'endheader'`,
    );
  }
  const header: Record<string, string> = {};
  for (const line of lines.slice(0, end)) {
    const match = /^\s*([A-Za-z][\w]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) header[(match[1] as string).toLowerCase()] = match[2] as string;
  }
  let labelLine = end + 1;
  while (labelLine < lines.length && (lines[labelLine] as string).trim() === '') labelLine += 1;
  if (labelLine >= lines.length) {
    throw new RecordingFormatError(
      `line ${end + 1}: nothing follows 'endheader'; expected a row of column labels starting with 'time'`,
    );
  }
  const labels = (lines[labelLine] as string).split('\t').map((label) => label.trim());
  const columns = labels.length > 1 ? labels : (lines[labelLine] as string).trim().split(/\s+/);
  if ((columns[0] ?? '').toLowerCase() !== 'time') {
    throw new RecordingFormatError(
      `line ${labelLine + 1}: the first column label is '${(columns[0] ?? '').slice(0, 40)}'; expected 'time' (OpenSim's time column, in seconds)`,
    );
  }
  if (columns.length < 2) {
    throw new RecordingFormatError(
      `line ${labelLine + 1}: only a time column; expected time and at least one data column`,
    );
  }
  const width = columns.length;
  const dataLines: number[] = [];
  for (let i = labelLine + 1; i < lines.length; i += 1)
    if ((lines[i] as string).trim() !== '') dataLines.push(i);
  if (dataLines.length === 0)
    throw new RecordingFormatError(`line ${labelLine + 1}: no rows of numbers follow the column labels`);
  const values = columnsOfNumbers({
    count: dataLines.length,
    cells: (row) => (lines[dataLines[row] as number] as string).trim().split(/\s+/),
    width,
    cellWord: 'value',
    line: (row) => (dataLines[row] as number) + 1,
    columnName: (j) => columns[j] as string,
    widthSource: () => `(one per column label on line ${labelLine + 1})`,
    decimalComma: false,
  });
  const declaredRows = header.nrows ?? header.datarows;
  if (declaredRows !== undefined && Number(declaredRows) !== dataLines.length) {
    throw new RecordingFormatError(
      `the header says nRows=${declaredRows} but ${dataLines.length} row(s) of numbers follow; the file may be cut short`,
    );
  }
  const declaredColumns = header.ncolumns ?? header.datacolumns;
  if (declaredColumns !== undefined && Number(declaredColumns) !== width) {
    throw new RecordingFormatError(
      `the header says nColumns=${declaredColumns} but line ${labelLine + 1} labels ${width} column(s)`,
    );
  }
  const timesS = values[0] as Float64Array;
  requireIncreasingTimes(timesS, (i) => `line ${(dataLines[i] as number) + 1}`);
  const channels: RecordingChannel[] = columns.slice(1).map((label, j) => ({
    label,
    unit: '',
    unitInFile: '',
    values: values[j + 1] as Float64Array,
  }));
  notes.push(
    "OpenSim files state no units: forces are in newtons and moments in N·m by OpenSim's SI convention.",
  );
  if ((header.indegrees ?? '').toLowerCase() === 'yes')
    notes.push('inDegrees=yes: angle columns are in degrees.');
  return { format: 'sto', timesS, channels, notes };
}
