import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { myotrophy, tempDir } from '../../../test/cli.ts';

describe('myotrophy user', () => {
  it('adds and lists accounts in the embedded database, refusing duplicates and weak passwords', () => {
    const data = join(tempDir('user'), 'data');
    const env = { MYOTROPHY_PASSWORD: 'a long enough secret' };
    const add = myotrophy(
      [
        'user',
        'add',
        '--email',
        'Chief@Clinic.test',
        '--name',
        'Chief',
        '--role',
        'admin',
        '--data',
        data,
        '--json',
      ],
      env,
    );
    expect(add.status, add.stderr).toBe(0);
    const created = JSON.parse(add.stdout).user;
    expect(created).toMatchObject({
      email: 'chief@clinic.test',
      name: 'Chief',
      role: 'admin',
      patientId: null,
    });

    const again = myotrophy(
      ['user', 'add', '--email', 'chief@clinic.test', '--name', 'X', '--role', 'admin', '--data', data],
      env,
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('a user with email chief@clinic.test already exists');

    const weak = myotrophy(
      ['user', 'add', '--email', 'b@clinic.test', '--name', 'B', '--role', 'clinician', '--data', data],
      {
        MYOTROPHY_PASSWORD: 'short',
      },
    );
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('password must be 10 to 256 characters; got 5');

    const patient = myotrophy(
      ['user', 'add', '--email', 'p@home.test', '--name', 'P', '--role', 'patient', '--data', data],
      env,
    );
    expect(patient.status).toBe(2);
    expect(patient.stderr).toContain('a patient account needs --patient-id');

    const list = myotrophy(['user', 'list', '--data', data, '--json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).users).toEqual([
      { id: created.id, email: 'chief@clinic.test', name: 'Chief', role: 'admin', patientId: null },
    ]);
  }, 180_000);
});
