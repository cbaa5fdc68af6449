import { describe, expect, it } from 'vitest';
import { firstScreenHints, withFirstScreenHints } from './first-screen-hints.ts';

/** A manifest shaped as Vite writes it: the entry, two pages, and code they share. */
const MANIFEST = {
  'index.html': { file: 'assets/index-a1.js', isEntry: true, imports: ['_jsx-runtime.js'] },
  '_jsx-runtime.js': { file: 'assets/jsx-runtime-b2.js' },
  '_hooks.js': { file: 'assets/hooks-c3.js', imports: ['_jsx-runtime.js'] },
  '_words.js': { file: 'assets/words-d4.js', imports: ['_hooks.js'] },
  'src/pages/patient-home.tsx': {
    file: 'assets/patient-home-e5.js',
    imports: ['_words.js', '_jsx-runtime.js'],
  },
  'src/pages/patient-page.tsx': { file: 'assets/patient-page-f6.js', imports: ['_hooks.js'] },
};
const PATIENT = '2b1c7d0e-8f3a-4c5b-9d6e-0a1b2c3d4e5f';
const NOON = Date.parse('2026-12-06T12:00:00Z');

describe('first-screen hints', () => {
  it("name a patient's Today answers and the page's code not already in the entry, for their own record", () => {
    const hints = firstScreenHints({ role: 'patient', patientId: PATIENT }, '', MANIFEST, NOON);
    expect(hints.fetches).toEqual([
      '/api/setup',
      '/api/me',
      `/api/patients/${PATIENT}/overview`,
      `/api/patients/${PATIENT}/today`,
      `/api/patients/${PATIENT}/sessions?from=2026-10-25T00:00:00.000Z&limit=5000`,
      `/api/patients/${PATIENT}/questionnaires-due`,
      '/api/clinic/catalogue',
    ]);
    expect(hints.modules).toEqual([
      '/assets/patient-home-e5.js',
      '/assets/words-d4.js',
      '/assets/hooks-c3.js',
    ]);
  });

  it("name the clinician's patient summary for the patient in the address, and only the app's start elsewhere", () => {
    const clinician = { role: 'clinician' as const, patientId: null };
    const page = firstScreenHints(clinician, `patients/${PATIENT}`, MANIFEST, NOON);
    expect(page.fetches).toEqual([
      '/api/setup',
      '/api/me',
      `/api/patients/${PATIENT}/overview`,
      '/api/clinic/catalogue',
    ]);
    expect(page.modules).toEqual(['/assets/patient-page-f6.js', '/assets/hooks-c3.js']);
    expect(firstScreenHints(clinician, 'people', MANIFEST, NOON)).toEqual({
      fetches: ['/api/setup', '/api/me'],
      modules: [],
    });
    // A patient's other pages, and a patient's attempt at a staff address, get no record hints.
    expect(
      firstScreenHints({ role: 'patient', patientId: PATIENT }, `patients/${PATIENT}`, MANIFEST).fetches,
    ).toEqual(['/api/setup', '/api/me']);
  });

  it('leave the code out when the build has no manifest', () => {
    expect(firstScreenHints({ role: 'patient', patientId: PATIENT }, '', undefined, NOON).modules).toEqual(
      [],
    );
  });

  it('write the links at the end of the head, with & escaped in addresses', () => {
    const html = withFirstScreenHints('<html><head><title>M</title></head><body></body></html>', {
      fetches: ['/api/a?x=1&y=2'],
      modules: ['/assets/b.js'],
    });
    expect(html).toBe(
      '<html><head><title>M</title><link rel="preload" href="/api/a?x=1&amp;y=2" as="fetch" crossorigin>' +
        '<link rel="modulepreload" href="/assets/b.js" crossorigin></head><body></body></html>',
    );
  });
});
