import type { FastifyInstance } from 'fastify';
import {
  type QuestionnaireAnswered,
  questionnairesDue,
} from '../../clinic/questionnaires/questionnaires-due.ts';
import { scoreQuestionnaire } from '../../clinic/questionnaires/score-questionnaire.ts';
import type { QuestionnaireAnswers } from '../../clinic/record/questionnaire-response.ts';
import {
  MAX_EVERY_WEEKS,
  SCHEDULED_QUESTIONNAIRES,
  type ScheduledQuestionnaire,
} from '../../clinic/record/questionnaire-schedule.ts';
import { LEFS_ITEM_MAX, LEFS_ITEMS } from '../../clinic/scores/lefs.ts';
import { PAIN_RATING_MAX } from '../../clinic/scores/pain-rating.ts';
import {
  PSFS_ACTIVITY_MAX,
  PSFS_ACTIVITY_MAX_CHARS,
  PSFS_MAX_ACTIVITIES,
  type PsfsActivity,
} from '../../clinic/scores/psfs.ts';
import { text } from '../../clinic/words/patient-text.ts';
import { responseFromAnswers } from '../../fhir/questionnaire-response.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createMeasurement, findMeasurement, listMeasurements } from '../../store/records/measurements.ts';
import { getPatient } from '../../store/records/patients.ts';
import {
  AnswerKeyReusedError,
  createQuestionnaireResponse,
  findAnswerByClientKey,
  listQuestionnaireResponses,
} from '../../store/records/questionnaire-responses.ts';
import {
  createQuestionnaireSchedule,
  findQuestionnaireSchedule,
  listQuestionnaireSchedules,
  type QuestionnaireScheduleInput,
} from '../../store/records/questionnaire-schedules.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { badRequest, HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { calendarDate, patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute } from './patient-read.ts';
import { idempotencyKeyHeaders, idempotencyKeyOf, type PatientRecordKind } from './patient-records.ts';

/** The clinician sets when the patient answers a questionnaire: a baseline day, then every N weeks. */
/** The API's English for an answer sent when its questionnaire is not due (the patient reads `patientMessage`). */
const QUESTIONNAIRE_NOT_DUE =
  'This questionnaire is not due today. Your clinic will ask you again when the next one is due.';

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

/**
 * Every answer the patient has given to a scheduled questionnaire: the stored answers, and LEFS
 * totals kept as measurements (a LEFS the clinician records in clinic counts as the answer too).
 */
