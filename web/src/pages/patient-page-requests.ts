import { DAY_MS } from '@core/shared/time-units.ts';
import { prefetchCatalogue } from '../catalogue.ts';
import { prefetch } from '../hooks.ts';

/**
 * What the clinician's patient page reads. It lives apart from the page so that the app can start
 * these requests while it is still asking who is logged in, before the page's code has arrived.
 */
const SESSION_WINDOW_DAYS = 84;

const sessionsSince = () => new Date(Date.now() - SESSION_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);

export function patientPagePaths(patientId: string) {
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
    sessions: `${base}/sessions?from=${sessionsSince()}T00:00:00.000Z&limit=5000&history=true`,
    notes: `${base}/notes?history=true`,
  };
}

/**
 * What the summary needs (the overview and the catalogue), started at once. Each section below asks
 * for its own records when it mounts, just after the summary is drawn: asked for together with the
 * overview, a dozen answers would share a phone's few connections with it and hold the summary back.
 */
export function prefetchPatientPage(patientId: string): void {
  prefetch([patientPagePaths(patientId).overview]);
  prefetchCatalogue();
}
