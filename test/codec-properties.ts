/**
 * The properties every stimulator codec must have (issue 21, item 1), stated once and run for
 * ScienceMode2 and ScienceMode4 by their codec tests: decode(encode(x)) = x; the stream reader
 * finds every packet however the bytes are chunked; random, truncated or corrupted bytes never
 * make the decoder throw anything but a ProtocolError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameReader } from '../src/device/framing.ts';
import { ProtocolError } from '../src/device/protocol-error.ts';

export interface CodecUnderTest<M> {
  name: string;
  message: fc.Arbitrary<M>;
  encode(message: M): Uint8Array;
  decode(frame: Uint8Array): M;
  reader(): FrameReader;
  /** Random bytes inside the protocol's start and stop bytes (and header, where it has one). */
  framed(bytes: Uint8Array): Uint8Array;
  /** Most messages in one stream, largest chunk cut, most random bytes. */
  sizes: { messages: number; chunk: number; randomBytes: number };
}

function onlyProtocolErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
  }
}

export function describeCodecProperties<M>(codec: CodecUnderTest<M>): void {
  const { encode, decode, sizes } = codec;
  describe(`${codec.name} properties`, () => {
    it('decode(encode(x)) = x for every message the encoder accepts', () => {
      fc.assert(
        fc.property(codec.message, (m) => {
          expect(decode(encode(m))).toEqual(m);
        }),
        { numRuns: 2000 },
      );
    });

    it('the stream reader finds every packet in a concatenation cut into arbitrary chunks', () => {
      const streams = fc.array(codec.message, { minLength: 1, maxLength: sizes.messages });
      const cutsOf = fc.array(fc.integer({ min: 1, max: sizes.chunk }));
      fc.assert(
        fc.property(streams, cutsOf, (ms, cuts) => {
          const bytes = Uint8Array.from(ms.flatMap((m) => [...encode(m)]));
          const reader = codec.reader();
          const decoded: M[] = [];
          for (let at = 0, i = 0; at < bytes.length; i += 1) {
            const size = cuts.length > 0 ? (cuts[i % cuts.length] as number) : bytes.length;
            for (const e of reader.push(bytes.subarray(at, at + size))) {
              if (!('frame' in e)) throw e.error;
              decoded.push(decode(e.frame));
            }
            at += size;
          }
          expect(decoded).toEqual(ms);
        }),
        { numRuns: 300 },
      );
    });

    it('random bytes never make the decoder or the stream reader throw anything but a ProtocolError', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: sizes.randomBytes }), (bytes) => {
          onlyProtocolErrors(() => decode(bytes));
          const framed = codec.framed(bytes);
          onlyProtocolErrors(() => decode(framed));
          for (const e of codec.reader().push(framed))
            if ('frame' in e) onlyProtocolErrors(() => decode(e.frame));
        }),
        { numRuns: 3000 },
      );
    });

    it('every truncation or single-byte corruption of a valid packet is a ProtocolError', () => {
      fc.assert(
        fc.property(codec.message, fc.nat(), fc.integer({ min: 1, max: 255 }), (m, where, flip) => {
          const bytes = encode(m);
          const cut = where % bytes.length;
          expect(() => decode(bytes.subarray(0, cut))).toThrow(ProtocolError);
          const corrupted = bytes.slice();
          corrupted[cut] = (corrupted[cut] as number) ^ flip;
          onlyProtocolErrors(() => decode(corrupted));
        }),
        { numRuns: 2000 },
      );
    });
  });
}
