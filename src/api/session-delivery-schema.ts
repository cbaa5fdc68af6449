import { DELIVERY_MODES, DELIVERY_STOP_REASONS } from '../clinic/record/session.ts';

const mA = { type: 'number', minimum: 0, maximum: 200 } as const;
const shortText = (maxLength: number) => ({ type: 'string', maxLength }) as const;

/**
 * The JSON schema of a session's `delivery` (src/clinic/record/session.ts SessionDelivery): what the
 * patient's session player logs besides the session itself. Bounds are sanity bounds (the
 * programme's own limits were checked before any pulse); unknown fields are refused.
 */
export const sessionDeliverySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: [
    'mode',
    'device',
    'level',
    'stopReason',
    'deliveredMinutes',
    'plannedMinutes',
    'peakCurrentMaByChannel',
    'frequencyHz',
    'contractions',
    'faults',
  ],
  description:
    "how the session player delivered the session: mode, the stimulator's identity, why it stopped, what was delivered",
  properties: {
    mode: { type: 'string', enum: [...DELIVERY_MODES] },
    device: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['protocol'],
      properties: {
        protocol: { type: 'string', enum: ['sciencemode2', 'sciencemode4'] },
        deviceId: shortText(100),
        protocolVersion: shortText(100),
        firmware: shortText(100),
        batteryPercent: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
    level: { type: 'integer', minimum: 1, maximum: 100 },
    stopReason: { type: 'string', enum: [...DELIVERY_STOP_REASONS] },
    deliveredMinutes: { type: 'number', minimum: 0, maximum: 1440 },
    plannedMinutes: { type: 'number', minimum: 0, maximum: 1440 },
    peakCurrentMaByChannel: {
      type: 'object',
      maxProperties: 8,
      propertyNames: { pattern: '^[1-8]$' },
      additionalProperties: mA,
    },
    frequencyHz: { type: 'array', maxItems: 20, items: { type: 'number', minimum: 0, maximum: 10_000 } },
    contractions: { type: 'integer', minimum: 0, maximum: 100_000 },
    faults: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'message'],
        properties: { kind: shortText(50), message: shortText(500) },
      },
    },
    intensityAtAimMa: mA,
  },
} as const;
