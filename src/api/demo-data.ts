/**
 * The demo, as data: four synthetic patients — a left lower-leg cast on day 10, an ICU patient
 * recovering on the ward, a denervated foot drop, and a sedentary older adult — and the two-year
 * patient the browser speed test loads. Each fixture says what happened on which day (days from
 * today, negative = past); ./demo-series.ts draws the measured numbers from a seed, and
 * ./demo-loader.ts writes the records through the API's own write paths.
 *
 * Nothing here is a real person. The numbers are plausible, not sourced: they exist so a newcomer
 * sees a living dashboard (alerts, trajectories, adherence) at once. Stimulation sessions never
 * log a peak current above the approved programme's ceiling for the block (maxIntensityMa).
 */
import { SCREENING_KEYS, type ScreeningKey } from '../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS, type RedFlagKey } from '../clinic/screening/red-flags.ts';
import { seededUniform } from '../physiology/numerics/seeded-random.ts';
import { type DemoPatient, type DemoPatientFixture, expandDemoPatient, measuredOn } from './demo-series.ts';

export type { DemoPatient } from './demo-series.ts';

export const DEMO_EMAIL_DOMAIN = 'demo.myotrophy.example';

const MON_WED_FRI = [1, 3, 5];
const TUE_THU_SAT = [2, 4, 6];

const CAST_DAY = -10;
const CAST: DemoPatientFixture = {
  key: 'cast',
  name: 'Alex Morgan',
  birthDate: '1991-04-12',
  sex: 'male',
  email: `alex.morgan@${DEMO_EMAIL_DOMAIN}`,
  story: 'Left lower leg in a below-knee cast after an ankle fracture; day 10 of 6 weeks.',
  condition: {
    site: 'lower-leg',
    side: 'left',
    cause: 'cast',
    onsetDay: CAST_DAY,
    immobilisedFromDay: CAST_DAY,
    immobilisedToDay: CAST_DAY + 42,
  },
  screenings: [{ day: CAST_DAY + 1, electrodeSites: ['triceps-surae'] }],
  sdTests: [{ day: CAST_DAY + 1, side: 'left', site: 'triceps-surae', rheobaseMa: 7.5, chronaxieMs: 0.32 }],
  programmes: [
    { goal: 'prevent-disuse-atrophy', muscle: 'triceps-surae', side: 'left', approvedDay: CAST_DAY + 1 },
  ],
  measurements: [
    {
      bilateral: 'circumference',
      site: 'lower-leg',
      affectedSide: 'left',
      days: [CAST_DAY, CAST_DAY + 4, CAST_DAY + 7, CAST_DAY + 10],
      otherSide: 38.4,
      affected: (day) => 38.3 - 0.07 * (day - CAST_DAY),
      scatter: 0.2,
      digits: 1,
    },
  ],
  sessions: [
    {
      stimulation: { fromDay: CAST_DAY + 2, toDay: 0 },
      perDay: 2,
      minutes: 40,
      startMa: 22,
      targetMa: 42,
      ceilingMa: 100,
      comfort: 7,
      pain: 1.5,
      adherence: 0.9,
      programme: 0,
    },
    {
      exercise: { fromDay: CAST_DAY + 2, toDay: 0 },
      daysOfWeek: MON_WED_FRI,
      minutes: 20,
      pain: 1,
      programme: 0,
    },
  ],
  loggedTodayBeforeHour: 12,
  notes: [
    {
      day: CAST_DAY + 1,
      text: 'Cast applied after a closed ankle fracture. Taught NMES of the calf through the cast window.',
    },
    { day: -3, text: 'Tolerating 40 mA well; skin under the electrodes fine.' },
  ],
};

