import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { myotrophy, tempDir } from '../../../test/cli.ts';
import { serverSchema } from '../../../test/postgres-schema.ts';
import { REAL_SERVER, startServer, stopServer } from '../../../test/stress/server-process.ts';
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
        schemaVersion: '0021-account-change-notices',
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

describe('myotrophy serve --workers', () => {
  it('refuses more than one process on the embedded database, saying why and what to do', () => {
    const data = join(tempDir('serve-workers'), 'data');
    const run = myotrophy(['serve', '--port', '0', '--data', data, '--workers', '2']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '--workers 2 needs PostgreSQL (set DATABASE_URL): the embedded database belongs to one process; leave out --workers to serve it',
    );
    expect(run.stdout).toBe('');
    expect(myotrophy(['serve', '--workers', '0']).stderr).toContain(
      "--workers must be a whole number from 1 to 64; got '0'",
    );
  });

  const schema = serverSchema('workers');
  it.skipIf(!schema)(
    'runs N processes on one port over PostgreSQL, starts another in place of one that dies, and stops them all on SIGTERM',
    async () => {
      if (!schema) return;
      const server = await startServer(
        { args: [...REAL_SERVER, '--workers', '2'], env: schema.env },
        120_000,
      );
      try {
        const started = JSON.parse(server.stdout().split('\n')[0] ?? '');
        expect(started).toMatchObject({ database: 'postgres', firstVisitSetsUp: true });
        expect(started.workers).toHaveLength(2);
        const [first, second] = started.workers as number[];
        expect(new Set([server.pid, first, second]).size).toBe(3);
        const health = await fetch(`${server.url}/api/health`);
        expect(await health.json()).toEqual({
          status: 'ok',
          database: 'postgres',
          schemaVersion: '0021-account-change-notices',
        });
        process.kill(first as number, 'SIGKILL');
        const restarted = new RegExp(
          `server worker ${first} stopped \\(SIGKILL\\); started worker (\\d+) in its place`,
        );
        while (!restarted.test(server.stderr())) await new Promise((resolve) => setTimeout(resolve, 50));
        const replacement = Number(restarted.exec(server.stderr())?.[1]);
        // Every request is answered meanwhile by the worker left, then by both.
        for (let i = 0; i < 20; i += 1) expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        await stopServer(server);
        expect(await server.exited).toEqual({ code: 0, signal: null });
        for (const pid of [second, replacement]) expect(() => process.kill(pid as number, 0)).toThrow();
        // One document on standard output, the primary's.
        expect(server.stdout().trim().split('\n')).toHaveLength(1);
      } finally {
        await stopServer(server, 'SIGKILL');
        await schema.drop();
      }
    },
    240_000,
  );
});
