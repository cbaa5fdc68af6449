import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { RawRecording } from '../recording.ts';

/** The bytes of examples/recordings/<name>, the recordings the readers' tests read. */
export function exampleRecording(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../examples/recordings/${name}`, import.meta.url)));
}

/** A recording written inline in a test, as the UTF-8 bytes a reader gets. */
export function textBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Every example file holds 1.5 s at 1 kHz: 1500 samples, the last at 1.499 s (to `digits` decimals). */
export function expectExampleTimeBase(recording: RawRecording, digits: number): void {
  expect(recording.timesS).toHaveLength(1500);
  expect(recording.timesS[1499]).toBeCloseTo(1.499, digits);
}
