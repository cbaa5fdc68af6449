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
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { listMeasurements } from '../../store/records/measurements.ts';
import { getPatient } from '../../store/records/patients.ts';
import {
  createQuestionnaireSchedule,
  findQuestionnaireSchedule,
  listQuestionnaireSchedules,
  type QuestionnaireScheduleInput,
} from '../../store/records/questionnaire-schedules.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { calendarDate, patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';
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
  app.get<{ Params: { id: string } }>(
    '/api/patients/:id/questionnaires-due',
    {
      schema: {
        tags: ['derived'],
        summary:
          "The questionnaires the patient is due to answer on their day (in the patient's `timeZone`): each with the scheduled day it is for",
        params: patientParams,
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'read');
      const { timeZone, due } = await dueQuestionnaires(db, patientId, options.now());
      await recordAudit(
        db,
        auditFrom(request, { action: 'read', resource: 'questionnaires-due', patientId }),
      );
      return { timeZone, items: due };
    },
  );
}
