import type { FastifyInstance } from 'fastify';
import { alertSessionsSince, patientOverview, recordAlerts } from '../../clinic/record-views/overview.ts';
import type { Db } from '../../store/database.ts';
import { auditValues } from '../../store/records/audit.ts';
import { loadPatientRecords } from '../../store/records/patient-record.ts';
import { visiblePatientIds } from '../access.ts';
import { actorOf } from '../auth.ts';
import { auditFrom } from '../request-audit.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute, patientRecordOrNotFound } from './patient-read.ts';

export function overviewRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  patientReadRoute(
    app,
    db,
    {
      path: '/overview',
      tags: ['derived'],
      summary:
        'The dashboard: conditions, programme, latest measurements, weekly adherence, trajectory, alerts',
      resource: 'overview',
      recordIsPatient: true,
    },
    async (patientId) => {
      const now = options.now();
      const record = await patientRecordOrNotFound(db, patientId, {
        sessionsSince: alertSessionsSince(now),
        without: ['careTeam', 'notes', 'authors'],
      });
      return { patient: record.patient, ...patientOverview(record, now) };
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
