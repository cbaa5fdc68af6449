import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import { HttpProblem } from './problem.ts';

/** JSON Schemas shared by the routes; they validate input and feed the OpenAPI document. */
export const uuid = { type: 'string', format: 'uuid' } as const;
export const dateTime = { type: 'string', format: 'date-time', maxLength: 40 } as const;
export const calendarDate = { type: 'string', format: 'date', maxLength: 10 } as const;
export const shortText = (maxLength = 200) => ({ type: 'string', minLength: 1, maxLength }) as const;

export const passwordInput = { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH } as const;

/** An object schema that refuses any property it does not name; `required` lists those it must have. */
export function closedObject<Properties extends Record<string, unknown>>(
  properties: Properties,
  required?: readonly (keyof Properties & string)[],
) {
  return {
    type: 'object',
    ...(required === undefined ? {} : { required }),
    additionalProperties: false,
    properties,
  } as const;
}

export const patientParams = closedObject({ id: uuid }, ['id']);

/** The params of a route under one programme of one patient: `/api/patients/:id/programmes/:pid/…`. */
export const programmeParams = closedObject({ ...patientParams.properties, pid: uuid }, ['id', 'pid']);

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { ...dateTime, description: 'only records at or after this time' },
    to: { ...dateTime, description: 'only records before this time' },
    limit: {
      type: 'string',
      pattern: '^[1-9][0-9]{0,3}$',
      description: 'at most this many records (1–5000; default 500)',
    },
    history: {
      type: 'string',
      enum: ['true', 'false'],
      description:
        'true: every version, amended and entered-in-error ones included, each with its status; default: the current records only',
    },
  },
} as const;

export const problemSchema = {
  type: 'object',
  description:
    'RFC 9457 problem details (application/problem+json); extension members name the fields at fault',
  required: ['type', 'title', 'status', 'detail'],
  additionalProperties: true,
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
} as const;

export interface ListQuery {
  from?: string;
  to?: string;
  limit?: string;
  history?: 'true' | 'false';
}

/** Parses a whole-number query parameter already checked by its schema's pattern. */
export function queryInteger(raw: string | undefined, name: string, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new HttpProblem(400, `querystring.${name} must be a whole number from 1 to ${max}; got '${raw}'`);
  }
  return value;
}