const ICU_DAY = -80;
const ICU_DISCHARGE = ICU_DAY + 18;
const ICU: DemoPatientFixture = {
  key: 'icu',
  name: 'Brigitte Okafor',
  birthDate: '1958-09-03',
  sex: 'female',
  email: `brigitte.okafor@${DEMO_EMAIL_DOMAIN}`,
  story: 'Eighteen days ventilated in intensive care with sepsis; now rebuilding the quadriceps at home.',
  condition: {
    site: 'thigh',
    side: 'right',
    cause: 'icu',
    onsetDay: ICU_DAY,
    immobilisedFromDay: ICU_DAY,
    immobilisedToDay: ICU_DISCHARGE,
  },
  screenings: [
    { day: ICU_DAY + 2, yes: ['unableToCommunicateDiscomfort'], electrodeSites: ['quadriceps'] },
    { day: ICU_DISCHARGE + 2, electrodeSites: ['quadriceps'] },
    // Re-screened within the gate's 30 days (SCREENING_MAX_AGE_DAYS), so the programme stays due.
    { day: -7, electrodeSites: ['quadriceps'] },
  ],
  sdTests: [{ day: ICU_DAY + 3, side: 'right', site: 'quadriceps', rheobaseMa: 9, chronaxieMs: 0.45 }],
  programmes: [
    { goal: 'prevent-disuse-atrophy', muscle: 'quadriceps', side: 'right', approvedDay: ICU_DAY + 3 },
    { goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'right', approvedDay: ICU_DISCHARGE + 2 },
  ],
  measurements: [
    {
      bilateral: 'ultrasound-thickness',
      site: 'thigh',
      affectedSide: 'right',
      days: [0, 4, 8, 12, 17, 30, 45, 60, 75].map((d) => ICU_DAY + d),
      otherSide: 24,
      // 1.2 %/day lost while ventilated, then 0.16 %/day regained.
      affected: (day) => {
        const d = day - ICU_DAY;
        return d <= 18 ? 24.2 * (1 - 0.012 * d) : 24.2 * (1 - 0.012 * 18) * (1 + 0.0016 * (d - 18));
      },
      scatter: 0.4,
      digits: 1,
    },
    ...measuredOn(
      [10, 20, 40, 70].map((d) => ICU_DAY + d),
      [{ kind: 'mrc-grade', site: 'thigh', side: 'right', values: [2, 3, 4, 4] }],
    ),
    ...measuredOn(
      [25, 50, 75].map((d) => ICU_DAY + d),
      [{ kind: 'gait-speed', site: null, side: null, values: [0.45, 0.62, 0.78] }],
    ),
  ],
  sessions: [
    {
      stimulation: { fromDay: ICU_DAY + 3, toDay: ICU_DISCHARGE },
      perDay: 2,
      minutes: 40,
      startMa: 25,
      targetMa: 55,
      ceilingMa: 100,
      comfort: 5,
      pain: 1,
      adherence: 0.95,
      programme: 0,
    },
    {
      stimulation: { fromDay: ICU_DISCHARGE + 3, toDay: -1 },
      perDay: 1,
      minutes: 30,
      startMa: 45,
      targetMa: 62,
      ceilingMa: 100,
      // More knee pain (and less comfort) in the last week.
      comfort: (day) => (day > -8 ? 5 : 7),
      pain: (day) => (day > -8 ? 6 : 2),
      adherence: 0.85,
      programme: 1,
    },
    {
      exercise: { fromDay: ICU_DISCHARGE + 3, toDay: -1 },
      daysOfWeek: MON_WED_FRI,
      minutes: 30,
      pain: 2,
      programme: 1,
    },
  ],
  notes: [
    { day: ICU_DAY + 3, text: 'Started supervised NMES of both quadriceps in ICU (sedated).' },
    { day: ICU_DISCHARGE + 2, text: 'Home programme: progressive NMES plus sit-to-stand practice.' },
    { day: -2, text: 'Reports more knee pain after sessions this week.' },
  ],
};

