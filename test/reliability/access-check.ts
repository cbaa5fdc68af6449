import type { FastifyInstance } from 'fastify';
import type { Operation } from './fuzz-routes.ts';

/**
 * The intrusion suite's access checker: every operation of the OpenAPI document, called on one
 * patient's record by people who must not see or change it (anonymous, another patient, a
 * clinician on another care team, an admin on no care team), must be refused, and no answer may
 * carry that patient's data.
 */
export interface Outsider {
  name: string;
  /** Absent for an anonymous caller. */
  token?: string;
  /** Operations this outsider may legitimately perform (e.g. an admin managing any care team). */
  allowed?: (operation: Operation) => boolean;
}

export interface AccessLeak {
  outsider: string;
  operation: string;
  status: number;
  reason: string;
}

/**
 * Calls each operation as each outsider with the target patient's id (and `pathValues` for other
 * path parameters) and the body from `bodyFor`; returns every answer that was not a refusal, or
 * that contains one of the `secrets` (the patient's name, birth date, a note's text…).
 */
export async function outsiderLeaks(
  app: FastifyInstance,
  operations: Operation[],
  outsiders: Outsider[],
  pathValues: Record<string, string>,
  secrets: string[],
  bodyFor: (operation: Operation) => unknown,
): Promise<AccessLeak[]> {
  const leaks: AccessLeak[] = [];
  for (const operation of operations) {
    if (operation.public) continue;
    let url = operation.path;
    for (const name of operation.pathParams) url = url.replace(`{${name}}`, pathValues[name] ?? 'missing');
    const body = bodyFor(operation);
    for (const outsider of outsiders) {
      if (outsider.allowed?.(operation)) continue;
      const response = await app.inject({
        method: operation.method,
        url,
        headers: outsider.token ? { authorization: `Bearer ${outsider.token}` } : {},
        ...(operation.method !== 'GET' && body !== undefined ? { payload: body as object } : {}),
      });
      const name = `${operation.method} ${operation.path}`;
      const expected = outsider.token ? [403, 404] : [401];
      const leaked = secrets.find((secret) => response.body.includes(secret));
      if (leaked) {
        leaks.push({
          outsider: outsider.name,
          operation: name,
          status: response.statusCode,
          reason: `answer contains '${leaked}'`,
        });
      } else if (response.statusCode < 400) {
        leaks.push({
          outsider: outsider.name,
          operation: name,
          status: response.statusCode,
          reason: 'not refused',
        });
      } else if (!expected.includes(response.statusCode) && response.statusCode !== 400) {
        // 400: the body was refused before access was decided, which reveals nothing either.
        leaks.push({
          outsider: outsider.name,
          operation: name,
          status: response.statusCode,
          reason: `refused with ${response.statusCode}, expected ${expected.join(' or ')}`,
        });
      }
    }
  }
  return leaks;
}
