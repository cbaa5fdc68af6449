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
 * decimal mark, an optional exponent, spaces or tabs around it. Up to 15 significant digits and a
 * decimal exponent within ±22, the mantissa and the power of ten are both exact doubles, so one
 * multiplication or division rounds correctly (Clinger 1990, "How to read floating point numbers
 * accurately", PLDI '90, the fast path); any other field is handed to Number() itself.
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

/** Significant digits that always fit a double's 53-bit mantissa exactly (10^15 < 2^53). */
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
  let capacity = Math.min(maxRows, Math.ceil(((end - start) / firstRowBytes) * 1.05) + 16);
  let columns = Array.from({ length: width }, () => new Float64Array(capacity));
  let rows = 0;
  let i = start;
  while (i < end) {
    let c = bytes[i] as number;
    if (c === LF || c === CR) {
      // Blank lines are allowed only at the very end of the file.
      for (let k = i; k < end; k += 1) {
        const b = bytes[k] as number;
        if (b !== LF && b !== CR && b !== SPACE && b !== TAB) return undefined;
      }
      break;
    }
    if (rows === capacity) {
      if (capacity === maxRows) return undefined;
      capacity = Math.min(maxRows, Math.ceil(capacity * 1.5));
      columns = columns.map((column) => {
        const grown = new Float64Array(capacity);
        grown.set(column);
        return grown;
      });
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
      let mantissa = 0;
      let significant = 0;
      let digits = 0;
      let exponent = 0;
      while (c >= ZERO && c <= NINE) {
        if (significant > 0 || c !== ZERO) significant += 1;
        // Beyond EXACT_DIGITS the field goes to Number() below: the mantissa no longer matters.
        if (significant <= EXACT_DIGITS) mantissa = mantissa * 10 + (c - ZERO);
        digits += 1;
        c = bytes[++i] as number;
      }
      if (c === decimalMark) {
        c = bytes[++i] as number;
        while (c >= ZERO && c <= NINE) {
          if (significant > 0 || c !== ZERO) significant += 1;
          if (significant <= EXACT_DIGITS) {
            mantissa = mantissa * 10 + (c - ZERO);
            exponent -= 1;
          }
          digits += 1;
          c = bytes[++i] as number;
        }
      }
      if (digits === 0) return undefined;
      if (c === SMALL_E || c === LARGE_E) {
        c = bytes[++i] as number;
        let exponentNegative = false;
        if (c === MINUS || c === PLUS) {
          exponentNegative = c === MINUS;
          c = bytes[++i] as number;
        }
        if (!(c >= ZERO && c <= NINE)) return undefined;
        let written = 0;
        while (c >= ZERO && c <= NINE) {
          // Past 10^6 only whether it over- or underflows matters, and Number() decides that below.
          if (written < 1e6) written = written * 10 + (c - ZERO);
          c = bytes[++i] as number;
        }
        exponent += exponentNegative ? -written : written;
      }
      let value: number;
      if (
        significant <= EXACT_DIGITS &&
        exponent >= -LARGEST_EXACT_POWER &&
        exponent <= LARGEST_EXACT_POWER
      ) {
        value =
          exponent >= 0
            ? mantissa * (EXACT_POWERS_OF_TEN[exponent] as number)
            : mantissa / (EXACT_POWERS_OF_TEN[-exponent] as number);
        if (negative) value = -value;
      } else {
        value = Number(fieldText(bytes, fieldStart, i, decimalMark));
        if (!Number.isFinite(value)) return undefined;
      }
      (columns[j] as Float64Array)[rows] = value;
      while ((c === SPACE || c === TAB) && c !== delimiter) c = bytes[++i] as number;
      if (j < width - 1) {
        if (c !== delimiter) return undefined;
        i += 1;
      } else if (c === LF) {
        i += 1;
      } else if (c === CR && bytes[i + 1] === LF) {
        i += 2;
      } else if (i < end) {
        return undefined;
      }
    }
    rows += 1;
  }
  return columns.map((column) => (rows === capacity ? column : column.subarray(0, rows)));
}
