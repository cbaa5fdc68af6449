import { describe, expect, it } from 'vitest';
import { apiWorldForSuite, PASSWORD } from '../../test/api-world.ts';
import { testDatabases } from '../../test/databases.ts';

function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(list.map((c) => [c.split('=')[0] as string, c]));
}

describe.each(testDatabases)('authentication on $name', (kind) => {
  const world = apiWorldForSuite(kind);

  const login = (email: string, password = PASSWORD, ip = '127.0.0.1') =>
    world.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await login('ada@home.test');
    expect(response.statusCode).toBe(200);
    const cookies = cookiesOf(response.headers['set-cookie']);
    expect(cookies.myotrophy_session).toMatch(/HttpOnly/);
    expect(cookies.myotrophy_session).toMatch(/SameSite=Strict/);
    expect(cookies.myotrophy_csrf).not.toMatch(/HttpOnly/);
    expect(response.json().user).toEqual({
      id: world.patientUserOne.id,
      email: 'ada@home.test',
      name: 'ada',
      role: 'patient',
      patientId: world.patientOne,
      clinicianRole: false,
      language: 'en',
    });
  });

  it('needs the CSRF header for state-changing cookie requests, not for reads', async () => {
    const loggedIn = await login('ada@home.test');
    const { token, csrfToken } = loggedIn.json();
    const cookie = { myotrophy_session: token };
    const read = await world.app.inject({ method: 'GET', url: '/api/me', cookies: cookie });
    expect(read.statusCode).toBe(200);
    expect(read.json().csrfToken).toBe(csrfToken);
    const url = `/api/patients/${world.patientOne}/notes`;
    const without = await world.app.inject({ method: 'POST', url, cookies: cookie, payload: { text: 'hi' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toBe(
      'a POST with the session cookie needs the x-csrf-token header from login',
    );
    const wrong = await world.app.inject({
      method: 'POST',
      url,
      cookies: cookie,
      headers: { 'x-csrf-token': 'x'.repeat(csrfToken.length) },
      payload: { text: 'hi' },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await world.app.inject({
      method: 'POST',
      url,
      cookies: cookie,
      headers: { 'x-csrf-token': csrfToken },
      payload: { text: 'hi' },
    });
    expect(right.statusCode).toBe(201);
  });

  it('revokes the token on logout', async () => {
    const { token } = (await login('one@clinic.test')).json();
    const auth = { authorization: `Bearer ${token}` };
    expect((await world.app.inject({ method: 'GET', url: '/api/me', headers: auth })).statusCode).toBe(200);
    expect(
      (await world.app.inject({ method: 'POST', url: '/api/auth/logout', headers: auth })).statusCode,
    ).toBe(204);
    const after = await world.app.inject({ method: 'GET', url: '/api/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toBe('the bearer token is unknown, expired or logged out; log in again');
  });

  it('refuses malformed and unknown tokens with 401', async () => {
    for (const authorization of ['Basic abc', 'Bearer short', `Bearer ${'A'.repeat(43)}`]) {
      const response = await world.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('stores argon2id hashes, never the password', async () => {
    const row = await world.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'ada@home.test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe.each(testDatabases)('login rate limit on $name', (kind) => {
  const world = apiWorldForSuite(kind, { loginAttemptsPerMinute: 3 });

  it('answers 429 problem+json after the allowed attempts from one address', async () => {
    const attempt = (ip: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'one@clinic.test', password: 'wrong password' },
        remoteAddress: ip,
      });
    // makeApiWorld's own six logins came from 127.0.0.1; use fresh addresses.
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await attempt('10.9.9.9')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt('10.9.9.9');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect((await attempt('10.9.9.10')).statusCode).toBe(401);
  });
});
