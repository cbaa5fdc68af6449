/**
 * Rows of plain numbers read straight from a text file's bytes into one Float64Array a column, with
 * no string made per field: the fast path of delimited-text.ts for the rows below the heading.
 *
 * Written by hand because the kept CSV parsers all make a string (or a Buffer slice) per field, and
 * for a 10-minute 2 kHz recording those 3.6 million strings and their collection cost several
 * times the import's 100 ms budget (docs/recordings.md, "Speed").
 *
 * A field is read exactly as Number() reads the same text (the ECMAScript StringToNumber grammar,
 * restricted to what parseNumber in text.ts accepts): an optional sign, digits with an optional
 * decimal mark, an optional exponent, spaces or tabs around it. Up to 15 digits (leading zeros
 * counted) and a decimal exponent within ±22, the mantissa and the power of ten are both exact
 * doubles, so one multiplication or division rounds correctly (Clinger 1990, "How to read floating
 * point numbers accurately", PLDI '90, the fast path); any other field is handed to Number() itself.
 *
 * Anything else (a quote, a comment, an empty or missing field, a field that is not a number or
 * not finite, a bare CR line end, too many rows) makes the whole read give up with undefined, and
 * the caller reads the file with its careful parser, whose messages name the line.
 */

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const PLUS = 43;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const POINT = 46;
const COMMA = 44;
const SMALL_E = 101;
const LARGE_E = 69;

/** Digits that always fit a double's 53-bit mantissa exactly (10^15 < 2^53). */
const EXACT_DIGITS = 15;
/** 10^0 … 10^22: every one an exact double (5^22 < 2^53). */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const LARGEST_EXACT_POWER = EXACT_POWERS_OF_TEN.length - 1;

export interface ByteNumberRowsOptions {
  /** Where the first row of numbers starts (a byte offset at the start of a line). */
  start: number;
  /** Fields every row has. */
  width: number;
  /** The delimiter, one ASCII character (',', ';', '\t' or '|'). */
  delimiter: string;
  /** Numbers are written with a decimal comma ('12,5'). */
  decimalComma: boolean;
  /** Give up when there are more rows than this. */
  maxRows: number;
}

/** The text of bytes [from, to) as Number() should see it (ASCII only here; a decimal comma made a point). */
function fieldText(bytes: Uint8Array, from: number, to: number, decimalMark: number): string {
  let text = '';
  for (let k = from; k < to; k += 1) {
    const c = bytes[k] as number;
    text += String.fromCharCode(c === decimalMark ? POINT : c);
  }
  return text;
}

/** The columns read so far, grown as rows come. */
interface Columns {
  values: Float64Array[];
  rows: number;
  capacity: number;
}

/** How a stretch of rows ended. */
const GAVE_UP = 0;
const READ_TO_END = 1;
const REST_IS_BLANK = 2;

/**
 * Reads the rows in bytes[from, to) into `columns`. Every read of `bytes` is below `to` or at it:
 * the caller makes sure bytes[to] exists (the file's own byte after a line feed, or a 0 put after
 * a copy of the last line), so no read falls outside the array. V8 compiles a read past the end
 * of a typed array (undefined) into a slower loop for the whole walk, a quarter of its time.
 * `fileEnd` bounds the look at the rest of the file after a blank line.
 */