export async function questionnaireAnswers(db: Db, patientId: string): Promise<QuestionnaireAnswered[]> {
  const [measurements, responses] = await Promise.all([
    listMeasurements(db, patientId, 'all'),
    listQuestionnaireResponses(db, patientId, 'all'),
  ]);
  return [
    ...measurements
      .filter((m) => m.kind === 'lefs')
      .map((m) => ({ questionnaire: 'lefs' as const, answeredAt: m.measuredAt })),
    ...responses
      .filter((r) => r.questionnaire !== 'lefs')
      .map((r) => ({ questionnaire: r.questionnaire, answeredAt: r.answeredAt })),
  ];
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

  patientReadRoute(
    app,
    db,
    {
      path: '/questionnaire-responses',
      tags: ['records'],
      summary: "The patient's answers to questionnaires, item by item, with their scores, oldest first",
      resource: 'questionnaire-responses',
    },
    async (patientId) => ({ items: await listQuestionnaireResponses(db, patientId, 'all') }),
  );

  app.post<{ Params: { id: string }; Body: AnswerBody }>(
    '/api/patients/:id/questionnaire-responses',
    {
      schema: {
        tags: ['records'],
        summary: `The patient answers a due questionnaire: the LEFS as its ${LEFS_ITEMS.length} items in order (\`answers\`, each 0 extreme difficulty or unable to ${LEFS_ITEM_MAX} no difficulty), the PSFS as 1 to ${PSFS_MAX_ACTIVITIES} named \`activities\` each rated 0 (unable) to ${PSFS_ACTIVITY_MAX} (as before the problem), or the pain rating as one answer 0 (no pain) to ${PAIN_RATING_MAX}. Kept as a QuestionnaireResponse (validated) with its score; a LEFS total is also stored as a LEFS measurement. Refused (409) when none is due; an Idempotency-Key makes a retry land once`,
        params: patientParams,
        headers: idempotencyKeyHeaders,
        body: {
          type: 'object',
          required: ['questionnaire'],
          additionalProperties: false,
          properties: {
            questionnaire: { type: 'string', enum: SCHEDULED_QUESTIONNAIRES },
            answers: {
              type: 'array',
              minItems: 1,
              maxItems: LEFS_ITEMS.length,
              items: { type: 'integer', minimum: 0, maximum: PAIN_RATING_MAX },
            },
            activities: {
              type: 'array',
              minItems: 1,
              maxItems: PSFS_MAX_ACTIVITIES,
              items: {
                type: 'object',
                required: ['activity', 'score'],
                additionalProperties: false,
                properties: {
                  activity: { type: 'string', minLength: 1, maxLength: PSFS_ACTIVITY_MAX_CHARS },
                  score: { type: 'integer', minimum: 0, maximum: PSFS_ACTIVITY_MAX },
                },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const patientId = request.params.id;
      const actor = actorOf(request);
      await authorizePatient(db, actor, patientId, 'answer-questionnaire');
      const clientKey = idempotencyKeyOf(request);
      const answers = answersFrom(request.body);
      let score: number;
      try {
        score = scoreQuestionnaire(answers);
      } catch (error) {
        if (error instanceof InvalidInputError) throw badRequest(error.message);
        throw error;
      }
      const now = options.now();
      const authored = now.toISOString();
      const response = responseFromAnswers(answers, authored, {
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
      const replay = clientKey ? await findAnswerByClientKey(db, patientId, clientKey) : undefined;
      if (!replay) {
        const { due } = await dueQuestionnaires(db, patientId, now);
        if (!due.some((d) => d.questionnaire === answers.questionnaire)) {
          // The patient's app words the refusal in the patient's language from `patientMessage`.
          throw new HttpProblem(409, QUESTIONNAIRE_NOT_DUE, {
            patientMessage: [text('core.questionnaire.notDue')],
          });
        }
      }
      const stored = await db.transaction().execute(async (tx) => {
        const keptAsLefs =
          answers.questionnaire === 'lefs'
            ? async () => {
                const created = await createMeasurement(
                  tx,
                  patientId,
                  { kind: 'lefs', value: score, measuredAt: authored, note: null },
                  actor.userId,
                );
                await recordAudit(
                  tx,
                  auditFrom(request, {
                    action: 'create',
                    resource: 'measurements',
                    recordId: created.id,
                    patientId,
                  }),
                );
                return created.id;
              }
            : null;
        try {
          const written = await createQuestionnaireResponse(
            tx,
            patientId,
            { answers, score, answeredAt: authored, recordedBy: actor.userId, clientKey },
            keptAsLefs,
          );
          await recordAudit(
            tx,
            auditFrom(request, {
              action: written.replayed ? 'read' : 'create',
              resource: 'questionnaire-responses',
              recordId: written.record.id,
              patientId,
            }),
          );
          return written;
        } catch (error) {
          if (error instanceof AnswerKeyReusedError) throw new HttpProblem(422, error.message);
          throw error;
        }
      });
      const measurement = stored.record.measurementId
        ? await findMeasurement(db, patientId, stored.record.measurementId)
        : undefined;
      return reply
        .code(stored.replayed ? 200 : 201)
        .header('location', `/api/patients/${patientId}/questionnaire-responses/${stored.record.id}`)
        .header('idempotent-replayed', String(stored.replayed))
        .send({
          answer: stored.record,
          ...(measurement ? { measurement } : {}),
          questionnaireResponse: { ...response, id: stored.record.id, authored: stored.record.answeredAt },
        });
    },
  );
}

interface AnswerBody {
  questionnaire: ScheduledQuestionnaire;
  answers?: number[];
  activities?: PsfsActivity[];
}

/** The body as one questionnaire's answers: the PSFS names activities, the others answer items. */
function answersFrom(body: AnswerBody): QuestionnaireAnswers {
  if (body.questionnaire === 'psfs') {
    if (!body.activities || body.answers) {
      throw badRequest(
        `the PSFS is answered with 'activities': 1 to ${PSFS_MAX_ACTIVITIES} activities, each { activity, score 0–${PSFS_ACTIVITY_MAX} }, and no 'answers'`,
      );
    }
    return { questionnaire: 'psfs', activities: body.activities };
  }
  if (!body.answers || body.activities) {
    throw badRequest(
      body.questionnaire === 'lefs'
        ? `the LEFS is answered with 'answers': its ${LEFS_ITEMS.length} items in order, each 0–${LEFS_ITEM_MAX}, and no 'activities'`
        : `the pain rating is answered with 'answers': one rating 0–${PAIN_RATING_MAX}, and no 'activities'`,
    );
  }
  return { questionnaire: body.questionnaire, answers: body.answers };
}
