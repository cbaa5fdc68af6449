import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 11: two concurrent creates of a programme version gave 409 (max + 1 without a lock).
 * Versions are now allocated under a lock on the patient: concurrent creates all succeed, numbered
 * one after another without gaps.
 */
describe.each(testDatabases)('finding 11: concurrent programme versions on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 60_000);
  afterAll(async () => world?.close());

  it('twelve concurrent creates all answer 201 with versions 1–12', async () => {
    const url = `/api/patients/${world.patientOne}/programmes`;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        world.request(world.clinicianOne, 'POST', url, { body: { sessionsPerWeek: 5, note: `draft ${i}` } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const versions = responses.map((r) => r.json().version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const listed = await world.request(world.clinicianOne, 'GET', url);
    expect(listed.json().items.map((p: { version: number }) => p.version)).toEqual(versions);
  });

  it("another patient's versions start at 1 alongside", async () => {
    const [a, b] = await Promise.all([
      world.request(world.clinicianTwo, 'POST', `/api/patients/${world.patientTwo}/programmes`, {
        body: { sessionsPerWeek: 3 },
      }),
      world.request(world.clinicianOne, 'POST', `/api/patients/${world.patientOne}/programmes`, {
        body: { sessionsPerWeek: 3 },
      }),
    ]);
    expect(a?.json().version).toBe(1);
    expect(b?.json().version).toBe(13);
  });
});
