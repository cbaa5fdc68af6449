/**
 * Synthetic demo patients, generated deterministically from a seed and a "today": a left lower-leg
 * cast on day 10, an ICU patient recovering on the ward, a denervated foot drop, and a sedentary
 * older adult, each with months of measurements and logged sessions where the story has them.
 *
 * Nothing here is a real person. The numbers are plausible, not sourced: they exist so a newcomer
 * sees a living dashboard (alerts, trajectories, adherence) at once. Stimulation sessions never
 * log a peak current above the approved programme's ceiling for the block (maxIntensityMa).
 */

import type { Goal } from '../clinic/programme/stimulation-programme.ts';
import { SCREENING_KEYS, type ScreeningKey } from '../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS, type RedFlagKey } from '../clinic/screening/red-flags.ts';
import { seededUniform } from '../physiology/numerics/seeded-random.ts';
import { DAY_MS } from '../shared/time-units.ts';

export interface DemoMeasurement {
  day: number;
  kind: string;
  site: string | null;
  side: 'left' | 'right' | null;
  value: number;
  note?: string;
}

export interface DemoSession {
  day: number;
  /** Hour of the day (UTC) the session started. */
  hour: number;
  kind: 'stimulation' | 'exercise';
  minutes: number;
  peakIntensityMa: number | null;
  comfort: number | null;
  pain: number | null;
  completed: boolean;
  notes: string | null;
  /** Which programme (index into the patient's programmes) the session followed. */
  programme: number | null;
}

export interface DemoProgramme {
  goal: Goal;
  muscle: string;
  side: 'left' | 'right';
  /** Day the clinician approved it (it ends when the next one is approved). */
  approvedDay: number;
}

export interface DemoScreening {
  day: number;
  yes: ScreeningKey[];
  redFlags: RedFlagKey[];
  electrodeSites: string[];
}

export interface DemoPatient {
  key: string;
  name: string;
  birthDate: string;
  sex: 'female' | 'male';
  email: string;
  story: string;
  condition: {
    site: string;
    side: 'left' | 'right';
    cause: string;
    /** Days from today (negative = past). */
    onsetDay: number;
    immobilisedFromDay: number | null;
    immobilisedToDay: number | null;
  };
  screenings: DemoScreening[];
  sdTests: {
    day: number;
    side: 'left' | 'right';
    site: string;
    points: { widthMs: number; thresholdMa: number }[];
  }[];
  programmes: DemoProgramme[];
  measurements: DemoMeasurement[];
  sessions: DemoSession[];
  notes: { day: number; text: string }[];
}

/** Widths (ms) of a strength–duration test, shortest to longest. */
const SD_WIDTHS_MS = [0.05, 0.1, 0.3, 1, 3, 10, 30, 100, 300];

