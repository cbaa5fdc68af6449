import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { myotrophy, tempDir } from '../../../test/cli.ts';
import { migrations } from '../../store/migrations/index.ts';

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const end = out.indexOf('\n');
      if (end >= 0) resolve(out.slice(0, end));
    });
    child.stderr?.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

describe('myotrophy serve', () => {
  it('starts embedded on a fresh directory, creates the admin from the environment, serves, and stops on SIGTERM', async () => {
    const data = join(tempDir('serve'), 'data');
    const child = spawn(
      process.execPath,
      ['bin/myotrophy.js', 'serve', '--port', '0', '--data', data, '--json'],
      {
        env: {
          ...process.env,
          DATABASE_URL: '',
          MYOTROPHY_ADMIN_EMAIL: 'admin@clinic.test',
          MYOTROPHY_ADMIN_PASSWORD: 'the admin password',
        },
      },
    );
    try {
      const started = JSON.parse(await firstLine(child));
      expect(started).toMatchObject({
        database: 'pglite',
        location: data,
        // Every schema version, in order (the exact list is database.test.ts's).
        migrationsApplied: Object.keys(migrations),
        admin: { created: true, email: 'admin@clinic.test' },
        firstVisitSetsUp: false,
      });
      expect(existsSync(`${data}.lock`)).toBe(true);
      const health = await fetch(`${started.url}/api/health`);
      expect(await health.json()).toEqual({
        status: 'ok',
        database: 'pglite',
        schemaVersion: '0016-patient-language',
      });
      const login = await fetch(`${started.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@clinic.test', password: 'the admin password' }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('set-cookie')).toMatch(/myotrophy_session=.*HttpOnly.*SameSite=Strict/);
      // A second process may not open the same embedded database.
      const busy = myotrophy(['backup', join(data, '..', 'b.json'), '--data', data]);
      expect(busy.status).toBe(2);
      expect(busy.stderr).toContain(`the embedded database ${data} is open in process ${child.pid}`);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(existsSync(`${data}.lock`)).toBe(false);
  }, 180_000);

  it('tells a newcomer which address to open and that the first visit creates the admin', async () => {
    const data = join(tempDir('serve-first-run'), 'data');
    const child = spawn(process.execPath, ['bin/myotrophy.js', 'serve', '--port', '0', '--data', data], {
      env: { ...process.env, DATABASE_URL: '', MYOTROPHY_ADMIN_EMAIL: '', MYOTROPHY_ADMIN_PASSWORD: '' },
    });
    try {
      const lines: string[] = [];
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (chunk) => {
          out += chunk;
          if (out.includes('Ctrl-C')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      lines.push(...out.split('\n'));
      const url = lines[0]?.match(/listening on (http:\/\/\S+)/)?.[1];
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines).toContain(`Open ${url} in a browser: the first visit creates the admin account.`);
      expect(lines).toContain(
        'port and data directory: --port N --data DIR (or DATABASE_URL for PostgreSQL)',
      );
      const setup = await fetch(`${url}/api/setup`);
      expect(await setup.json()).toEqual({ needsSetup: true });
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 180_000);
});
