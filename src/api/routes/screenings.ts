import { SCREENING_KEYS } from '../../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS } from '../../clinic/screening/red-flags.ts';
import {
  createScreening,
  findScreening,
  listScreenings,
  type ScreeningInput,
} from '../../store/records/screenings.ts';
import { screeningVerdict } from '../clinical-verdicts.ts';
import { dateTime } from '../schemas.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const screeningsKind: PatientRecordKind<
  ScreeningInput,
  Awaited<ReturnType<typeof createScreening>>
> = {
  path: 'screenings',
  noun: 'safety screening (contraindications and red flags)',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    required: ['screenedAt', 'answers', 'electrodeSites', 'redFlagFindings'],
    additionalProperties: false,
    properties: {
      screenedAt: dateTime,
      answers: {
        type: 'object',
        maxProperties: 100,
        propertyNames: { enum: [...SCREENING_KEYS] },
        description: 'contraindication question → answer',
      },
      electrodeSites: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 80 } },
      redFlagFindings: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { enum: [...RED_FLAG_KEYS] },
        additionalProperties: { type: 'boolean' },
        description: 'red-flag finding → present',
      },
    },
  },
  create: (tx, { patientId, actor }, body) =>
    createScreening(tx, patientId, body, screeningVerdict(body), actor.userId),
  list: listScreenings,
  find: findScreening,
};
