import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `node bin/myotrophy.js ARGS` and returns its exit code, stdout and stderr. */
export function myotrophy(
  args: string[],
  env: Record<string, string | undefined> = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['bin/myotrophy.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: undefined, MYOTROPHY_PASSWORD: undefined, ...env },
    timeout: 120_000,
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `myotrophy-${prefix}-`));
}
