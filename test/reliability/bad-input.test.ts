import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblemHandlers } from '../../src/api/problem.ts';
import { createNote, listNotes } from '../../src/store/records/notes.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';
import { type FuzzTarget, fuzzOperation, type Operation, operationsOf } from './fuzz-routes.ts';
import { rejectionProblem } from './response-check.ts';
import { deeplyNestedJson } from './schema-arbitrary.ts';

/**
 * Bad input, over every operation in the OpenAPI document: random and malformed bodies, wrong
 * types, huge strings, deep nesting, invalid Unicode, SQL and HTML injection → a success or a 4xx
 * problem+json with a clear detail, never a 5xx, and nothing stored when refused.
 * MYOTROPHY_FUZZ_RUNS sets the requests per operation (default 25 on PGlite, 8 on PostgreSQL).
 */
const RUNS = Number(process.env.MYOTROPHY_FUZZ_RUNS ?? 25);

describe.each(testDatabases)('bad input on $name', (kind) => {
  let world: ApiWorld;
  let operations: Operation[];
  let target: FuzzTarget;
  const runs = kind.name === 'pglite' ? RUNS : Math.max(4, Math.round(RUNS / 3));

  beforeAll(async () => {
    world = await makeApiWorld(kind);
    operations = operationsOf((await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
    const draft = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/programmes`,
      {
        body: { sessionsPerWeek: 3, note: 'fuzz target' },
      },
    );
    expect(draft.statusCode).toBe(201);
    target = {
      app: world.app,
      db: world.database.db,
      tokens: [
        world.clinicianOne.token,
        world.clinicianOne.token,
        world.patientUserOne.token,
        world.admin.token,
        world.teamAdmin.token,
      ],
      realIds: { id: [world.patientOne], pid: [draft.json().id] },
    };
  }, 60_000);
  afterAll(async () => world?.close());

  it('reads every route from the OpenAPI document', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toContain('POST /api/patients/{id}/sessions');
    expect(names).toContain('POST /api/auth/login');
    expect(operations.length).toBeGreaterThanOrEqual(30);
  });

  it('answers every operation with a success or a 4xx problem+json, storing nothing when it refuses', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      // Logging out would revoke the suite's own tokens: it is fuzzed anonymously below.
      if (operation.path === '/api/auth/logout') continue;
      try {
        await fuzzOperation(operation, target, { numRuns: runs });
      } catch (error) {
        failures.push(`${operation.method} ${operation.path}: ${(error as Error).message.slice(0, 1500)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers logout with hostile or missing credentials with a 401 problem', async () => {
    const logout = operations.find((o) => o.path === '/api/auth/logout') as Operation;
    await fuzzOperation(
      logout,
      { ...target, tokens: ['x'.repeat(40), 'not a token at all'] },
      { numRuns: runs },
    );
  });

  it('answers the FHIR read API (not in the OpenAPI document) with a success or a 4xx OperationOutcome', async () => {
    const text = { type: 'string' } as const;
    const search = (type: string): Operation => ({
      method: 'GET',
      path: `/fhir/R4/${type}`,
      pathParams: [],
      query: ['patient', 'subject', '_count', '_offset', '_format', '_id'].map((name) => ({
        name,
        schema: text,
      })),
      body: undefined,
      public: false,
    });
    const read = (path: string): Operation => ({
      method: 'GET',
      path,
      pathParams: ['id'],
      query: [{ name: '_count', schema: text }],
      body: undefined,
      public: false,
    });
    const fhirTarget = { ...target, realIds: { id: [world.patientOne, world.patientTwo] } };
    for (const operation of [
      read('/fhir/R4/Patient/{id}'),
      read('/fhir/R4/Patient/{id}/$everything'),
      ...['Observation', 'Condition', 'Procedure', 'CarePlan'].map(search),
    ]) {
      await fuzzOperation(operation, fhirTarget, { numRuns: runs, fhir: true });
    }
  }, 300_000);

  it('refuses deeply nested JSON with a 400 that names the depth allowed', async () => {
    for (const depth of [40, 5000, 10_000]) {
      for (const shape of ['object', 'array'] as const) {
        const response = await world.app.inject({
          method: 'POST',
          url: `/api/patients/${world.patientOne}/programmes`,
          headers: {
            authorization: `Bearer ${world.clinicianOne.token}`,
            'content-type': 'application/json',
          },
          payload: `{"body":{"x":${deeplyNestedJson(depth, shape)}}}`,
        });
        expect(rejectionProblem(response)).toBeNull();
        expect(response.statusCode).toBe(400);
        expect(response.json().detail).toMatch(/nest/);
      }
    }
  });

  it('stores SQL and HTML injection text as text, exactly', async () => {
    const texts = ["'; drop table patients; --", '<img src=x onerror=alert(1)>', "' or '1'='1"];
    for (const text of texts) {
      const created = await world.request(
        world.patientUserOne,
        'POST',
        `/api/patients/${world.patientOne}/notes`,
        {
          text,
        },
      );
      expect(created.statusCode).toBe(201);
    }
    const notes = await listNotes(world.database.db, world.patientOne);
    expect(notes.map((n) => n.text)).toEqual(expect.arrayContaining(texts));
    const patients = await world.request(world.clinicianOne, 'GET', `/api/patients/${world.patientOne}`);
    expect(patients.statusCode).toBe(200);
  });

  it('answers a malformed URL with a problem+json 400', async () => {
    for (const url of ['/%E0%A4%A', `/api/patients/%ff/notes`, '/api/%']) {
      const response = await world.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${world.clinicianOne.token}` },
      });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(rejectionProblem(response)).toBeNull();
    }
  });
});

/** The same checker against deliberately broken routes: it must report each of them. */
describe('the bad-input checker', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(testDatabases[0] as (typeof testDatabases)[number]);
  }, 60_000);
  afterAll(async () => world?.close());

  const echo: Operation = {
    method: 'POST',
    path: '/broken',
    pathParams: [],
    query: [],
    body: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string', minLength: 1, maxLength: 50 } },
    },
    public: true,
  };

  async function brokenApp(handler: (body: { text?: unknown }) => Promise<unknown>) {
    const app = Fastify();
    installProblemHandlers(app);
    app.post('/broken', async (request) => handler((request.body ?? {}) as { text?: unknown }));
    await app.ready();
    return app;
  }

  it('reports a route that fails with a 5xx on a wrong type', async () => {
    const app = await brokenApp(async (body) => ({ length: (body.text as string).toUpperCase().length }));
    const broken: FuzzTarget = { app, db: world.database.db, tokens: [], realIds: {} };
    await expect(fuzzOperation(echo, broken, { numRuns: 200 })).rejects.toThrow(/answered 500/);
    await app.close();
  });

  it('reports a route that stores a record and then refuses the request', async () => {
    const app = await brokenApp(async (body) => {
      await createNote(world.database.db, world.patientOne, 'half-done', world.clinicianOne.id, new Date());
      if (typeof body.text !== 'string') {
        const { badRequest } = await import('../../src/api/problem.ts');
        throw badRequest('body.text must be a string of 1 to 50 characters');
      }
      return { ok: true };
    });
    const broken: FuzzTarget = { app, db: world.database.db, tokens: [], realIds: {} };
    await expect(fuzzOperation(echo, broken, { numRuns: 200 })).rejects.toThrow(/but stored .*notes/);
    await app.close();
  });

  it('reports a 4xx that is not problem+json', async () => {
    const app = Fastify();
    app.post('/broken', async (_request, reply) => reply.code(400).send({ error: 'bad' }));
    await app.ready();
    const broken: FuzzTarget = { app, db: world.database.db, tokens: [], realIds: {} };
    await expect(fuzzOperation(echo, broken, { numRuns: 20 })).rejects.toThrow(/content type/);
    await app.close();
  });
});
