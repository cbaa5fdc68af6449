/**
 * The ages the programme planner and the protein target accept: adults (the stimulation and
 * exercise dosing sources study adults, 18 and over) up to 120 years (input sanity limit,
 * Myotrophy's choice). The trajectory model's own range is narrower (MIN_AGE_YEARS and
 * MAX_AGE_YEARS in src/physiology/trajectory/forecast.ts, its calibration).
 */
export const PLAN_MIN_AGE_YEARS = 18;
export const PLAN_MAX_AGE_YEARS = 120;