function readRows(
  bytes: Uint8Array,
  from: number,
  to: number,
  fileEnd: number,
  columns: Columns,
  options: ByteNumberRowsOptions,
  delimiter: number,
  decimalMark: number,
): number {
  const { width, maxRows } = options;
  let values = columns.values;
  let rows = columns.rows;
  let i = from;
  while (i < to) {
    let c = bytes[i] as number;
    if (c === LF || c === CR) {
      // Blank lines are allowed only at the very end of the file.
      for (let k = i; k < fileEnd; k += 1) {
        const b = bytes[k] as number;
        if (b !== LF && b !== CR && b !== SPACE && b !== TAB) return GAVE_UP;
      }
      columns.rows = rows;
      return REST_IS_BLANK;
    }
    if (rows === columns.capacity) {
      if (columns.capacity === maxRows) return GAVE_UP;
      const capacity = Math.min(maxRows, Math.ceil(columns.capacity * 1.5));
      values = values.map((column) => {
        const grown = new Float64Array(capacity);
        grown.set(column);
        return grown;
      });
      columns.values = values;
      columns.capacity = capacity;
    }
    for (let j = 0; j < width; j += 1) {
      c = bytes[i] as number;
      while ((c === SPACE || c === TAB) && c !== delimiter) c = bytes[++i] as number;
      const fieldStart = i;
      let negative = false;
      if (c === MINUS || c === PLUS) {
        negative = c === MINUS;
        c = bytes[++i] as number;
      }
      // The digits as two whole numbers of at most 9 digits each (int32 arithmetic, exact):
      // `high` the first 9, `low` the next 9; past 18 digits only their count matters.
      let high = 0;
      let low = 0;
      let digits = 0;
      while (c >= ZERO && c <= NINE) {
        if (digits < 9) high = high * 10 + (c - ZERO);
        else if (digits < 18) low = low * 10 + (c - ZERO);
        digits += 1;
        c = bytes[++i] as number;
      }
      let exponent = 0;
      if (c === decimalMark) {
        c = bytes[++i] as number;
        const fractionStart = i;
        while (c >= ZERO && c <= NINE) {
          if (digits < 9) high = high * 10 + (c - ZERO);
          else if (digits < 18) low = low * 10 + (c - ZERO);
          digits += 1;
          c = bytes[++i] as number;
        }
        exponent = fractionStart - i;
      }
      if (digits === 0) return GAVE_UP;
      if (c === SMALL_E || c === LARGE_E) {
        c = bytes[++i] as number;
        let exponentNegative = false;
        if (c === MINUS || c === PLUS) {
          exponentNegative = c === MINUS;
          c = bytes[++i] as number;
        }
        if (!(c >= ZERO && c <= NINE)) return GAVE_UP;
        let written = 0;
        while (c >= ZERO && c <= NINE) {
          // Past 10^6 only whether it over- or underflows matters, and Number() decides that below.
          if (written < 1e6) written = written * 10 + (c - ZERO);
          c = bytes[++i] as number;
        }
        exponent += exponentNegative ? -written : written;
      }
      let value: number;
      // Leading zeros count as digits here, so a field such as 0.0000000000000001 goes to Number():
      // rare, and Number() gives the same double.
      if (digits <= EXACT_DIGITS && exponent >= -LARGEST_EXACT_POWER && exponent <= LARGEST_EXACT_POWER) {
        const mantissa = digits <= 9 ? high : high * (EXACT_POWERS_OF_TEN[digits - 9] as number) + low;
        value =
          exponent >= 0
            ? mantissa * (EXACT_POWERS_OF_TEN[exponent] as number)
            : mantissa / (EXACT_POWERS_OF_TEN[-exponent] as number);
        if (negative) value = -value;
      } else {
        value = Number(fieldText(bytes, fieldStart, i, decimalMark));
        if (!Number.isFinite(value)) return GAVE_UP;
      }
      (values[j] as Float64Array)[rows] = value;
      while ((c === SPACE || c === TAB) && c !== delimiter) c = bytes[++i] as number;
      if (j < width - 1) {
        if (c !== delimiter) return GAVE_UP;
        i += 1;
      } else if (c === LF) {
        i += 1;
      } else if (c === CR && bytes[i + 1] === LF) {
        i += 2;
      } else if (i < to) {
        return GAVE_UP;
      }
    }
    rows += 1;
  }
  columns.rows = rows;
  return READ_TO_END;
}

/**
 * The rows of numbers from `start` to the end of the file as columns (each exactly as long as the
 * rows read), or undefined when any row is not `width` plain, finite numbers.
 */
export function readByteNumberRows(
  bytes: Uint8Array,
  options: ByteNumberRowsOptions,
): Float64Array[] | undefined {
  const { start, width, maxRows } = options;
  const delimiter = options.delimiter.charCodeAt(0);
  const decimalMark = options.decimalComma ? COMMA : POINT;
  const end = bytes.length;
  // Room for the rows, estimated from the first row's length and grown when short.
  const firstLineEnd = bytes.indexOf(LF, start);
  const firstRowBytes = Math.max(1, (firstLineEnd < 0 ? end : firstLineEnd + 1) - start);
  const capacity = Math.min(maxRows, Math.ceil(((end - start) / firstRowBytes) * 1.05) + 16);
  const columns: Columns = {
    values: Array.from({ length: width }, () => new Float64Array(capacity)),
    rows: 0,
    capacity,
  };
  // The whole lines in place, then the last line, if it has no line feed, from a copy with a 0
  // after it: a 0 ends a number and a row as the end of the file does.
  const lastLineStart = Math.max(start, bytes.lastIndexOf(LF) + 1);
  const read = (from: number, to: number, text: Uint8Array, textEnd: number) =>
    readRows(text, from, to, textEnd, columns, options, delimiter, decimalMark);
  let ended = read(start, lastLineStart, bytes, end);
  if (ended === READ_TO_END && lastLineStart < end) {
    const lastLine = new Uint8Array(end - lastLineStart + 1);
    lastLine.set(bytes.subarray(lastLineStart));
    ended = read(0, end - lastLineStart, lastLine, end - lastLineStart);
  }
  if (ended === GAVE_UP) return undefined;
  const { values, rows } = columns;
  return values.map((column) => (rows === columns.capacity ? column : column.subarray(0, rows)));
}
