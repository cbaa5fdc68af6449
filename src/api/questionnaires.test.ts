import type { Bundle, QuestionnaireResponse } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { listQuestionnaireResponses } from '../store/records/questionnaire-responses.ts';
import { exportPatientBundle } from './fhir/bundle-export.ts';
import { importBundle } from './fhir/bundle-import.ts';

// Monday 16 March 2026, 23:30 UTC: already Tuesday 17 March in Berlin.
const NOW = new Date('2026-03-16T23:30:00Z');
let now = NOW;

describe.each(testDatabases)('questionnaire schedules on $name', (kind) => {
  let world: ApiWorld;
  let base: string;
  beforeAll(async () => {
    now = NOW;
    world = await makeApiWorld(kind, { now: () => now });
    base = `/api/patients/${world.patientOne}`;
    const zone = await world.request(world.clinicianOne, 'PATCH', base, { timeZone: 'Europe/Berlin' });
    expect(zone.statusCode).toBe(200);
  }, 60_000);
  afterAll(async () => world?.close());

  const due = async () =>
    (await world.request(world.patientUserOne, 'GET', `${base}/questionnaires-due`)).json();

  it('lets the care team set a LEFS schedule, due from its baseline day in the patient’s zone', async () => {
    expect(await due()).toEqual({ timeZone: 'Europe/Berlin', items: [] });
    const set = await world.request(world.clinicianOne, 'POST', `${base}/questionnaire-schedules`, {
      questionnaire: 'lefs',
      baselineDate: '2026-03-17',
      everyWeeks: 2,
    });
    expect(set.statusCode).toBe(201);
    expect(set.json()).toMatchObject({
      questionnaire: 'lefs',
      baselineDate: '2026-03-17',
      everyWeeks: 2,
      setBy: world.clinicianOne.id,
      setAt: '2026-03-16T23:30:00.000Z',
    });
    // In Berlin it is already 17 March: the baseline LEFS is due.
    expect((await due()).items).toEqual([
      { questionnaire: 'lefs', dueSince: '2026-03-17', occasion: 'baseline' },
    ]);
    const audit = await world.database.db
      .selectFrom('audit_events')
      .select(['action', 'resource', 'user_id'])
      .where('patient_id', '=', world.patientOne)
      .where('resource', '=', 'questionnaire-schedules')
      .execute();
    expect(audit).toEqual([
      { action: 'create', resource: 'questionnaire-schedules', user_id: world.clinicianOne.id },
    ]);
  });

  it('lets the patient answer the due LEFS, once, kept as a LEFS total', async () => {
    const url = `${base}/questionnaire-responses`;
    // Items 1–10 at 3, 11–20 at 2: total 50.
    const answers = [...Array(10).fill(3), ...Array(10).fill(2)];
    expect(
      (await world.request(world.clinicianOne, 'POST', url, { questionnaire: 'lefs', answers })).statusCode,
    ).toBe(403);
    expect(
      (await world.request(world.patientUserTwo, 'POST', url, { questionnaire: 'lefs', answers })).statusCode,
    ).toBe(403);
    const short = await world.request(world.patientUserOne, 'POST', url, {
      questionnaire: 'lefs',
      answers: [4],
    });
    expect(short.statusCode).toBe(400);
    const answered = await world.request(world.patientUserOne, 'POST', url, {
      questionnaire: 'lefs',
      answers,
    });
    expect(answered.statusCode).toBe(201);
    expect(answered.json().measurement).toMatchObject({
      kind: 'lefs',
      value: 50,
      unit: 'points',
      measuredAt: NOW.toISOString(),
      recordedBy: world.patientUserOne.id,
    });
    expect(answered.json().questionnaireResponse.item).toHaveLength(20);
    expect((await due()).items).toEqual([]);
    const again = await world.request(world.patientUserOne, 'POST', url, { questionnaire: 'lefs', answers });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      'This questionnaire is not due today. Your clinic will ask you again when the next one is due.',
    );
    // The patient's app words it in the patient's language.
    expect(again.json().patientMessage).toEqual([{ key: 'core.questionnaire.notDue' }]);
    const lefs = (await world.request(world.clinicianOne, 'GET', `${base}/measurements`)).json().items;
    expect(lefs.map((m: { value: number }) => m.value)).toEqual([50]);
    // The follow-up test below starts from no answers.
    await world.database.db
      .deleteFrom('questionnaire_responses')
      .where('patient_id', '=', world.patientOne)
      .execute();
    await world.database.db.deleteFrom('measurements').where('patient_id', '=', world.patientOne).execute();
  });

  it('follows the latest schedule and counts a LEFS the clinician records as the answer', async () => {
    now = new Date(NOW.getTime() + 60_000);
    const earlier = await world.request(world.clinicianOne, 'POST', `${base}/questionnaire-schedules`, {
      questionnaire: 'lefs',
      baselineDate: '2026-03-03',
      everyWeeks: 2,
    });
    expect(earlier.statusCode).toBe(201);
    const record = (value: number, measuredAt: string) =>
      world.request(world.clinicianOne, 'POST', `${base}/measurements`, { kind: 'lefs', value, measuredAt });
    expect((await record(41, '2026-03-03T08:00:00Z')).statusCode).toBe(201);
    // The baseline is answered; the follow-up two weeks on is Berlin's 17 March, today.
    expect((await due()).items).toEqual([
      { questionnaire: 'lefs', dueSince: '2026-03-17', occasion: 'follow-up' },
    ]);
    // 23:15 UTC on the 16th is 00:15 on the 17th in Berlin: that answers today's follow-up.
    expect((await record(52, '2026-03-16T23:15:00Z')).statusCode).toBe(201);
    expect((await due()).items).toEqual([]);
  });

  it('keeps the PSFS activities and the pain rating item by item, once per Idempotency-Key', async () => {
    for (const questionnaire of ['psfs', 'pain']) {
      const set = await world.request(world.clinicianOne, 'POST', `${base}/questionnaire-schedules`, {
        questionnaire,
        baselineDate: '2026-03-17',
        everyWeeks: 2,
      });
      expect(set.statusCode).toBe(201);
    }
    expect((await due()).items).toEqual([
      { questionnaire: 'psfs', dueSince: '2026-03-17', occasion: 'baseline' },
      { questionnaire: 'pain', dueSince: '2026-03-17', occasion: 'baseline' },
    ]);
    const url = `${base}/questionnaire-responses`;
    const activities = [
      { activity: 'Climbing the stairs to my flat', score: 3 },
      { activity: 'Walking the dog', score: 4 },
      { activity: 'Kneeling to garden', score: 4 },
    ];
    const send = (body: object, key: string) =>
      world.request(world.patientUserOne, 'POST', url, body, { 'idempotency-key': key });
    const wrongShape = await send({ questionnaire: 'psfs', answers: [3] }, 'psfs-0');
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().detail).toBe(
      "the PSFS is answered with 'activities': 1 to 5 activities, each { activity, score 0–10 }, and no 'answers'",
    );
    const twice = await send(
      {
        questionnaire: 'psfs',
        activities: [
          { activity: 'Stairs', score: 3 },
          { activity: 'stairs', score: 4 },
        ],
      },
      'psfs-0',
    );
    expect(twice.statusCode).toBe(400);
    expect(twice.json().detail).toBe('PSFS activity "stairs" is named twice; name each once');

    const psfs = await send({ questionnaire: 'psfs', activities }, 'psfs-1');
    expect(psfs.statusCode).toBe(201);
    expect(psfs.json().answer).toMatchObject({ questionnaire: 'psfs', activities, score: 3.7 });
    expect(psfs.json().measurement).toBeUndefined();
    const item = psfs.json().questionnaireResponse.item;
    expect(item[0].item[0].answer).toEqual([{ valueString: 'Climbing the stairs to my flat' }]);
    expect(item.at(-1)).toMatchObject({ linkId: 'score', answer: [{ valueDecimal: 3.7 }] });
    // The same answers sent again under the same key land once: 200 with the stored answer.
    const retry = await send({ questionnaire: 'psfs', activities }, 'psfs-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().answer.id).toBe(psfs.json().answer.id);
    const otherUnderSameKey = await send(
      { questionnaire: 'psfs', activities: [{ activity: 'Walking the dog', score: 9 }] },
      'psfs-1',
    );
    expect(otherUnderSameKey.statusCode).toBe(422);

    const pain = await send({ questionnaire: 'pain', answers: [6] }, 'pain-1');
    expect(pain.statusCode).toBe(201);
    expect(pain.json().answer).toMatchObject({ questionnaire: 'pain', answers: [6], score: 6 });
    expect((await send({ questionnaire: 'pain', answers: [11] }, 'pain-2')).statusCode).toBe(400);
    expect((await due()).items).toEqual([]);

    const listed = await world.request(world.patientUserOne, 'GET', url);
    expect(listed.statusCode).toBe(200);
    // Both were answered at the same instant: compare them in questionnaire order.
    expect(
      listed
        .json()
        .items.map((a: { questionnaire: string; score: number }) => [a.questionnaire, a.score])
        .sort(),
    ).toEqual([
      ['pain', 6],
      ['psfs', 3.7],
    ]);
    expect((await world.request(world.patientUserTwo, 'GET', url)).statusCode).toBe(403);

    // Exported as FHIR and imported as a new patient, the answers arrive item by item.
    const bundle = (await exportPatientBundle(world.database.db, world.patientOne, now)) as Bundle;
    const responses = (bundle.entry ?? [])
      .map((e) => e.resource)
      .filter((r): r is QuestionnaireResponse => r?.resourceType === 'QuestionnaireResponse');
    expect(responses.map((r) => r.questionnaire).sort()).toEqual([
      'urn:myotrophy:fhir:Questionnaire:lefs',
      'urn:myotrophy:fhir:Questionnaire:lefs',
      'urn:myotrophy:fhir:Questionnaire:pain',
      'urn:myotrophy:fhir:Questionnaire:psfs',
    ]);
    const imported = await importBundle(world.database.db, bundle, { now });
    expect(imported.created.questionnaireResponses).toBe(2);
    const arrived = await listQuestionnaireResponses(world.database.db, imported.patientId, 'all');
    expect(
      arrived
        .map((a) => (a.questionnaire === 'psfs' ? a.activities : a.answers))
        .sort((a, b) => a.length - b.length),
    ).toEqual([[6], activities]);
  });

  it('refuses a schedule the patient sets, another team’s, and bad values with what is allowed', async () => {
    const body = { questionnaire: 'lefs', baselineDate: '2026-03-03', everyWeeks: 2 };
    const url = `${base}/questionnaire-schedules`;
    expect((await world.request(world.patientUserOne, 'POST', url, body)).statusCode).toBe(403);
    expect((await world.request(world.clinicianTwo, 'POST', url, body)).statusCode).toBe(403);
    expect((await world.request(world.patientUserTwo, 'GET', `${base}/questionnaires-due`)).statusCode).toBe(
      403,
    );
    const tooRare = await world.request(world.clinicianOne, 'POST', url, { ...body, everyWeeks: 53 });
    expect(tooRare.statusCode).toBe(400);
    expect(tooRare.json().detail).toMatch(/everyWeeks.*52/);
    const unknown = await world.request(world.clinicianOne, 'POST', url, { ...body, questionnaire: 'eq-5d' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/lefs/);
  });
});
