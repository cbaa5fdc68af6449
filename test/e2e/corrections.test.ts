/**
 * Correcting a record in the clinician's patient page (issue 17 item 3), in Chromium against a real
 * server, at desktop width and 390 px: a mistyped measurement is marked entered in error with a
 * reason, leaves the latest values and the trajectory, and stays visible struck through; axe
 * finds no violation with the correction form open.
 */

import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let web: WebAppInChromium;
let database: Database;
let patientId: string;

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate<{ violations: { id: string; nodes: { target: string[] }[] }[] }>(
    "axe.run(document, { resultTypes: ['violations'] })",
  );
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The trajectory's measured values, as the page's own API answers them. */
function trajectoryValues(page: Page): Promise<number[]> {
  return page.evaluate(async (id) => {
    const overview = (await (await fetch(`/api/patients/${id}/overview`)).json()) as {
      trajectory: { series: { points: { value: number }[] }[] };
    };
    return overview.trajectory.series.flatMap((s: { points: { value: number }[] }) =>
      s.points.map((p) => p.value),
    );
  }, patientId);
}

describe.skipIf(!chromiumAvailable)('correcting a record in Chromium', () => {
  beforeAll(async () => {
    database = await openDatabase();
    const demo = await loadDemo(database.db, { today: new Date() });
    const first = demo.patients[0];
    if (!first) throw new Error('the demo loaded no patient');
    patientId = first.id;
    web = await openWebAppInChromium(database, 'myotrophy-e2e-corrections-');
  }, 180_000);

  afterAll(async () => {
    for (const open of [web, database]) await open?.close();
  });

  for (const [width, typo] of [
    [1280, 30.1],
    [390, 30.2],
  ] as const) {
    it(`marks a mistyped measurement entered in error at ${width} px`, async () => {
      const page = await (
        await web.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true })
      ).newPage();
      const login = await page.request.post(`${web.baseUrl}/api/auth/login`, {
        data: { email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD },
      });
      expect(login.status()).toBe(200);
      await page.goto(web.baseUrl);
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      // The typo, on the side and site where the demo last measured the calf.
      await page.evaluate(
        async ({ id, value }) => {
          const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
          const list = (await (await fetch(`/api/patients/${id}/measurements?limit=5000`)).json()) as {
            items: { kind: string; side: string; site: string; measuredAt: string }[];
          };
          const calf = list.items.filter((m) => m.kind === 'circumference').at(-1);
          if (!calf) throw new Error('the demo patient has no circumference');
          await fetch(`/api/patients/${id}/measurements`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({
              kind: 'circumference',
              value,
              side: calf.side,
              site: calf.site,
              // A minute after the last calf measurement, so it is the latest one shown.
              measuredAt: new Date(Date.parse(calf.measuredAt) + 60_000).toISOString(),
            }),
          });
        },
        { id: patientId, value: typo },
      );
      expect(await trajectoryValues(page)).toContain(typo);
      await page.goto(`${web.baseUrl}/patients/${patientId}`);
      const row = page.locator('#measurements tr', { hasText: `${typo} cm` });
      await row.locator('summary', { hasText: 'Correct…' }).click();
      const form = row.getByRole('form');
      await form.getByLabel('Reason').fill('mistyped: the tape read 36.1 cm');
      expect(await axeViolations(page)).toEqual([]);
      await form.getByRole('button', { name: 'Entered in error' }).click();
      const history = page.locator('#measurements details', { hasText: 'Corrected measurements' });
      await history.locator('summary').click();
      await expect
        .poll(async () => (await history.textContent()) ?? '')
        .toMatch(new RegExp(`${typo} cm.*\\(entered in error\\)`));
      expect(await history.locator('s').count()).toBeGreaterThan(0);
      expect(await page.locator('#measurements table tr', { hasText: `${typo} cm` }).count()).toBe(0);
      expect(await trajectoryValues(page)).not.toContain(typo);
      expect(await axeViolations(page)).toEqual([]);
      const extra = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(extra).toBeLessThanOrEqual(1);
    }, 120_000);
  }
});
