import { describe, expect, it } from 'vitest';
import { judgeLoad, judgeMemory, type MemorySample, runLoad } from './load.ts';
import type { SeededClinic } from './seed.ts';
import { fixtureServer, residentMb, startServer, stopServer } from './server-process.ts';

/**
 * The load and soak checkers against deliberately broken servers (the real runs are in
 * `npm run test:stress`): one that answers 500 to every 50th request, and one that keeps 64 KiB
 * of every request alive. Each checker must report its failure; a healthy run must pass.
 */
const clinic: SeededClinic = {
  adminToken: 'x',
  clinicianToken: 'x',
  patients: [{ patientId: '00000000-0000-4000-8000-000000000000', token: 'x'.repeat(43) }],
};
const FIXTURE = fixtureServer('test/stress/fixtures/leaky-server.ts');

describe('the load checker', () => {
  it('passes a server that answers every request, and reports one that fails some', async () => {
    const healthy = await startServer({ args: [...FIXTURE, '--leak-kib', '0'] });
    const broken = await startServer({ args: [...FIXTURE, '--leak-kib', '0', '--fail-every', '50'] });
    try {
      const good = await runLoad({ url: healthy.url, clinic, connections: 10, durationS: 2 });
      expect(judgeLoad(good)).toEqual({ ok: true, problems: [] });
      const bad = await runLoad({ url: broken.url, clinic, connections: 10, durationS: 2 });
      const verdict = judgeLoad(bad);
      expect(verdict.ok).toBe(false);
      expect(bad.non2xx).toBeGreaterThan(0);
      expect(verdict.problems[0]).toMatch(/answers were not 2xx.*"500"/);
    } finally {
      await stopServer(healthy);
      await stopServer(broken);
    }
  }, 60_000);
});

describe('the memory checker', () => {
  it('reports a server that keeps 64 KiB per request', async () => {
    const server = await startServer({ args: FIXTURE });
    const samples: MemorySample[] = [];
    const started = performance.now();
    const sample = () =>
      samples.push({ atS: (performance.now() - started) / 1000, rssMb: residentMb(server.pid) });
    const timer = setInterval(sample, 250);
    try {
      await runLoad({ url: server.url, clinic, connections: 10, durationS: 6 });
      sample();
    } finally {
      clearInterval(timer);
      await stopServer(server);
    }
    const verdict = judgeMemory(samples, { warmupS: 1, windowS: 1.5 });
    expect(verdict.ok).toBe(false);
    expect(verdict.growthMb).toBeGreaterThan(40);
    expect(verdict.problems.join()).toMatch(/RSS grew/);
  }, 60_000);

  it('passes a flat series with noise and reports a slow steady climb', () => {
    const flat = Array.from({ length: 61 }, (_, i) => ({ atS: i * 5, rssMb: 400 + 15 * Math.sin(i) }));
    expect(judgeMemory(flat).ok).toBe(true);
    // 12 MB a minute: 48 MB over the 4 minutes after warm-up.
    const climbing = flat.map((s) => ({ ...s, rssMb: s.rssMb + (12 * s.atS) / 60 }));
    const verdict = judgeMemory(climbing);
    expect(verdict.ok).toBe(false);
    expect(verdict.slopeMbPerMin).toBeCloseTo(12, 0);
  });
});
