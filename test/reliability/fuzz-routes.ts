import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Db } from '../../src/store/database.ts';
import { countChanges, rejectionProblem, storedCounts } from './response-check.ts';
import {
  fromSchema,
  hostileValue,
  INJECTION_STRINGS,
  type JsonSchema,
  oneEditAway,
  rawHostileBody,
} from './schema-arbitrary.ts';

/** One operation of the OpenAPI document: what the bad-input suite sends requests to. */
export interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The OpenAPI path template, e.g. /api/patients/{id}/notes. */
  path: string;
  pathParams: string[];
  query: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
  /** Anonymous callers may use it (its security is []). */
  public: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
      }
    >
  >;
}

/** Every operation the API publishes. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return operations;
}

/** Percent-encodes every UTF-8 byte of a string (encodeURIComponent throws on lone surrogates). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 4, max: 14 }).map((n) => 'x'.repeat(2 ** n)),
  fc.constantFrom('-1', '0', '1e99', 'NaN', '99999999999999999999', '2025-02-30T00:00:00Z', 'true', '[]'),
);

export interface FuzzTarget {
  app: FastifyInstance;
  db: Db;
  /** Bearer tokens to call as; chosen at random per request. */
  tokens: string[];
  /** Values for path parameters that reach the handler (a real patient, a real programme). */
  realIds: Record<string, string[]>;
}

export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  token: string | undefined;
  body:
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; value: string | Buffer; contentType: string }
    | undefined;
}

/** Requests to one operation: real or hostile ids, valid or hostile query values and bodies. */
export function requestsFor(operation: Operation, target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const pathArbs = operation.pathParams.map((name) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...(target.realIds[name] ?? ['x'])) },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: hostileString.map(percentEncode) },
    ),
  );
  const queryArbs = operation.query.map((q) =>
    fc.option(
      fc.oneof(
        fromSchema(q.schema).map((v) => percentEncode(String(v))),
        hostileString.map(percentEncode),
      ),
      { nil: undefined },
    ),
  );
  const bodyArb: fc.Arbitrary<FuzzRequest['body']> =
    operation.method === 'GET'
      ? fc.constant(undefined)
      : fc.oneof(
          {
            weight: 3,
            arbitrary: fromSchema(operation.body).map((value) => ({ kind: 'json' as const, value })),
          },
          {
            weight: 5,
            arbitrary: oneEditAway(operation.body).map((value) => ({ kind: 'json' as const, value })),
          },
          { weight: 1, arbitrary: hostileValue.map((value) => ({ kind: 'json' as const, value })) },
          {
            weight: 2,
            arbitrary: fc.record({
              kind: fc.constant('raw' as const),
              value: rawHostileBody,
              contentType: fc.constantFrom(
                'application/json',
                'application/json; charset=latin1',
                'text/plain',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'application/xml',
              ),
            }),
          },
          { weight: 1, arbitrary: fc.constant(undefined) },
        );
  return fc
    .tuple(
      fc.tuple(...pathArbs),
      fc.tuple(...queryArbs),
      bodyArb,
      target.tokens.length > 0
        ? fc.option(fc.constantFrom(...target.tokens), { nil: undefined, freq: 8 })
        : fc.constant(undefined),
    )
    .map(([pathValues, queryValues, body, token]) => {
      let url = operation.path;
      operation.pathParams.forEach((name, i) => {
        url = url.replace(`{${name}}`, pathValues[i] as string);
      });
      const query = operation.query
        .map((q, i) => (queryValues[i] === undefined ? undefined : `${q.name}=${queryValues[i]}`))
        .filter((part): part is string => part !== undefined);
      if (query.length > 0) url += `?${query.join('&')}`;
      return { method: operation.method, url, token, body };
    });
}

export function injectOptions(request: FuzzRequest): InjectOptions {
  const headers: Record<string, string> = {};
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let payload: string | Buffer | undefined;
  if (request.body?.kind === 'json') {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(request.body.value) ?? 'null';
  } else if (request.body?.kind === 'raw') {
    headers['content-type'] = request.body.contentType;
    payload = request.body.value;
  }
  return { method: request.method, url: request.url, headers, ...(payload !== undefined ? { payload } : {}) };
}

/**
 * The bad-input property for one operation: whatever arrives, the answer is a success or a 4xx
 * problem+json with a clear detail, and a refused request stores nothing. Throws (with fast-check's
 * counterexample and seed) when a request breaks it.
 */
export async function fuzzOperation(
  operation: Operation,
  target: FuzzTarget,
  options: { numRuns: number; seed?: number; fhir?: boolean } = { numRuns: 30 },
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(requestsFor(operation, target), async (request) => {
      const before = await storedCounts(target.db);
      const response = await target.app.inject(injectOptions(request));
      const problem = rejectionProblem(response, { fhir: options.fhir ?? false });
      if (problem) throw new Error(`${request.method} ${shorten(request.url)}: ${problem}`);
      if (response.statusCode >= 400) {
        const changed = countChanges(before, await storedCounts(target.db));
        // A refused login is audited on purpose (brute-force evidence), and so is each 403 (one
        // 'denied' event, security finding 7); nothing else may change.
        if (operation.path === '/api/auth/login') delete changed.audit_events;
        if (response.statusCode === 403 && changed.audit_events === 1) delete changed.audit_events;
        if (Object.keys(changed).length > 0) {
          throw new Error(
            `${request.method} ${shorten(request.url)} answered ${response.statusCode} but stored ${JSON.stringify(changed)}`,
          );
        }
      }
    }),
    {
      numRuns: options.numRuns,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      endOnFailure: true,
    },
  );
  if (details.failed) {
    const reason =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const body = details.counterexample?.[0]?.body;
    throw new Error(
      `${reason}\n  body: ${shorten(body ? (body.kind === 'json' ? JSON.stringify(body.value) : `${body.contentType} ${String(body.value)}`) : 'none')}\n  (fast-check seed ${details.seed}, path "${details.counterexamplePath}")`,
    );
  }
}

/** A long value, cut to what a failure message can show. */
function shorten(text: string | undefined, max = 240): string {
  if (text === undefined) return 'undefined';
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
