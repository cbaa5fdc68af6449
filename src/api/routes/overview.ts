import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { alertsForPatient, loadOverview } from '../../store/derived/overview.ts';
import { auditValues, recordAudit } from '../../store/records/audit.ts';
import { getPatient } from '../../store/records/patients.ts';
import { authorizePatient, visiblePatientIds } from '../access.ts';
import { actorOf } from '../auth.ts';
import { notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';

export function overviewRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.get<{ Params: { id: string } }>(
    '/api/patients/:id/overview',
    {
      schema: {
        tags: ['derived'],
        summary:
          'The dashboard: conditions, programme, latest measurements, weekly adherence, trajectory, alerts',
        params: patientParams,
      },
    },
    async (request) => {
      const id = request.params.id;
      await authorizePatient(db, actorOf(request), id, 'read');
      const patient = await getPatient(db, id);
      if (!patient) throw notFound(`there is no patient ${id}`);
      const overview = await loadOverview(db, id, options.now());
      await recordAudit(
        db,
        auditFrom(request, { action: 'read', resource: 'overview', recordId: id, patientId: id }),
      );
      return { patient, ...overview };
    },
  );

  app.get(
    '/api/alerts',
    {
      schema: {
        tags: ['derived'],
        summary:
          'Alerts on every patient the caller may see: red flags, below forecast, rising pain, missed sessions',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ids = await visiblePatientIds(db, actor);
      const now = options.now();
      const items = (await Promise.all(ids.map((id) => alertsForPatient(db, id, now)))).flat();
      if (ids.length > 0) {
        await db
          .insertInto('audit_events')
          .values(
            ids.map((id) =>
              auditValues(auditFrom(request, { action: 'read', resource: 'alerts', patientId: id })),
            ),
          )
          .execute();
      }
      return { items };
    },
  );
}
