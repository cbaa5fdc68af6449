import cookie from '@fastify/cookie';
import fc from 'fast-check';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, installAuthentication } from '../../src/api/auth.ts';
import {
  ACCOUNT_FREE_FAILURES as LOCKOUT_FAILURES,
  MAX_DELAY_MINUTES as LOCKOUT_MINUTES,
} from '../../src/api/login-throttle.ts';
import { hashPassword } from '../../src/api/passwords.ts';
import { installProblemHandlers } from '../../src/api/problem.ts';
import { takeSnapshot } from '../../src/store/backup.ts';
import { SESSION_LIFETIME_HOURS } from '../../src/store/records/auth-sessions.ts';
import { createUser } from '../../src/store/records/users.ts';
import { type ApiWorld, makeApiWorld, PASSWORD } from '../api-world.ts';
import { testDatabases } from '../databases.ts';
import { pgliteDatabase, seedClinic } from '../stress/seed.ts';
import { fixtureServer, REAL_SERVER, startServer, stopServer } from '../stress/server-process.ts';
import { type Outsider, outsiderLeaks } from './access-check.ts';
import { type Operation, operationsOf } from './fuzz-routes.ts';
import { fromSchema } from './schema-arbitrary.ts';

/**
 * Intrusion: access control over every operation, session fixation, CSRF against cookie sessions,
 * brute-force login (per-address rate limit and per-account lockout), expired and revoked
 * tokens, guessed ids, security headers, and no secrets in logs, answers or the database.
 */
function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  const raw = response.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return Object.fromEntries(list.map((c) => [c.split('=')[0] as string, c]));
}

function cookieValue(setCookie: string | undefined): string {
  return (setCookie ?? '').split(';')[0]?.split('=').slice(1).join('=') ?? '';
}

const VALID_BODIES: Record<string, (w: ApiWorld) => unknown> = {
  'PATCH /api/patients/{id}': () => ({ birthDate: '1950-01-03' }),
  'POST /api/patients/{id}/care-team': (w) => ({ clinicianId: w.clinicianTwo.id }),
  'POST /api/patients/{id}/conditions': () => ({
    site: 'lower-leg',
    side: 'left',
    cause: 'cast',
    onsetDate: '2025-01-01',
  }),
  'POST /api/patients/{id}/screenings': () => ({
    screenedAt: '2025-01-02T09:00:00Z',
    answers: {},
    electrodeSites: [],
    redFlagFindings: {},
  }),
  'POST /api/patients/{id}/measurements': () => ({
    kind: 'circumference',
    value: 38.5,
    measuredAt: '2025-01-02T09:00:00Z',
    side: 'left',
  }),
  'POST /api/patients/{id}/sd-tests': () => ({
    testedAt: '2025-01-02T09:00:00Z',
    points: [
      { widthMs: 0.1, thresholdMa: 30 },
      { widthMs: 1, thresholdMa: 7 },
      { widthMs: 10, thresholdMa: 5.2 },
    ],
  }),
  'POST /api/patients/{id}/programmes': () => ({ body: { sessionsPerWeek: 5, note: 'intrusion' } }),
  'POST /api/patients/{id}/sessions': () => ({
    kind: 'exercise',
    startedAt: '2025-01-03T10:00:00Z',
    minutes: 15,
    completed: true,
  }),
  'POST /api/patients/{id}/notes': () => ({ text: 'an outsider writes' }),
  'POST /api/patients/{id}/plan': () => ({
    goal: 'prevent-disuse-atrophy',
    muscle: 'triceps-surae',
    side: 'left',
  }),
};

