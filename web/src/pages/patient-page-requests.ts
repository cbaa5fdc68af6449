import { patientPageFirstScreen } from '@core/shared/page-requests.ts';
import { prefetch } from '../hooks.ts';

/**
 * The clinician's patient page's summary answers, started while the app is still asking who is
 * logged in, before the page's code has arrived.
 */
export function prefetchPatientPage(patientId: string): void {
  prefetch(patientPageFirstScreen(patientId));
}
