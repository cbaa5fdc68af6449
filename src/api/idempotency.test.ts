import { describe, expect, it } from 'vitest';
import { apiWorldForSuite, type Person } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

const NOW = new Date('2025-03-01T12:00:00Z');

const session = (minutes: number) => ({
  kind: 'stimulation',
  startedAt: '2025-03-01T08:00:00Z',
  minutes,
  peakIntensityMa: 30,
  comfort: 7,
  pain: 1,
  completed: true,
  notes: 'home session',
});

/** What the session player logs after an emergency stop on the virtual stimulator. */
const delivery = {
  mode: 'virtual-stimulator',
  device: { protocol: 'sciencemode4', deviceId: 'MYO-EMU-01', firmware: '1.0.2', batteryPercent: 96 },
  level: 1,
  stopReason: 'emergency-stop',
  deliveredMinutes: 0.1417,
  plannedMinutes: 0.35,
  peakCurrentMaByChannel: { '1': 12 },
  frequencyHz: [5, 35.088],
  contractions: 1,
  faults: [],
  intensityAtAimMa: 11,
};
const played = (minutes: number, changed: Record<string, unknown> = {}) => ({
  ...session(minutes),
  completed: false,
  evokedForce: { step: 'visible' },
  delivery: { ...delivery, ...changed },
});

