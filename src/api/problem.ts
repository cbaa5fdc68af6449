import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../shared/invalid-input.ts';
import type { StorageFailureKind } from '../store/storage-health.ts';
import { DATE_TIME_FORM, FORM_OF_FORMAT } from './date-time-input.ts';
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

/** How a database error is answered: status, problem type, what to tell the caller. */
interface DatabaseProblem {
  status: number;
  type: string;
  detail: string;
  /** Seconds a client should wait before retrying (503s). */
  retryAfterS?: number;
  /** The storage failure this error reports, kept by the store's storage health until a write succeeds. */
  storageFailure?: StorageFailureKind;
}

/** A Myotrophy problem type URI (RFC 9457 `type`). */
export const problemType = (slug: string) => `urn:myotrophy:problem:${slug}`;

/** PostgreSQL SQLSTATEs caused by the request's data, not by the server. */
const CLIENT_SQLSTATES: Record<string, DatabaseProblem> = {
  '23505': {
    status: 409,
    type: problemType('duplicate'),
    detail: 'a record with the same unique value already exists',
  },
  '23503': {
    status: 422,
    type: problemType('missing-reference'),
    detail: 'the request refers to a record that does not exist',
  },
  '23514': {
    status: 422,
    type: problemType('out-of-range'),
    detail: 'a value is outside the range the record allows',
  },
  '23502': {
    status: 422,
    type: problemType('missing-value'),
    detail: 'a value the record requires is missing',
  },
  '22P02': { status: 400, type: problemType('malformed-value'), detail: 'a value has the wrong format' },
  '22007': {
    status: 400,
    type: problemType('malformed-date-time'),
    detail: `a date or time is not valid; send ${DATE_TIME_FORM}`,
  },
  '22008': {
    status: 400,
    type: problemType('malformed-date-time'),
    detail: `a date or time is out of range; send ${DATE_TIME_FORM}`,
  },
  '22009': {
    status: 400,
    type: problemType('malformed-date-time'),
    detail: `a time zone offset is out of range; send ${DATE_TIME_FORM}`,
  },
  '22003': { status: 400, type: problemType('out-of-range'), detail: 'a number is out of range' },
  '22001': { status: 400, type: problemType('too-long'), detail: 'a text is longer than the record allows' },
  '22021': {
    status: 400,
    type: problemType('ill-formed-text'),
    detail: 'a text contains a character that cannot be stored (e.g. a NUL byte)',
  },
  '22P05': {
    status: 400,
    type: problemType('ill-formed-text'),
    detail: 'a text contains a character that cannot be stored',
  },
  '40001': {
    status: 409,
    type: problemType('concurrent-change'),
    detail: 'the record was changed at the same time by another request; retry',
  },
  '40P01': {
    status: 409,
    type: problemType('concurrent-change'),
    detail: 'the record was changed at the same time by another request; retry',
  },
  '53100': {
    status: 503,
    type: problemType('storage-unavailable'),
    detail: 'storage unavailable: the database disk is full; nothing was written, try again later',
    retryAfterS: 60,
    storageFailure: 'disk-full',
  },
  '53200': {
    status: 503,
    type: problemType('storage-unavailable'),
    detail: 'storage unavailable: the database is out of memory; nothing was written, try again later',
    retryAfterS: 30,
    storageFailure: 'out-of-memory',
  },
};

/**
 * Every other SQLSTATE by its class (the first two characters), so no database error is left
 * without an answer: the request's data (22, 23) is the caller's to fix; contention and resources
 * (08, 40, 53, 55, 57, 58) are worth a retry later; the rest are the server's own fault.
 */
const SQLSTATE_CLASSES: Record<string, DatabaseProblem> = {
  '08': {
    status: 503,
    type: problemType('database-unavailable'),
    detail: 'the database connection failed; nothing was written, try again',
    retryAfterS: 5,
  },
  '22': {
    status: 400,
    type: problemType('malformed-value'),
    detail: 'a value is not one the database can store',
  },
  '23': { status: 409, type: problemType('integrity'), detail: 'the request breaks a rule the records keep' },
  '40': {
    status: 409,
    type: problemType('concurrent-change'),
    detail: 'the transaction was rolled back by a concurrent one; retry',
  },
  '53': {
    status: 503,
    type: problemType('storage-unavailable'),
    detail: 'storage unavailable: the database is out of resources; nothing was written, try again later',
    retryAfterS: 30,
  },
  '54': {
    status: 422,
    type: problemType('too-large'),
    detail: 'the request exceeds a database limit (too many or too large values)',
  },
  '55': {
    status: 503,
    type: problemType('database-busy'),
    detail: 'the database is busy with the record; try again',
    retryAfterS: 5,
  },
  '57': {
    status: 503,
    type: problemType('database-unavailable'),
    detail: 'the database is restarting or cancelled the statement; try again',
    retryAfterS: 5,
  },
  '58': {
    status: 503,
    type: problemType('storage-unavailable'),
    detail: 'storage unavailable: the database failed to read or write its files; try again later',
    retryAfterS: 60,
  },
};

