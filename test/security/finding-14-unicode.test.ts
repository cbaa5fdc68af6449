import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { illFormedTextAt } from '../../src/api/well-formed-text.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 14: a lone UTF-16 surrogate in a text field was stored as a replacement character, so a
 * retry with the same Idempotency-Key no longer matched the stored record. Ill-formed Unicode is
 * now refused with 400 everywhere: JSON escapes, raw bytes that are not UTF-8, query strings.
 */
describe.each(testDatabases)('finding 14: ill-formed Unicode on $name', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await makeApiWorld(kind);
  }, 60_000);
  afterAll(async () => world?.close());

  const post = (url: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
    world.app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        authorization: `Bearer ${world.clinicianOne.token}`,
        'content-type': 'application/json',
        ...headers,
      },
    });

  it.each([
    ['a lone high surrogate in a note', 'notes', '{"text":"pain \\ud800 after"}', 'body.text'],
    ['a lone low surrogate at the end', 'notes', '{"text":"end \\udc00"}', 'body.text'],
    [
      'a lone surrogate in a measurement note',
      'measurements',
      '{"kind":"grip","value":20,"side":"left","measuredAt":"2026-03-01T09:30:00Z","note":"\\udfff"}',
      'body.note',
    ],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_what, path, payload, where) => {
    const url = `/api/patients/${world.patientOne}/${path}`;
    const response = await post(url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toBe(
      `${where} holds a lone UTF-16 surrogate; text must be well-formed Unicode (UTF-8 bytes; no lone UTF-16 surrogate such as \\ud800)`,
    );
    const list = await world.request(world.clinicianOne, 'GET', url);
    expect(list.json().items).toEqual([]);
  });

  it('refuses a lone surrogate on the idempotent session path, and a retry is refused the same way', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await world.app.inject({
        method: 'POST',
        url: `/api/patients/${world.patientOne}/sessions`,
        headers: {
          authorization: `Bearer ${world.patientUserOne.token}`,
          'content-type': 'application/json',
          'idempotency-key': 'surrogate-retry',
        },
        payload:
          '{"kind":"exercise","startedAt":"2026-03-01T09:30:00Z","minutes":10,"completed":true,"notes":"\\ud83d"}',
      });
      expect(response.statusCode).toBe(400);
    }
    const list = await world.request(
      world.patientUserOne,
      'GET',
      `/api/patients/${world.patientOne}/sessions`,
    );
    expect(list.json().items).toEqual([]);
  });

  it('refuses a body whose bytes are not UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"text":"'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    const response = await post(`/api/patients/${world.patientOne}/notes`, bytes);
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/^the request body is not valid UTF-8/);
  });

  it('refuses a lone surrogate in a property name', async () => {
    const response = await post('/api/patients', '{"name":"A","\\ud800":1}');
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/^body \(a property name\) holds a lone UTF-16 surrogate/);
  });

  it('refuses a query string that is not percent-encoded UTF-8', async () => {
    for (const query of ['from=%ED%A0%80', 'limit=%FF']) {
      const response = await world.request(
        world.clinicianOne,
        'GET',
        `/api/patients/${world.patientOne}/notes?${query}`,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toMatch(/^the query string is not valid percent-encoded UTF-8/);
    }
  });

  it('keeps well-formed text, astral characters included, exactly', async () => {
    const text = 'Schmerz 😖 nach der Übung — 痛み';
    const response = await post(`/api/patients/${world.patientOne}/notes`, JSON.stringify({ text }));
    expect(response.statusCode).toBe(201);
    expect(response.json().text).toBe(text);
  });

  it('finds the first lone surrogate anywhere in a value', () => {
    expect(illFormedTextAt({ a: [1, { b: 'ok' }, 'x\ud800'] })).toBe('body.a[2]');
    expect(illFormedTextAt({ a: ['😖'] })).toBeNull();
  });
});
