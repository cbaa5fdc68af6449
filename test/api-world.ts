import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type BuildAppOptions, buildApp } from '../src/api/app.ts';
import { hashPassword } from '../src/api/passwords.ts';
import type { Database } from '../src/store/database.ts';
import { addCareTeamMember } from '../src/store/records/care-team.ts';
import { createPatient } from '../src/store/records/patients.ts';
import { createUser } from '../src/store/records/users.ts';
import type { Role } from '../src/store/schema.ts';
import type { TestDatabaseKind } from './databases.ts';

/**
 * A small clinic for API tests: two patients, each with a clinician on their care team and a
 * patient account, plus an admin on no care team and an admin who explicitly holds the clinician
 * role on patient one's care team.
 */
export const PASSWORD = 'correct horse battery';

export interface Person {
  id: string;
  email: string;
  role: Role;
  token: string;
}

export interface ApiWorld {
  database: Database;
  app: FastifyInstance;
  patientOne: string;
  patientTwo: string;
  admin: Person;
  teamAdmin: Person;
  clinicianOne: Person;
  clinicianTwo: Person;
  patientUserOne: Person;
  patientUserTwo: Person;
  request(
    person: Person | undefined,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    /** More request headers (e.g. an Idempotency-Key). */
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function makeApiWorld(
  kind: Pick<TestDatabaseKind, 'name' | 'open'>,
  options: BuildAppOptions = {},
): Promise<ApiWorld> {
  const database = await kind.open();
  const app = await buildApp(database, { loginAttemptsPerMinute: 1000, ...options });
  const db = database.db;
  const passwordHash = await hashPassword(PASSWORD);
  const make = async (email: string, role: Role, patientId: string | null = null, clinicianRole = false) => {
    const user = await createUser(db, {
      email,
      name: email.split('@')[0] ?? email,
      role,
      passwordHash,
      patientId,
      clinicianRole,
    });
    return user;
  };
  const admin = await make('admin@clinic.test', 'admin');
  const teamAdmin = await make('team-admin@clinic.test', 'admin', null, true);
  const clinicianOne = await make('one@clinic.test', 'clinician');
  const clinicianTwo = await make('two@clinic.test', 'clinician');
  const patientOne = await createPatient(
    db,
    { name: 'Ada One', birthDate: '1950-01-02', sex: 'female' },
    clinicianOne.id,
  );
  const patientTwo = await createPatient(db, { name: 'Bo Two', sex: 'male' }, clinicianTwo.id);
  await addCareTeamMember(db, patientOne.id, clinicianOne.id, admin.id);
  await addCareTeamMember(db, patientOne.id, teamAdmin.id, admin.id);
  await addCareTeamMember(db, patientTwo.id, clinicianTwo.id, admin.id);
  const patientUserOne = await make('ada@home.test', 'patient', patientOne.id);
  const patientUserTwo = await make('bo@home.test', 'patient', patientTwo.id);

  let address = 0;
  const login = async (user: { id: string; email: string; role: Role }): Promise<Person> => {
    address += 1;
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: `127.0.0.${address}`,
      payload: { email: user.email, password: PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`login ${user.email}: ${response.body}`);
    return { id: user.id, email: user.email, role: user.role, token: response.json().token };
  };
  const people = await Promise.all(
    [admin, teamAdmin, clinicianOne, clinicianTwo, patientUserOne, patientUserTwo].map(login),
  );
  const [a, ta, c1, c2, p1, p2] = people as [Person, Person, Person, Person, Person, Person];
  return {
    database,
    app,
    patientOne: patientOne.id,
    patientTwo: patientTwo.id,
    admin: a,
    teamAdmin: ta,
    clinicianOne: c1,
    clinicianTwo: c2,
    patientUserOne: p1,
    patientUserTwo: p2,
    request: (person, method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { ...headers, ...(person ? { authorization: `Bearer ${person.token}` } : {}) },
        ...(body !== undefined ? { payload: body as object } : {}),
      }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * The ApiWorld of one describe block: made before its tests and closed after them. The object is
 * returned at once and filled in before the first test, so the block can hold it as a constant.
 */
export function apiWorldForSuite(kind: TestDatabaseKind, options: BuildAppOptions = {}): ApiWorld {
  const world = {} as ApiWorld;
  beforeAll(async () => {
    Object.assign(world, await makeApiWorld(kind, options));
  }, 60_000);
  afterAll(async () => world.close?.());
  return world;
}
