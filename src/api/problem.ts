import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { baselineSecurityHeaders } from './security-headers.ts';

/**
 * RFC 9457 problem details. Every error the API returns is `application/problem+json` with a
 * `title` (the status's meaning) and a `detail` that says what was wrong and what is allowed.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error that carries its HTTP status; thrown anywhere in a handler. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly extensions: Record<string, unknown>;
  constructor(status: number, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.status = status;
    this.extensions = extensions;
  }
}

export const badRequest = (detail: string, ext?: Record<string, unknown>) =>
  new HttpProblem(400, detail, ext);
export const unauthorized = (detail: string) => new HttpProblem(401, detail);
export const forbidden = (detail: string) => new HttpProblem(403, detail);
export const notFound = (detail: string) => new HttpProblem(404, detail);
export const conflict = (detail: string) => new HttpProblem(409, detail);

export function problem(
  status: number,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemBody {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    ...extensions,
  };
}

export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send(problem(status, detail, { instance: reply.request.url, ...extensions }));
}

/** PostgreSQL SQLSTATEs caused by the request's data, not by the server. */
const CLIENT_SQLSTATES: Record<string, { status: number; detail: string }> = {
  '23505': { status: 409, detail: 'a record with the same unique value already exists' },
  '23503': { status: 422, detail: 'the request refers to a record that does not exist' },
  '23514': { status: 422, detail: 'a value is outside the range the record allows' },
  '22P02': { status: 400, detail: 'a value has the wrong format' },
  '22007': { status: 400, detail: 'a date or time is not valid' },
  '22008': { status: 400, detail: 'a date or time is out of range' },
  '22003': { status: 400, detail: 'a number is out of range' },
  '22021': { status: 400, detail: 'a text contains a character that cannot be stored (e.g. a NUL byte)' },
  '22P05': { status: 400, detail: 'a text contains a character that cannot be stored' },
  '40001': { status: 409, detail: 'the record was changed at the same time by another request; retry' },
};

function validationDetail(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = error.validationContext ?? 'body';
  const path = first.instancePath ? `${where}${first.instancePath.replaceAll('/', '.')}` : where;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'additionalProperties') {
    return `${path} has an unknown property '${String(params.additionalProperty)}'`;
  }
  if (first.keyword === 'enum') {
    return `${path} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
  }
  return `${path} ${first.message ?? 'is invalid'}`;
}

/** Installs the error and not-found handlers that turn every failure into problem+json. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}; see /api/docs`),
  );
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof HttpProblem)
      return sendProblem(reply, error.status, error.message, error.extensions);
    if (error instanceof InvalidInputError) return sendProblem(reply, 422, error.message);
    if (error.validation) return sendProblem(reply, 400, validationDetail(error));
    const sqlState = typeof error.code === 'string' ? CLIENT_SQLSTATES[error.code] : undefined;
    if (sqlState) {
      const constraint = (error as { constraint?: string }).constraint;
      return sendProblem(
        reply,
        sqlState.status,
        constraint ? `${sqlState.detail} (${constraint})` : sqlState.detail,
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const detail =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `the request body is larger than the ${request.routeOptions.bodyLimit ?? 'allowed'} bytes allowed`
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? `content type '${request.headers['content-type'] ?? ''}' is not accepted; send application/json`
            : error.message;
      return sendProblem(reply, status, detail);
    }
    request.log.error({ err: error }, 'unhandled error');
    if (process.env.NODE_ENV !== 'test')
      process.stderr.write(`myotrophy api: ${error.stack ?? error.message}\n`);
    return sendProblem(reply, 500, 'the server failed to handle the request; it has been logged');
  });
}

/**
 * Fastify's `frameworkErrors`: the answers it gives before any route or hook runs (a URL that is
 * not valid percent-encoded UTF-8, a path segment longer than the router allows) as problem+json
 * with the security headers, like every other answer.
 */
export function frameworkErrorProblem(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const path = (request.raw.url ?? '').split('?')[0] ?? '';
  const shown = path.length > 80 ? `${path.slice(0, 80)}…` : path;
  reply.headers(baselineSecurityHeaders);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(
      reply,
      414,
      `a path segment of ${shown} is too long; record ids are UUIDs (36 characters)`,
      { instance: shown },
    );
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(reply, 400, `the URL path ${shown} is not valid percent-encoded UTF-8`, {
      instance: shown,
    });
  }
  return sendProblem(
    reply,
    error.statusCode && error.statusCode < 500 ? error.statusCode : 400,
    error.message,
    {
      instance: shown,
    },
  );
}
