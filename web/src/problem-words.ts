import type { PatientText } from '@core/clinic/words/patient-text.ts';
import { currentLanguage, t } from './i18n/i18n.ts';
import { sayAll } from './i18n/patient-text.ts';

/**
 * What a person reads when a request fails: plain words chosen by the answer's status, in their
 * language, never the API's own text about routes, headers, cookies or JSON paths. The server's
 * `detail` is shown only where it is written for people — a refusal of what was entered (409, 422:
 * "the birth date is after today", "stimulation is paused…") and the login's own answers — with its
 * first letter capitalised; the server writes those in English, so a Spanish or German reader gets
 * `problem.refused` in their language instead. A refusal the patient can meet (a
 * session log refused while stimulation is paused) also comes as sentences (`patientMessage`), worded
 * in the patient's language.
 */

/** "body.name must NOT have fewer than 1 characters" → "Please check the name: it cannot be empty." */
function fieldWords(detail: string): string {
  const match = /^(?:body|querystring|params|headers)(?:\.([\w.]+))?\s+(.*)$/.exec(detail);
  if (!match) return t('problem.fieldUnknown');
  const field = (match[1]?.split('.').pop() ?? 'form').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const rule = match[2] ?? '';
  const why = /fewer than 1 characters|required property/.test(rule)
    ? t('problem.fieldEmpty')
    : /must be (<=|>=|<|>)|maximum|minimum/.test(rule)
      ? t('problem.fieldRange')
      : // The schema's own words for the allowed form are English: read them out in English only.
        currentLanguage() === 'en' &&
          /must be (a|an|one of) /.test(rule) &&
          !/must be (string|number|integer|boolean|object)/.test(rule)
        ? rule.replace(/^must be/, 'it must be')
        : t('problem.fieldForm');
  // The field's name is the API's English: only an English reader is told it.
  return sentence(
    currentLanguage() === 'en'
      ? t('problem.check', { field, problem: why })
      : t('problem.checkForm', { problem: why }),
  );
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
  if (status === 0) return t('problem.unreachable');
  if (status === 401) return login ? t('problem.wrongLogin') : t('problem.sessionEnded');
  if (status === 403 && login) {
    return detail && currentLanguage() === 'en' ? sentence(detail) : t('problem.loginRefused');
  }
  if (status === 403) return t('problem.forbidden');
  if (status === 404) return t('problem.notFound');
  if (status === 413) return t('problem.tooLarge');
  if (status === 429) return t('problem.tooMany');
  if (status === 400) return fieldWords(detail);
  if (status === 409 && Array.isArray(problem.patientMessage)) {
    return sayAll(problem.patientMessage as PatientText[]);
  }
  if (status === 409 || status === 422) {
    // The server's `detail` is English: a reader in another language gets the refusal in their own words.
    return detail && currentLanguage() === 'en' ? sentence(detail) : t('problem.refused');
  }
  if (status >= 500) return t('problem.server');
  return t('problem.other');
}
