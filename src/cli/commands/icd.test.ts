import { describe, expect, it } from 'vitest';
import { command } from '../cli-test-fixtures.ts';

const run = command('icd');

describe('myotrophy icd', () => {
  it.each([
    {
      way: 'codes a site and side',
      args: ['--site', 'lower-leg', '--side', 'left'],
      found: { code: 'M62.562' },
    },
    { way: 'looks a code up', args: ['M62.562'], found: { site: 'lower-leg', side: 'left' } },
  ])('$way', ({ args, found }) => {
    const { status, stdout } = run(...args, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      ...found,
      title: 'Muscle wasting and atrophy, not elsewhere classified, left lower leg',
      billable: true,
    });
  });

  it('says a header is not billable and which codes to choose', () => {
    const { status, stdout } = run('M62.5A', '--json');
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.billable).toBe(false);
    expect(out.billableCodes).toEqual(['M62.5A0', 'M62.5A1', 'M62.5A2', 'M62.5A9']);
  });

  it('answers a code outside M62.5 with its title', () => {
    expect(JSON.parse(run('M62.84', '--json').stdout)).toMatchObject({ code: 'M62.84', title: 'Sarcopenia' });
  });

  it('exits 2 for malformed and unknown codes, saying which', () => {
    const malformed = run('M6-2', '--json');
    expect(malformed.status).toBe(2);
    expect(malformed.stdout).toBe('');
    expect(malformed.stderr).toMatch(/not a well-formed ICD-10-CM code/);
    const unknown = run('M62.563', '--json');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/M62\.563 is not a known ICD-10-CM code/);
  });

  it('exits 2 for an unknown site or a lateral site without a side', () => {
    const site = run('--site', 'knee', '--side', 'left', '--json');
    expect(site.status).toBe(2);
    expect(site.stderr).toMatch(/--site must be one of shoulder, upper-arm/);
    const side = run('--site', 'thigh', '--json');
    expect(side.status).toBe(2);
    expect(side.stderr).toMatch(/--side is required/);
  });
});
