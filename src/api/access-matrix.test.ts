import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, type Person } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { createCondition } from '../store/records/conditions.ts';
import { createProgramme } from '../store/records/programmes.ts';
import { createUser } from '../store/records/users.ts';

/**
 * Every route × every role × own or other record. The target record is always patient one's:
 * "own" callers are patient one's account, patient one's clinician and the admin on patient
 * one's care team (who explicitly holds the clinician role, so works as a clinician there);
 * "other" callers are patient two's account, patient two's clinician and the admin on no care
 * team (who manages accounts and care teams but sees no health data).
 */
type Caller =
  | 'anonymous'
  | 'admin'
  | 'teamAdmin'
  | 'clinicianOwn'
  | 'clinicianOther'
  | 'patientOwn'
  | 'patientOther';
const CALLERS: Caller[] = [
  'anonymous',
  'admin',
  'teamAdmin',
  'clinicianOwn',
  'clinicianOther',
  'patientOwn',
  'patientOther',
];

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: (w: ApiWorld) => string | Promise<string>;
  body?: (w: ApiWorld, n: number) => unknown;
  /** Expected status for each caller, in CALLERS order. */
  expect: [number, number, number, number, number, number, number];
}

const READ: RouteCase['expect'] = [401, 403, 200, 200, 403, 200, 403];
const CLINICAL_WRITE: RouteCase['expect'] = [401, 403, 201, 201, 403, 403, 403];

const p1 = (w: ApiWorld) => `/api/patients/${w.patientOne}`;

/** A GET at a fixed address. */
const getAt = (path: string, expect: RouteCase['expect']): RouteCase => ({
  name: `GET ${path}`,
  method: 'GET',
  url: () => path,
  expect,
});

/** A read of the first patient's data at `path` below /api/patients/:id: whoever may read the patient. */
const patientRead = (path: string): RouteCase => ({
  name: `GET /api/patients/:id${path}`,
  method: 'GET',
  url: (w) => `${p1(w)}${path}`,
  expect: READ,
});

const CONDITION_SITES = ['lower-leg', 'thigh', 'upper-arm', 'forearm', 'shoulder', 'hand', 'ankle-foot'];

const RECORD_BODIES: Record<string, (w: ApiWorld, n: number) => unknown> = {
  // A diagnosis is recorded once per code, so each write codes another site.
  conditions: (_w, n) => ({
    site: CONDITION_SITES[n % CONDITION_SITES.length],
    side: 'left',
    cause: 'cast',
    onsetDate: '2025-01-01',
  }),
  screenings: () => ({
    screenedAt: '2025-01-02T09:00:00Z',
    answers: {},
    electrodeSites: [],
    redFlagFindings: {},
  }),
  measurements: () => ({
    kind: 'circumference',
    value: 38.5,
    measuredAt: '2025-01-02T09:00:00Z',
    side: 'left',
  }),
  'sd-tests': () => ({
    testedAt: '2025-01-02T09:00:00Z',
    points: [
      { widthMs: 0.1, thresholdMa: 30 },
      { widthMs: 0.3, thresholdMa: 13.3 },
      { widthMs: 1, thresholdMa: 7 },
      { widthMs: 10, thresholdMa: 5.2 },
      { widthMs: 100, thresholdMa: 5.02 },
    ],
  }),
  programmes: () => ({ body: { sessionsPerWeek: 5, note: 'matrix' } }),
  'questionnaire-schedules': () => ({ questionnaire: 'lefs', baselineDate: '2025-01-06', everyWeeks: 2 }),
};

/** A fresh record of this kind for each caller (written by the patient for sessions, so they may withdraw it). */
async function freshRecord(w: ApiWorld, path: string, n: number): Promise<string> {
  if (path === 'conditions') {
    // Written below the routes: a diagnosis is recorded once per code, and these are never all closed.
    const condition = await createCondition(
      w.database.db,
      w.patientOne,
      { icd10Code: 'M62.50' },
      w.clinicianOne.id,
      new Date(),
    );
    return condition.id;
  }
  const author = path === 'sessions' ? w.patientUserOne : w.clinicianOne;
  const body =
    path === 'sessions'
      ? { kind: 'exercise', startedAt: '2025-01-03T10:00:00Z', minutes: 15, completed: true }
      : path === 'notes'
        ? { text: 'to correct' }
        : RECORD_BODIES[path]?.(w, n);
  const response = await w.request(author, 'POST', `${p1(w)}/${path}`, body);
  return response.json().id;
}