const NERVE_DAY = -150;
const FOOT_DROP: DemoPatientFixture = {
  key: 'foot-drop',
  name: 'Daniel Reyes',
  birthDate: '1979-01-22',
  sex: 'male',
  email: `daniel.reyes@${DEMO_EMAIL_DOMAIN}`,
  story:
    'Right foot drop after a common peroneal nerve laceration; tibialis anterior denervated, awaiting reinnervation.',
  condition: {
    site: 'lower-leg',
    side: 'right',
    cause: 'peripheral-nerve-injury',
    onsetDay: NERVE_DAY,
    immobilisedFromDay: null,
    immobilisedToDay: null,
  },
  screenings: [
    { day: NERVE_DAY + 14, electrodeSites: ['tibialis-anterior'] },
    // Re-screened within the gate's 30 days (SCREENING_MAX_AGE_DAYS), so the programme stays due.
    { day: -6, electrodeSites: ['tibialis-anterior'] },
  ],
  sdTests: [
    { day: NERVE_DAY + 14, side: 'right', site: 'tibialis-anterior', rheobaseMa: 14, chronaxieMs: 28 },
    { day: NERVE_DAY + 100, side: 'right', site: 'tibialis-anterior', rheobaseMa: 12, chronaxieMs: 22 },
  ],
  programmes: [
    {
      goal: 'denervated-maintenance',
      muscle: 'tibialis-anterior',
      side: 'right',
      approvedDay: NERVE_DAY + 20,
    },
  ],
  measurements: [
    {
      bilateral: 'circumference',
      site: 'lower-leg',
      affectedSide: 'right',
      days: [5, 33, 61, 89, 117, 145].map((d) => NERVE_DAY + d),
      otherSide: 37.5,
      affected: (day) => 37.4 - 1.6 * (1 - Math.exp(-(day - NERVE_DAY) / 40)),
      scatter: 0.2,
      digits: 1,
    },
  ],
  sessions: [
    {
      stimulation: { fromDay: NERVE_DAY + 21, toDay: -5 },
      perDay: 1,
      minutes: 30,
      startMa: 40,
      targetMa: 70,
      ceilingMa: 100,
      comfort: 6,
      pain: 1,
      adherence: 0.8,
      programme: 0,
    },
  ],
  notes: [
    { day: NERVE_DAY + 14, text: 'S–D test: chronaxie far above 1 ms; no response to short pulses.' },
    { day: -5, text: 'Phoned: electrode leads broken, replacement ordered.' },
  ],
};

const OLDER_DAY = -120;
const OLDER_REVIEW_DAYS = [0, 30, 60, 90, 118].map((d) => OLDER_DAY + d);
const SEDENTARY: DemoPatientFixture = {
  key: 'sedentary',
  name: 'Margaret Ellis',
  birthDate: '1946-06-30',
  sex: 'female',
  email: `margaret.ellis@${DEMO_EMAIL_DOMAIN}`,
  story: 'Seventy-eight, housebound after a winter of illness; weak thighs, slow chair rises.',
  condition: {
    site: 'thigh',
    side: 'left',
    cause: 'sedentary',
    onsetDay: OLDER_DAY,
    immobilisedFromDay: null,
    immobilisedToDay: null,
  },
  screenings: [
    { day: OLDER_DAY + 5, electrodeSites: ['quadriceps'] },
    { day: -1, redFlags: ['breathlessLyingFlat'], electrodeSites: ['quadriceps'] },
  ],
  sdTests: [{ day: OLDER_DAY + 5, side: 'left', site: 'quadriceps', rheobaseMa: 10, chronaxieMs: 0.5 }],
  programmes: [{ goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'left', approvedDay: OLDER_DAY + 7 }],
  measurements: [
    {
      bilateral: 'circumference',
      site: 'thigh',
      affectedSide: 'left',
      days: OLDER_REVIEW_DAYS,
      otherSide: 45.2,
      affected: (day) => 44.1 + 0.008 * (day - OLDER_DAY),
      scatter: 0.3,
      digits: 1,
    },
    ...measuredOn(OLDER_REVIEW_DAYS, [
      { kind: 'grip', site: 'hand', side: 'right', values: [14.5, 15.2, 16.0, 16.4, 17.1] },
      { kind: 'chair-stand', site: null, side: null, values: [19.8, 18.6, 17.2, 16.5, 15.4] },
      { kind: 'gait-speed', site: null, side: null, values: [0.68, 0.72, 0.76, 0.79, 0.83] },
      { kind: 'lefs', site: null, side: null, values: [31, 35, 40, 43, 47] },
    ]),
  ],
  sessions: [
    {
      stimulation: { fromDay: OLDER_DAY + 8, toDay: -1 },
      perDay: 1,
      daysOfWeek: MON_WED_FRI,
      minutes: 30,
      startMa: 20,
      targetMa: 38,
      ceilingMa: 100,
      comfort: 7,
      pain: 1,
      adherence: 0.88,
      programme: 0,
    },
    {
      exercise: { fromDay: OLDER_DAY + 8, toDay: -1 },
      daysOfWeek: TUE_THU_SAT,
      minutes: 25,
      pain: 1,
      programme: 0,
    },
  ],
  notes: [
    { day: OLDER_DAY + 7, text: 'Programme agreed with her daughter, who helps with the electrodes.' },
    { day: -1, text: 'New breathlessness when lying flat: GP asked to review before the next session.' },
  ],
};

