import type { OperationOutcome } from '@medplum/fhirtypes';
import type { FastifyError, FastifyReply } from 'fastify';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { HttpProblem } from '../problem.ts';

/** FHIR's media type; every answer under /fhir/R4 carries it. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** The OperationOutcome issue code for an HTTP status (FHIR R4 issue-type value set). */
export function issueCodeFor(status: number): OperationOutcome['issue'][number]['code'] {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 405) return 'not-supported';
  if (status === 409) return 'conflict';
  if (status === 422) return 'processing';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'exception';
  return 'invalid';
}

export function operationOutcome(status: number, diagnostics: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: status >= 500 ? 'fatal' : 'error',
        code: issueCodeFor(status),
        details: { text: diagnostics },
        diagnostics,
      },
    ],
  };
}

export function sendFhir(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type(FHIR_JSON).send(JSON.stringify(body));
}

export function sendOutcome(reply: FastifyReply, status: number, diagnostics: string): FastifyReply {
  return sendFhir(reply, status, operationOutcome(status, diagnostics));
}

/** Turns any error under /fhir/R4 into an OperationOutcome with the status the /api would give. */
export function fhirErrorHandler(error: FastifyError, reply: FastifyReply): FastifyReply {
  if (error instanceof HttpProblem) return sendOutcome(reply, error.status, error.message);
  if (error instanceof InvalidInputError) return sendOutcome(reply, 422, error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendOutcome(reply, status, error.message);
  reply.request.log.error({ err: error }, 'unhandled error');
  if (process.env.NODE_ENV !== 'test')
    process.stderr.write(`myotrophy fhir: ${error.stack ?? error.message}\n`);
  return sendOutcome(reply, 500, 'the server failed to handle the request; it has been logged');
}
