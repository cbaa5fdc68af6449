import type { FastifyInstance, RouteOptions } from 'fastify';
import { problemSchema } from './schemas.ts';

/**
 * The answers every API route declares in the OpenAPI document: its success (a permissive schema
 * unless the route declares its own; a schema with no `type` is serialised whole, so nothing is
 * stripped) and each RFC 9457 problem it can give, as application/problem+json.
 */
const problemAnswer = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** A success answer whose body is documented in words only (serialised as sent). */
export const anyBody = (description: string) => ({ description });

/** The 201 answer of a route that creates a resource (with Location where the route sets one). */
export const created = (description: string) => ({ 201: anyBody(description) });

/** The 204 answer of a route that answers with no body. */
export const noContent = (description: string) => ({ 204: { type: 'null', description } });

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The problems a route can answer, by what it takes and who may call it. */
export function problemStatuses(route: RouteOptions): number[] {
  const methods = [route.method].flat();
  const isPublic = route.config?.public === true;
  const limited = route.config?.rateLimit !== undefined || route.config?.heavyComputation === true;
  return [
    400,
    ...(isPublic ? [] : [401, 403]),
    ...(route.url.includes(':') ? [404] : []),
    ...(methods.some((method) => WRITES.has(method)) ? [409, 422] : []),
    ...(limited ? [429] : []),
    503,
  ];
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails its schema; the detail names the field and what is allowed',
  401: 'No valid session or token',
  403: 'The caller may not do this (role, care team, or CSRF token)',
  404: 'No such resource for this caller',
  409: 'Conflicts with what is stored (a duplicate, or a concurrent change)',
  422: 'Well-formed but clinically or logically refused; the detail says why',
  429: 'Too many requests; Retry-After says when to try again',
  503: 'The database is busy or the server is closing; try again',
};

/** Adds the success and problem answers to every documented /api route's schema. */
export function installResponseSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.schema?.hide === true) return;
    const declared = (route.schema?.response ?? {}) as Record<string, unknown>;
    const success = Object.keys(declared).some((status) => status.startsWith('2'))
      ? {}
      : { 200: anyBody('Success') };
    const problems = Object.fromEntries(
      problemStatuses(route).map((status) => [
        status,
        problemAnswer(PROBLEM_DESCRIPTIONS[status] ?? 'Problem'),
      ]),
    );
    route.schema = { ...route.schema, response: { ...success, ...problems, ...declared } };
  });
}
