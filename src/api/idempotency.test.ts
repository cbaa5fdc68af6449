import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, type Person } from '../../test/api-world.ts';
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

describe.each(testDatabases)('Idempotency-Key on session logs on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind, { now: () => NOW });
  }, 60_000);
  afterAll(async () => world?.close());

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

  it('refuses a malformed key with 400 and says what a key may be', async () => {
    for (const key of ['', 'has space', 'x'.repeat(256), 'in"side', '"unclosed', 'ünicode']) {
      const answer = await post(world.patientUserOne, world.patientOne, session(28), key);
      expect(answer.statusCode, JSON.stringify(key)).toBe(400);
      expect(answer.json().detail).toContain('1–255 visible ASCII characters');
    }
    expect(await sessionsWithMinutes(world.patientOne, 28)).toEqual([]);
  });
});
