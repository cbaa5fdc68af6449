import type { Observation, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import type { Measurement } from '../clinic/record/measurement.ts';
import type {
  QuestionnaireAnswers,
  QuestionnaireResponseRecord,
} from '../clinic/record/questionnaire-response.ts';
import { LEFS_ITEMS, LEFS_MAX, scoreLefs } from '../clinic/scores/lefs.ts';
import { scorePsfs } from '../clinic/scores/psfs.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { MYOTROPHY } from './codes.ts';
import { observationStatusOf } from './entry-status.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * A LEFS score becomes a QuestionnaireResponse (the answers) plus an Observation for its total
 * (./observation.ts, derivedFrom this response). A LEFS the patient answered in Myotrophy keeps its
 * twenty items (linkId item-1 … item-20, 0–4 each), and its response carries them; a LEFS total a
 * clinician entered has no items, so its response holds the total as a calculated item. On import,
 * a response with all twenty items is scored by the clinic module and must agree with any total it
 * states. PSFS and pain-rating answers are QuestionnaireResponses of their own (no Observation). Item wording is Myotrophy's paraphrase (redistribution rights of
 * the original wording UNCONFIRMED; src/clinic/scores/lefs.ts).
 */
export const LEFS_TOTAL_LINK_ID = 'total';
export const lefsItemLinkId = (index: number) => `item-${index + 1}`;

export function lefsResponseId(measurementId: string): string {
  return derivedId(measurementId, 'questionnaire-response');
}

export function toFhirLefsResponse(measurement: Measurement, context: MappingContext): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: lefsResponseId(measurement.id),
    questionnaire: MYOTROPHY.lefsQuestionnaire,
    status: {
      final: 'completed' as const,
      amended: 'amended' as const,
      'entered-in-error': 'entered-in-error' as const,
    }[observationStatusOf(measurement)],
    subject: patientRef(context),
    authored: measurement.measuredAt,
    author: authorRef(context, measurement.recordedBy),
    item: [
      {
        linkId: LEFS_TOTAL_LINK_ID,
        text: `Lower Extremity Functional Scale total (0–${LEFS_MAX})`,
        answer: [{ valueInteger: measurement.value }],
      },
    ],
  };
}

const QUESTIONNAIRE_CANONICAL: Record<QuestionnaireAnswers['questionnaire'], string> = {
  lefs: MYOTROPHY.lefsQuestionnaire,
  psfs: MYOTROPHY.psfsQuestionnaire,
  pain: MYOTROPHY.painQuestionnaire,
};
export const PSFS_SCORE_LINK_ID = 'score';
export const PAIN_LINK_ID = 'pain-past-week';

/** The items of a response: each answer as the patient gave it, PSFS activities as named groups. */
function responseItems(answers: QuestionnaireAnswers): QuestionnaireResponseItem[] {
  switch (answers.questionnaire) {
    case 'lefs':
      return answers.answers.map((value, i) => ({
        linkId: lefsItemLinkId(i),
        text: LEFS_ITEMS[i] ?? `item ${i + 1}`,
        answer: [{ valueInteger: value }],
      }));
    case 'psfs':
      return [
        ...answers.activities.map(({ activity, score }, i) => ({
          linkId: `activity-${i + 1}`,
          text: `Activity ${i + 1}`,
          item: [
            { linkId: `activity-${i + 1}-name`, text: 'Activity', answer: [{ valueString: activity }] },
            {
              linkId: `activity-${i + 1}-rating`,
              text: 'Rating 0 (unable) to 10 (as before the problem)',
              answer: [{ valueInteger: score }],
            },
          ],
        })),
        {
          linkId: PSFS_SCORE_LINK_ID,
          text: 'Patient-Specific Functional Scale score (mean rating, 0–10)',
          answer: [{ valueDecimal: scorePsfs(answers.activities) }],
        },
      ];
    case 'pain':
      return [
        {
          linkId: PAIN_LINK_ID,
          text: 'Pain over the past week, 0 (no pain) to 10 (worst pain imaginable)',
          answer: [{ valueInteger: answers.answers[0] as number }],
        },
      ];
  }
}

/** The patient's own answers to a questionnaire as a completed QuestionnaireResponse, the patient its author. */
export function responseFromAnswers(
  answers: QuestionnaireAnswers,
  authored: string,
  context: MappingContext,
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: QUESTIONNAIRE_CANONICAL[answers.questionnaire],
    status: 'completed',
    subject: patientRef(context),
    authored,
    author: patientRef(context),
    item: responseItems(answers),
  };
}

