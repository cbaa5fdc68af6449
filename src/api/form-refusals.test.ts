/**
 * What the forms refuse on the server too (issue 17 item 4): a diagnosis recorded twice, and a
 * patient name of only spaces — each a 4xx problem+json that names what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

describe.each(testDatabases)('form refusals on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => new Date('2025-03-01T12:00:00Z') });

  it('records a diagnosis once and refuses the same code again, naming the first', async () => {
    const path = `/api/patients/${world.patientOne}/conditions`;
    const first = await world.request(world.clinicianOne, 'POST', path, { site: 'lower-leg', side: 'left' });
    expect(first.statusCode).toBe(201);
    expect(first.json().icd10Code).toBe('M62.562');
    const again = await world.request(world.clinicianOne, 'POST', path, {
      icd10Code: 'M62.562',
      cause: 'cast',
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().detail).toBe(
      `this patient already has M62.562 (${first.json().title}), recorded 2025-03-01; a diagnosis is recorded once`,
    );
    const other = await world.request(world.clinicianOne, 'POST', path, { site: 'lower-leg', side: 'right' });
    expect(other.statusCode).toBe(201);
    const list = (await world.request(world.clinicianOne, 'GET', path)).json();
    expect(list.items.map((c: { icd10Code: string }) => c.icd10Code).sort()).toEqual(['M62.561', 'M62.562']);
  });

  it('refuses a patient name of only spaces, on create and on change', async () => {
    const created = await world.request(world.clinicianOne, 'POST', '/api/patients', { name: ' \t ' });
    expect(created.statusCode).toBe(422);
    expect(created.json().detail).toBe("the name is only spaces; give the patient's name");
    const changed = await world.request(world.clinicianOne, 'PATCH', `/api/patients/${world.patientOne}`, {
      name: '   ',
    });
    expect(changed.statusCode).toBe(422);
  });
});