describe.each(testDatabases)('intrusion on $name', (kind) => {
  let world: ApiWorld;
  let operations: Operation[];
  let draftId: string;
  let clockMs = Date.now();
  const clock = () => new Date(clockMs);

  beforeAll(async () => {
    world = await makeApiWorld(kind, { now: clock });
    operations = operationsOf((await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
    const draft = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/programmes`,
      {
        body: { sessionsPerWeek: 3, note: 'secret-programme-note' },
      },
    );
    draftId = draft.json().id;
    await world.request(world.patientUserOne, 'POST', `/api/patients/${world.patientOne}/notes`, {
      text: 'secret-note-of-patient-one',
    });
  }, 60_000);
  afterAll(async () => world?.close());

  const bodyFor = (operation: Operation) =>
    VALID_BODIES[`${operation.method} ${operation.path}`]?.(world) ??
    (operation.body ? fc.sample(fromSchema(operation.body), { seed: 7, numRuns: 1 })[0] : undefined);

  it("refuses every operation on patient one's record to anonymous callers and outsiders, and leaks nothing", async () => {
    const outsiders: Outsider[] = [
      { name: 'anonymous' },
      { name: "patient two's account", token: world.patientUserTwo.token },
      { name: "patient two's clinician", token: world.clinicianTwo.token },
      {
        name: 'an admin on no care team',
        token: world.admin.token,
        // Admins manage every care team (management, not health data).
        allowed: (op) => op.path === '/api/patients/{id}/care-team',
      },
    ];
    const patientOps = operations.filter((op) => op.pathParams.includes('id'));
    expect(patientOps.length).toBeGreaterThanOrEqual(20);
    const leaks = await outsiderLeaks(
      world.app,
      patientOps,
      outsiders,
      { id: world.patientOne, pid: draftId },
      ['Ada One', '1950-01-02', 'secret-note-of-patient-one', 'secret-programme-note'],
      bodyFor,
    );
    expect(leaks).toEqual([]);
  });

  it('answers 401 to every non-public operation without credentials', async () => {
    const leaks = await outsiderLeaks(
      world.app,
      operations.filter((op) => !op.pathParams.includes('id')),
      [{ name: 'anonymous' }],
      {},
      [],
      bodyFor,
    );
    expect(leaks).toEqual([]);
  });

  it('keeps other patients out of lists, alerts, audit and the FHIR API', async () => {
    const lists = await world.request(world.clinicianTwo, 'GET', '/api/patients');
    expect(lists.body).not.toContain(world.patientOne);
    expect((await world.request(world.clinicianTwo, 'GET', '/api/alerts')).body).not.toContain(
      world.patientOne,
    );
    expect((await world.request(world.clinicianOne, 'GET', '/api/audit')).statusCode).toBe(403);
    expect((await world.request(world.patientUserOne, 'GET', '/api/audit')).statusCode).toBe(403);
    for (const url of [
      `/fhir/R4/Patient/${world.patientOne}`,
      `/fhir/R4/Patient/${world.patientOne}/$everything`,
      `/fhir/R4/Observation?patient=${world.patientOne}`,
      `/fhir/R4/Condition?subject=Patient/${world.patientOne}`,
    ]) {
      for (const person of [world.clinicianTwo, world.patientUserTwo, world.admin]) {
        const response = await world.request(person, 'GET', url);
        expect([403, 404], `${url} as ${person.email}`).toContain(response.statusCode);
        expect(response.body).not.toContain('Ada One');
      }
    }
  });

  it('refuses guessed ids: random patient ids, and a record id of another patient under this patient', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uuid(), async (id) => {
        for (const person of [world.clinicianOne, world.patientUserOne, world.admin]) {
          const response = await world.request(person, 'GET', `/api/patients/${id}`);
          expect([403, 404]).toContain(response.statusCode);
        }
      }),
      { numRuns: 30 },
    );
    const other = await world.request(
      world.clinicianTwo,
      'POST',
      `/api/patients/${world.patientTwo}/programmes`,
      {
        body: { sessionsPerWeek: 2 },
      },
    );
    const otherId = other.json().id as string;
    const approve = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/programmes/${otherId}/approve`,
    );
    expect(approve.statusCode).toBe(404);
    const supersede = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/programmes`,
      {
        body: { sessionsPerWeek: 3 },
        supersedesId: otherId,
      },
    );
    expect(supersede.statusCode).toBe(422);
    const session = await world.request(
      world.patientUserOne,
      'POST',
      `/api/patients/${world.patientOne}/sessions`,
      {
        kind: 'exercise',
        startedAt: '2025-01-01T10:00:00Z',
        minutes: 10,
        completed: true,
        programmeId: otherId,
      },
    );
    expect(session.statusCode).toBe(422);
    expect(session.json().detail).toMatch(/not a programme of this patient/);
  });

  it('makes ids unguessable: random (version 4) UUIDs, no two alike, no order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const created = await world.request(
        world.patientUserOne,
        'POST',
        `/api/patients/${world.patientOne}/notes`,
        {
          text: `id probe ${i}`,
        },
      );
      ids.push(created.json().id);
    }
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).not.toEqual(ids);
  });

  it('defeats session fixation: a cookie planted before login is replaced, and never becomes a session', async () => {
    const planted = 'A'.repeat(43);
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.1.0.1',
      cookies: { myotrophy_session: planted },
      payload: { email: 'ada@home.test', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const issued = cookieValue(cookiesOf(login).myotrophy_session);
    expect(issued).not.toBe(planted);
    expect(issued.length).toBeGreaterThanOrEqual(40);
    const withPlanted = await world.app.inject({
      method: 'GET',
      url: '/api/me',
      cookies: { myotrophy_session: planted },
    });
    expect(withPlanted.statusCode).toBe(401);
    // Logging in again gives a new session; the old one stays the old user's and is not reused.
    const again = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.1.0.2',
      cookies: { myotrophy_session: issued },
      payload: { email: 'one@clinic.test', password: PASSWORD },
    });
    const second = cookieValue(cookiesOf(again).myotrophy_session);
    expect(second).not.toBe(issued);
    const me = await world.app.inject({
      method: 'GET',
      url: '/api/me',
      cookies: { myotrophy_session: second },
    });
    expect(me.json().user.email).toBe('one@clinic.test');
  });

  it('refuses cross-site writes with the session cookie: no, wrong or another session’s CSRF token', async () => {
    const login = async (email: string, ip: string) => {
      const response = await world.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { email, password: PASSWORD },
      });
      const cookies = cookiesOf(response);
      expect(cookies.myotrophy_session).toMatch(/HttpOnly/i);
      expect(cookies.myotrophy_session).toMatch(/SameSite=Strict/i);
      return { session: cookieValue(cookies.myotrophy_session), csrf: response.json().csrfToken as string };
    };
    const ada = await login('ada@home.test', '10.2.0.1');
    const bo = await login('bo@home.test', '10.2.0.2');
    const write = (headers: Record<string, string>, contentType = 'application/json') =>
      world.app.inject({
        method: 'POST',
        url: `/api/patients/${world.patientOne}/notes`,
        cookies: { myotrophy_session: ada.session },
        headers: { 'content-type': contentType, origin: 'https://attacker.example', ...headers },
        payload: JSON.stringify({ text: 'forged' }),
      });
    expect((await write({})).statusCode).toBe(403);
    expect((await write({ 'x-csrf-token': 'x'.repeat(ada.csrf.length) })).statusCode).toBe(403);
    expect((await write({ 'x-csrf-token': bo.csrf })).statusCode).toBe(403);
    expect((await write({ 'x-csrf-token': ada.csrf.slice(0, -1) })).statusCode).toBe(403);
    // What a cross-site form can send (a form content type) is refused too: 415, or 400 for text/plain,
    // which parses as a string and fails the body's schema.
    expect((await write({ 'x-csrf-token': ada.csrf }, 'application/x-www-form-urlencoded')).statusCode).toBe(
      415,
    );
    expect((await write({ 'x-csrf-token': ada.csrf }, 'text/plain')).statusCode).toBe(400);
    const ok = await write({ 'x-csrf-token': ada.csrf });
    expect(ok.statusCode).toBe(201);
    // No CORS grant: another origin's script cannot read answers.
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    // Logging out is a POST (a link or image cannot do it), and needs the token too.
    expect(
      (
        await world.app.inject({
          method: 'GET',
          url: '/api/auth/logout',
          cookies: { myotrophy_session: ada.session },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          cookies: { myotrophy_session: ada.session },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('expires tokens after the session lifetime and revokes them at logout', async () => {
    const login = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.3.0.1',
      payload: { email: 'two@clinic.test', password: PASSWORD },
    });
    const token = login.json().token as string;
    const me = () =>
      world.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect((await me()).statusCode).toBe(200);
    const started = clockMs;
    try {
      clockMs = started + SESSION_LIFETIME_HOURS * 3_600_000 - 60_000;
      expect((await me()).statusCode).toBe(200);
      clockMs = started + SESSION_LIFETIME_HOURS * 3_600_000 + 60_000;
      const expired = await me();
      expect(expired.statusCode).toBe(401);
      expect(expired.json().detail).toMatch(/expired/);
    } finally {
      clockMs = started;
    }
    const second = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.3.0.2',
      payload: { email: 'two@clinic.test', password: PASSWORD },
    });
    const live = second.json().token as string;
    const auth = { authorization: `Bearer ${live}` };
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: auth })).statusCode).toBe(200);
    expect(
      (await world.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode,
    ).toBe(204);
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: auth })).statusCode).toBe(401);
    expect(
      (await world.app.inject({ method: 'GET', url: `/api/patients/${world.patientTwo}`, headers: auth }))
        .statusCode,
    ).toBe(401);
  });

  it('locks an account after repeated failed logins from many addresses, and only that account', async () => {
    const email = 'one@clinic.test';
    const attempt = (password: string, ip: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        payload: { email, password },
      });
    // A parallel burst from 40 addresses: only the allowed number are even checked.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(`guess ${i}`, `10.4.${i}.1`)),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOCKOUT_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - LOCKOUT_FAILURES);
    const locked = await attempt(PASSWORD, '10.4.99.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(locked.json().detail).toMatch(/locked/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is unaffected, and the answer is the same for an address that has no account.
    const other = await world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.4.98.1',
      payload: { email: 'two@clinic.test', password: PASSWORD },
    });
    expect(other.statusCode).toBe(200);
    const started = clockMs;
    try {
      clockMs = started + (LOCKOUT_MINUTES + 1) * 60_000;
      expect((await attempt(PASSWORD, '10.4.97.1')).statusCode).toBe(200);
    } finally {
      clockMs = started;
    }
  });

  it('sends the security headers on every kind of answer', async () => {
    const answers = await Promise.all([
      world.app.inject({ method: 'GET', url: '/' }),
      world.app.inject({ method: 'GET', url: '/api/health' }),
      world.app.inject({ method: 'GET', url: '/api/nowhere' }),
      world.app.inject({ method: 'GET', url: '/api/patients' }),
      world.request(world.clinicianOne, 'POST', `/api/patients/${world.patientOne}/notes`, { text: 1 }),
      world.app.inject({ method: 'GET', url: '/%E0%A4%A' }),
      world.app.inject({ method: 'GET', url: '/fhir/R4/metadata' }),
      world.request(world.clinicianOne, 'GET', `/fhir/R4/Patient/${world.patientOne}`),
    ]);
    for (const answer of answers) {
      const where = `${answer.statusCode} ${answer.body.slice(0, 60)}`;
      expect(answer.headers['x-content-type-options'], where).toBe('nosniff');
      expect(String(answer.headers['content-security-policy']), where).toMatch(/frame-ancestors 'none'/);
      expect(String(answer.headers['content-security-policy']), where).toMatch(/script-src 'self'(;|$)/);
      expect(answer.headers['x-frame-options'], where).toBe('DENY');
      expect(answer.headers['x-powered-by'], where).toBeUndefined();
    }
    const docs = await world.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(String(docs.headers['content-security-policy'])).toMatch(/frame-ancestors 'self'/);
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
  });

  it('never answers with a password, a password hash or a token hash, and stores no password or token in clear', async () => {
    const created = await world.request(world.admin, 'POST', '/api/users', {
      email: 'fresh@clinic.test',
      name: 'Fresh',
      role: 'clinician',
      password: 'a fresh secret password',
    });
    expect(created.statusCode).toBe(201);
    const answers = [
      created,
      await world.request(world.admin, 'GET', '/api/audit?limit=500'),
      await world.request(world.clinicianOne, 'GET', `/api/patients/${world.patientOne}`),
      await world.request(world.clinicianOne, 'GET', `/api/patients/${world.patientOne}/overview`),
      await world.request(world.clinicianOne, 'GET', `/fhir/R4/Patient/${world.patientOne}/$everything`),
      await world.request(world.patientUserOne, 'GET', '/api/me'),
      await world.request(world.clinicianOne, 'GET', '/api/patients'),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBeLessThan(300);
      for (const secret of [
        PASSWORD,
        'a fresh secret password',
        '$argon2',
        'passwordHash',
        'password_hash',
        'tokenHash',
        'token_hash',
      ]) {
        expect(answer.body, answer.body.slice(0, 80)).not.toContain(secret);
      }
      for (const person of [world.clinicianOne, world.patientUserOne, world.admin]) {
        expect(answer.body).not.toContain(person.token);
      }
    }
    const dump = JSON.stringify(await takeSnapshot(world.database.db, new Date()));
    expect(dump).not.toContain(PASSWORD);
    expect(dump).not.toContain('a fresh secret password');
    expect(dump).toContain('$argon2id$');
    const sessions = JSON.stringify(
      await world.database.db.selectFrom('auth_sessions').selectAll().execute(),
    );
    for (const person of [world.clinicianOne, world.patientUserOne, world.admin])
      expect(sessions).not.toContain(person.token);
  });
});

describe('secrets stay out of server logs', () => {
  it('logs no password, token or CSRF token, from the real server or with request logging on', async () => {
    for (const args of [REAL_SERVER, fixtureServer('test/reliability/fixtures/logging-server.ts')]) {
      const target = pgliteDatabase('logs');
      await seedClinic(target, 1);
      const password = 'log probe password 123';
      const database = await target.open();
      await createUser(database.db, {
        email: 'logged@clinic.test',
        name: 'Logged',
        role: 'admin',
        passwordHash: await hashPassword(password),
      });
      await database.close();
      const server = await startServer({ args, dataDir: target.dataDir as string, env: target.env });
      try {
        const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
          fetch(`${server.url}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          });
        expect(
          (await post('/api/auth/login', { email: 'logged@clinic.test', password: 'wrong one' })).status,
        ).toBe(401);
        const login = await post('/api/auth/login', { email: 'logged@clinic.test', password });
        const { token, csrfToken } = (await login.json()) as { token: string; csrfToken: string };
        const cookie = login.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ');
        const auth = { authorization: `Bearer ${token}` };
        await fetch(`${server.url}/api/me`, { headers: auth });
        await fetch(`${server.url}/api/me`, { headers: { cookie } });
        await post(
          '/api/users',
          { email: 'x@clinic.test', name: 'X', role: 'clinician', password: 'another secret 456' },
          auth,
        );
        await post('/api/patients', { name: 1 }, { cookie, 'x-csrf-token': csrfToken });
        await fetch(`${server.url}/api/patients/not-an-id`, { headers: auth });
        await post('/api/auth/logout', {}, auth);
        await stopServer(server);
        const output = server.stderr() + server.stdout();
        if (args !== REAL_SERVER) expect(output).toMatch(/incoming request/);
        for (const secret of [password, 'another secret 456', token, csrfToken, '$argon2']) {
          expect(output).not.toContain(secret);
        }
      } finally {
        await stopServer(server);
        await target.drop();
      }
    }
  }, 120_000);
});