/** The body of an amendment of each kind (conditions: another side each time, so no two are the same code). */
const AMENDMENTS: Record<string, (w: ApiWorld, n: number) => unknown> = {
  conditions: (_w, n) => ({ site: CONDITION_SITES[n % CONDITION_SITES.length], side: 'right' }),
  screenings: (w, n) => RECORD_BODIES.screenings?.(w, n),
  measurements: (w, n) => RECORD_BODIES.measurements?.(w, n),
  'sd-tests': (w, n) => RECORD_BODIES['sd-tests']?.(w, n),
  sessions: () => ({ kind: 'exercise', startedAt: '2025-01-03T10:00:00Z', minutes: 12, completed: true }),
  notes: () => ({ text: 'corrected' }),
};

const CORRECTION_CASES: RouteCase[] = [
  ...Object.entries(AMENDMENTS).map(
    ([path, record]): RouteCase => ({
      name: `POST /api/patients/:id/${path}/:recordId/amend`,
      method: 'POST',
      url: async (w) => `${p1(w)}/${path}/${await freshRecord(w, path, 0)}/amend`,
      body: (w, n) => ({ reason: 'mistyped', record: record(w, n) }),
      expect: CLINICAL_WRITE,
    }),
  ),
  ...[...Object.keys(AMENDMENTS), 'programmes'].map(
    (path): RouteCase => ({
      name: `POST /api/patients/:id/${path}/:recordId/entered-in-error`,
      method: 'POST',
      url: async (w) => `${p1(w)}/${path}/${await freshRecord(w, path, 0)}/entered-in-error`,
      body: () => ({ reason: 'wrong patient' }),
      // A patient may withdraw a session log they wrote themselves, nothing else.
      expect: [401, 403, 200, 200, 403, path === 'sessions' ? 200 : 403, 403],
    }),
  ),
];

const CASES: RouteCase[] = [
  getAt('/api/health', [200, 200, 200, 200, 200, 200, 200]),
  getAt('/api/me', [401, 200, 200, 200, 200, 200, 200]),
  {
    name: 'POST /api/users',
    method: 'POST',
    url: () => '/api/users',
    body: (_w, n) => ({
      email: `new${n}@clinic.test`,
      name: 'New',
      role: 'clinician',
      password: 'long enough pw',
    }),
    expect: [401, 201, 201, 403, 403, 403, 403],
  },
  getAt('/api/patients', [401, 200, 200, 200, 200, 200, 200]),
  {
    name: 'POST /api/patients',
    method: 'POST',
    url: () => '/api/patients',
    body: (_w, n) => ({ name: `Patient ${n}` }),
    expect: [401, 201, 201, 201, 201, 403, 403],
  },
  patientRead(''),
  {
    name: 'PATCH /api/patients/:id',
    method: 'PATCH',
    url: p1,
    body: () => ({ birthDate: '1950-01-03' }),
    expect: [401, 403, 200, 200, 403, 403, 403],
  },
  {
    name: 'POST /api/patients/:id/care-team',
    method: 'POST',
    url: (w) => `${p1(w)}/care-team`,
    body: (w) => ({
      clinicianId: (w as ApiWorld & { spareClinician: string }).spareClinician,
      reason: 'covering for leave',
    }),
    expect: [401, 201, 201, 201, 403, 403, 403],
  },
  ...Object.entries(RECORD_BODIES).flatMap(([path, body]): RouteCase[] => [
    patientRead(`/${path}`),
    {
      name: `POST /api/patients/:id/${path}`,
      method: 'POST',
      url: (w) => `${p1(w)}/${path}`,
      body,
      expect: CLINICAL_WRITE,
    },
  ]),
  patientRead('/sessions'),
  {
    name: 'POST /api/patients/:id/sessions',
    method: 'POST',
    url: (w) => `${p1(w)}/sessions`,
    body: () => ({
      kind: 'exercise',
      startedAt: '2025-01-03T10:00:00Z',
      minutes: 15,
      pain: 1,
      completed: true,
    }),
    expect: [401, 403, 201, 201, 403, 201, 403],
  },
  patientRead('/notes'),
  {
    name: 'POST /api/patients/:id/notes',
    method: 'POST',
    url: (w) => `${p1(w)}/notes`,
    body: () => ({ text: 'calf feels stronger' }),
    expect: [401, 403, 201, 201, 403, 201, 403],
  },
  {
    name: 'POST /api/patients/:id/programmes/:pid/approve',
    method: 'POST',
    url: async (w) => {
      const draft = await createProgramme(
        w.database.db,
        w.patientOne,
        { body: { sessionsPerWeek: 3 }, safety: { ok: true } },
        w.clinicianOne.id,
        new Date(),
      );
      return `${p1(w)}/programmes/${draft.id}/approve`;
    },
    expect: [401, 403, 200, 200, 403, 403, 403],
  },
  patientRead('/overview'),
  patientRead('/questionnaires-due'),
  getAt('/api/alerts', [401, 200, 200, 200, 200, 200, 200]),
  getAt('/api/audit', [401, 200, 200, 403, 403, 403, 403]),
  ...CORRECTION_CASES,
];

