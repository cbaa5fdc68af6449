/**
 * The safety doors that are not a record kind of their own: the gate's answer on a draft (the
 * clinician's approval checklist shows it and disables Approve), the patient's Today (no stimulation
 * session is due while paused or blocked), the open red flags with the pause they cause, and their
 * resolution — by a clinician on the care team, with a note, audited.
 */
import type { FastifyInstance } from 'fastify';
import { localDate, localDayBounds } from '../../clinic/calendar/zoned-days.ts';
import { approvedProgrammeOf, gateRecordOf } from '../../clinic/record-views/gate-record.ts';
import { RED_FLAG_KEYS, RED_FLAG_RULES, type RedFlagKey } from '../../clinic/screening/red-flags.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { getProgramme } from '../../store/records/programmes.ts';
import { listRedFlagResolutions, openRedFlags, resolveRedFlag } from '../../store/records/red-flags.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { clinicContactFor } from '../clinic-contact.ts';
import { conflict, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { created } from '../response-schemas.ts';
import {
  blockerList,
  GATE_READ,
  gateStoredProgramme,
  loadGateRecord,
  pauseFor,
  stimulationPart,
  todayStatus,
  UNSET_CLINIC_CONTACT,
} from '../safety-gate.ts';
import { patientParams, programmeParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute, patientRecordOrNotFound } from './patient-read.ts';

const flagLabel = (key: string) =>
  (RED_FLAG_KEYS as readonly string[]).includes(key) ? RED_FLAG_RULES[key as RedFlagKey].label : key;

export function safetyRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.get<{ Params: { id: string; pid: string } }>(
    '/api/patients/:id/programmes/:pid/gate',
    {
      schema: {
        tags: ['records'],
        summary:
          "The safety gate's answer on approving this programme: allowed, or every blocker in a clinician's words",
        params: programmeParams,
      },
    },
    async (request) => {
      const { id: patientId, pid } = request.params;
      await authorizePatient(db, actorOf(request), patientId, 'record-clinical');
      const programme = await getProgramme(db, patientId, pid);
      if (!programme) throw notFound(`patient ${patientId} has no programme ${pid}`);
      const decision = gateStoredProgramme(
        await loadGateRecord(db, patientId),
        programme.body,
        'approve',
        options.now(),
      );
      await recordAudit(
        db,
        auditFrom(request, { action: 'read', resource: 'programme-gate', recordId: pid, patientId }),
      );
      if (decision === null) {
        return { allowed: true, purpose: 'approve', stimulation: false, blockers: [], warnings: [] };
      }
      return {
        allowed: decision.allowed,
        purpose: decision.purpose,
        stimulation: stimulationPart(programme.body) !== null,
        blockers: blockerList(decision.blockers),
        warnings: decision.warnings,
      };
    },
  );

  patientReadRoute(
    app,
    db,
    {
      path: '/today',
      tags: ['derived'],
      summary:
        "The patient's day (`date`, in the patient's `timeZone`, from `dayStartsAt` to `dayEndsAt`): whether a stimulation session is due (never while paused by a red flag or blocked by the gate), what exercise may go on, and the clinic's contact",
      resource: 'today',
      recordIsPatient: true,
    },
    async (patientId, actor) => {
      const [record, contact] = await Promise.all([
        patientRecordOrNotFound(db, patientId, GATE_READ),
        clinicContactFor(db, actor.clinicId, options.clinicContact),
      ]);
      const now = options.now();
      const date = localDate(now, record.patient.timeZone);
      // The day's first and last instant (23 or 25 hours apart on a clock change), so the app counts
      // today's sessions by comparing instants, without the browser's time-zone data.
      const { start, end } = localDayBounds(date, record.patient.timeZone);
      return {
        ...todayStatus(gateRecordOf(record), approvedProgrammeOf(record), contact, now),
        // Without a clinic contact, none: the patient's app words "your clinic" in their language.
        clinic: contact === UNSET_CLINIC_CONTACT ? null : contact,
        timeZone: record.patient.timeZone,
        date,
        dayStartsAt: start.toISOString(),
        dayEndsAt: end.toISOString(),
      };
    },
  );

  patientReadRoute(
    app,
    db,
    {
      path: '/red-flags',
      tags: ['records'],
      summary: 'Open red flags, the stimulation pause they cause, and the resolutions recorded',
      resource: 'red-flags',
    },
    async (patientId, actor) => {
      const [record, resolutions, contact] = await Promise.all([
        loadGateRecord(db, patientId),
        listRedFlagResolutions(db, patientId),
        clinicContactFor(db, actor.clinicId, options.clinicContact),
      ]);
      const pause = pauseFor(record, contact);
      return {
        open: record.openRedFlags.map((f) => ({ ...f, label: flagLabel(f.key) })),
        stimulationPaused: pause.stimulationPaused,
        exercise: pause.exercise,
        patientMessage: pause.patientMessage,
        ...(actor.role === 'patient' ? {} : { clinicianAlert: pause.clinicianAlert, resolutions }),
      };
    },
  );

  app.post<{ Params: { id: string; key: RedFlagKey }; Body: { note: string } }>(
    '/api/patients/:id/red-flags/:key/resolve',
    {
      schema: {
        response: created('The resolution'),
        tags: ['records'],
        summary:
          'Resolve an open red flag (a clinician on the care team, with a note); stimulation resumes when none is open',
        params: {
          type: 'object',
          required: ['id', 'key'],
          additionalProperties: false,
          properties: { ...patientParams.properties, key: { type: 'string', enum: [...RED_FLAG_KEYS] } },
        },
        body: {
          type: 'object',
          required: ['note'],
          additionalProperties: false,
          properties: {
            note: {
              type: 'string',
              minLength: 3,
              maxLength: 2000,
              pattern: '\\S',
              description: 'why the flag is resolved: the assessment or referral outcome',
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { id: patientId, key } = request.params;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, 'record-clinical');
      const now = options.now();
      const resolution = await db.transaction().execute(async (tx) => {
        const open = await openRedFlags(tx, patientId);
        if (!open.some((f) => f.key === key)) {
          throw conflict(
            `the red flag '${key}' (${flagLabel(key)}) is not open for this patient; open: ${open.length > 0 ? open.map((f) => f.key).join(', ') : 'none'}`,
          );
        }
        const created = await resolveRedFlag(
          tx,
          patientId,
          { key, note: request.body.note.trim() },
          actor.userId,
          now,
        );
        await recordAudit(
          tx,
          auditFrom(request, { action: 'resolve', resource: 'red-flags', recordId: created.id, patientId }),
        );
        return created;
      });
      return reply.code(201).send(resolution);
    },
  );
}
