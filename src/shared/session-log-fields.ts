/**
 * The numbers of a logged session as the API checks them (JSON Schema, fed to the OpenAPI
 * document) and as the session-log form checks them before sending, with the words and units the
 * form shows. The peak current's bound is a sanity bound only: a programme's own output limits
 * are stricter, and the form narrows the bound to the programme's maximum where it knows one.
 */
export const SESSION_LOG_FIELDS = {
  minutes: {
    label: 'Minutes',
    unit: 'min',
    schema: { type: 'number', minimum: 0, maximum: 1440 },
  },
  peakIntensityMa: {
    label: 'Peak intensity',
    unit: 'mA',
    schema: {
      type: ['number', 'null'],
      minimum: 0,
      maximum: 200,
      description: 'peak stimulation current in mA (sanity bound only; output limits are the programme’s)',
    },
  },
  comfort: {
    label: 'Comfort (0 very uncomfortable – 10 comfortable)',
    schema: {
      type: ['integer', 'null'],
      minimum: 0,
      maximum: 10,
      description: '0 very uncomfortable – 10 comfortable',
    },
  },
  pain: {
    label: 'Pain (0 none – 10 worst)',
    schema: { type: ['integer', 'null'], minimum: 0, maximum: 10, description: 'numeric pain rating 0–10' },
  },
} as const;
