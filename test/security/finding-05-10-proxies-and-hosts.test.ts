import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildAppOptions } from '../../src/api/app.ts';
import { publicUrlFromSetting, trustedProxiesFromSetting } from '../../src/api/public-address.ts';
import { serverAddressOptions } from '../../src/api/server-address-options.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Findings 5 and 10: TRUST_PROXY trusted every hop, so a forged X-Forwarded-For escaped the login
 * limit and forged audit addresses, and X-Forwarded-Host (or Host) flowed into FHIR links. Now
 * only a configured hop count or proxy CIDR list is believed, absolute links come from the
 * configured public URL, and a request for a host the server does not serve is refused.
 */
describe('finding 5: the proxy settings', () => {
  it('reads a hop count or a CIDR list, and refuses trusting everyone', () => {
    expect(trustedProxiesFromSetting(undefined)).toBeUndefined();
    expect(trustedProxiesFromSetting('0')).toBeUndefined();
    expect(trustedProxiesFromSetting('1')).toBe(1);
    expect(trustedProxiesFromSetting('10.0.0.0/8, ::1,loopback')).toEqual(['10.0.0.0/8', '::1', 'loopback']);
    for (const wrong of ['true', '*', 'proxy.local', '10.0.0.0/33', '0.0.0.0/0/1']) {
      expect(() => trustedProxiesFromSetting(wrong)).toThrow(/give the number of proxy hops/);
    }
  });

  it('reads the public URL and refuses one with a query or credentials', () => {
    expect(publicUrlFromSetting('https://myotrophy.clinic.example/')).toBe(
      'https://myotrophy.clinic.example',
    );
    expect(publicUrlFromSetting('https://clinic.example/myotrophy/')).toBe(
      'https://clinic.example/myotrophy',
    );
    expect(() => publicUrlFromSetting('https://a:b@clinic.example')).toThrow(/without credentials/);
    expect(() => publicUrlFromSetting('ftp://clinic.example')).toThrow(/http or https/);
    expect(() => publicUrlFromSetting('clinic')).toThrow(/is not a URL/);
  });

  it('serve answers for the public URL host only, or for local names without one', () => {
    const withUrl = serverAddressOptions('127.0.0.1', {
      MYOTROPHY_PUBLIC_URL: 'https://myotrophy.clinic.example',
      MYOTROPHY_TRUST_PROXY: '1',
    });
    expect(withUrl).toEqual({
      publicUrl: 'https://myotrophy.clinic.example',
      trustProxy: 1,
      allowedHosts: [],
    });
    expect(serverAddressOptions('127.0.0.1', {}).allowedHosts).toEqual([
      'localhost',
      '127.0.0.1',
      '::1',
      '127.0.0.1',
    ]);
  });
});

describe.each(testDatabases)('findings 5 and 10 on $name', (kind) => {
  const worlds: ApiWorld[] = [];
  afterAll(async () => {
    for (const world of worlds) await world.close();
  });
  const world = async (options: BuildAppOptions) => {
    const made = await makeApiWorld(kind, options);
    worlds.push(made);
    return made;
  };

  /** The address the audit trail recorded for one request, found by its user agent. */
  const auditedAddress = async (w: ApiWorld, headers: Record<string, string>, remoteAddress: string) => {
    const userAgent = `probe-${Math.random()}`;
    const response = await w.app.inject({
      method: 'GET',
      url: `/api/patients/${w.patientOne}`,
      remoteAddress,
      headers: { authorization: `Bearer ${w.clinicianOne.token}`, 'user-agent': userAgent, ...headers },
    });
    expect(response.statusCode).toBe(200);
    const row = await w.database.db
      .selectFrom('audit_events')
      .select('ip')
      .where('user_agent', '=', userAgent)
      .executeTakeFirstOrThrow();
    return row.ip;
  };

  let direct: ApiWorld;
  let oneHop: ApiWorld;
  let cidr: ApiWorld;
  let behindUrl: ApiWorld;
  beforeAll(async () => {
    direct = await world({});
    oneHop = await world({ trustProxy: 1 });
    cidr = await world({ trustProxy: ['10.0.0.0/8'] });
    behindUrl = await world({
      trustProxy: 1,
      publicUrl: 'https://myotrophy.clinic.example',
      allowedHosts: ['localhost'],
    });
  }, 120_000);

  const forged = { 'x-forwarded-for': '203.0.113.66, 198.51.100.7' };

  it('without a trusted proxy, X-Forwarded-For is ignored', async () => {
    expect(await auditedAddress(direct, forged, '192.0.2.1')).toBe('192.0.2.1');
  });

  it('with one trusted hop, only the address the proxy saw is believed, not what the client wrote', async () => {
    expect(await auditedAddress(oneHop, forged, '10.0.0.5')).toBe('198.51.100.7');
  });

  it('with a CIDR list, only proxies in it are believed', async () => {
    expect(await auditedAddress(cidr, forged, '10.0.0.5')).toBe('198.51.100.7');
    expect(await auditedAddress(cidr, forged, '192.0.2.1')).toBe('192.0.2.1');
    expect(await auditedAddress(cidr, { 'x-forwarded-for': '198.51.100.7, 10.9.9.9' }, '10.0.0.5')).toBe(
      '198.51.100.7',
    );
  });

  it('refuses a Host, or a trusted X-Forwarded-Host, the server does not serve', async () => {
    for (const headers of [
      { host: 'evil.example' },
      { host: 'localhost', 'x-forwarded-host': 'evil.example' },
    ]) {
      const response = await behindUrl.app.inject({
        method: 'GET',
        url: '/api/health',
        remoteAddress: '10.0.0.5',
        headers,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().detail).toBe(
        "this server does not answer for host 'evil.example'; it answers for localhost, myotrophy.clinic.example",
      );
    }
    const served = await behindUrl.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'myotrophy.clinic.example' },
    });
    expect(served.statusCode).toBe(200);
  });

  it('builds FHIR Bundle links from the public URL whatever Host was sent', async () => {
    await behindUrl.request(
      behindUrl.clinicianOne,
      'POST',
      `/api/patients/${behindUrl.patientOne}/conditions`,
      {
        icd10Code: 'M62.562',
      },
    );
    const response = await behindUrl.app.inject({
      method: 'GET',
      url: `/fhir/R4/Condition?patient=${behindUrl.patientOne}`,
      headers: { authorization: `Bearer ${behindUrl.clinicianOne.token}`, host: 'localhost:8080' },
    });
    expect(response.statusCode).toBe(200);
    const bundle = response.json() as Bundle;
    const urls = [...(bundle.link ?? []).map((l) => l.url), ...(bundle.entry ?? []).map((e) => e.fullUrl)];
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) expect(url).toMatch(/^https:\/\/myotrophy\.clinic\.example\/fhir\/R4\//);
  });
});
