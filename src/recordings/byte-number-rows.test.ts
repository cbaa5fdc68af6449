import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readByteNumberRows } from './byte-number-rows.ts';
import { exampleRecording, textBytes } from './testdata/example-files.ts';
import { parseNumber } from './text.ts';

const read = (text: string, width: number, delimiter = ',', decimalComma = false) =>
  readByteNumberRows(textBytes(text), { start: 0, width, delimiter, decimalComma, maxRows: 1000 });

/** Column `column` of the first row is exactly Number(text) (−0 included), or the read gave up if that is not finite. */
function expectReadAsNumber(columns: Float64Array[] | undefined, column: number, text: string): void {
  const expected = Number(text);
  if (Number.isFinite(expected)) expect(Object.is(columns?.[column]?.[0], expected), text).toBe(true);
  else expect(columns, text).toBeUndefined();
}

/** A number as a dynamometer or logger might write it: sign, digits, decimal mark, exponent. */
const numberText = (decimalMark: string) =>
  fc
    .record({
      sign: fc.constantFrom('', '-', '+'),
      whole: fc.stringMatching(/^[0-9]{0,24}$/),
      fraction: fc.option(fc.stringMatching(/^[0-9]{0,24}$/), { nil: undefined }),
      exponent: fc.option(
        fc.record({
          letter: fc.constantFrom('e', 'E'),
          sign: fc.constantFrom('', '-', '+'),
          digits: fc.integer({ min: 0, max: 400 }).map(String),
        }),
        { nil: undefined },
      ),
    })
    .filter(({ whole, fraction }) => whole.length + (fraction?.length ?? 0) > 0)
    .map(
      ({ sign, whole, fraction, exponent }) =>
        `${sign}${whole}${fraction === undefined ? '' : `${decimalMark}${fraction}`}${
          exponent ? `${exponent.letter}${exponent.sign}${exponent.digits}` : ''
        }`,
    );