/**
 * A stored answer as exported: a LEFS answer under the id of the LEFS measurement it made (so the
 * measurement's Observation derives from it), with that measurement's status; PSFS and pain answers
 * under their own id.
 */
export function toFhirQuestionnaireResponse(
  stored: QuestionnaireResponseRecord,
  context: MappingContext,
  measurement?: Measurement,
): QuestionnaireResponse {
  return {
    ...responseFromAnswers(stored, stored.answeredAt, context),
    id: measurement ? lefsResponseId(measurement.id) : stored.id,
    ...(measurement ? { status: toFhirLefsResponse(measurement, context).status } : {}),
    author: authorRef(context, stored.recordedBy),
  };
}

/** The Observation fields that tie a LEFS total to its response. */
export function lefsObservationLink(measurementId: string, context: MappingContext): Partial<Observation> {
  return { derivedFrom: [ref(context, 'QuestionnaireResponse', lefsResponseId(measurementId))] };
}

function answerInteger(item: QuestionnaireResponseItem | undefined): number | undefined {
  const answer = item?.answer?.[0];
  if (!answer) return undefined;
  if (answer.valueInteger !== undefined) return answer.valueInteger;
  if (answer.valueDecimal !== undefined) return answer.valueDecimal;
  if (answer.valueCoding?.code !== undefined) return Number(answer.valueCoding.code);
  return undefined;
}

/** The LEFS total a response states or scores; throws when the items and the stated total disagree. */
export function lefsTotalFromResponse(response: QuestionnaireResponse): number {
  const where = `QuestionnaireResponse/${response.id ?? '?'}`;
  const items = response.item ?? [];
  const stated = answerInteger(items.find((i) => i.linkId === LEFS_TOTAL_LINK_ID));
  const answered = LEFS_ITEMS.map((_, i) => items.find((item) => item.linkId === lefsItemLinkId(i)));
  if (answered.some((item) => item !== undefined)) {
    const values = answered.map((item) => answerInteger(item) ?? Number.NaN);
    const { total } = scoreLefs(values);
    if (stated !== undefined && stated !== total) {
      throw new InvalidInputError(`${where} states a LEFS total of ${stated} but its items sum to ${total}`);
    }
    return total;
  }
  if (stated === undefined) {
    throw new InvalidInputError(
      `${where} has neither a '${LEFS_TOTAL_LINK_ID}' answer nor the ${LEFS_ITEMS.length} LEFS items`,
    );
  }
  return stated;
}

/** True when a response answers Myotrophy's LEFS questionnaire. */
export function isLefsResponse(response: QuestionnaireResponse): boolean {
  return (response.questionnaire ?? '').split('|')[0] === MYOTROPHY.lefsQuestionnaire;
}

/** The questionnaire a response answers, when it is one Myotrophy keeps item by item (PSFS, pain). */
function ownQuestionnaireOf(response: QuestionnaireResponse): 'psfs' | 'pain' | undefined {
  const canonical = (response.questionnaire ?? '').split('|')[0];
  if (canonical === MYOTROPHY.psfsQuestionnaire) return 'psfs';
  if (canonical === MYOTROPHY.painQuestionnaire) return 'pain';
  return undefined;
}

/**
 * The answers of a PSFS or pain-rating response as Myotrophy keeps them, undefined for another
 * questionnaire; a response whose items are missing or malformed is an InvalidInputError.
 */
export function answersFromResponse(response: QuestionnaireResponse): QuestionnaireAnswers | undefined {
  const questionnaire = ownQuestionnaireOf(response);
  if (!questionnaire) return undefined;
  const where = `QuestionnaireResponse/${response.id ?? '?'}`;
  const items = response.item ?? [];
  if (questionnaire === 'pain') {
    const rating = answerInteger(items.find((i) => i.linkId === PAIN_LINK_ID));
    if (rating === undefined) throw new InvalidInputError(`${where} has no '${PAIN_LINK_ID}' answer`);
    return { questionnaire, answers: [rating] };
  }
  const activities = items
    .filter((i) => i.linkId !== PSFS_SCORE_LINK_ID)
    .map((group) => ({
      activity: group.item?.find((i) => i.linkId.endsWith('-name'))?.answer?.[0]?.valueString ?? '',
      score: answerInteger(group.item?.find((i) => i.linkId.endsWith('-rating'))) ?? Number.NaN,
    }));
  return { questionnaire, activities };
}
