import type { FastifyInstance } from 'fastify';
import { implausibleBirthDate } from '../../clinic/demographics/birth-date.ts';
import { blankNameProblem, PATIENT_DETAIL_FIELDS } from '../../shared/patient-details.ts';
import type { Db } from '../../store/database.ts';
import { auditValues, recordAudit } from '../../store/records/audit.ts';
import {
  addCareTeamMember,
  listCareTeam,
  listCareTeamChanges,
  removeCareTeamMember,
} from '../../store/records/care-team.ts';
import {
  createPatient,
  getPatient,
  listPatients,
  type PatientInput,
  SEXES,
  updatePatient,
} from '../../store/records/patients.ts';
import { doesClinicalWork, getUser } from '../../store/records/users.ts';
import {
  type Actor,
  authorizeAccount,
  authorizePatient,
  careTeamRole,
  visiblePatientIds,
} from '../access.ts';
import { actorOf } from '../auth.ts';
import { languageSchema, refuseUnknownLanguage } from '../language.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { created } from '../response-schemas.ts';
import { patientParams, uuid } from '../schemas.ts';
import { refuseUnknownTimeZone, timeZoneSchema } from '../time-zone.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute } from './patient-read.ts';

const patientProperties = {
  name: PATIENT_DETAIL_FIELDS.name.schema,
  birthDate: PATIENT_DETAIL_FIELDS.birthDate.schema,
  sex: { type: ['string', 'null'], enum: [...SEXES, null] },
  timeZone: timeZoneSchema,
  language: languageSchema,
} as const;

/**
 * A name of only spaces, a birth date after today or more than 120 years ago are typing errors, a
 * time zone must be one the runtime knows and a language one Myotrophy is written in: 422 saying
 * what is allowed.
 */
function refuseImplausibleDetails(body: Partial<PatientInput>, now: Date): void {
  const blank = body.name === undefined ? null : blankNameProblem(body.name);
  if (blank) throw new HttpProblem(422, blank);
  const reason = body.birthDate ? implausibleBirthDate(body.birthDate, now) : null;
  if (reason) throw new HttpProblem(422, reason);
  refuseUnknownTimeZone(body.timeZone);
  refuseUnknownLanguage(body.language);
}

