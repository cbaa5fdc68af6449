/**
 * Time zones at the API (issue 17 item 2): a patient has an IANA zone, the clinic's by default,
 * checked against the runtime's list; Today's date and the weekly adherence follow it.
 */
import { describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';
import { clinicTimeZoneFromEnvironment } from './time-zone.ts';

// Sunday 12 January 2025, 20:00 UTC: Monday 13 January 09:00 in Auckland, Sunday 12:00 in Los Angeles.
const NOW = new Date('2025-01-12T20:00:00Z');

describe.each(testDatabases)('time zones on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW, clinicTimeZone: 'America/Los_Angeles' });

  it("gives a new patient the clinic's zone, or the one asked for when the runtime knows it", async () => {
    const plain = await world.request(world.clinicianOne, 'POST', '/api/patients', { name: 'Lena Ortiz' });
    expect(plain.statusCode).toBe(201);
    expect(plain.json().timeZone).toBe('America/Los_Angeles');
    const unknown = await world.request(world.clinicianOne, 'POST', '/api/patients', {
      name: 'Mere Tane',
      timeZone: 'Pacific/Atlantis',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().detail).toContain("timeZone 'Pacific/Atlantis' is not an IANA time zone");
    const changed = await world.request(world.clinicianOne, 'PATCH', `/api/patients/${plain.json().id}`, {
      timeZone: 'Europe/Paris',
    });
    expect(changed.json().timeZone).toBe('Europe/Paris');
  });

  it("counts Today and the adherence week in the patient's zone", async () => {
    const base = `/api/patients/${world.patientOne}`;
    const zoneOf = async (timeZone: string) => {
      const patched = await world.request(world.clinicianOne, 'PATCH', base, { timeZone });
      expect(patched.statusCode).toBe(200);
      return (await world.request(world.patientUserOne, 'GET', `${base}/today`)).json();
    };
    expect(await zoneOf('Pacific/Auckland')).toMatchObject({
      timeZone: 'Pacific/Auckland',
      // No clinic contact is set on this server: none is made up (the app words "your clinic").
      clinic: null,
      date: '2025-01-13',
      // Auckland keeps daylight saving in January (UTC+13): its Monday runs from Sunday 11:00 UTC.
      dayStartsAt: '2025-01-12T11:00:00.000Z',
      dayEndsAt: '2025-01-13T11:00:00.000Z',
    });
    const logged = await world.request(world.patientUserOne, 'POST', `${base}/sessions`, {
      kind: 'exercise',
      startedAt: '2025-01-12T19:30:00Z',
      minutes: 20,
      completed: true,
    });
    expect(logged.statusCode).toBe(201);
    const weekOf = async () =>
      (await world.request(world.clinicianOne, 'GET', `${base}/overview`))
        .json()
        .adherence.map((w: { weekStart: string; logged: number }) => [w.weekStart, w.logged]);
    // 19:30 UTC on Sunday is Monday 08:30 in Auckland: the week of Monday 13 January.
    expect(await weekOf()).toEqual([['2025-01-13', 1]]);
    expect(await zoneOf('America/Los_Angeles')).toMatchObject({
      date: '2025-01-12',
      dayStartsAt: '2025-01-12T08:00:00.000Z',
      dayEndsAt: '2025-01-13T08:00:00.000Z',
    });
    // The same instant is Sunday 11:30 in Los Angeles: the week of Monday 6 January.
    expect(await weekOf()).toEqual([['2025-01-06', 1]]);
  });
});

describe('the clinic time zone', () => {
  it('comes from MYOTROPHY_CLINIC_TIME_ZONE, UTC when unset, and refuses an unknown name', () => {
    expect(clinicTimeZoneFromEnvironment({})).toBe('UTC');
    expect(clinicTimeZoneFromEnvironment({ MYOTROPHY_CLINIC_TIME_ZONE: ' Pacific/Auckland ' })).toBe(
      'Pacific/Auckland',
    );
    expect(() => clinicTimeZoneFromEnvironment({ MYOTROPHY_CLINIC_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      "MYOTROPHY_CLINIC_TIME_ZONE 'Mars/Olympus' is not an IANA time zone this server knows",
    );
  });
});