describe.each(testDatabases)('Idempotency-Key on session logs on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW });

  const post = (person: Person, patientId: string, body: unknown, key?: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/sessions`,
      headers: {
        authorization: `Bearer ${person.token}`,
        ...(key !== undefined ? { 'idempotency-key': key } : {}),
      },
      payload: body as Record<string, unknown>,
    });
  const sessionsWithMinutes = async (patientId: string, minutes: number) => {
    const rows = await world.database.db
      .selectFrom('sessions')
      .select('id')
      .where('patient_id', '=', patientId)
      .where('minutes', '=', minutes)
      .execute();
    return rows.map((row) => row.id);
  };

  it('answers a retry with the session already stored, audited as a read, and stores it once', async () => {
    const first = await post(world.patientUserOne, world.patientOne, session(21), 'retry-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    const retry = await post(world.patientUserOne, world.patientOne, session(21), 'retry-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.json()).toEqual(first.json());
    expect(await sessionsWithMinutes(world.patientOne, 21)).toEqual([first.json().id]);

    const events = await world.database.db
      .selectFrom('audit_events')
      .select(['action', 'user_id'])
      .where('record_id', '=', first.json().id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'create', user_id: world.patientUserOne.id },
      { action: 'read', user_id: world.patientUserOne.id },
    ]);
  });

  it('takes the key quoted (RFC 8941 string) or bare as the same key', async () => {
    const first = await post(world.patientUserOne, world.patientOne, session(22), '"quoted-1"');
    const bare = await post(world.patientUserOne, world.patientOne, session(22), 'quoted-1');
    expect([first.statusCode, bare.statusCode]).toEqual([201, 200]);
    expect(bare.json().id).toBe(first.json().id);
  });

  it('refuses the key with a different session (422) and stores nothing new', async () => {
    const first = await post(world.patientUserOne, world.patientOne, session(23), 'changed-1');
    expect(first.statusCode).toBe(201);
    const changed = await post(world.patientUserOne, world.patientOne, session(24), 'changed-1');
    expect(changed.statusCode).toBe(422);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.json().detail).toBe(
      `Idempotency-Key "changed-1" was already used for session ${first.json().id}, which differs from this one; send a new key for a new session`,
    );
    expect(await sessionsWithMinutes(world.patientOne, 24)).toEqual([]);
  });

  it('keeps keys per patient: the same key logs a session for each patient', async () => {
    const one = await post(world.clinicianOne, world.patientOne, session(25), 'shared-key');
    const two = await post(world.clinicianTwo, world.patientTwo, session(25), 'shared-key');
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect(one.json().id).not.toBe(two.json().id);
  });

  it('stores concurrent requests with one key once, and answers each with that session', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(world.patientUserOne, world.patientOne, session(26), 'burst-1')),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json().id));
    expect(ids.size).toBe(1);
    expect(await sessionsWithMinutes(world.patientOne, 26)).toEqual([...ids]);
  });

  it('logs every request without a key, as before', async () => {
    const answers = [
      await post(world.patientUserOne, world.patientOne, session(27)),
      await post(world.patientUserOne, world.patientOne, session(27)),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(await sessionsWithMinutes(world.patientOne, 27)).toHaveLength(2);
  });

  it("stores the session player's delivery and reads it back as sent", async () => {
    const logged = await post(world.patientUserOne, world.patientOne, played(31), 'delivery-1');
    expect(logged.statusCode).toBe(201);
    expect(logged.json().delivery).toEqual(delivery);
    const list = await world.request(
      world.patientUserOne,
      'GET',
      `/api/patients/${world.patientOne}/sessions`,
    );
    const stored = (list.json().items as { id: string; delivery: unknown }[]).find(
      (s) => s.id === logged.json().id,
    );
    expect(stored?.delivery).toEqual(delivery);
  });

  it('answers a retry whose delivery lists its fields in another order, and refuses a different delivery', async () => {
    const first = await post(world.patientUserOne, world.patientOne, played(32), 'delivery-2');
    const reordered = { ...played(32), delivery: Object.fromEntries(Object.entries(delivery).reverse()) };
    const retry = await post(world.patientUserOne, world.patientOne, reordered, 'delivery-2');
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json().id).toBe(first.json().id);
    const changed = await post(
      world.patientUserOne,
      world.patientOne,
      played(32, { stopReason: 'completed' }),
      'delivery-2',
    );
    expect(changed.statusCode).toBe(422);
    expect(await sessionsWithMinutes(world.patientOne, 32)).toEqual([first.json().id]);
  });

  it('refuses a delivery with an unknown stop reason or field with 400 naming it', async () => {
    const wrong: [Record<string, unknown>, string][] = [
      [{ stopReason: 'bored' }, 'stopReason'],
      [{ voltage: 80 }, 'voltage'],
    ];
    for (const [changed, named] of wrong) {
      const answer = await post(
        world.patientUserOne,
        world.patientOne,
        played(33, changed),
        `delivery-${named}`,
      );
      expect(answer.statusCode, named).toBe(400);
      expect(answer.json().detail).toContain(named);
    }
    expect(await sessionsWithMinutes(world.patientOne, 33)).toEqual([]);
  });

  it('refuses a malformed key with 400 and says what a key may be', async () => {
    for (const key of ['', 'has space', 'x'.repeat(256), 'in"side', '"unclosed', 'ünicode']) {
      const answer = await post(world.patientUserOne, world.patientOne, session(28), key);
      expect(answer.statusCode, JSON.stringify(key)).toBe(400);
      expect(answer.json().detail).toContain('1–255 visible ASCII characters');
    }
    expect(await sessionsWithMinutes(world.patientOne, 28)).toEqual([]);
  });

  it('answers a retry of a stored log with it even after a red flag has paused logging, and refuses a new one (409)', async () => {
    const first = await post(world.clinicianTwo, world.patientTwo, session(35), 'before-flag-1');
    expect(first.statusCode).toBe(201);
    const screened = await world.request(
      world.clinicianTwo,
      'POST',
      `/api/patients/${world.patientTwo}/screenings`,
      {
        screenedAt: '2025-03-01T09:00:00Z',
        answers: {},
        electrodeSites: [],
        redFlagFindings: { breathlessLyingFlat: true },
      },
    );
    expect(screened.statusCode).toBe(201);
    // The answer to the first was lost; the device sends it again after the flag was raised.
    const retry = await post(world.clinicianTwo, world.patientTwo, session(35), 'before-flag-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const fresh = await post(world.clinicianTwo, world.patientTwo, session(36), 'after-flag-1');
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().detail).toMatch(/cannot be logged while a red flag is open/);
    expect(await sessionsWithMinutes(world.patientTwo, 35)).toEqual([first.json().id]);
    expect(await sessionsWithMinutes(world.patientTwo, 36)).toEqual([]);
  });
});
