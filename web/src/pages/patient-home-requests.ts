import { DAY_MS } from '@core/shared/time-units.ts';
import { prefetchCatalogue } from '../catalogue.ts';
import { prefetch } from '../hooks.ts';

/**
 * What the patient's Today page reads. It lives apart from the page so that the app can start these
 * requests as soon as it knows who is logged in, while the page's code is still on its way.
 */
const SESSIONS_SHOWN_DAYS = 42;

export function patientHomePaths(patientId: string) {
  const base = `/api/patients/${patientId}`;
  // From the start of a day (UTC), so the same path is asked for all day and an early request serves.
  const since = new Date(Date.now() - SESSIONS_SHOWN_DAYS * DAY_MS).toISOString().slice(0, 10);
  return {
    overview: `${base}/overview`,
    today: `${base}/today`,
    forecast: `${base}/forecast`,
    sessions: `${base}/sessions?from=${since}T00:00:00.000Z&limit=5000`,
    questionnairesDue: `${base}/questionnaires-due`,
    questionnaireAnswers: `${base}/questionnaire-responses`,
    measurements: `${base}/measurements?limit=5000`,
  };
}

export function prefetchPatientHome(patientId: string): void {
  const p = patientHomePaths(patientId);
  // The top of the page only; the progress section's answers follow once it is drawn (patient-home.tsx).
  prefetch([p.overview, p.today, p.sessions, p.questionnairesDue]);
  prefetchCatalogue();
}
