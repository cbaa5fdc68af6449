import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSchema } from '../postgres-schema.ts';
import { type ServerProcess, startServer, stopServer } from '../stress/server-process.ts';

/**
 * Issue 19 items 2 and 3: three real `myotrophy serve` processes on one PostgreSQL schema behave
 * as one server. Each process has its own port, so the test chooses which one answers. Addresses
 * come from X-Forwarded-For (MYOTROPHY_TRUST_PROXY=1), so the per-address limits stay out of the
 * way except where a test means them.
 */
const ADMIN = { email: 'admin@clinic.test', password: 'the admin password' };
const CLINICIAN = { email: 'clin@clinic.test', password: 'the clinician password' };
const schema = serverSchema('three');

describe.skipIf(!schema)('three server processes on one PostgreSQL', () => {
  const servers: ServerProcess[] = [];
  let addresses = 0;
  const nextAddress = () => {
    addresses += 1;
    return `10.77.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
  };
  const call = (
    server: ServerProcess,
    method: string,
    path: string,
    options: { token?: string; body?: unknown; from?: string } = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        'x-forwarded-for': options.from ?? nextAddress(),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  const login = (server: ServerProcess, who: { email: string; password: string }) =>
    call(server, 'POST', '/api/auth/login', { body: who });
  const tokenOf = async (server: ServerProcess, who: { email: string; password: string }) => {
    const response = await login(server, who);
    if (response.status !== 200)
      throw new Error(`login ${who.email}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };
  const at = (i: number) => servers[i % 3] as ServerProcess;

  beforeAll(async () => {
    if (!schema) return;
    const env = {
      ...schema.env,
      MYOTROPHY_TRUST_PROXY: '1',
      MYOTROPHY_ADMIN_EMAIL: ADMIN.email,
      MYOTROPHY_ADMIN_PASSWORD: ADMIN.password,
    };
    servers.push(await startServer({ env }, 120_000));
    servers.push(...(await Promise.all([startServer({ env }, 120_000), startServer({ env }, 120_000)])));
    const admin = await tokenOf(at(0), ADMIN);
    const created = await call(at(0), 'POST', '/api/users', {
      token: admin,
      body: { ...CLINICIAN, name: 'Clin', role: 'clinician' },
    });
    expect(created.status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => stopServer(s)));
    await schema?.drop();
  });

  it('holds a lockout earned on one process on the other two', async () => {
    const victim = { email: 'nobody@clinic.test', password: 'not the password' };
    for (let i = 0; i < 10; i += 1) expect((await login(at(i), victim)).status).toBe(401);
    // The 1 s lock after the tenth failure, asked of all three at once.
    const held = await Promise.all(servers.map((s) => login(s, victim)));
    const details = await Promise.all(
      held.map(async (r) => [r.status, ((await r.json()) as { detail: string }).detail]),
    );
    for (const [status, detail] of details) {
      expect(status).toBe(429);
      expect(detail).toMatch(/^this account or address is locked for 1 s after 10 failed logins/);
    }
  }, 120_000);

  it('refuses a session logged out on one process on the other two within 100 ms', async () => {
    const token = await tokenOf(at(0), CLINICIAN);
    for (const s of servers) expect((await call(s, 'GET', '/api/me', { token })).status).toBe(200);
    const logout = await call(at(0), 'POST', '/api/auth/logout', { token });
    expect(logout.status).toBe(204);
    const loggedOutAt = performance.now();
    // Poll every 10 ms; the staleness is when the first refused request was sent, after the logout's answer.
    const staleness = await Promise.all(
      [at(1), at(2)].map(async (s) => {
        for (;;) {
          const sentAt = performance.now();
          const status = (await call(s, 'GET', '/api/me', { token })).status;
          if (status === 401) return sentAt - loggedOutAt;
          expect(status).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }),
    );
    console.log(
      `session end seen by the other processes after ${staleness.map((ms) => ms.toFixed(1)).join(' ms and ')} ms`,
    );
    for (const ms of staleness) expect(ms).toBeLessThanOrEqual(100);
  }, 120_000);

  it("shows a write on one process on the others' next read", async () => {
    const token = await tokenOf(at(1), CLINICIAN);
    const created = await call(at(1), 'POST', '/api/patients', { token, body: { name: 'Written On One' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const s of [at(0), at(2)]) {
      const read = await call(s, 'GET', `/api/patients/${id}`, { token });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('Written On One');
    }
  }, 120_000);

  it('answers 200 clients spread over the three with no error', async () => {
    const token = await tokenOf(at(2), CLINICIAN);
    const patients = (await (await call(at(2), 'GET', '/api/patients', { token })).json()) as {
      items: { id: string }[];
    };
    const id = patients.items[0]?.id;
    expect(id).toBeDefined();
    const outcomes: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: 200 }, async (_, client) => {
        for (let i = 0; i < 3; i += 1) {
          const path = i === 1 ? `/api/patients/${id}` : '/api/me';
          const key = await call(at(client + i), 'GET', path, { token }).then(
            (r) => String(r.status),
            (error: Error) => error.message,
          );
          outcomes[key] = (outcomes[key] ?? 0) + 1;
        }
      }),
    );
    console.log(`200 clients, 3 requests each over three processes: ${JSON.stringify(outcomes)}`);
    expect(outcomes).toEqual({ 200: 600 });
  }, 240_000);
});
