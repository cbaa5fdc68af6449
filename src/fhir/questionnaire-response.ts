import type { Observation, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import type { Measurement } from '../clinic/record/measurement.ts';
import { LEFS_ITEMS, LEFS_MAX, scoreLefs } from '../clinic/scores/lefs.ts';
import { InvalidInputError } from '../shared/invalid-input.ts';
import { MYOTROPHY } from './codes.ts';
import { observationStatusOf } from './entry-status.ts';
import { authorRef, derivedId, type MappingContext, patientRef, ref } from './references.ts';

/**
 * A LEFS score becomes a QuestionnaireResponse (the answers) plus an Observation for its total
 * (./observation.ts, derivedFrom this response). Myotrophy's store keeps the LEFS total only, so the
 * response Myotrophy writes holds the total as a calculated item; on import, a response with all
 * twenty item answers (linkId item-1 … item-20, 0–4 each) is scored by the clinic module and must
 * agree with any total it states. Item wording is Myotrophy's paraphrase (redistribution rights of
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

/**
 * The patient's own answers to the twenty LEFS items (0–4 each) as a completed QuestionnaireResponse,
 * the patient its author.
 */
export function lefsResponseFromAnswers(
  answers: readonly number[],
  authored: string,
  context: MappingContext,
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: MYOTROPHY.lefsQuestionnaire,
    status: 'completed',
    subject: patientRef(context),
    authored,
    author: patientRef(context),
    item: answers.map((value, i) => ({
      linkId: lefsItemLinkId(i),
      text: LEFS_ITEMS[i] ?? `item ${i + 1}`,
      answer: [{ valueInteger: value }],
    })),
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
