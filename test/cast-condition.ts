/**
 * The diagnosis many tests record: atrophy of the left lower leg after a six-week cast
 * (1 January to 12 February 2025), as the clinician enters it (ICD-10-CM M62.562).
 */
export const LEFT_LOWER_LEG_CAST = {
  site: 'lower-leg',
  side: 'left',
  cause: 'cast',
  onsetDate: '2025-01-01',
  immobilisedFrom: '2025-01-01',
  immobilisedTo: '2025-02-12',
} as const;
