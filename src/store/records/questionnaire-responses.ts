import { isDeepStrictEqual } from 'node:util';
import type {
  QuestionnaireAnswers,
  QuestionnaireResponseRecord,
} from '../../clinic/record/questionnaire-response.ts';
import type { Db } from '../database.ts';
import { iso, json, newId, type RowOf } from '../rows.ts';
import { patientRecordFinder, patientRecordLister, readPatientRows } from './patient-rows.ts';

export type { QuestionnaireResponseRecord } from '../../clinic/record/questionnaire-response.ts';

export function toQuestionnaireResponse(row: RowOf<'questionnaire_responses'>): QuestionnaireResponseRecord {
  const common = {
    id: row.id,
    patientId: row.patient_id,
    answeredAt: iso(row.answered_at),
    score: row.score,
    measurementId: row.measurement_id,
    recordedBy: row.recorded_by,
  };
  return { ...(row.answers as QuestionnaireAnswers), ...common };
}

/** The items of an answer without the record's own fields, as the client sent them. */
function answersOf(record: QuestionnaireAnswers): QuestionnaireAnswers {
  return record.questionnaire === 'psfs'
    ? { questionnaire: 'psfs', activities: record.activities }
    : { questionnaire: record.questionnaire, answers: record.answers };
}

/** A client key sent again with other answers than the ones stored under it. */
export class AnswerKeyReusedError extends Error {
  constructor(clientKey: string, responseId: string) {
    super(
      `Idempotency-Key ${JSON.stringify(clientKey)} was already used for answers ${responseId}, which differ from these; send a new key for new answers`,
    );
  }
}

/**
 * Stores a questionnaire response in the caller's transaction. With a client key, answers sent
 * again under that key are not stored twice: the stored response comes back as `replayed` (and
 * other answers under the same key are an AnswerKeyReusedError). `withMeasurement` runs only for
 * a new response, in the same transaction, and returns the id of the measurement it made.
 */
export async function createQuestionnaireResponse(
  tx: Db,
  patientId: string,
  input: {
    answers: QuestionnaireAnswers;
    score: number;
    answeredAt: string;
    recordedBy: string;
    clientKey: string | null;
  },
  withMeasurement: (() => Promise<string | null>) | null,
): Promise<{ record: QuestionnaireResponseRecord; replayed: boolean }> {
  const inserted = await tx
    .insertInto('questionnaire_responses')
    .values({
      id: newId(),
      patient_id: patientId,
      questionnaire: input.answers.questionnaire,
      answered_at: input.answeredAt,
      answers: json(answersOf(input.answers)),
      score: input.score,
      measurement_id: null,
      recorded_by: input.recordedBy,
      client_key: input.clientKey,
    })
    .onConflict((oc) =>
      oc.columns(['clinic_id', 'patient_id', 'client_key']).where('client_key', 'is not', null).doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const record = await findAnswerByClientKey(tx, patientId, input.clientKey as string);
    if (!record) throw new Error('a client key conflicted, yet no answer is stored under it');
    if (!isDeepStrictEqual(answersOf(record), answersOf(input.answers))) {
      throw new AnswerKeyReusedError(input.clientKey as string, record.id);
    }
    return { record, replayed: true };
  }
  const measurementId = withMeasurement ? await withMeasurement() : null;
  if (measurementId === null) return { record: toQuestionnaireResponse(inserted), replayed: false };
  const linked = await tx
    .updateTable('questionnaire_responses')
    .set({ measurement_id: measurementId })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { record: toQuestionnaireResponse(linked), replayed: false };
}

/** The answer stored under a client key (an Idempotency-Key), if any. */
export async function findAnswerByClientKey(
  db: Db,
  patientId: string,
  clientKey: string,
): Promise<QuestionnaireResponseRecord | undefined> {
  const row = await db
    .selectFrom('questionnaire_responses')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
  return row ? toQuestionnaireResponse(row) : undefined;
}

/** The answers of these patients, oldest first, in one statement. */
export async function readQuestionnaireResponses(
  db: Db,
  patientIds: readonly string[],
): Promise<QuestionnaireResponseRecord[]> {
  if (patientIds.length === 0) return [];
  return (await readPatientRows(db, 'questionnaire_responses', patientIds)).map(toQuestionnaireResponse);
}

export const listQuestionnaireResponses = patientRecordLister(
  'questionnaire_responses',
  toQuestionnaireResponse,
);

export const findQuestionnaireResponse = patientRecordFinder(
  'questionnaire_responses',
  toQuestionnaireResponse,
);