const SERVER_DATABASE_PROBLEM: DatabaseProblem = {
  status: 500,
  type: problemType('database-internal'),
  detail: 'the database refused the statement; the failure has been logged',
};

/**
 * Out of memory outside PostgreSQL's own checks: PGlite's WebAssembly memory cannot grow (Emscripten
 * aborts with "Cannot enlarge memory" or "OOM"; WebAssembly.Memory.grow fails), or V8 cannot
 * allocate a buffer. Answered like SQLSTATE 53200, never as an internal error.
 */
const OUT_OF_MEMORY_MESSAGE =
  /cannot enlarge memory|aborted\(oom\)|out of memory|memory\.grow|maximum memory size|array buffer allocation failed/i;

function isOutOfMemory(error: object): boolean {
  // WebAssembly.RuntimeError is named by `name`: this project's TypeScript libraries do not declare it.
  const isMemoryError =
    error instanceof RangeError || (error instanceof Error && error.name === 'RuntimeError');
  return isMemoryError && OUT_OF_MEMORY_MESSAGE.test((error as Error).message);
}

/** The answer to a database error (PostgreSQL or PGlite, told apart by its SQLSTATE), or undefined for another error. */
export function databaseProblem(error: unknown): DatabaseProblem | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  if (isOutOfMemory(error)) return CLIENT_SQLSTATES['53200'];
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  // PGlite's file system (Node's fs underneath) reports a full disk as ENOSPC, not as SQLSTATE 53100.
  if (code === 'ENOSPC') return CLIENT_SQLSTATES['53100'];
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || typeof severity !== 'string')
    return undefined;
  return CLIENT_SQLSTATES[code] ?? SQLSTATE_CLASSES[code.slice(0, 2)] ?? SERVER_DATABASE_PROBLEM;
}

function validationDetail(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.message;
  const where = error.validationContext ?? 'body';
  const path = first.instancePath ? `${where}${first.instancePath.replaceAll('/', '.')}` : where;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'additionalProperties') {
    return `${path} has an unknown property '${String(params.additionalProperty)}'`;
  }
  if (first.keyword === 'format' && FORM_OF_FORMAT[String(params.format)]) {
    return `${path} must be ${FORM_OF_FORMAT[String(params.format)]}`;
  }
  // Ajv marks a failed propertyNames check with the property name (a key outside the listed names).
  const propertyName = (first as { propertyName?: unknown }).propertyName;
  if (first.keyword === 'enum' && typeof propertyName === 'string') {
    return `${path} has an unknown property '${propertyName}'; allowed: ${(params.allowedValues as unknown[]).join(', ')}`;
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
    if (error instanceof HttpProblem) {
      const { retryAfterS, ...extensions } = error.extensions;
      if (typeof retryAfterS === 'number') reply.header('retry-after', String(retryAfterS));
      return sendProblem(reply, error.status, error.message, extensions);
    }
    if (error instanceof InvalidInputError) return sendProblem(reply, 422, error.message);
    if (error.validation) return sendProblem(reply, 400, validationDetail(error));
    const sqlState = databaseProblem(error);
    if (sqlState && sqlState.status < 500) {
      const constraint = (error as { constraint?: string }).constraint;
      return sendProblem(
        reply,
        sqlState.status,
        constraint ? `${sqlState.detail} (${constraint})` : sqlState.detail,
        { type: sqlState.type },
      );
    }
    if (sqlState) {
      request.log.error({ err: error }, 'database error');
      if (sqlState.retryAfterS !== undefined) reply.header('retry-after', String(sqlState.retryAfterS));
      return sendProblem(reply, sqlState.status, sqlState.detail, { type: sqlState.type });
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
