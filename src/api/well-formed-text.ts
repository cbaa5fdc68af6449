import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem.ts';
import { prototypeKeyDetail } from './prototype-keys.ts';

/**
 * Text the API accepts is well-formed Unicode. JSON may spell a lone UTF-16 surrogate
 * ("\ud800"), which no UTF-8 store can keep: PostgreSQL would store a replacement, so the stored
 * record and a retried request would differ (breaking the Idempotency-Key check) and the record
 * would no longer read back as sent. Bytes that are not UTF-8 would be replaced the same way when
 * decoded. Both are refused with 400 before any route runs, for JSON bodies, query strings and
 * path parameters alike.
 */

/** A lone surrogate: with the u flag, a well-formed pair is one code point and never matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path (body.a[2].b) of the first string or key in `value` holding a lone surrogate, or null. */
export function illFormedTextAt(value: unknown, where = 'body'): string | null {
  const stack: [unknown, string][] = [[value, where]];
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return path;
    } else if (Array.isArray(item)) {
      item.forEach((child, i) => {
        stack.push([child, `${path}[${i}]`]);
      });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (LONE_SURROGATE.test(key)) return `${path} (a property name)`;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return null;
}

const ALLOWED = 'text must be well-formed Unicode (UTF-8 bytes; no lone UTF-16 surrogate such as \\ud800)';

/** Replaces the JSON body parser with one that refuses bytes that are not UTF-8 and lone surrogates. */
export function installWellFormedText(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(badRequest(`the request body is not valid UTF-8; ${ALLOWED}`), undefined);
      return;
    }
    const text = bytes.toString('utf8');
    parseJson(request, text, (error, parsed) => {
      if (error) {
        const detail = prototypeKeyDetail(text, request.routeOptions.schema?.body);
        return done(detail ? badRequest(detail) : error, undefined);
      }
      const at = illFormedTextAt(parsed);
      if (at) return done(badRequest(`${at} holds a lone UTF-16 surrogate; ${ALLOWED}`), undefined);
      done(null, parsed);
    });
  });
  app.addHook('onRequest', async (request) => {
    const url = request.raw.url ?? '';
    const query = url.indexOf('?');
    if (query < 0) return;
    try {
      decodeURIComponent(url.slice(query + 1).replaceAll('+', ' '));
    } catch {
      throw badRequest(`the query string is not valid percent-encoded UTF-8; ${ALLOWED}`);
    }
  });
}
