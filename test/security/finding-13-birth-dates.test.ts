import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 13: birth dates in years 1–99 read back from PGlite as 19xx/20xx, and implausible birth
 * dates (in the future, age over 120) were accepted. Dates now round-trip exactly on both databases
 * (so do timestamps in early years), and implausible birth dates are refused with what is allowed.
 */
describe.each(testDatabases)('finding 13: birth dates on $name', (kind) => {
  let world: ApiWorld;
  const now = new Date('2026-12-05T12:00:00Z');
  beforeAll(async () => {
    world = await makeApiWorld(kind, { now: () => now });
  }, 60_000);
  afterAll(async () => world?.close());

  it.each(['1906-12-05', '1960-02-29', '2000-01-01', '2026-12-05'])(
    'a birth date of %s reads back exactly, from the create, the read and the list',
    async (birthDate) => {
      const created = await world.request(world.clinicianOne, 'POST', '/api/patients', {
        name: `Born ${birthDate}`,
        birthDate,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json().birthDate).toBe(birthDate);
      const read = await world.request(world.clinicianOne, 'GET', `/api/patients/${created.json().id}`);
      expect(read.json().birthDate).toBe(birthDate);
      const list = await world.request(world.clinicianOne, 'GET', '/api/patients');
      const listed = list.json().items.find((p: { id: string }) => p.id === created.json().id);
      expect(listed.birthDate).toBe(birthDate);
    },
  );

  it.each([
    ['2027-01-01', 'birthDate 2027-01-01 is in the future; a birth date is on or before 2026-12-06'],
    [
      '0050-01-02',
      'birthDate 0050-01-02 makes the patient older than 120 years; a birth date is on or after 1906-12-05 (check the century)',
    ],
    [
      '1850-06-01',
      'birthDate 1850-06-01 makes the patient older than 120 years; a birth date is on or after 1906-12-05 (check the century)',
    ],
  ])('refuses a birth date of %s with 422 on create and on change', async (birthDate, detail) => {
    const created = await world.request(world.clinicianOne, 'POST', '/api/patients', {
      name: 'Implausible',
      birthDate,
    });
    expect(created.statusCode).toBe(422);
    expect(created.json().detail).toBe(detail);
    const changed = await world.request(world.clinicianOne, 'PATCH', `/api/patients/${world.patientOne}`, {
      birthDate,
    });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().detail).toBe(detail);
    const read = await world.request(world.clinicianOne, 'GET', `/api/patients/${world.patientOne}`);
    expect(read.json().birthDate).toBe('1950-01-02');
  });

  it('dates and timestamps in years 1–99 round-trip exactly (conditions, measurements)', async () => {
    const condition = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/conditions`,
      { icd10Code: 'M62.562', onsetDate: '0050-01-02', immobilisedFrom: '0001-01-01' },
    );
    expect(condition.statusCode).toBe(201);
    expect(condition.json()).toMatchObject({ onsetDate: '0050-01-02', immobilisedFrom: '0001-01-01' });
    const measurement = await world.request(
      world.clinicianOne,
      'POST',
      `/api/patients/${world.patientOne}/measurements`,
      { kind: 'grip', value: 20, side: 'left', measuredAt: '0050-01-02T10:00:00Z' },
    );
    expect(measurement.statusCode).toBe(201);
    expect(measurement.json().measuredAt).toBe('0050-01-02T10:00:00.000Z');
    const conditions = await world.request(
      world.clinicianOne,
      'GET',
      `/api/patients/${world.patientOne}/conditions`,
    );
    expect(conditions.json().items[0]).toMatchObject({
      onsetDate: '0050-01-02',
      immobilisedFrom: '0001-01-01',
    });
    const measurements = await world.request(
      world.clinicianOne,
      'GET',
      `/api/patients/${world.patientOne}/measurements`,
    );
    expect(measurements.json().items.map((m: { measuredAt: string }) => m.measuredAt)).toContain(
      '0050-01-02T10:00:00.000Z',
    );
  });
});
