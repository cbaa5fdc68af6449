import { MEASUREMENT_KIND_NAMES } from '../../clinic/record/measurement-kinds.ts';
import {
  createMeasurement,
  findMeasurement,
  listMeasurements,
  type MeasurementInput,
} from '../../store/records/measurements.ts';
import { dateTime, shortText } from '../schemas.ts';
import type { PatientRecordKind } from './patient-records.ts';

export const measurementsKind: PatientRecordKind<
  MeasurementInput,
  Awaited<ReturnType<typeof createMeasurement>>
> = {
  path: 'measurements',
  noun: 'measurement',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    required: ['kind', 'value', 'measuredAt'],
    additionalProperties: false,
    properties: {
      kind: { type: 'string', enum: MEASUREMENT_KIND_NAMES },
      value: { type: 'number' },
      measuredAt: dateTime,
      site: { ...shortText(80), type: ['string', 'null'] },
      side: { type: ['string', 'null'], enum: ['left', 'right', 'bilateral', 'unspecified', null] },
      note: { ...shortText(2000), type: ['string', 'null'] },
    },
  },
  create: (tx, { patientId, actor }, body) => createMeasurement(tx, patientId, body, actor.userId),
  list: listMeasurements,
  find: findMeasurement,
};
