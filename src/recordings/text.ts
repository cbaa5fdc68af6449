import { MAX_RECORDING_BYTES, RecordingFormatError } from './recording.ts';

/**
 * Decodes a text recording: UTF-8 (a byte-order mark is dropped), else Windows-1252, which many
 * dynamometer and data-logger exports use. A NUL byte means a binary file, named by its offset.
 */
export function decodeText(bytes: Uint8Array, notes: string[]): string {
  if (bytes.length > MAX_RECORDING_BYTES) {
    throw new RecordingFormatError(
      `the file has ${bytes.length} bytes; at most ${MAX_RECORDING_BYTES} are accepted (cut or downsample the recording)`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new RecordingFormatError(
      `byte ${nul} is a NUL character: this is a binary file, not delimited text or an OpenSim .sto/.mot (a C3D file needs format c3d)`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    notes.push('The file is not valid UTF-8; it was read as Windows-1252.');
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;

/** A cell as a number, or undefined. With `decimalComma`, '12,5' is 12.5 (and '12.5' is not a number). */
export function parseNumber(cell: string, decimalComma: boolean): number | undefined {
  const text = cell.trim();
  if (decimalComma) {
    if (!COMMA_NUMBER.test(text)) return undefined;
    return Number(text.replace(',', '.'));
  }
  if (!PLAIN_NUMBER.test(text)) return undefined;
  return Number(text);
}

/** Whether a cell reads as a number with a decimal comma (and not with a decimal point). */
export function hasDecimalComma(cell: string): boolean {
  const text = cell.trim();
  return text.includes(',') && COMMA_NUMBER.test(text);
}
