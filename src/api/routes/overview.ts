import type { FastifyInstance } from 'fastify';
import { alertSessionsSince, patientOverview, recordAlerts } from '../../clinic/record-views/overview.ts';
import type { Db } from '../../store/database.ts';
import { auditValues, recordAudit } from '../../store/records/audit.ts';
import { loadPatientRecord, loadPatientRecords } from '../../store/records/patient-record.ts';
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
      const now = options.now();
      const record = await loadPatientRecord(db, id, {
        sessionsSince: alertSessionsSince(now),
        without: ['careTeam', 'notes', 'authors'],
      });
      if (!record) throw notFound(`there is no patient ${id}`);
      const overview = patientOverview(record, now);
      await recordAudit(
        db,
        auditFrom(request, { action: 'read', resource: 'overview', recordId: id, patientId: id }),
      );
      return { patient: record.patient, ...overview };
    },
  );

  app.get(
    '/api/alerts',
    {
      schema: {
        tags: ['derived'],
        summary:
          'Alerts on every patient the caller may see: red flags, below forecast, rising pain, missed sessions; and which of them have an approved programme (only those can be "on track")',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ids = await visiblePatientIds(db, actor);
      const now = options.now();
      const records = await loadPatientRecords(db, ids, {
        sessionsSince: alertSessionsSince(now),
        without: ['careTeam', 'notes', 'sdTests', 'authors', 'sessionWeeks'],
      });
      const items = ids.flatMap((id) => {
        const record = records.get(id);
        return record ? recordAlerts(record, now) : [];
      });
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
      const withApprovedProgramme = ids.filter((id) =>
        records.get(id)?.programmes.some((p) => p.status === 'approved'),
      );
      return { items, withApprovedProgramme };
    },
  );
}