/** The access checker against a route that forgot access control: it must report it. */
describe('the access checker', () => {
  let world: ApiWorld;
  let leaky: FastifyInstance;
  beforeAll(async () => {
    world = await makeApiWorld(testDatabases[0] as (typeof testDatabases)[number]);
    leaky = Fastify();
    installProblemHandlers(leaky);
    await leaky.register(cookie);
    installAuthentication(leaky, world.database.db, () => new Date(), world.database.accountChanges);
    leaky.get<{ Params: { id: string } }>('/api/patients/:id/leaky', async (request) => {
      actorOf(request);
      const patient = await world.database.db
        .selectFrom('patients')
        .selectAll()
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      return { name: patient?.name };
    });
    await leaky.ready();
  }, 60_000);
  afterAll(async () => {
    await leaky?.close();
    await world?.close();
  });

  it('reports a route that answers outsiders', async () => {
    const operation: Operation = {
      method: 'GET',
      path: '/api/patients/{id}/leaky',
      pathParams: ['id'],
      query: [],
      body: undefined,
      public: false,
    };
    const leaks = await outsiderLeaks(
      leaky,
      [operation],
      [{ name: 'anonymous' }, { name: "patient two's clinician", token: world.clinicianTwo.token }],
      { id: world.patientOne },
      ['Ada One'],
      () => undefined,
    );
    expect(leaks).toEqual([
      {
        outsider: "patient two's clinician",
        operation: 'GET /api/patients/{id}/leaky',
        status: 200,
        reason: "answer contains 'Ada One'",
      },
    ]);
  });
});