/** Who each caller is in the test world. */
const PERSON_OF: Record<Caller, (w: ApiWorld) => Person | undefined> = {
  anonymous: () => undefined,
  admin: (w) => w.admin,
  teamAdmin: (w) => w.teamAdmin,
  clinicianOwn: (w) => w.clinicianOne,
  clinicianOther: (w) => w.clinicianTwo,
  patientOwn: (w) => w.patientUserOne,
  patientOther: (w) => w.patientUserTwo,
};
const personFor = (w: ApiWorld, caller: Caller): Person | undefined => PERSON_OF[caller](w);

describe.each(testDatabases)('access matrix on $name', (kind) => {
  let world: ApiWorld & { spareClinician: string };
  beforeAll(async () => {
    const base = await makeApiWorld(kind);
    const spare = await createUser(base.database.db, {
      email: 'spare@clinic.test',
      name: 'Spare',
      role: 'clinician',
      passwordHash: 'x',
    });
    world = Object.assign(base, { spareClinician: spare.id });
  }, 60_000);
  afterAll(async () => world?.close());

  it('covers every documented route', () => {
    const documented = [
      'POST /api/users',
      'GET /api/me',
      'GET /api/patients',
      'POST /api/patients',
      'GET /api/patients/:id',
      'PATCH /api/patients/:id',
      'POST /api/patients/:id/care-team',
      ...[
        'conditions',
        'screenings',
        'measurements',
        'sd-tests',
        'programmes',
        'sessions',
        'notes',
        'questionnaire-schedules',
      ].flatMap((r) => [`GET /api/patients/:id/${r}`, `POST /api/patients/:id/${r}`]),
      'POST /api/patients/:id/programmes/:pid/approve',
      ...['conditions', 'screenings', 'measurements', 'sd-tests', 'sessions', 'notes'].map(
        (r) => `POST /api/patients/:id/${r}/:recordId/amend`,
      ),
      ...['conditions', 'screenings', 'measurements', 'sd-tests', 'sessions', 'notes', 'programmes'].map(
        (r) => `POST /api/patients/:id/${r}/:recordId/entered-in-error`,
      ),
      'GET /api/patients/:id/overview',
      'GET /api/patients/:id/questionnaires-due',
      'GET /api/alerts',
      'GET /api/audit',
      'GET /api/health',
    ];
    expect(CASES.map((c) => c.name).sort()).toEqual(documented.sort());
  });

  let n = 0;
  for (const route of CASES) {
    it(route.name, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [i, caller] of CALLERS.entries()) {
        n += 1;
        const response = await world.request(
          personFor(world, caller),
          route.method,
          await route.url(world),
          route.body?.(world, n),
        );
        got[caller] = response.statusCode;
        want[caller] = route.expect[i] as number;
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      }
      expect(got).toEqual(want);
    });
  }

  it('lists only the patients each caller may see', async () => {
    const visible = async (person: Person) =>
      (await world.request(person, 'GET', '/api/patients')).json().items.map((p: { id: string }) => p.id);
    expect(await visible(world.patientUserOne)).toEqual([world.patientOne]);
    expect(await visible(world.patientUserTwo)).toEqual([world.patientTwo]);
    expect(await visible(world.clinicianTwo)).not.toContain(world.patientOne);
    // The team admin holds the clinician role: it sees its team's patient (and any it registered
    // itself in the routes above), never another team's.
    expect(await visible(world.teamAdmin)).toContain(world.patientOne);
    expect(await visible(world.teamAdmin)).not.toContain(world.patientTwo);
    expect(await visible(world.admin)).toEqual([]);
  });

  it('answers 404 for a patient that does not exist, and 403 to a patient probing one', async () => {
    const missing = '00000000-0000-4000-8000-00000000dead';
    const byClinician = await world.request(world.clinicianOne, 'GET', `/api/patients/${missing}`);
    expect(byClinician.statusCode).toBe(404);
    const byPatient = await world.request(world.patientUserOne, 'GET', `/api/patients/${missing}`);
    expect(byPatient.statusCode).toBe(403);
  });
});
