import { plainWords } from './problem-words.ts';
import { announceSessionEnd } from './session-events.ts';

/**
 * The one way the app talks to the server: JSON over /api with the session cookie. State-changing
 * requests echo the CSRF token from login (or /api/me). Errors arrive as RFC 9457 problem+json; the
 * person reads plain words chosen from it (`plainWords`), and the problem itself stays in `body`.
 * A 401 on any request but the login and the first "who am I" ends the session in every tab.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, detail: string, body: Record<string, unknown>) {
    super(detail);
    this.status = status;
    this.body = body;
  }
}

let csrfToken: string | null = null;

/** Requests whose 401 is an answer, not the end of a session: logging in, and asking who is logged in. */
const SESSIONLESS = ['/api/auth/login', '/api/me', '/api/setup', '/api/invitations', '/api/password-reset'];

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, plainWords(0, {}, path), {});
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page, say): its text is never shown.
    parsed = null;
  }
  if (!response.ok) {
    const problem = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
    if (response.status === 401 && csrfToken !== null && !SESSIONLESS.some((p) => path.startsWith(p))) {
      csrfToken = null;
      announceSessionEnd('expired');
    }
    throw new ApiError(response.status, plainWords(response.status, problem, path), problem);
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}, extraHeaders: Record<string, string> = {}) =>
  api<T>('POST', path, body, extraHeaders);

/**
 * A fresh Idempotency-Key: 128 random bits in hex. (crypto.randomUUID exists only on https or
 * localhost; getRandomValues works on a clinic's plain-http address too.)
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
