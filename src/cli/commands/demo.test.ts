import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'myotrophy-demo-cli-'));
const run = (...args: string[]) => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return spawnSync('node', ['bin/myotrophy.js', 'demo', ...args], { encoding: 'utf8', env });
};

describe('myotrophy demo', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the demo patients into a data directory once, and says so the second time', () => {
    const first = run('--data', dataDir, '--today', '2025-03-10', '--json');
    expect(first.status).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json.loaded).toBe(true);
    expect(json.database).toBe('pglite');
    expect(json.patients.map((p: { name: string }) => p.name)).toEqual([
      'Alex Morgan',
      'Brigitte Okafor',
      'Daniel Reyes',
      'Margaret Ellis',
    ]);
    const second = run('--data', dataDir, '--json');
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ loaded: false, patients: [] });
  }, 180_000);

  it('refuses a date that does not exist, saying the format', () => {
    const result = run('--data', dataDir, '--today', '2025-02-30', '--json');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--today must be a calendar date YYYY-MM-DD');
    expect(result.stdout).toBe('');
  });
});
