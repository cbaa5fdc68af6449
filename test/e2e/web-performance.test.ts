/**
 * Issue 17's size goal, checked against the production build: the JavaScript a first visit
 * downloads is at most 150 KB gzip. The Lighthouse scores are asserted by
 * test/lighthouse/web-scores.test.ts, which runs alone after the other tests, and printed by
 * `npm run bench -- --only web`.
 */

import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patientHomeFirstScreen } from '../../src/shared/page-requests.ts';
import { CHROMIUM, CHROMIUM_FLAGS, chromiumAvailable } from '../chromium.ts';
import {
  calibratedRun,
  cpuSlowdownFor,
  FIRST_LOAD_JS_GZIP_KB_GOAL,
  firstLoadJavaScript,
  openPerformanceWorld,
  type PerformanceWorld,
} from '../web-performance.ts';

describe('CPU slowdown calibrated to the host as Lighthouse advises', () => {
  it('keeps 4× on a fast host and scales down on a slower one, with no jump between anchors', () => {
    expect(cpuSlowdownFor(2928)).toBe(4);
    expect(cpuSlowdownFor(1533)).toBe(4);
    expect(cpuSlowdownFor(1300)).toBe(3);
    expect(cpuSlowdownFor(1001)).toBe(2.4);
    expect(cpuSlowdownFor(999)).toBe(2.4);
    expect(cpuSlowdownFor(800)).toBe(2);
    expect(cpuSlowdownFor(475)).toBe(1.5);
    expect(cpuSlowdownFor(100)).toBe(1);
    expect(cpuSlowdownFor(Number.NaN)).toBe(4);
  });

  it('measures a run again, once, when its own host was slower than the slowdown assumed', async () => {
    const run = (benchmarkIndex: number, cpuSlowdown: number, performance: number) => ({
      benchmarkIndex,
      cpuSlowdown,
      performance,
      accessibility: 100,
      largestContentfulPaintMs: 2000,
      totalBlockingTimeMs: 100,
    });
    const asked: number[] = [];
    const hosts = [1098, 1250];
    const audit = async (slowdown: number) => {
      asked.push(slowdown);
      return run(hosts[asked.length - 1] ?? 0, slowdown, asked.length === 1 ? 82 : 93);
    };
    const again = await calibratedRun(audit, 4);
    // 1,098 calls for 2.6×; the second run is kept even though its own host (1,250) was slower still.
    expect(asked).toEqual([4, 2.6]);
    expect(again).toMatchObject({ cpuSlowdown: 2.6, performance: 93, benchmarkIndex: 1250 });
    expect(again.replaced).toEqual({ benchmarkIndex: 1098, cpuSlowdown: 4, performance: 82 });

    // A host as fast as assumed, or within a quarter of the multiplier, keeps its one run.
    for (const benchmarkIndex of [2405, 1500]) {
      const once: number[] = [];
      const kept = await calibratedRun(async (slowdown) => {
        once.push(slowdown);
        return run(benchmarkIndex, slowdown, 95);
      }, 4);
      expect(once).toEqual([4]);
      expect(kept.replaced).toBeUndefined();
    }
  });
});

describe.skipIf(!chromiumAvailable)('web app first load', () => {
  let world: PerformanceWorld;

  beforeAll(async () => {
    world = await openPerformanceWorld();
  }, 180_000);

  afterAll(async () => {
    await world?.close();
  });

  it('downloads at most 150 KB gzip of JavaScript on a first visit, without the charts', async () => {
    const first = await firstLoadJavaScript(world.webDir);
    process.stdout.write(`${JSON.stringify({ firstLoadJavaScript: first })}\n`);
    expect(first.gzipKB).toBeLessThanOrEqual(FIRST_LOAD_JS_GZIP_KB_GOAL);
    // Recharts and the programme designer load on demand, so most of the app is not in the first load.
    expect(first.files.join(' ')).not.toMatch(/Chart|programme-designer|patient-page/);
    expect(first.rawKB).toBeLessThan(first.totalRawKB / 2);
  });

  it("starts the patient's Today answers and page code from the page itself, each fetched once, and loads the date data in a worker", async () => {
    const today = world.pages.find((page) => page.name === 'patient-today');
    const [name, value] = (today?.cookie ?? '').split('=') as [string, string];
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const context = await browser.newContext();
      await context.addCookies([{ name, value, url: world.baseUrl }]);
      const page = await context.newPage();
      // The browser's date data is read in a worker that ends once it has (web/src/i18n/date-data.ts).
      const dateDataWorker = new Promise<string>((ended) =>
        page.once('worker', (worker) => worker.once('close', () => ended(new URL(worker.url()).pathname))),
      );
      const html = await (await page.goto(world.baseUrl))?.text();
      expect(await dateDataWorker).toMatch(/^\/assets\/date-data-worker-[^/]+\.js$/);
      await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
      const fetched = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => {
          const timing = entry as unknown as {
            initiatorType: string;
            startTime: number;
            responseEnd: number;
          };
          const url = new URL(entry.name);
          return {
            url: url.pathname + url.search,
            by: timing.initiatorType,
            startMs: timing.startTime,
            endMs: timing.responseEnd,
          };
        }),
      );
      const patientId = /\/api\/patients\/([0-9a-f-]{36})\/today/.exec(html ?? '')?.[1] ?? '';
      expect(patientId).not.toBe('');
      for (const path of patientHomeFirstScreen(patientId)) {
        expect(html).toContain(`href="${path.replaceAll('&', '&amp;')}" as="fetch"`);
        // One request, made by the page's link: the app's own request took the preloaded answer.
        expect(
          fetched.filter((f) => f.url === path).map((f) => f.by),
          path,
        ).toEqual(['link']);
      }
      // The page's code is asked for once, before the app has even heard who is logged in.
      const homeCode = fetched.filter((f) => /\/assets\/patient-home-[^/]+\.js$/.test(f.url));
      const me = fetched.find((f) => f.url === '/api/me');
      expect(homeCode).toHaveLength(1);
      expect(homeCode[0]?.startMs).toBeLessThan(me?.endMs ?? 0);
    } finally {
      await browser.close();
    }
  });
});
