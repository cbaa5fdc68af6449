import { isUtf8 } from 'node:buffer';
import { MAX_RECORDING_BYTES, RecordingFormatError } from './recording.ts';

/** Refuses a file too large to read, or binary (a NUL byte, named by its offset). */
function requireTextFile(bytes: Uint8Array): void {
  if (bytes.length > MAX_RECORDING_BYTES) {
    throw new RecordingFormatError(
      `the file has ${bytes.length} bytes; at most ${MAX_RECORDING_BYTES} are accepted (cut or downsample the recording)`,
    );
  }
  // Buffer's indexOf searches with memchr: a tenth of a millisecond for 30 MB, against 7 ms for
  // the typed array's own indexOf, which compares byte by byte.
  const nul = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(0);
  if (nul >= 0) {
    throw new RecordingFormatError(
      `byte ${nul} is a NUL character: this is a binary file, not delimited text or an OpenSim .sto/.mot (a C3D file needs format c3d)`,
    );
  }
}

const LATIN_NOTE = 'The file is not valid UTF-8; it was read as Windows-1252.';

/**
 * Decodes a text recording: UTF-8 (a byte-order mark is dropped), else Windows-1252, which many
 * dynamometer and data-logger exports use. A NUL byte means a binary file, named by its offset.
 */
export function decodeText(bytes: Uint8Array, notes: string[]): string {
  requireTextFile(bytes);
  if (isUtf8(bytes)) return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  notes.push(LATIN_NOTE);
  return new TextDecoder('windows-1252').decode(bytes);
}

/**
 * A text recording for a parser that reads bytes: the bytes themselves when they are UTF-8 (no
 * copy, no decoding of the whole file), else the Windows-1252 text; and the text of the file's
 * last `tailBytes`, whole lines only, for looking at its last rows.
 */
export function textFileForParsing(
  bytes: Uint8Array,
  tailBytes: number,
  notes: string[],
): { input: Uint8Array | string; tail: string } {
  requireTextFile(bytes);
  const utf8 = isUtf8(bytes);
  if (!utf8) notes.push(LATIN_NOTE);
  const input = utf8 ? bytes : new TextDecoder('windows-1252').decode(bytes);
  if (bytes.length <= tailBytes)
    return { input, tail: utf8 ? new TextDecoder().decode(bytes) : (input as string) };
  const tail = utf8
    ? new TextDecoder().decode(bytes.subarray(bytes.length - tailBytes))
    : (input as string).slice(-tailBytes);
  // The first line of the tail may be cut: drop it.
  return { input, tail: tail.slice(tail.search(/\r\n|\n|\r/) + 1) };
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
  // Number() reads every PLAIN_NUMBER as the pattern means it and is much faster than the pattern,
  // but it also takes '' (as 0), 'Infinity' and '0x1F', '0b1', '0o7': those go to the pattern.
  const value = Number(text);
  if (Number.isNaN(value)) return undefined;
  const second = text.charCodeAt(1);
  if (
    text === '' ||
    value === Infinity ||
    value === -Infinity ||
    (second > 57 && second !== 101 && second !== 69)
  ) {
    return PLAIN_NUMBER.test(text) ? value : undefined;
  }
  return value;
}

/** Whether a cell reads as a number with a decimal comma (and not with a decimal point). */
export function hasDecimalComma(cell: string): boolean {
  const text = cell.trim();
  return text.includes(',') && COMMA_NUMBER.test(text);
}
