import {
  ACCESSIBILITY_SCORE_GOAL,
  FIRST_LOAD_JS_GZIP_KB_GOAL,
  firstLoadJavaScript,
  lighthouseScores,
  openPerformanceWorld,
  PERFORMANCE_SCORE_GOAL,
} from '../test/web-performance.ts';
import type { Benchmark } from './harness.ts';

/**
 * The web app on a phone (issue 17): the first visit's JavaScript (raw, gzip, brotli) against the
 * 150 KB gzip goal, and Lighthouse's mobile performance and accessibility scores (median of
 * MYOTROPHY_LIGHTHOUSE_RUNS, default 3) for the login page, the patient's Today page and the
 * clinician's patient page against 90 and 95. The timed work is the production build itself.
 */
const RUNS = Number(process.env.MYOTROPHY_LIGHTHOUSE_RUNS ?? 3);

export const benchmarks: Benchmark[] = [
  {
    name: 'web: first-load JavaScript and Lighthouse mobile scores',
    description: `production build served by the real server; Lighthouse ${RUNS}× per page (median)`,
    runs: 1,
    setup: async () => {
      const world = await openPerformanceWorld();
      try {
        const first = await firstLoadJavaScript(world.webDir);
        const lighthouse = await lighthouseScores(world, RUNS);
        figures = {
          firstLoadJavaScript: { ...first, goalGzipKB: FIRST_LOAD_JS_GZIP_KB_GOAL },
          lighthouse: {
            ...lighthouse,
            goals: { performance: PERFORMANCE_SCORE_GOAL, accessibility: ACCESSIBILITY_SCORE_GOAL },
          },
          metGoals:
            first.gzipKB <= FIRST_LOAD_JS_GZIP_KB_GOAL &&
            lighthouse.pages.every(
              (p) => p.performance >= PERFORMANCE_SCORE_GOAL && p.accessibility >= ACCESSIBILITY_SCORE_GOAL,
            ),
        };
      } finally {
        await world.close();
      }
      return () => figures;
    },
    derived: () => figures as Record<string, never>,
  },
];

let figures: Record<string, unknown> = {};
