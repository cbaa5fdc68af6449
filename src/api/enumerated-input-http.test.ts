/**
 * Every enumerated input over HTTP (issue 14, W10): prototype keys (constructor, __proto__,
 * toString, …) and random strings fed to each route's enumerated input — body sites, sides, causes,
 * session kinds, sexes, goals, muscles, electrode sites, screening and red-flag keys, red flags to
 * resolve — are always a 4xx application/problem+json that names the allowed values, never a stored
 * record or an accepted programme. The core half is src/clinic/safety/enumerated-input.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ApiWorld, apiWorldForSuite } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { PROTOTYPE_KEYS } from '../../test/prototype-keys.ts';
import { ELECTRODE_SITE_IDS, MUSCLE_SITES } from '../clinic/anatomy/electrode-sites.ts';
import { CAUSE_IDS } from '../clinic/coding/causes.ts';
import { BODY_SITES, SIDES } from '../clinic/coding/icd10cm.ts';
import { planProgramme, requireDraft, SEXES } from '../clinic/programme/plan.ts';
import { GOALS } from '../clinic/programme/stimulation-programme.ts';
import { SCREENING_KEYS } from '../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS } from '../clinic/screening/red-flags.ts';

const RUNS = 15;

/** An object with `key` as its own property (JSON.parse makes '__proto__' an own key, too). */
const own = (key: string, value: unknown): Record<string, unknown> =>
  JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`);

const allNo = () => Object.fromEntries(SCREENING_KEYS.map((k) => [k, false]));

/** A screening with every answer no, no electrode site and no red-flag finding, but for `part`. */
const screening = (part: Record<string, unknown>) => ({
  screenedAt: '2025-03-01T08:00:00Z',
  answers: allNo(),
  electrodeSites: [],
  redFlagFindings: {},
  ...part,
});

interface Input {
  name: string;
  /** The value is an object key in the body (a "__proto__" key is refused by the JSON parser). */
  objectKey?: boolean;
  allowed: readonly string[];
  method: 'POST';
  url: (w: ApiWorld) => string;
  body: (value: string) => unknown;
}

/** An enumerated value in a screening the clinician records (`part` places it in the body). */
const screeningInput = (
  name: string,
  allowed: readonly string[],
  part: (value: string) => Record<string, unknown>,
  objectKey = false,
): Input => ({
  name,
  ...(objectKey ? { objectKey } : {}),
  allowed,
  method: 'POST',
  url: (w) => `${p1(w)}/screenings`,
  body: (v) => screening(part(v)),
});

const draft = requireDraft(
  planProgramme({
    patient: { ageYears: 60, sex: 'female' },
    diagnosis: { causeId: 'cast' },
    goal: 'reverse-atrophy',
    muscle: 'triceps-surae',
    side: 'left',
    screening: allNo(),
    redFlags: Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, false])),
  }),
);
const withSite = (site: string) => {
  const body = JSON.parse(JSON.stringify(draft));
  body.stimulation.channels[0].electrodes[0].site = site;
  return body;
};
const p1 = (w: ApiWorld) => `/api/patients/${w.patientOne}`;

const INPUTS: Input[] = [
  {
    name: 'condition site',
    allowed: BODY_SITES,
    method: 'POST',
    url: (w) => `${p1(w)}/conditions`,
    body: (v) => ({ site: v, side: 'left' }),
  },
  {
    name: 'condition side',
    allowed: SIDES,
    method: 'POST',
    url: (w) => `${p1(w)}/conditions`,
    body: (v) => ({ site: 'thigh', side: v }),
  },
  {
    name: 'condition cause',
    allowed: CAUSE_IDS,
    method: 'POST',
    url: (w) => `${p1(w)}/conditions`,
    body: (v) => ({ site: 'thigh', side: 'left', cause: v }),
  },
  {
    name: 'session kind',
    allowed: ['stimulation', 'exercise'],
    method: 'POST',
    url: (w) => `${p1(w)}/sessions`,
    body: (v) => ({ kind: v, startedAt: '2025-03-01T08:00:00Z', minutes: 10, completed: true }),
  },
  {
    name: 'patient sex',
    allowed: SEXES,
    method: 'POST',
    url: () => '/api/patients',
    body: (v) => ({ name: 'Enum Test', sex: v }),
  },
  {
    name: 'plan goal',
    allowed: GOALS,
    method: 'POST',
    url: (w) => `${p1(w)}/plan`,
    body: (v) => ({ goal: v, muscle: 'quadriceps', side: 'left' }),
  },
  {
    name: 'plan muscle',
    allowed: MUSCLE_SITES.map((m) => m.id),
    method: 'POST',
    url: (w) => `${p1(w)}/plan`,
    body: (v) => ({ goal: 'reverse-atrophy', muscle: v, side: 'left' }),
  },
  {
    name: 'plan side',
    allowed: ['left', 'right'],
    method: 'POST',
    url: (w) => `${p1(w)}/plan`,
    body: (v) => ({ goal: 'reverse-atrophy', muscle: 'quadriceps', side: v }),
  },
  screeningInput('screening electrode site', ELECTRODE_SITE_IDS, (v) => ({ electrodeSites: [v] })),
  screeningInput('screening answer key', SCREENING_KEYS, (v) => ({ answers: own(v, true) }), true),
  screeningInput('red-flag finding key', RED_FLAG_KEYS, (v) => ({ redFlagFindings: own(v, true) }), true),
  {
    name: 'programme electrode site',
    allowed: ELECTRODE_SITE_IDS,
    method: 'POST',
    url: (w) => `${p1(w)}/programmes`,
    body: (v) => ({ body: withSite(v) }),
  },
  {
    name: 'safety-check electrode site',
    allowed: ELECTRODE_SITE_IDS,
    method: 'POST',
    url: () => '/api/clinic/safety-check',
    body: (v) => ({ stimulation: withSite(v).stimulation }),
  },
];

describe.each(testDatabases)('every enumerated input over HTTP on $name', (kind) => {
  const world = apiWorldForSuite(kind);

  it.each(INPUTS.map((i) => [i.name, i] as const))(
    '%s: a prototype key or a random string is a 4xx problem+json naming the allowed values',
    async (_name, input) => {
      const before = await counts(world);
      const values = fc
        .oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ minLength: 1, maxLength: 24 }))
        .filter((v) => !input.allowed.includes(v));
      await fc.assert(
        fc.asyncProperty(values, async (value) => {
          const response = await world.request(
            world.clinicianOne,
            input.method,
            input.url(world),
            input.body(value),
          );
          if (value === '__proto__' && input.objectKey) {
            // A JSON body with a "__proto__" key is refused by the parser before any lookup, naming
            // the key, where it is, and what is allowed there.
            expect(response.statusCode).toBe(400);
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(response.json().detail).toMatch(/^body\.\w+ has the key '__proto__'.*; allowed there: /);
          }
          expect(
            response.statusCode,
            `${input.name} = ${JSON.stringify(value)}: ${response.body}`,
          ).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          const named = input.allowed.filter((a) => response.body.includes(a));
          expect(named.length, `${input.name} = ${JSON.stringify(value)}: ${response.body}`).toBeGreaterThan(
            0,
          );
        }),
        { numRuns: RUNS, examples: PROTOTYPE_KEYS.map((k) => [k]) },
      );
      expect(await counts(world)).toEqual(before);
    },
    120_000,
  );

  it('a "__proto__" key, or "constructor" holding "prototype", anywhere in a body is a 400 naming the key and what is allowed there', async () => {
    const send = (body: string) =>
      world.request(world.clinicianOne, 'POST', `${p1(world)}/conditions`, JSON.parse(body));
    const top = await send('{"site":"thigh","side":"left","__proto__":{"cause":"cast"}}');
    expect(top.statusCode).toBe(400);
    expect(top.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(top.json().detail).toMatch(/^body has the key '__proto__'.*; allowed there: .*site, side, cause/);
    const ctor = await send('{"site":"thigh","side":"left","constructor":{"prototype":{"x":1}}}');
    expect(ctor.statusCode).toBe(400);
    expect(ctor.json().detail).toMatch(
      /^body has a key 'constructor' holding 'prototype'.*allowed there: .*site/,
    );
    const nested = await world.request(
      world.clinicianOne,
      'POST',
      `${p1(world)}/screenings`,
      screening({ redFlagFindings: JSON.parse('{"__proto__":{"x":true}}') }),
    );
    expect(nested.statusCode).toBe(400);
    expect(nested.json().detail).toContain("body.redFlagFindings has the key '__proto__'");
    expect(nested.json().detail).toContain('breathlessLyingFlat');
  });

  it('the red flag to resolve: a prototype key or a random string is a 400 naming the flags', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ minLength: 1, maxLength: 24 }))
          .filter((v) => !(RED_FLAG_KEYS as readonly string[]).includes(v) && !/[/?#%]/.test(v)),
        async (value) => {
          const response = await world.request(
            world.clinicianOne,
            'POST',
            `${p1(world)}/red-flags/${encodeURIComponent(value)}/resolve`,
            { note: 'checked' },
          );
          expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          if (response.statusCode === 400) expect(response.body).toContain('breathlessLyingFlat');
        },
      ),
      { numRuns: RUNS, examples: PROTOTYPE_KEYS.map((k) => [k]) },
    );
  });
});

async function counts(world: ApiWorld): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['patients', 'conditions', 'screenings', 'programmes', 'sessions'] as const) {
    const row = await world.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
