import type { FastifyInstance } from 'fastify';
import type { Db } from '../store/database.ts';
import { recordAudit } from '../store/records/audit.ts';
import { Denied } from './access.ts';
import { HttpProblem } from './problem.ts';
import { auditFrom } from './request-audit.ts';

/**
 * Every refused request (403) is audited: who asked (when known), which patient it concerned (when
 * the refusal names one), what they tried (method and route) and why it was refused (the same
 * sentence the caller reads). The hook runs before the error is answered, so the event is stored by
 * the time the caller sees the 403. A failure to write the event is logged and the 403 still goes
 * out: the refusal never turns into access.
 */
export function installDenialAudit(app: FastifyInstance, db: Db): void {
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof HttpProblem) || error.status !== 403) return;
    const route = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
    try {
      await recordAudit(db, {
        ...auditFrom(request, {
          action: 'denied',
          resource: `${request.method} ${route}`,
          patientId: error instanceof Denied ? error.patientId : null,
        }),
        reason: error.message,
      });
    } catch (failure) {
      request.log.error({ err: failure }, 'could not audit a refused request');
    }
  });
}
