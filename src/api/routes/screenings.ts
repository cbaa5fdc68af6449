import { createScreening, listScreenings, type ScreeningInput } from '../../store/records/screenings.ts';
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
      answers: { type: 'object', maxProperties: 100, description: 'contraindication question → answer' },
      electrodeSites: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 80 } },
      redFlagFindings: {
        type: 'object',
        maxProperties: 50,
        additionalProperties: { type: 'boolean' },
        description: 'red-flag finding → present',
      },
    },
  },
  create: (tx, { patientId, actor }, body) =>
    createScreening(tx, patientId, body, screeningVerdict(body), actor.userId),
  list: listScreenings,
};