/** The four demo patients, in the order the demo lists them. */
export const DEMO_FIXTURES: readonly DemoPatientFixture[] = [CAST, ICU, FOOT_DROP, SEDENTARY];

/** The four demo patients for a given today (UTC midnight is used as day 0's clock). */
export function demoPatients(today: Date, seed = 20_240_501): DemoPatient[] {
  const random = seededUniform(seed);
  return DEMO_FIXTURES.map((fixture) => expandDemoPatient(fixture, today, random));
}

/** The two-year patient's fixture, for `days` of history (a brace on the right thigh for six weeks). */
function longHistoryFixture(days: number): DemoPatientFixture {
  const start = -days;
  return {
    key: 'long-history',
    name: 'Robin Long-History',
    birthDate: '1965-02-14',
    sex: 'female',
    email: `robin.long@${DEMO_EMAIL_DOMAIN}`,
    story: `A brace on the right thigh and ${days} days of logged home stimulation.`,
    condition: {
      site: 'thigh',
      side: 'right',
      cause: 'brace',
      onsetDay: start,
      immobilisedFromDay: start,
      immobilisedToDay: start + 42,
    },
    screenings: [
      { day: start + 1, electrodeSites: ['quadriceps'] },
      // Re-screened within the gate's 30 days (SCREENING_MAX_AGE_DAYS), so the programme stays due.
      { day: -5, electrodeSites: ['quadriceps'] },
    ],
    sdTests: [{ day: start, side: 'right', site: 'quadriceps', rheobaseMa: 8, chronaxieMs: 0.4 }],
    programmes: [{ goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'right', approvedDay: start + 1 }],
    measurements: [
      {
        bilateral: 'circumference',
        site: 'thigh',
        affectedSide: 'right',
        days: Array.from({ length: Math.floor(days / 7) + 1 }, (_, i) => start + i * 7),
        otherSide: 52,
        affected: (day) => {
          const d = day - start;
          return d <= 42 ? 51.8 - 0.04 * d : 51.8 - 0.04 * 42 + 1.5 * (1 - Math.exp(-(d - 42) / 90));
        },
        scatter: 0.3,
        digits: 1,
      },
    ],
    sessions: [
      {
        stimulation: { fromDay: start + 2, toDay: -1 },
        perDay: 2,
        minutes: 30,
        startMa: 25,
        targetMa: 50,
        ceilingMa: 100,
        comfort: 7,
        pain: 1.5,
        adherence: 0.9,
        programme: 0,
      },
    ],
    notes: [],
  };
}

/**
 * A patient with `days` of daily history (sessions twice a day, weekly measurements): the load the
 * patient page is held to in the speed figure (two years = 730 days).
 */
export function longHistoryPatient(today: Date, days: number, seed = 7): DemoPatient {
  return expandDemoPatient(longHistoryFixture(days), today, seededUniform(seed));
}

/** Screening answers with every question answered: yes for `yes`, no for the rest. */
export function screeningAnswers(yes: readonly ScreeningKey[]): Record<ScreeningKey, boolean> {
  return Object.fromEntries(SCREENING_KEYS.map((k) => [k, yes.includes(k)])) as Record<ScreeningKey, boolean>;
}

/** Red-flag findings with every finding recorded: present for `present`, absent for the rest. */
export function redFlagFindings(present: readonly RedFlagKey[]): Record<RedFlagKey, boolean> {
  return Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, present.includes(k)])) as Record<
    RedFlagKey,
    boolean
  >;
}
