import { patientHomeFirstScreen } from '@core/shared/page-requests.ts';
import { prefetch } from '../hooks.ts';

/**
 * The Today page's first answers, started as soon as the app knows who is logged in, while the page's
 * code is still on its way (the server's page names them too, so they are usually already coming).
 */
export function prefetchPatientHome(patientId: string): void {
  prefetch(patientHomeFirstScreen(patientId));
}
