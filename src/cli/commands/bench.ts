import { type BenchmarkResult, runBenchmark } from '../../../bench/harness.ts';
import { benchmarkModules } from '../../../bench/index.ts';
import { type Command, declareOptions } from '../command.ts';
import { optionalString, UsageError } from '../options.ts';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run the benchmark suite and report median times against their targets.',
  usage: ['bench [--only SUITE[,SUITE]] [--json]'],
  options: declareOptions(['only']),
  async run(values) {
    const available = Object.keys(benchmarkModules);
    const only = optionalString(values, 'only')?.split(',');
    for (const name of only ?? []) {
      if (!available.includes(name)) {
        throw new UsageError(`--only: unknown suite '${name}'; suites: ${available.join(', ')}`);
      }
    }
    const results: BenchmarkResult[] = [];
    for (const suite of only ?? available) {
      const load = benchmarkModules[suite];
      if (!load) continue;
      for (const benchmark of await load()) {
        results.push({ ...(await runBenchmark(benchmark)), suite });
      }
    }
    const text = results
      .map((r) => {
        const target =
          r.targetMs === undefined ? '' : ` (target ${r.targetMs} ms: ${r.metTarget ? 'met' : 'MISSED'})`;
        const ratioTarget =
          r.targetRatioToBaseline === undefined
            ? ''
            : ` (target ≤ ${r.targetRatioToBaseline}×: ${r.metTarget ? 'met' : 'MISSED'})`;
        const baseline =
          r.baseline === undefined
            ? ''
            : `; ${r.ratioToBaseline}× ${r.baseline} (median ${r.baselineMedianMs} ms)${ratioTarget}`;
        return `${r.name}: median ${r.medianMs} ms${target}${baseline}`;
      })
      .join('\n');
    return {
      json: { node: process.version, cpus: (await import('node:os')).cpus().length, results },
      text: text || 'no benchmarks',
    };
  },
};
