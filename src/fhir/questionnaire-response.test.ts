import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  answersFromResponse,
  isLefsResponse,
  lefsTotalFromResponse,
  responseFromAnswers,
  toFhirLefsResponse,
  toFhirQuestionnaireResponse,
} from './questionnaire-response.ts';
import { PATIENT_ID, PATIENT_USER_ID, testContext } from './testing/context.ts';
import { validateFhir } from './validate.ts';

const response = (items: QuestionnaireResponse['item']): QuestionnaireResponse => ({
  resourceType: 'QuestionnaireResponse',
  id: 'qr',
  status: 'completed',
  questionnaire: 'urn:myotrophy:fhir:Questionnaire:lefs',
  item: items,
});
const twenty = (values: number[]) =>
  values.map((v, i) => ({ linkId: `item-${i + 1}`, answer: [{ valueInteger: v }] }));

describe('LEFS QuestionnaireResponse', () => {
  it('writes the total the store keeps, authored by the patient when the patient entered it', () => {
    const written = toFhirLefsResponse(
      {
        id: 'm1',
        patientId: PATIENT_ID,
        kind: 'lefs',
        value: 58,
        unit: 'points',
        measuredAt: '2024-05-20T10:00:00.000Z',
        site: null,
        side: null,
        note: null,
        recordedBy: PATIENT_USER_ID,
        status: 'current',
        replacesId: null,
      },
      testContext(),
    );
    expect(written.author?.reference).toBe(`Patient/${PATIENT_ID}`);
    expect(written.authored).toBe('2024-05-20T10:00:00.000Z');
    expect(isLefsResponse(written)).toBe(true);
    expect(lefsTotalFromResponse(written)).toBe(58);
  });

  it('turns the patient’s twenty answers into a valid response, authored by the patient, scored from its items', () => {
    const answers = [...Array(10).fill(3), ...Array(10).fill(2)];
    const made = responseFromAnswers(
      { questionnaire: 'lefs', answers },
      '2026-03-17T08:00:00.000Z',
      testContext(),
    );
    expect(validateFhir(made).errors).toEqual([]);
    expect(made.author?.reference).toBe(`Patient/${PATIENT_ID}`);
    expect(made.item?.map((i) => i.linkId)).toEqual(answers.map((_, i) => `item-${i + 1}`));
    expect(isLefsResponse(made)).toBe(true);
    expect(lefsTotalFromResponse(made)).toBe(50);
  });

  it('keeps a PSFS answer’s named activities and mean score, and a pain rating, as valid responses', () => {
    const psfs = toFhirQuestionnaireResponse(
      {
        id: '11111111-1111-4111-8111-111111111111',
        patientId: PATIENT_ID,
        questionnaire: 'psfs',
        activities: [
          { activity: 'Climbing stairs', score: 3 },
          { activity: 'Walking the dog', score: 4 },
        ],
        answeredAt: '2026-03-17T08:00:00.000Z',
        score: 3.5,
        measurementId: null,
        recordedBy: PATIENT_USER_ID,
      },
      testContext(),
    );
    expect(validateFhir(psfs).errors).toEqual([]);
    expect(psfs.questionnaire).toBe('urn:myotrophy:fhir:Questionnaire:psfs');
    expect(psfs.item?.[1]?.item?.map((i) => i.answer?.[0])).toEqual([
      { valueString: 'Walking the dog' },
      { valueInteger: 4 },
    ]);
    expect(psfs.item?.at(-1)).toMatchObject({ linkId: 'score', answer: [{ valueDecimal: 3.5 }] });
    const pain = responseFromAnswers(
      { questionnaire: 'pain', answers: [6] },
      '2026-03-17T08:00:00.000Z',
      testContext(),
    );
    expect(validateFhir(pain).errors).toEqual([]);
    expect(pain.item).toEqual([
      {
        linkId: 'pain-past-week',
        text: 'Pain over the past week, 0 (no pain) to 10 (worst pain imaginable)',
        answer: [{ valueInteger: 6 }],
      },
    ]);
  });

  it('reads PSFS and pain answers back for an import, and says which response lacks its items', () => {
    const answers = { questionnaire: 'psfs' as const, activities: [{ activity: 'Kneeling', score: 2 }] };
    expect(
      answersFromResponse(responseFromAnswers(answers, '2026-03-17T08:00:00.000Z', testContext())),
    ).toEqual(answers);
    expect(answersFromResponse(response(twenty(Array(20).fill(2))))).toBeUndefined();
    const empty = {
      ...responseFromAnswers({ questionnaire: 'pain', answers: [3] }, '2026-03-17', testContext()),
    };
    expect(() => answersFromResponse({ ...empty, id: 'r1', item: [] })).toThrow(
      "QuestionnaireResponse/r1 has no 'pain-past-week' answer",
    );
  });

  it('scores twenty items 0–4 by their sum (Binkley 1999), all fours giving the maximum 80', () => {
    expect(lefsTotalFromResponse(response(twenty(Array(20).fill(4))))).toBe(80);
    expect(
      lefsTotalFromResponse(response(twenty([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4]))),
    ).toBe(40);
  });

  it('refuses missing items, out-of-range answers and a total that disagrees', () => {
    expect(() => lefsTotalFromResponse(response(twenty(Array(19).fill(2))))).toThrow(
      /item 20 .*must be a whole number 0–4; got NaN/,
    );
    expect(() => lefsTotalFromResponse(response(twenty([5, ...Array(19).fill(2)])))).toThrow(
      /item 1 .* got 5/,
    );
    expect(() =>
      lefsTotalFromResponse(
        response([...twenty(Array(20).fill(1)), { linkId: 'total', answer: [{ valueInteger: 21 }] }]),
      ),
    ).toThrow('QuestionnaireResponse/qr states a LEFS total of 21 but its items sum to 20');
    expect(() => lefsTotalFromResponse(response([]))).toThrow(
      /neither a 'total' answer nor the 20 LEFS items/,
    );
  });
});
