import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { prepareRecording } from './prepare.ts';
import { readRecording } from './read.ts';

/**
 * Mangled recordings never crash the import: reading and preparing either succeed or throw an
 * InvalidInputError (a RecordingFormatError for the file itself) whose message says where and what.
 */
const FILES = [
  'ding2003-person.csv',
  'ding2003-person.sto',
  'ding2003-person-int.c3d',
  'ding2003-person-float.c3d',
];
const samples = FILES.map((name) => ({
  name,
  // Shortened so each run is quick: the first 400 lines of text, or the whole (small) C3D.
  bytes: name.endsWith('.c3d')
    ? new Uint8Array(readFileSync(new URL(`../../examples/recordings/${name}`, import.meta.url)))
    : new TextEncoder().encode(
        readFileSync(new URL(`../../examples/recordings/${name}`, import.meta.url), 'utf8')
          .split('\n')
          .slice(0, 400)
          .join('\n'),
      ),
}));

type Mangle =
  | { kind: 'truncate'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const mangle = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ',',
      ';',
      '\t',
      '\n',
      '"',
      'abc',
      '-',
      '1e999',
      'NaN',
      '\r\n',
      'endheader',
      '\0',
      '#',
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 300 }),
  }),
);

function apply(bytes: Uint8Array, mangles: Mangle[]): Uint8Array {
  let out = bytes;
  for (const m of mangles) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'set') {
      out = out.slice();
      if (out.length > 0) out[at] = m.value;
    } else if (m.kind === 'insert') {
      out = new Uint8Array([
        ...out.subarray(0, at),
        ...new TextEncoder().encode(m.text),
        ...out.subarray(at),
      ]);
    } else if (m.kind === 'delete')
      out = new Uint8Array([...out.subarray(0, at), ...out.subarray(at + m.length)]);
    else
      out = new Uint8Array([
        ...out.subarray(0, at + m.length),
        ...out.subarray(at, at + m.length),
        ...out.subarray(at + m.length),
      ]);
  }
  return out;
}

describe('importing mangled recordings', () => {
  for (const { name, bytes } of samples) {
    it(`never crashes on a mangled ${name}`, () => {
      fc.assert(
        fc.property(fc.array(mangle, { minLength: 1, maxLength: 4 }), (mangles) => {
          const mangled = apply(bytes, mangles);
          try {
            const raw = readRecording(mangled, { fileName: name });
            const trigger = raw.channels.find((c) => /trig/i.test(c.label));
            prepareRecording(
              raw,
              trigger ? { triggerChannel: trigger.label } : { forceChannel: raw.channels[0]?.label ?? '' },
            );
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError);
            expect((error as Error).message.length).toBeGreaterThan(10);
          }
        }),
        { numRuns: 150, seed: 16 },
      );
    });
  }
});