export function patientRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.get(
    '/api/patients',
    { schema: { tags: ['patients'], summary: 'The patients the caller may see' } },
    async (request) => {
      const actor = actorOf(request);
      const patients = await listPatients(db, await visiblePatientIds(db, actor));
      if (patients.length > 0) {
        await db
          .insertInto('audit_events')
          .values(
            patients.map((p) =>
              auditValues(
                auditFrom(request, { action: 'read', resource: 'patient', recordId: p.id, patientId: p.id }),
              ),
            ),
          )
          .execute();
      }
      return { items: patients };
    },
  );

  app.post<{ Body: PatientInput }>(
    '/api/patients',
    {
      schema: {
        response: created('The patient; Location is its address'),
        tags: ['patients'],
        summary:
          'Create a patient; a clinician (or an admin holding the clinician role) who creates one joins its care team',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: patientProperties,
        },
      },
    },
    async (request, reply) => {
      const actor = authorizeAccount(request.actor, 'create-patient');
      refuseImplausibleDetails(request.body, options.now());
      const input = { ...request.body, timeZone: request.body.timeZone ?? options.clinicTimeZone ?? 'UTC' };
      const patient = await db.transaction().execute(async (tx) => {
        const created = await createPatient(tx, input, actor.userId);
        if (careTeamRole(actor) === 'clinician')
          await addCareTeamMember(tx, created.id, actor.userId, actor.userId);
        await recordAudit(
          tx,
          auditFrom(request, {
            action: 'create',
            resource: 'patient',
            recordId: created.id,
            patientId: created.id,
          }),
        );
        return created;
      });
      return reply.code(201).header('location', `/api/patients/${patient.id}`).send(patient);
    },
  );

  patientReadRoute(
    app,
    db,
    {
      path: '',
      tags: ['patients'],
      summary: 'A patient, with the care team',
      resource: 'patient',
      recordIsPatient: true,
    },
    async (patientId) => {
      const patient = await getPatient(db, patientId);
      if (!patient) throw notFound(`there is no patient ${patientId}`);
      return { ...patient, careTeam: await listCareTeam(db, patientId) };
    },
  );

  app.patch<{ Params: { id: string }; Body: Partial<PatientInput> }>(
    '/api/patients/:id',
    {
      schema: {
        tags: ['patients'],
        summary: "Change a patient's details",
        params: patientParams,
        body: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: patientProperties,
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      await authorizePatient(db, actorOf(request), id, 'update');
      refuseImplausibleDetails(request.body, options.now());
      return db.transaction().execute(async (tx) => {
        const patient = await updatePatient(tx, id, request.body, options.now());
        if (!patient) throw notFound(`there is no patient ${id}`);
        await recordAudit(
          tx,
          auditFrom(request, { action: 'update', resource: 'patient', recordId: id, patientId: id }),
        );
        return patient;
      });
    },
  );

  app.put<{ Params: { id: string }; Body: { language: string } }>(
    '/api/patients/:id/language',
    {
      schema: {
        tags: ['patients'],
        summary:
          'Choose the language the patient reads Myotrophy in (pages, handout, reminders, questionnaires): the patient for themselves, or a clinician on the care team',
        params: patientParams,
        body: {
          type: 'object',
          required: ['language'],
          additionalProperties: false,
          properties: { language: languageSchema },
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      await authorizePatient(db, actorOf(request), id, 'choose-language');
      const language = request.body.language;
      refuseUnknownLanguage(language);
      return db.transaction().execute(async (tx) => {
        const patient = await updatePatient(tx, id, { language }, options.now());
        if (!patient) throw notFound(`there is no patient ${id}`);
        await recordAudit(
          tx,
          auditFrom(request, { action: 'update', resource: 'patient', recordId: id, patientId: id }),
        );
        return { patientId: id, language: patient.language };
      });
    },
  );

  app.post<{ Params: { id: string }; Body: { clinicianId: string; reason?: string } }>(
    '/api/patients/:id/care-team',
    {
      schema: {
        response: created('The care team after the addition'),
        tags: ['patients'],
        summary:
          "Add a clinician (or an admin holding the clinician role) to the patient's care team; an admin must give a reason, which the team sees",
        params: patientParams,
        body: {
          type: 'object',
          required: ['clinicianId'],
          additionalProperties: false,
          properties: { clinicianId: uuid, reason: careTeamReason },
        },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const actor = actorOf(request);
      await authorizePatient(db, actor, id, 'manage-care-team');
      const reason = requireAdminReason(actor, request.body.reason);
      const member = await getUser(db, request.body.clinicianId);
      if (!member) throw new HttpProblem(422, `there is no user ${request.body.clinicianId}`);
      if (!doesClinicalWork(member)) {
        throw new HttpProblem(
          422,
          member.role === 'admin'
            ? `${member.email} is an admin without the clinician role; an admin joins a care team only after being granted it (PUT /api/users/${member.id}/clinician-role)`
            : 'a care team holds clinicians (and admins who hold the clinician role), not patients',
        );
      }
      if (member.deactivatedAt) throw new HttpProblem(422, `${member.email} is deactivated`);
      await db.transaction().execute(async (tx) => {
        await addCareTeamMember(tx, id, member.id, actor.userId);
        await recordAudit(tx, {
          ...auditFrom(request, {
            action: 'add-member',
            resource: 'care-team',
            recordId: member.id,
            patientId: id,
          }),
          reason,
        });
      });
      return reply.code(201).send({ patientId: id, careTeam: await listCareTeam(db, id) });
    },
  );

  app.delete<{ Params: { id: string; userId: string }; Body: { reason?: string } | undefined }>(
    '/api/patients/:id/care-team/:userId',
    {
      schema: {
        tags: ['patients'],
        summary:
          "Remove a member from the patient's care team; an admin must give a reason (JSON body {reason}), which the team sees",
        params: {
          type: 'object',
          required: ['id', 'userId'],
          additionalProperties: false,
          properties: { id: uuid, userId: uuid },
        },
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { reason: careTeamReason },
        },
      },
    },
    async (request) => {
      const { id, userId } = request.params;
      const actor = actorOf(request);
      await authorizePatient(db, actor, id, 'manage-care-team');
      const reason = requireAdminReason(actor, request.body?.reason);
      const removed = await db.transaction().execute(async (tx) => {
        const done = await removeCareTeamMember(tx, id, userId);
        if (done) {
          await recordAudit(tx, {
            ...auditFrom(request, {
              action: 'remove-member',
              resource: 'care-team',
              recordId: userId,
              patientId: id,
            }),
            reason,
          });
        }
        return done;
      });
      if (!removed) throw notFound(`user ${userId} is not on the care team of patient ${id}`);
      return { patientId: id, careTeam: await listCareTeam(db, id) };
    },
  );

  patientReadRoute(
    app,
    db,
    {
      path: '/care-team/changes',
      tags: ['patients'],
      summary: "Who joined or left the patient's care team, when, by whom and why (shown to the team)",
      resource: 'care-team',
    },
    async (patientId) => ({ items: await listCareTeamChanges(db, patientId) }),
  );
}

const careTeamReason = { type: 'string', minLength: 1, maxLength: 500 } as const;

/** An admin's change to a care team needs a reason; a clinician on the team may give one. */
function requireAdminReason(actor: Actor, reason: string | undefined): string | null {
  const given = reason?.trim();
  if (actor.role === 'admin' && !given) {
    throw new HttpProblem(
      422,
      "an admin's change to a care team needs a reason (body field reason, 1–500 characters); the team sees it",
    );
  }
  return given || null;
}
