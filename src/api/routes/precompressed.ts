import { stat } from 'node:fs/promises';

/**
 * The compressed copies the web build leaves beside each text file (vite-plugin-compression2 in
 * vite.config.ts: brotli at quality 11, gzip at level 9), best first. A copy is written only where
 * it is smaller, so a file may have none.
 */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type ContentEncoding = (typeof PRECOMPRESSED)[number]['encoding'];

/**
 * The content codings an Accept-Encoding header allows (RFC 9110 §12.5.3): those listed with a
 * weight above 0, and, through `*`, any not listed. Absent or empty, no coding is allowed.
 */
export function acceptedEncodings(header: string | undefined): Set<ContentEncoding> {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...parameters] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name === '') continue;
    const q = parameters.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const anyOther = weights.get('*') ?? 0;
  const accepted = new Set<ContentEncoding>();
  for (const { encoding } of PRECOMPRESSED) {
    if ((weights.get(encoding) ?? anyOther) > 0) accepted.add(encoding);
  }
  return accepted;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The best compressed copy of `file` the client accepts, or undefined to send the file as it is. */
export async function precompressedCopy(
  file: string,
  acceptEncoding: string | undefined,
): Promise<{ path: string; encoding: ContentEncoding } | undefined> {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const { encoding, suffix } of PRECOMPRESSED) {
    if (accepted.has(encoding) && (await exists(file + suffix))) return { path: file + suffix, encoding };
  }
  return undefined;
}