describe('readByteNumberRows', () => {
  it('reads every plain number exactly as Number() does (finite ones; the rest give up)', () => {
    fc.assert(
      fc.property(numberText('.'), (text) => {
        expectReadAsNumber(read(`${text},1\n`, 2), 0, text);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads any double from its shortest text (String(x)) back to the same double, and its rounded texts as Number() does', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 8 }),
        (x, digits) => {
          for (const text of [
            String(x),
            x.toExponential(digits),
            Math.abs(x) < 1e21 ? x.toFixed(digits) : String(x),
          ]) {
            expectReadAsNumber(read(`${text};${text}\r\n`, 2, ';'), 1, text);
          }
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('reads a decimal comma as Number() reads the same number with a point', () => {
    fc.assert(
      fc.property(numberText(','), (text) => {
        expectReadAsNumber(read(`1;${text}\n`, 2, ';', true), 1, text.replace(',', '.'));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads rows into columns: spaces around fields, CRLF or LF, a last line with or without its end', () => {
    const columns = read(' 0.000 ,\t12.5,-3e2\r\n0.001,-0,.5\n0.002, +7 ,5.\n\n', 3);
    expect(columns?.map((c) => Array.from(c))).toEqual([
      [0, 0.001, 0.002],
      [12.5, -0, 7],
      [-300, 0.5, 5],
    ]);
    expect(Object.is(columns?.[1]?.[1], -0)).toBe(true);
    expect(read('1\t2\n3\t4', 2, '\t')?.map((c) => Array.from(c))).toEqual([
      [1, 3],
      [2, 4],
    ]);
    // Many rows from a short first row: the columns grow.
    const many = Array.from({ length: 500 }, (_, k) => `${k},${k * 1.5}`).join('\n');
    const grown = read(`0,0\n${many}`, 2);
    expect(grown?.[0]).toHaveLength(501);
    expect(grown?.[1]?.[500]).toBe(499 * 1.5);
  });

  it('gives up on anything that is not rows of plain, finite numbers', () => {
    for (const text of [
      '1,2\n3\n', // a field missing
      '1,2\n3,4,5\n', // one too many
      '1,2\n3,\n', // empty field
      '1,2\n\n3,4\n', // a blank line inside
      '1,2\n# note\n3,4\n', // a comment
      '1,"2"\n', // a quote
      '1,2\r3,4\r', // bare CR line ends
      '1,0x1F\n',
      '1,Infinity\n',
      '1,1e999\n',
      '1,NaN\n',
      '1,1_000\n',
      '1,12 5\n',
      '1,2.5.1\n',
      '1,e5\n',
      '1,1e\n',
      '1,-\n',
      '1,.\n',
      '1,½\n',
    ]) {
      expect(read(text, 2), JSON.stringify(text)).toBeUndefined();
    }
    // With a decimal comma a point is not a decimal mark.
    expect(read('1;2.5\n', 2, ';', true)).toBeUndefined();
    // More rows than allowed.
    expect(
      readByteNumberRows(textBytes('1,2\n3,4\n5,6\n'), {
        start: 0,
        width: 2,
        delimiter: ',',
        decimalComma: false,
        maxRows: 2,
      }),
    ).toBeUndefined();
  });

  it('reads the last line alike with or without its line end (it is read from a copy)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(numberText('.'), numberText('.')), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, lineEnd) => {
          const text = rows.map(([a, b]) => `${a},${b}`).join(lineEnd);
          const expected = rows.map(([a, b]) => [Number(a), Number(b)]);
          const columns = read(text, 2);
          expect(read(`${text}${lineEnd}`, 2)).toEqual(columns);
          if (expected.flat().every(Number.isFinite)) {
            expect(columns?.map((c) => Array.from(c))).toEqual([
              expected.map((row) => row[0]),
              expected.map((row) => row[1]),
            ]);
          } else {
            expect(columns).toBeUndefined();
          }
        },
      ),
      { numRuns: 3000 },
    );
    // One line and no line end; the first row being the last.
    expect(read('1.5,-2', 2)?.map((c) => Array.from(c))).toEqual([[1.5], [-2]]);
    // A field cut at the end of the file, or a bare CR after the last row, as before.
    for (const text of ['1,2\n3,4e', '1,2\n3,4e+', '1,2\n3,-', '1,2\n3,4\r', '1,2\n3,', '1,2\n3']) {
      expect(read(text, 2), JSON.stringify(text)).toBeUndefined();
    }
    expect(read('1,2\n3,4.', 2)?.[1]?.[1]).toBe(4);
    expect(read('1,2\n3,4\r\n\r\n \n', 2)?.[1]).toHaveLength(2);
  });

  it('reads more than 15 digits (leading zeros counted) through Number()', () => {
    for (const text of [
      '0.0000000000000000012345',
      '000000000000000000001.5',
      '123456789012345678901234',
      '1234567890.123456789',
      '123456789012345',
      '0.123456789012345',
      '12345678901234.5',
    ]) {
      expectReadAsNumber(read(`1,${text}`, 2), 1, text);
      expectReadAsNumber(read(`1,${text}\n`, 2), 1, text);
    }
  });

  it('reads the example dynamometer export (semicolons, decimal commas, CRLF) as parseNumber reads each field, with or without its last line end', () => {
    const file = exampleRecording('ding2003-person.csv');
    const text = new TextDecoder().decode(file);
    // Rows of numbers start on line 6, below a preamble and the heading row.
    const start = text.split('\r\n').slice(0, 5).join('\r\n').length + 2;
    const rows = text
      .slice(start)
      .split('\r\n')
      .filter((line) => line !== '')
      .map((line) => line.split(';').map((cell) => parseNumber(cell, true)));
    expect(rows).toHaveLength(1500);
    for (const bytes of [file, file.subarray(0, file.length - 2)]) {
      const columns = readByteNumberRows(bytes, {
        start,
        width: 3,
        delimiter: ';',
        decimalComma: true,
        maxRows: 10_000,
      });
      expect(columns?.map((column) => column.length)).toEqual([1500, 1500, 1500]);
      const differing = rows.findIndex((row, i) =>
        row.some((value, j) => !Object.is(columns?.[j]?.[i], value)),
      );
      expect(differing).toBe(-1);
    }
  });

  it('starts at the given byte', () => {
    const text = 'time (s),force (N)\n0,1.25\n0.5,2.5\n';
    expect(
      readByteNumberRows(textBytes(text), {
        start: text.indexOf('0,'),
        width: 2,
        delimiter: ',',
        decimalComma: false,
        maxRows: 10,
      })?.map((c) => Array.from(c)),
    ).toEqual([
      [0, 0.5],
      [1.25, 2.5],
    ]);
  });
});