/** Thresholds on a Weiss curve I = rheobase·(1 + chronaxie/w), with ±3 % measurement scatter. */
function weissPoints(random: () => number, rheobaseMa: number, chronaxieMs: number, widths = SD_WIDTHS_MS) {
  return widths.map((widthMs) => ({
    widthMs,
    thresholdMa: round(rheobaseMa * (1 + chronaxieMs / widthMs) * (1 + 0.03 * (random() * 2 - 1)), 1),
  }));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function clampScore(value: number): number {
  return Math.max(0, Math.min(10, Math.round(value)));
}

/**
 * Daily stimulation sessions from `fromDay` to `toDay` (inclusive, days from today), `perDay` a day,
 * with the intensity building towards `targetMa` (never above `ceilingMa`), comfort and pain around
 * the given means, and `adherence` the chance a session is done at all.
 */
function stimulationSessions(
  random: () => number,
  o: {
    fromDay: number;
    toDay: number;
    perDay: number;
    daysOfWeek?: number[];
    minutes: number;
    startMa: number;
    targetMa: number;
    ceilingMa: number;
    comfort: (day: number) => number;
    pain: (day: number) => number;
    adherence: number;
    programme: number;
    today: Date;
  },
): DemoSession[] {
  const sessions: DemoSession[] = [];
  const span = Math.max(1, o.toDay - o.fromDay);
  for (let day = o.fromDay; day <= o.toDay; day += 1) {
    const weekday = new Date(o.today.getTime() + day * DAY_MS).getUTCDay();
    if (o.daysOfWeek && !o.daysOfWeek.includes(weekday)) continue;
    for (let s = 0; s < o.perDay; s += 1) {
      if (random() > o.adherence) continue;
      const progress = Math.min(1, (day - o.fromDay) / Math.min(span, 21));
      const ma = Math.min(
        o.ceilingMa,
        o.startMa + (o.targetMa - o.startMa) * progress + 3 * (random() - 0.5),
      );
      const completed = random() > 0.05;
      sessions.push({
        day,
        hour: s === 0 ? 8 : 18,
        kind: 'stimulation',
        minutes: completed ? o.minutes : Math.round(o.minutes * (0.3 + 0.4 * random())),
        peakIntensityMa: round(Math.max(1, ma), 1),
        comfort: clampScore(o.comfort(day) + (random() - 0.5) * 2),
        pain: clampScore(o.pain(day) + (random() - 0.5) * 2),
        completed,
        notes: completed ? null : 'stopped early',
        programme: o.programme,
      });
    }
  }
  return sessions;
}

function exerciseSessions(
  random: () => number,
  o: {
    fromDay: number;
    toDay: number;
    daysOfWeek: number[];
    minutes: number;
    pain: number;
    programme: number;
    today: Date;
  },
): DemoSession[] {
  const sessions: DemoSession[] = [];
  for (let day = o.fromDay; day <= o.toDay; day += 1) {
    const weekday = new Date(o.today.getTime() + day * DAY_MS).getUTCDay();
    if (!o.daysOfWeek.includes(weekday) || random() > 0.85) continue;
    sessions.push({
      day,
      hour: 12,
      kind: 'exercise',
      minutes: o.minutes,
      peakIntensityMa: null,
      comfort: clampScore(7 + (random() - 0.5) * 2),
      pain: clampScore(o.pain + (random() - 0.5) * 2),
      completed: true,
      notes: null,
      programme: o.programme,
    });
  }
  return sessions;
}

/** Both sides of a measurement on each of `days`, the affected side following `affected(day)`. */
function bilateral(
  random: () => number,
  days: number[],
  o: {
    kind: string;
    site: string;
    affectedSide: 'left' | 'right';
    other: number;
    affected: (day: number) => number;
    noise: number;
    digits: number;
  },
): DemoMeasurement[] {
  const otherSide = o.affectedSide === 'left' ? 'right' : 'left';
  return days.flatMap((day) => [
    {
      day,
      kind: o.kind,
      site: o.site,
      side: o.affectedSide,
      value: round(o.affected(day) + o.noise * (random() - 0.5), o.digits),
    },
    {
      day,
      kind: o.kind,
      site: o.site,
      side: otherSide,
      value: round(o.other + o.noise * (random() - 0.5), o.digits),
    },
  ]);
}

const noFlags = { yes: [] as ScreeningKey[], redFlags: [] as RedFlagKey[] };

export const DEMO_EMAIL_DOMAIN = 'demo.myotrophy.example';

/** The four demo patients, for a given today (UTC midnight is used as day 0's clock). */
export function demoPatients(today: Date, seed = 20_240_501): DemoPatient[] {
  const random = seededUniform(seed);
  const castDay = -10;
  const cast: DemoPatient = {
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
      onsetDay: castDay,
      immobilisedFromDay: castDay,
      immobilisedToDay: castDay + 42,
    },
    screenings: [{ day: castDay + 1, ...noFlags, electrodeSites: ['triceps-surae'] }],
    sdTests: [
      { day: castDay + 1, side: 'left', site: 'triceps-surae', points: weissPoints(random, 7.5, 0.32) },
    ],
    programmes: [
      { goal: 'prevent-disuse-atrophy', muscle: 'triceps-surae', side: 'left', approvedDay: castDay + 1 },
    ],
    measurements: bilateral(random, [castDay, castDay + 4, castDay + 7, castDay + 10], {
      kind: 'circumference',
      site: 'lower-leg',
      affectedSide: 'left',
      other: 38.4,
      affected: (day) => 38.3 - 0.07 * (day - castDay),
      noise: 0.2,
      digits: 1,
    }),
    sessions: [
      ...stimulationSessions(random, {
        fromDay: castDay + 2,
        toDay: 0,
        perDay: 2,
        minutes: 40,
        startMa: 22,
        targetMa: 42,
        ceilingMa: 100,
        comfort: () => 7,
        pain: () => 1.5,
        adherence: 0.9,
        programme: 0,
        today,
      }),
      ...exerciseSessions(random, {
        fromDay: castDay + 2,
        toDay: 0,
        daysOfWeek: [1, 3, 5],
        minutes: 20,
        pain: 1,
        programme: 0,
        today,
      }),
    ].filter((s) => s.day < 0 || s.hour < 12),
    notes: [
      {
        day: castDay + 1,
        text: 'Cast applied after a closed ankle fracture. Taught NMES of the calf through the cast window.',
      },
      { day: -3, text: 'Tolerating 40 mA well; skin under the electrodes fine.' },
    ],
  };

  const icuDay = -80;
  const icuDischarge = icuDay + 18;
  const icuPain = (day: number) => (day > -8 ? 6 : 2);
  const icu: DemoPatient = {
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
      onsetDay: icuDay,
      immobilisedFromDay: icuDay,
      immobilisedToDay: icuDischarge,
    },
    screenings: [
      {
        day: icuDay + 2,
        yes: ['unableToCommunicateDiscomfort'],
        redFlags: [],
        electrodeSites: ['quadriceps'],
      },
      { day: icuDischarge + 2, ...noFlags, electrodeSites: ['quadriceps'] },
      // Re-screened within the gate's 30 days (SCREENING_MAX_AGE_DAYS), so the programme stays due.
      { day: -7, ...noFlags, electrodeSites: ['quadriceps'] },
    ],
    sdTests: [{ day: icuDay + 3, side: 'right', site: 'quadriceps', points: weissPoints(random, 9, 0.45) }],
    programmes: [
      { goal: 'prevent-disuse-atrophy', muscle: 'quadriceps', side: 'right', approvedDay: icuDay + 3 },
      { goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'right', approvedDay: icuDischarge + 2 },
    ],
    measurements: [
      ...bilateral(
        random,
        [
          icuDay,
          icuDay + 4,
          icuDay + 8,
          icuDay + 12,
          icuDay + 17,
          icuDay + 30,
          icuDay + 45,
          icuDay + 60,
          icuDay + 75,
        ],
        {
          kind: 'ultrasound-thickness',
          site: 'thigh',
          affectedSide: 'right',
          other: 24,
          affected: (day) => {
            const d = day - icuDay;
            return d <= 18 ? 24.2 * (1 - 0.012 * d) : 24.2 * (1 - 0.012 * 18) * (1 + 0.0016 * (d - 18));
          },
          noise: 0.4,
          digits: 1,
        },
      ),
      ...[icuDay + 10, icuDay + 20, icuDay + 40, icuDay + 70].map((day, i) => ({
        day,
        kind: 'mrc-grade',
        site: 'thigh',
        side: 'right' as const,
        value: [2, 3, 4, 4][i] as number,
      })),
      ...[icuDay + 25, icuDay + 50, icuDay + 75].map((day, i) => ({
        day,
        kind: 'gait-speed',
        site: null,
        side: null,
        value: [0.45, 0.62, 0.78][i] as number,
      })),
    ],
    sessions: [
      ...stimulationSessions(random, {
        fromDay: icuDay + 3,
        toDay: icuDischarge,
        perDay: 2,
        minutes: 40,
        startMa: 25,
        targetMa: 55,
        ceilingMa: 100,
        comfort: () => 5,
        pain: () => 1,
        adherence: 0.95,
        programme: 0,
        today,
      }),
      ...stimulationSessions(random, {
        fromDay: icuDischarge + 3,
        toDay: -1,
        perDay: 1,
        minutes: 30,
        startMa: 45,
        targetMa: 62,
        ceilingMa: 100,
        comfort: (day) => (day > -8 ? 5 : 7),
        pain: icuPain,
        adherence: 0.85,
        programme: 1,
        today,
      }),
      ...exerciseSessions(random, {
        fromDay: icuDischarge + 3,
        toDay: -1,
        daysOfWeek: [1, 3, 5],
        minutes: 30,
        pain: 2,
        programme: 1,
        today,
      }),
    ],
    notes: [
      { day: icuDay + 3, text: 'Started supervised NMES of both quadriceps in ICU (sedated).' },
      { day: icuDischarge + 2, text: 'Home programme: progressive NMES plus sit-to-stand practice.' },
      { day: -2, text: 'Reports more knee pain after sessions this week.' },
    ],
  };

  const nerveDay = -150;
  const nerve: DemoPatient = {
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
      onsetDay: nerveDay,
      immobilisedFromDay: null,
      immobilisedToDay: null,
    },
    screenings: [
      { day: nerveDay + 14, ...noFlags, electrodeSites: ['tibialis-anterior'] },
      // Re-screened within the gate's 30 days (SCREENING_MAX_AGE_DAYS), so the programme stays due.
      { day: -6, ...noFlags, electrodeSites: ['tibialis-anterior'] },
    ],
    sdTests: [
      { day: nerveDay + 14, side: 'right', site: 'tibialis-anterior', points: weissPoints(random, 14, 28) },
      { day: nerveDay + 100, side: 'right', site: 'tibialis-anterior', points: weissPoints(random, 12, 22) },
    ],
    programmes: [
      {
        goal: 'denervated-maintenance',
        muscle: 'tibialis-anterior',
        side: 'right',
        approvedDay: nerveDay + 20,
      },
    ],
    measurements: bilateral(
      random,
      Array.from({ length: 6 }, (_, i) => nerveDay + 5 + i * 28),
      {
        kind: 'circumference',
        site: 'lower-leg',
        affectedSide: 'right',
        other: 37.5,
        affected: (day) => 37.4 - 1.6 * (1 - Math.exp(-(day - nerveDay) / 40)),
        noise: 0.2,
        digits: 1,
      },
    ),
    sessions: stimulationSessions(random, {
      fromDay: nerveDay + 21,
      toDay: -5,
      perDay: 1,
      minutes: 30,
      startMa: 40,
      targetMa: 70,
      ceilingMa: 100,
      comfort: () => 6,
      pain: () => 1,
      adherence: 0.8,
      programme: 0,
      today,
    }),
    notes: [
      { day: nerveDay + 14, text: 'S–D test: chronaxie far above 1 ms; no response to short pulses.' },
      { day: -5, text: 'Phoned: electrode leads broken, replacement ordered.' },
    ],
  };

  const olderDay = -120;
  const older: DemoPatient = {
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
      onsetDay: olderDay,
      immobilisedFromDay: null,
      immobilisedToDay: null,
    },
    screenings: [
      { day: olderDay + 5, ...noFlags, electrodeSites: ['quadriceps'] },
      { day: -1, yes: [], redFlags: ['breathlessLyingFlat'], electrodeSites: ['quadriceps'] },
    ],
    sdTests: [{ day: olderDay + 5, side: 'left', site: 'quadriceps', points: weissPoints(random, 10, 0.5) }],
    programmes: [{ goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'left', approvedDay: olderDay + 7 }],
    measurements: [
      ...bilateral(random, [olderDay, olderDay + 30, olderDay + 60, olderDay + 90, olderDay + 118], {
        kind: 'circumference',
        site: 'thigh',
        affectedSide: 'left',
        other: 45.2,
        affected: (day) => 44.1 + 0.008 * (day - olderDay),
        noise: 0.3,
        digits: 1,
      }),
      ...[olderDay, olderDay + 30, olderDay + 60, olderDay + 90, olderDay + 118].flatMap((day, i) => [
        {
          day,
          kind: 'grip',
          site: 'hand',
          side: 'right' as const,
          value: [14.5, 15.2, 16.0, 16.4, 17.1][i] as number,
        },
        {
          day,
          kind: 'chair-stand',
          site: null,
          side: null,
          value: [19.8, 18.6, 17.2, 16.5, 15.4][i] as number,
        },
        {
          day,
          kind: 'gait-speed',
          site: null,
          side: null,
          value: [0.68, 0.72, 0.76, 0.79, 0.83][i] as number,
        },
        { day, kind: 'lefs', site: null, side: null, value: [31, 35, 40, 43, 47][i] as number },
      ]),
    ],
    sessions: [
      ...stimulationSessions(random, {
        fromDay: olderDay + 8,
        toDay: -1,
        perDay: 1,
        daysOfWeek: [1, 3, 5],
        minutes: 30,
        startMa: 20,
        targetMa: 38,
        ceilingMa: 100,
        comfort: () => 7,
        pain: () => 1,
        adherence: 0.88,
        programme: 0,
        today,
      }),
      ...exerciseSessions(random, {
        fromDay: olderDay + 8,
        toDay: -1,
        daysOfWeek: [2, 4, 6],
        minutes: 25,
        pain: 1,
        programme: 0,
        today,
      }),
    ],
    notes: [
      { day: olderDay + 7, text: 'Programme agreed with her daughter, who helps with the electrodes.' },
      { day: -1, text: 'New breathlessness when lying flat: GP asked to review before the next session.' },
    ],
  };

  return [cast, icu, nerve, older];
}

