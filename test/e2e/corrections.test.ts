/**
 * Correcting a record in the clinician's patient page (issue 17 item 3), in Chromium against a real
 * server, at desktop width and 390 px: a mistyped measurement is marked entered in error with a
 * reason, leaves the latest values and the trajectory, and stays visible struck through; a
 * diagnosis amended shows its history with the reason; a session entered in error leaves the
 * adherence count; axe finds no violation with the correction form open. At 390 px the latest
 * sessions fit the screen with no word broken across lines.
 */

import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN_EMAIL, DEMO_CLINICIAN_PASSWORD, loadDemo } from '../../src/api/demo-loader.ts';
import type { Database } from '../../src/store/database.ts';
import { chromiumAvailable, openWebAppInChromium, type WebAppInChromium } from '../chromium.ts';
import { openMigratedPglite } from '../pglite-image.ts';

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

/** A clinician's page at a width, logged in, on the demo patient's page. */
async function clinicianPage(width: number): Promise<Page> {
  const page = await (
    await web.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true })
  ).newPage();
  const login = await page.request.post(`${web.baseUrl}/api/auth/login`, {
    data: { email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD },
  });
  expect(login.status()).toBe(200);
  await page.goto(`${web.baseUrl}/patients/${patientId}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/**
 * Marks the record in `row` entered in error with `reason` (axe finds nothing with the form open),
 * then opens the corrected records of `section`.
 */
async function enterInError(page: Page, row: Locator, reason: string, section: string): Promise<Locator> {
  await row.locator('summary', { hasText: 'Correct…' }).click();
  const form = row.getByRole('form');
  await form.getByLabel('Reason').fill(reason);
  expect(await axeViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Entered in error' }).click();
  const corrected = page.locator(`${section} details.corrected`);
  await corrected.locator('summary').first().click();
  return corrected;
}

/** No axe violation, and nothing wider than the screen. */
async function expectAxeCleanAndFitting(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  const extra = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(extra).toBeLessThanOrEqual(1);
}

/** How many sessions the overview counts (current ones only). */
function sessionsCounted(page: Page): Promise<number> {
  return page.evaluate(async (id) => {
    const overview = (await (await fetch(`/api/patients/${id}/overview`)).json()) as {
      sessions: { total: number };
    };
    return overview.sessions.total;
  }, patientId);
}

/** Words in `selector` that the browser broke across two lines. */
function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const broken = [];
    for (const root of document.querySelectorAll(${JSON.stringify(selector)})) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  })()`);
}

describe.skipIf(!chromiumAvailable)('correcting a record in Chromium', () => {
  beforeAll(async () => {
    database = await openMigratedPglite();
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
      const page = await clinicianPage(width);
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
      const history = await enterInError(page, row, 'mistyped: the tape read 36.1 cm', '#measurements');
      await expect
        .poll(async () => (await history.textContent()) ?? '')
        .toMatch(new RegExp(`${typo} cm.*\\(entered in error\\)`));
      expect(await history.locator('s').count()).toBeGreaterThan(0);
      expect(await page.locator('#measurements table tr', { hasText: `${typo} cm` }).count()).toBe(0);
      expect(await trajectoryValues(page)).not.toContain(typo);
      await expectAxeCleanAndFitting(page);
    }, 120_000);
  }

  for (const [width, onset] of [
    [1280, '2024-01-02'],
    [390, '2024-01-03'],
  ] as const) {
    it(`amends a diagnosis with a reason and shows its history at ${width} px`, async () => {
      const page = await clinicianPage(width);
      const diagnosis = page.locator('#diagnosis li').first();
      await diagnosis.locator('summary', { hasText: 'Correct…' }).click();
      const form = diagnosis.getByRole('form');
      await form.getByLabel('Onset').fill(onset);
      await form.getByLabel('Reason').fill(`onset misread from the referral letter (${width})`);
      expect(await axeViolations(page)).toEqual([]);
      await form.getByRole('button', { name: 'Correct', exact: true }).click();
      const amended = page.locator('#diagnosis li', {
        hasText: `onset ${onset.slice(8, 10).replace(/^0/, '')} Jan 2024`,
      });
      await amended.locator('summary', { hasText: 'History' }).click();
      const history = amended.locator('details.history ol');
      await expect
        .poll(async () => (await history.textContent()) ?? '')
        .toContain(`onset misread from the referral letter (${width})`);
      // The version it replaced, struck through and called corrected; the amendment is current.
      expect(await history.locator('li s').count()).toBeGreaterThan(0);
      expect(await history.textContent()).toMatch(/\(corrected\).*\(current\)$/s);
      expect(await page.locator('#diagnosis li', { hasText: 'Correct…' }).count()).toBe(1);
      await expectAxeCleanAndFitting(page);
    }, 120_000);

    it(`marks a session entered in error, which leaves the adherence count, at ${width} px`, async () => {
      const page = await clinicianPage(width);
      const before = await sessionsCounted(page);
      const sessions = page.locator('#adherence');
      await sessions.scrollIntoViewIfNeeded();
      const row = sessions.locator('table.stacked tbody tr').first();
      const when = (await row.locator('th').textContent()) ?? '';
      const corrected = await enterInError(page, row, 'logged twice by a double tap', '#adherence');
      await expect.poll(async () => (await corrected.textContent()) ?? '').toContain(when);
      expect(await corrected.textContent()).toContain('(entered in error)');
      expect(await sessionsCounted(page)).toBe(before - 1);
      await expectAxeCleanAndFitting(page);
      if (width === 390) {
        // A phone: the latest sessions are cards that fit the screen, no word broken in two.
        const table = await sessions.locator('table.stacked').boundingBox();
        expect(table?.width).toBeLessThanOrEqual(390);
        expect(await brokenWords(page, '#adherence table.stacked')).toEqual([]);
      }
    }, 120_000);
  }
});
