import { fitStrengthDuration } from '../../physiology/strength-duration/strength-duration.ts';
import { createSdTest, findSdTest, listSdTests, type SdTestInput } from '../../store/records/sd-tests.ts';
import { closedObject, dateTime, shortText } from '../schemas.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const sdTestsKind: PatientRecordKind<SdTestInput, Awaited<ReturnType<typeof createSdTest>>> = {
  path: 'sd-tests',
  noun: 'strength–duration test',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    required: ['testedAt', 'points'],
    additionalProperties: false,
    properties: {
      testedAt: dateTime,
      site: { ...shortText(80), type: ['string', 'null'] },
      side: { type: ['string', 'null'], enum: ['left', 'right', 'bilateral', 'unspecified', null] },
      points: {
        type: 'array',
        minItems: 3,
        maxItems: 500,
        items: closedObject(
          {
            widthMs: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
            thresholdMa: { type: 'number', exclusiveMinimum: 0, maximum: 200 },
          },
          ['widthMs', 'thresholdMa'],
        ),
      },
    },
  },
  create: (tx, { patientId, actor }, body) => {
    const fit = fitStrengthDuration(body.points);
    return createSdTest(
      tx,
      patientId,
      body,
      { rheobaseMa: fit.rheobaseMa, chronaxieMs: fit.chronaxieMs, innervation: fit.innervation, fit },
      actor.userId,
    );
  },
  list: listSdTests,
  find: findSdTest,
};
