import { describe, expect, it } from 'vitest';
import { closedObject, patientParams, programmeParams, uuid } from './schemas.ts';

describe('closedObject', () => {
  it('refuses unnamed properties and lists the required ones', () => {
    expect(closedObject({ widthMs: { type: 'number' } }, ['widthMs'])).toEqual({
      type: 'object',
      required: ['widthMs'],
      additionalProperties: false,
      properties: { widthMs: { type: 'number' } },
    });
  });

  it('leaves `required` out when none is required', () => {
    expect(closedObject({ reason: { type: 'string' } })).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { reason: { type: 'string' } },
    });
  });

  it('gives the params of a patient and of one of their programmes', () => {
    expect(patientParams).toEqual({
      type: 'object',
      required: ['id'],
      additionalProperties: false,
      properties: { id: uuid },
    });
    expect(programmeParams).toEqual({
      type: 'object',
      required: ['id', 'pid'],
      additionalProperties: false,
      properties: { id: uuid, pid: uuid },
    });
  });
});
