import { readFileSync } from 'node:fs';

/** The bytes of examples/recordings/<name>, the recordings the readers' tests read. */
export function exampleRecording(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../examples/recordings/${name}`, import.meta.url)));
}

/** A recording written inline in a test, as the UTF-8 bytes a reader gets. */
export function textBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