/**
 * A patient with `days` of daily history (sessions twice a day, weekly measurements): the load the
 * patient page is held to in the speed figure (two years = 730 days).
 */
export function longHistoryPatient(today: Date, days: number, seed = 7): DemoPatient {
  const random = seededUniform(seed);
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
      { day: start + 1, ...noFlags, electrodeSites: ['quadriceps'] },
      // Re-screened within the gate's 30 days (SCREENING_MAX_AGE_DAYS), so the programme stays due.
      { day: -5, ...noFlags, electrodeSites: ['quadriceps'] },
    ],
    sdTests: [{ day: start, side: 'right', site: 'quadriceps', points: weissPoints(random, 8, 0.4) }],
    programmes: [{ goal: 'reverse-atrophy', muscle: 'quadriceps', side: 'right', approvedDay: start + 1 }],
    measurements: bilateral(
      random,
      Array.from({ length: Math.floor(days / 7) + 1 }, (_, i) => start + i * 7),
      {
        kind: 'circumference',
        site: 'thigh',
        affectedSide: 'right',
        other: 52,
        affected: (day) => {
          const d = day - start;
          return d <= 42 ? 51.8 - 0.04 * d : 51.8 - 0.04 * 42 + 1.5 * (1 - Math.exp(-(d - 42) / 90));
        },
        noise: 0.3,
        digits: 1,
      },
    ),
    sessions: stimulationSessions(random, {
      fromDay: start + 2,
      toDay: -1,
      perDay: 2,
      minutes: 30,
      startMa: 25,
      targetMa: 50,
      ceilingMa: 100,
      comfort: () => 7,
      pain: () => 1.5,
      adherence: 0.9,
      programme: 0,
      today,
    }),
    notes: [],
  };
}

/** Screening answers with every question answered: yes for `yes`, no for the rest. */
export function screeningAnswers(yes: readonly ScreeningKey[]): Record<ScreeningKey, boolean> {
  return Object.fromEntries(SCREENING_KEYS.map((k) => [k, yes.includes(k)])) as Record<ScreeningKey, boolean>;
}

export function redFlagFindings(present: readonly RedFlagKey[]): Record<RedFlagKey, boolean> {
  return Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, present.includes(k)])) as Record<
    RedFlagKey,
    boolean
  >;
}
