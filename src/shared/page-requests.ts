import { DAY_MS } from './time-units.ts';

/**
 * What the two pages people open most read first: the patient's Today page and the clinician's
 * patient page. The app asks for these as soon as it can, and the server names them in the page it
 * sends (src/api/routes/first-screen-hints.ts) so the phone fetches them alongside the app's code:
 * one list, so the two never ask for different addresses.
 */
export const CATALOGUE_PATH = '/api/clinic/catalogue';

/** The patient's Today page shows six weeks of sessions (trend and the last few logs). */
const TODAY_SESSIONS_DAYS = 42;
/** The clinician's sessions section and adherence calendar cover twelve weeks. */
const PATIENT_PAGE_SESSIONS_DAYS = 84;

/** The start of the UTC day `days` before `now`: the same address all day, so an early request serves. */
function daysBefore(now: number, days: number): string {
  return `${new Date(now - days * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000Z`;
}

export function patientHomePaths(patientId: string, now = Date.now()) {
  const base = `/api/patients/${patientId}`;
  return {
    overview: `${base}/overview`,
    today: `${base}/today`,
    forecast: `${base}/forecast`,
    sessions: `${base}/sessions?from=${daysBefore(now, TODAY_SESSIONS_DAYS)}&limit=5000`,
    questionnairesDue: `${base}/questionnaires-due`,
    questionnaireAnswers: `${base}/questionnaire-responses`,
    measurements: `${base}/measurements?limit=5000`,
  };
}

/** The top of the Today page; the progress section's answers follow once it is drawn. */
export function patientHomeFirstScreen(patientId: string, now = Date.now()): string[] {
  const p = patientHomePaths(patientId, now);
  return [p.overview, p.today, p.sessions, p.questionnairesDue, CATALOGUE_PATH];
}

export function patientPagePaths(patientId: string, now = Date.now()) {
  const base = `/api/patients/${patientId}`;
  return {
    overview: `${base}/overview`,
    // Every version of a correctable record: the sections show the current ones and keep the
    // corrected ones visible, struck through, with their history.
    conditions: `${base}/conditions?history=true`,
    screenings: `${base}/screenings?history=true`,
    measurements: `${base}/measurements?limit=5000&history=true`,
    sdTests: `${base}/sd-tests?history=true`,
    identifiedModels: `${base}/identified-models`,
    forecast: (tick: number) => `${base}/forecast?v=${tick}`,
    programmes: `${base}/programmes`,
    sessions: `${base}/sessions?from=${daysBefore(now, PATIENT_PAGE_SESSIONS_DAYS)}&limit=5000&history=true`,
    notes: `${base}/notes?history=true`,
  };
}

/**
 * What the clinician's summary needs (the overview and the catalogue). Each section below asks for
 * its own records when it mounts, just after the summary is drawn: asked for together with the
 * overview, a dozen answers would share a phone's few connections with it and hold the summary back.
 */
export function patientPageFirstScreen(patientId: string): string[] {
  return [patientPagePaths(patientId).overview, CATALOGUE_PATH];
}
