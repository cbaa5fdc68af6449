import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

const NOW = new Date('2025-03-01T12:00:00Z');

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

const session = (extra: Record<string, unknown> = {}) => ({
  kind: 'stimulation',
  startedAt: '2025-03-01T08:00:00Z',
  minutes: 0.1417,
  peakIntensityMa: 12,
  comfort: 6,
  pain: 2,
  completed: false,
  evokedForce: { step: 'visible' },
  delivery,
  ...extra,
});

describe.each(testDatabases)("a session's delivery (session player) on $name", (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind, { now: () => NOW });
  }, 60_000);
  afterAll(async () => world?.close());

  const post = (body: unknown, key: string) =>
    world.app.inject({
      method: 'POST',
      url: `/api/patients/${world.patientOne}/sessions`,
      headers: { authorization: `Bearer ${world.patientUserOne.token}`, 'idempotency-key': key },
      payload: body as Record<string, unknown>,
    });

  it('stores the delivery and reads it back as sent', async () => {
    const logged = await post(session(), 'delivery-1');
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

  it('answers a retry whose delivery lists its fields in another order with the stored session', async () => {
    const first = await post(session({ minutes: 0.2 }), 'delivery-2');
    const reordered = Object.fromEntries(Object.entries(delivery).reverse());
    const retry = await post(session({ minutes: 0.2, delivery: reordered }), 'delivery-2');
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json().id).toBe(first.json().id);
  });

  it('refuses the key with a different delivery (422)', async () => {
    expect((await post(session({ minutes: 0.3 }), 'delivery-3')).statusCode).toBe(201);
    const changed = await post(
      session({ minutes: 0.3, delivery: { ...delivery, stopReason: 'completed' } }),
      'delivery-3',
    );
    expect(changed.statusCode).toBe(422);
    expect(changed.json().detail).toContain('"delivery-3" was already used for session');
  });

  it('refuses an unknown stop reason or field with 400 naming it', async () => {
    const reason = await post(session({ delivery: { ...delivery, stopReason: 'bored' } }), 'delivery-4');
    expect(reason.statusCode).toBe(400);
    expect(reason.json().detail).toContain('stopReason');
    const extra = await post(session({ delivery: { ...delivery, voltage: 80 } }), 'delivery-5');
    expect(extra.statusCode).toBe(400);
    expect(extra.json().detail).toContain('voltage');
  });
});
