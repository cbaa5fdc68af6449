import type { FastifyInstance } from 'fastify';
import {
  type QuestionnaireAnswered,
  questionnairesDue,
} from '../../clinic/questionnaires/questionnaires-due.ts';
import {
  MAX_EVERY_WEEKS,
  SCHEDULED_QUESTIONNAIRES,
  type ScheduledQuestionnaire,
} from '../../clinic/record/questionnaire-schedule.ts';
import { LEFS_ITEM_MAX, LEFS_ITEMS } from '../../clinic/scores/lefs.ts';
import { lefsResponseFromAnswers, lefsTotalFromResponse } from '../../fhir/questionnaire-response.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createMeasurement, listMeasurements } from '../../store/records/measurements.ts';
import { getPatient } from '../../store/records/patients.ts';
import {
  createQuestionnaireSchedule,
  findQuestionnaireSchedule,
  listQuestionnaireSchedules,
  type QuestionnaireScheduleInput,
} from '../../store/records/questionnaire-schedules.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { conflict, HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { calendarDate, patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute } from './patient-read.ts';
import type { PatientRecordKind } from './patient-records.ts';

/** The clinician sets when the patient answers a questionnaire: a baseline day, then every N weeks. */
export const questionnaireSchedulesKind: PatientRecordKind<
  QuestionnaireScheduleInput,
  Awaited<ReturnType<typeof createQuestionnaireSchedule>>
> = {
  path: 'questionnaire-schedules',
  noun: 'questionnaire schedule',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    required: ['questionnaire', 'baselineDate', 'everyWeeks'],
    additionalProperties: false,
    properties: {
      questionnaire: { type: 'string', enum: SCHEDULED_QUESTIONNAIRES },
      baselineDate: { ...calendarDate, description: "The first answer's day, in the patient's time zone" },
      everyWeeks: { type: 'integer', minimum: 1, maximum: MAX_EVERY_WEEKS },
    },
  },
  create: (tx, { patientId, actor, now }, body) =>
    createQuestionnaireSchedule(tx, patientId, body, actor.userId, now),
  list: listQuestionnaireSchedules,
  find: findQuestionnaireSchedule,
};

/** The measurement kind each scheduled questionnaire's answer is kept as. */
const ANSWER_KIND: Record<ScheduledQuestionnaire, 'lefs'> = { lefs: 'lefs' };

/** Every answer the patient has given to a scheduled questionnaire (their stored totals). */
export async function questionnaireAnswers(db: Db, patientId: string): Promise<QuestionnaireAnswered[]> {
  const measurements = await listMeasurements(db, patientId, 'all');
  return SCHEDULED_QUESTIONNAIRES.flatMap((questionnaire) =>
    measurements
      .filter((m) => m.kind === ANSWER_KIND[questionnaire])
      .map((m) => ({ questionnaire, answeredAt: m.measuredAt })),
  );
}

/** The questionnaires due on the patient's day, for the patient's Today page and the chart. */
export async function dueQuestionnaires(db: Db, patientId: string, now: Date) {
  const patient = await getPatient(db, patientId);
  if (!patient) throw notFound(`there is no patient ${patientId}`);
  const [schedules, answers] = await Promise.all([
    listQuestionnaireSchedules(db, patientId, 'all'),
    questionnaireAnswers(db, patientId),
  ]);
  return { timeZone: patient.timeZone, due: questionnairesDue(schedules, answers, now, patient.timeZone) };
}

export function questionnaireRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  patientReadRoute(
    app,
    db,
    {
      path: '/questionnaires-due',
      tags: ['derived'],
      summary:
        "The questionnaires the patient is due to answer on their day (in the patient's `timeZone`): each with the scheduled day it is for",
      resource: 'questionnaires-due',
    },
    async (patientId) => {
      const { timeZone, due } = await dueQuestionnaires(db, patientId, options.now());
      return { timeZone, items: due };
    },
  );

  app.post<{ Params: { id: string }; Body: { questionnaire: ScheduledQuestionnaire; answers: number[] } }>(
    '/api/patients/:id/questionnaire-responses',
    {
      schema: {
        tags: ['records'],
        summary:
          "The patient answers a due questionnaire: the LEFS's twenty items in order, each 0 (extreme difficulty or unable) to 4 (no difficulty). Kept as a QuestionnaireResponse (validated) whose total is stored as a LEFS measurement; refused (409) when none is due",
        params: patientParams,
        body: {
          type: 'object',
          required: ['questionnaire', 'answers'],
          additionalProperties: false,
          properties: {
            questionnaire: { type: 'string', enum: SCHEDULED_QUESTIONNAIRES },
            answers: {
              type: 'array',
              minItems: LEFS_ITEMS.length,
              maxItems: LEFS_ITEMS.length,
              items: { type: 'integer', minimum: 0, maximum: LEFS_ITEM_MAX },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const patientId = request.params.id;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, 'answer-questionnaire');
      const now = options.now();
      const { due } = await dueQuestionnaires(db, patientId, now);
      if (!due.some((d) => d.questionnaire === request.body.questionnaire)) {
        throw conflict(
          'This questionnaire is not due today. Your clinic will ask you again when the next one is due.',
        );
      }
      const response = lefsResponseFromAnswers(request.body.answers, now.toISOString(), {
        style: 'relative',
        patientId,
        authors: new Map(),
      });
      const validation = validateFhir(response);
      if (!validation.ok) {
        throw new HttpProblem(
          422,
          `the answers do not make a valid QuestionnaireResponse: ${describeIssues(validation.errors).join('; ')}`,
        );
      }
      const total = lefsTotalFromResponse(response);
      const measurement = await db.transaction().execute(async (tx) => {
        const created = await createMeasurement(
          tx,
          patientId,
          {
            kind: ANSWER_KIND[request.body.questionnaire],
            value: total,
            measuredAt: now.toISOString(),
            note: null,
          },
          actor.userId,
        );
        await recordAudit(
          tx,
          auditFrom(request, { action: 'create', resource: 'measurements', recordId: created.id, patientId }),
        );
        return created;
      });
      return reply
        .code(201)
        .header('location', `/api/patients/${patientId}/measurements/${measurement.id}`)
        .send({ measurement, questionnaireResponse: response });
    },
  );
}
