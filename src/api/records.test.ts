import { beforeAll, describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../test/api-world.ts';
import { LEFT_LOWER_LEG_CAST } from '../../test/cast-condition.ts';
import { testDatabases } from '../../test/databases.ts';
import { planProgramme, requireDraft } from '../clinic/programme/plan.ts';
import { SCREENING_KEYS } from '../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS } from '../clinic/screening/red-flags.ts';

const NOW = new Date('2025-03-01T12:00:00Z');

describe.each(testDatabases)('records, overview and audit on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW });
  let base: string;
  beforeAll(() => {
    base = `/api/patients/${world.patientOne}`;
  });

  it('codes a condition from site and side through the clinic module', async () => {
    const response = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/conditions`,
      LEFT_LOWER_LEG_CAST,
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      icd10Code: 'M62.562',
      title: 'Muscle wasting and atrophy, not elsewhere classified, left lower leg',
      site: 'lower-leg',
      side: 'left',
      cause: 'cast',
      immobilisedTo: '2025-02-12',
    });
  });

  it('stores the strength–duration fit with the test', async () => {
    // Weiss law with rheobase 5 mA and chronaxie 0.5 ms: I = 5 (1 + 0.5 / d).
    const points = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10].map((widthMs) => ({
      widthMs,
      thresholdMa: 5 * (1 + 0.5 / widthMs),
    }));
    const response = await world.request(world.clinicianOne, 'POST', `${base}/sd-tests`, {
      testedAt: '2025-02-20T10:00:00Z',
      site: 'gastrocnemius',
      side: 'left',
      points,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.rheobaseMa).toBeCloseTo(5, 6);
    expect(body.chronaxieMs).toBeCloseTo(0.5, 6);
    expect(body.innervation).toBe('normal');
  });

  it('records the screening verdict and raises a red-flag alert from it', async () => {
    const response = await world.request(world.clinicianOne, 'POST', `${base}/screenings`, {
      screenedAt: '2025-02-27T09:00:00Z',
      answers: {},
      electrodeSites: [],
      redFlagFindings: { progressiveWeaknessWithoutSensoryLoss: true },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().result.redFlags).toMatchObject({ refer: true, urgency: 'without-delay' });
    const alerts = (await world.request(world.clinicianOne, 'GET', '/api/alerts')).json().items;
    expect(alerts.filter((a: { kind: string }) => a.kind === 'red-flag')).toEqual([
      expect.objectContaining({
        patientId: world.patientOne,
        severity: 'high',
        since: '2025-02-27T09:00:00.000Z',
      }),
    ]);
    const other = (await world.request(world.clinicianTwo, 'GET', '/api/alerts')).json().items;
    expect(other.filter((a: { patientId: string }) => a.patientId === world.patientOne)).toEqual([]);
    // Neurology saw the patient: the clinician resolves the flag with a note, and the alert goes.
    const resolved = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/red-flags/progressiveWeaknessWithoutSensoryLoss/resolve`,
      { note: 'Seen by neurology 28 Feb: weakness from disuse, no motor neuron disease.' },
    );
    expect(resolved.statusCode).toBe(201);
    const after = (await world.request(world.clinicianOne, 'GET', '/api/alerts')).json().items;
    expect(after.filter((a: { kind: string }) => a.kind === 'red-flag')).toEqual([]);
  });

  it('passes a planned programme through the output-safety gate and refuses one over the limits', async () => {
    const draft = requireDraft(
      planProgramme({
        patient: { ageYears: 70, sex: 'female', weightKg: 60 },
        diagnosis: { causeId: 'cast' },
        goal: 'reverse-atrophy',
        muscle: 'triceps-surae',
        side: 'left',
        screening: Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
        redFlags: Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, false])),
      }),
    );
    const safe = await world.request(world.clinicianOne, 'POST', `${base}/programmes`, { body: draft });
    expect(safe.statusCode).toBe(201);
    expect(safe.json().safety).toMatchObject({ ok: true, violations: [] });
    expect(safe.json().body).toEqual(JSON.parse(JSON.stringify(draft)));
    const unsafe = structuredClone(draft);
    for (const level of unsafe.stimulation.levels)
      for (const block of level.blocks) block.maxIntensityMa = 400;
    const refused = await world.request(world.clinicianOne, 'POST', `${base}/programmes`, { body: unsafe });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toBe('the programme breaks an output-safety limit; see violations');
    expect(refused.json().violations.length).toBeGreaterThan(0);
    const versions = (await world.request(world.clinicianOne, 'GET', `${base}/programmes`)).json().items;
    expect(versions).toHaveLength(1);
  });

  it('versions programmes and approves one at a time', async () => {
    const first = (
      await world.request(world.clinicianOne, 'POST', `${base}/programmes`, { body: { sessionsPerWeek: 5 } })
    ).json();
    const second = (
      await world.request(world.clinicianOne, 'POST', `${base}/programmes`, {
        body: { sessionsPerWeek: 6 },
        supersedesId: first.id,
      })
    ).json();
    expect([first.version, first.status, second.version, second.supersedesId]).toEqual([
      2,
      'draft',
      3,
      first.id,
    ]);
    const approveFirst = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/programmes/${first.id}/approve`,
    );
    expect(approveFirst.statusCode).toBe(200);
    expect(approveFirst.json()).toMatchObject({
      status: 'approved',
      approvedBy: world.clinicianOne.id,
      endedProgrammeId: null,
    });
    const again = await world.request(world.clinicianOne, 'POST', `${base}/programmes/${first.id}/approve`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('programme version 2 is approved; only a draft can be approved');
    const approveSecond = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/programmes/${second.id}/approve`,
    );
    expect(approveSecond.json().endedProgrammeId).toBe(first.id);
    const list = (await world.request(world.patientUserOne, 'GET', `${base}/programmes`)).json().items;
    expect(list.map((p: { version: number; status: string }) => [p.version, p.status])).toEqual([
      [1, 'draft'],
      [2, 'ended'],
      [3, 'approved'],
    ]);
  });

  it('shows adherence, trajectory against the forecast, and alerts in the overview', async () => {
    for (const [day, value, side] of [
      ['2025-01-01T09:00:00Z', 38, 'left'],
      ['2025-01-29T09:00:00Z', 36.9, 'left'],
      ['2025-01-29T09:05:00Z', 38.1, 'right'],
    ] as const) {
      const r = await world.request(world.clinicianOne, 'POST', `${base}/measurements`, {
        kind: 'circumference',
        value,
        side,
        site: 'calf, widest girth',
        measuredAt: day,
      });
      expect(r.statusCode).toBe(201);
    }
    // Week of 24 Feb 2025: three completed sessions, pain rising from 1 to 8.
    for (const [startedAt, pain] of [
      ['2025-02-24T08:00:00Z', 1],
      ['2025-02-25T08:00:00Z', 2],
      ['2025-02-26T08:00:00Z', 8],
    ] as const) {
      await world.request(world.patientUserOne, 'POST', `${base}/sessions`, {
        kind: 'stimulation',
        startedAt,
        minutes: 20,
        peakIntensityMa: 30,
        comfort: 6,
        pain,
        completed: true,
      });
    }
    const response = await world.request(world.patientUserOne, 'GET', `${base}/overview`);
    expect(response.statusCode).toBe(200);
    const overview = response.json();
    expect(overview.patient.id).toBe(world.patientOne);
    expect(overview.conditions.map((c: { icd10Code: string }) => c.icd10Code)).toEqual(['M62.562']);
    expect(overview.activeProgramme.version).toBe(3);
    const week = overview.adherence.find((w: { weekStart: string }) => w.weekStart === '2025-02-24');
    expect(week).toEqual({
      weekStart: '2025-02-24',
      logged: 3,
      completed: 3,
      minutes: 60,
      prescribed: 6,
      adherence: 0.5,
      meanPain: 11 / 3,
      maxPain: 8,
    });
    expect(overview.trajectory.model).toMatchObject({
      scenario: 'cast',
      muscle: 'calf',
      startDate: '2025-01-01',
    });
    expect(overview.trajectory.model.baselineFrom).toBe('affected-side');
    expect(overview.trajectory.model.measured.map((m: { day: number }) => m.day)).toEqual([28]);
    expect(overview.trajectory.series[0].points.map((p: { changePct: number }) => p.changePct)).toEqual([
      0,
      ((36.9 - 38) / 38) * 100,
    ]);
    expect(overview.latestSdTest.innervation).toBe('normal');
    const kinds = overview.alerts.map((a: { kind: string }) => a.kind).sort();
    // Pain 8 within 7 days of 1 March. No missed-sessions alert: the last session (26 Feb) is 3 days
    // back, but the programme was approved on 1 March itself, so no session has been missed yet.
    // No red-flag alert: the clinician resolved the flag above.
    expect(kinds).toEqual(['rising-pain']);
  });

  it('refuses an implausible measurement (a slipped decimal point) with what is allowed, and stores nothing', async () => {
    const before = (await world.request(world.clinicianOne, 'GET', `${base}/measurements`)).json().items
      .length;
    const r = await world.request(world.clinicianOne, 'POST', `${base}/measurements`, {
      kind: 'circumference',
      value: 3.69,
      side: 'left',
      site: 'calf, widest girth',
      measuredAt: '2025-02-27T09:00:00Z',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().detail).toBe('circumference must be a number from 8 to 250 cm; got 3.69');
    const after = (await world.request(world.clinicianOne, 'GET', `${base}/measurements`)).json().items
      .length;
    expect(after).toBe(before);
  });

  it('audits every read and write of health data: who, what, which record, when, from where', async () => {
    const note = await world.app.inject({
      method: 'POST',
      url: `${base}/notes`,
      headers: { authorization: `Bearer ${world.clinicianOne.token}`, 'user-agent': 'audit-test' },
      payload: { text: 'reviewed' },
      remoteAddress: '192.0.2.7',
    });
    expect(note.statusCode).toBe(201);
    await world.app.inject({
      method: 'GET',
      url: `${base}/notes`,
      headers: { authorization: `Bearer ${world.patientUserOne.token}` },
      remoteAddress: '192.0.2.8',
    });
    const audit = await world.request(world.admin, 'GET', `/api/audit?patientId=${world.patientOne}&limit=2`);
    expect(audit.statusCode).toBe(200);
    const [read, write] = audit.json().items;
    expect(write).toMatchObject({
      userId: world.clinicianOne.id,
      action: 'create',
      resource: 'notes',
      recordId: note.json().id,
      patientId: world.patientOne,
      ip: '192.0.2.7',
      userAgent: 'audit-test',
    });
    expect(read).toMatchObject({
      userId: world.patientUserOne.id,
      action: 'read',
      resource: 'notes',
      patientId: world.patientOne,
      ip: '192.0.2.8',
    });
    expect(Date.parse(read.at)).toBeGreaterThan(Date.now() - 60_000);
    const next = await world.request(
      world.admin,
      'GET',
      `/api/audit?patientId=${world.patientOne}&limit=2&before=${write.id}`,
    );
    expect(next.json().items.every((e: { id: number }) => e.id < write.id)).toBe(true);
  });

  it('publishes the OpenAPI document with every route, and the docs page', async () => {
    const doc = (await world.request(undefined, 'GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/patients/{id}/sessions',
        '/api/patients/{id}/programmes/{pid}/approve',
        '/api/patients/{id}/overview',
        '/api/alerts',
        '/api/audit',
      ]),
    );
    const page = await world.request(undefined, 'GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
