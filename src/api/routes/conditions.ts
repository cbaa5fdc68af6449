import { CAUSE_IDS } from '../../clinic/coding/causes.ts';
import { codeCondition } from '../../clinic/coding/code-condition.ts';
import { BODY_SITES, SIDES } from '../../clinic/coding/icd10cm.ts';
import { isCurrent } from '../../clinic/record/current-values.ts';
import {
  type ConditionInput,
  createCondition,
  findCondition,
  listConditions,
} from '../../store/records/conditions.ts';
import { MAX_LIST_LIMIT } from '../../store/rows.ts';
import { conflict } from '../problem.ts';
import { calendarDate } from '../schemas.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const conditionsKind: PatientRecordKind<
  ConditionInput,
  Awaited<ReturnType<typeof createCondition>>
> = {
  path: 'conditions',
  noun: 'condition (diagnosis)',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    additionalProperties: false,
    description: 'Give icd10Code, or site and side for the clinic module to code.',
    properties: {
      icd10Code: { type: 'string', minLength: 3, maxLength: 10, examples: ['M62.562'] },
      site: { type: 'string', enum: [...BODY_SITES] },
      side: { type: 'string', enum: [...SIDES] },
      cause: { type: ['string', 'null'], enum: [...CAUSE_IDS, null] },
      onsetDate: { ...calendarDate, type: ['string', 'null'] },
      immobilisedFrom: { ...calendarDate, type: ['string', 'null'] },
      immobilisedTo: { ...calendarDate, type: ['string', 'null'] },
    },
  },
  // A diagnosis is recorded once: the same ICD-10-CM code again is refused (409) naming the first.
  create: async (tx, { patientId, actor, now }, body) => {
    const code = codeCondition(body).code;
    const known = (await listConditions(tx, patientId, { limit: MAX_LIST_LIMIT })).find(
      (c) => isCurrent(c) && c.icd10Code === code,
    );
    if (known) {
      throw conflict(
        `this patient already has ${known.icd10Code} (${known.title}), recorded ${known.recordedAt.slice(0, 10)}; a diagnosis is recorded once`,
      );
    }
    return createCondition(tx, patientId, body, actor.userId, now);
  },
  list: listConditions,
  find: findCondition,
};
