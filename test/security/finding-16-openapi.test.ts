import { Ajv } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, type Person } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 16: the OpenAPI document declared no answers (no 201/204, no problems) and Location
 * headers pointed to routes that did not exist. Now a realistic sequence of live requests is
 * checked against the served document: each status is declared for its route, each body matches
 * the declared schema (problems under application/problem+json), and each Location reads 200.
 */
interface OpenApiResponse {
  content?: Record<string, { schema: object }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

/** The document's path template that a concrete URL answers to (literal segments win). */
function templateOf(document: OpenApiDocument, url: string): string {
  const path = url.split('?')[0] ?? url;
  const matches = Object.keys(document.paths).filter((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
  const literal = (t: string) => t.split('/').filter((s) => !s.startsWith('{')).length;
  const best = matches.sort((a, b) => literal(b) - literal(a))[0];
  if (!best) throw new Error(`no path in the OpenAPI document for ${path}`);
  return best;
}

describe.each(testDatabases)('finding 16: live answers match the OpenAPI document on $name', (kind) => {
  let world: ApiWorld;
  let document: OpenApiDocument;
  const checked: string[] = [];

  /** Sends a request and checks its answer against the document; returns the answer. */
  async function call(person: Person | undefined, method: Method, url: string, body?: unknown) {
    const response = await world.request(person, method, url, body);
    const template = templateOf(document, url);
    const operation = document.paths[template]?.[method.toLowerCase()];
    const declared = operation?.responses?.[String(response.statusCode)];
    expect(declared, `${method} ${template} answered ${response.statusCode}, not declared`).toBeDefined();
    const mediaType = String(response.headers['content-type'] ?? '').split(';')[0] ?? '';
    if (response.statusCode === 204) {
      expect(response.body).toBe('');
    } else if (declared?.content) {
      const schema = declared.content[mediaType]?.schema ?? declared.content['application/json']?.schema;
      expect(schema, `${method} ${template} ${response.statusCode} declares no ${mediaType}`).toBeDefined();
      const validate = ajv.compile(schema as object);
      const valid = validate(response.json());
      expect(valid, `${method} ${template} ${response.statusCode}: ${ajv.errorsText(validate.errors)}`).toBe(
        true,
      );
    }
    checked.push(`${method} ${template} ${response.statusCode}`);
    return response;
  }

  /** A created resource: 201, and its Location reads 200 for the same caller. */
  async function created(person: Person, url: string, body: unknown): Promise<LightMyRequestResponse> {
    const response = await call(person, 'POST', url, body);
    expect(response.statusCode, response.body).toBe(201);
    const location = response.headers.location;
    expect(typeof location).toBe('string');
    const read = await call(person, 'GET', String(location));
    expect(read.statusCode, `GET ${location}`).toBe(200);
    if (response.json().id) expect(read.json().id).toBe(response.json().id);
    return response;
  }

  beforeAll(async () => {
    world = await makeApiWorld(kind);
    const served = await world.request(undefined, 'GET', '/api/openapi.json');
    document = served.json();
  }, 60_000);
  afterAll(async () => world?.close());

  it('declares problem answers and the 201/204 successes on the routes', () => {
    const records = document.paths['/api/patients/{id}/conditions']?.post?.responses ?? {};
    expect(Object.keys(records).sort()).toEqual(['201', '400', '401', '403', '404', '409', '422', '503']);
    expect(records['404']?.content?.['application/problem+json']).toBeDefined();
    expect(Object.keys(document.paths['/api/auth/login']?.post?.responses ?? {})).toContain('429');
    expect(Object.keys(document.paths['/api/auth/logout']?.post?.responses ?? {})).toContain('204');
    const undeclared = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => Object.keys(operation.responses ?? {}).length === 0)
        .map(([method]) => `${method} ${path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('a clinic day: each answer is declared and matches its schema, each Location reads 200', async () => {
    const patient = (
      await created(world.clinicianOne, '/api/patients', { name: 'Cy Three', sex: 'male' })
    ).json();
    const base = `/api/patients/${patient.id}`;
    const conditionBody = { site: 'lower-leg', side: 'left', cause: 'cast' };
    await created(world.clinicianOne, `${base}/conditions`, conditionBody);
    await created(world.clinicianOne, `${base}/screenings`, {
      screenedAt: '2025-02-27T09:00:00Z',
      answers: {},
      electrodeSites: [],
      redFlagFindings: {},
    });
    await created(world.clinicianOne, `${base}/programmes`, { body: { sessionsPerWeek: 5 } });
    const ada = `/api/patients/${world.patientOne}`;
    await created(world.patientUserOne, `${ada}/sessions`, {
      kind: 'stimulation',
      startedAt: '2025-02-24T08:00:00Z',
      minutes: 20,
      peakIntensityMa: 30,
      comfort: 6,
      pain: 1,
      completed: true,
    });
    await created(world.admin, '/api/users', {
      email: 'dee@clinic.test',
      name: 'Dee Four',
      role: 'clinician',
      password: 'a long enough passphrase',
    });
    expect((await call(world.clinicianOne, 'GET', `${base}/conditions`)).statusCode).toBe(200);
    expect((await call(world.clinicianOne, 'GET', '/api/patients')).statusCode).toBe(200);

    // The problems: malformed, unknown, duplicate, refused, anonymous.
    expect((await call(world.clinicianOne, 'POST', '/api/patients', {})).statusCode).toBe(400);
    const missing = await call(world.clinicianOne, 'GET', `${base}/conditions/${crypto.randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toMatch(/no conditions record/);
    expect((await call(world.clinicianOne, 'POST', `${base}/conditions`, conditionBody)).statusCode).toBe(
      409,
    );
    const patientLogin = await call(world.admin, 'POST', '/api/users', {
      email: 'eve@home.test',
      name: 'Eve Five',
      role: 'patient',
      password: 'a long enough passphrase',
    });
    expect(patientLogin.statusCode).toBe(422);
    expect((await call(undefined, 'GET', `${base}/conditions`)).statusCode).toBe(401);
    expect((await call(world.clinicianTwo, 'POST', '/api/auth/logout')).statusCode).toBe(204);
    expect(checked).toHaveLength(20);
  });
});
