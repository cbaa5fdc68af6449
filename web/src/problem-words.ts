/**
 * What a person reads when a request fails: plain words chosen by the answer's status, never the
 * API's own text about routes, headers, cookies or JSON paths. The server's `detail` is shown only
 * where it is written for people — a refusal of what was entered (409, 422: "the birth date is after
 * today", "stimulation is paused…") and the login's own answers — with its first letter capitalised.
 */
export const SESSION_ENDED_WORDS = 'Your session has ended. Please log in again.';

const UNREACHABLE = 'The server cannot be reached. Check your connection and try again.';
const SERVER_FAULT =
  'Something went wrong on the server and nothing was changed. Try again; if it keeps happening, tell your clinic.';

/** "body.name must NOT have fewer than 1 characters" → "Please check the name: it cannot be empty." */
function fieldWords(detail: string): string {
  const match = /^(?:body|querystring|params|headers)(?:\.([\w.]+))?\s+(.*)$/.exec(detail);
  if (!match) return 'Some of what was entered is not allowed. Please check the form.';
  const field = (match[1]?.split('.').pop() ?? 'form').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const rule = match[2] ?? '';
  const why = /fewer than 1 characters|required property/.test(rule)
    ? 'it cannot be empty'
    : /must be (<=|>=|<|>)|maximum|minimum/.test(rule)
      ? 'it is out of the allowed range'
      : /must be (a|an|one of) /.test(rule) && !/must be (string|number|integer|boolean|object)/.test(rule)
        ? rule.replace(/^must be/, 'it must be')
        : 'it is not in a form that is allowed';
  return `Please check the ${field}: ${why}.`;
}

function sentence(text: string): string {
  const t = text.trim();
  if (t === '') return t;
  const capitalised = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export function plainWords(status: number, problem: Record<string, unknown>, path: string): string {
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const login = path.startsWith('/api/auth/login');
  if (status === 0) return UNREACHABLE;
  if (status === 401) return login ? 'The email or password is wrong.' : SESSION_ENDED_WORDS;
  if (status === 403) return login && detail ? sentence(detail) : 'You do not have access to this.';
  if (status === 404) return 'This was not found: it may have been removed, or the link is out of date.';
  if (status === 413) return 'That is too large to send.';
  if (status === 429) return 'Too many tries in a short time. Wait a minute, then try again.';
  if (status === 400) return fieldWords(detail);
  if ((status === 409 || status === 422) && detail) return sentence(detail);
  if (status >= 500) return SERVER_FAULT;
  return 'That did not work. Please try again.';
}
