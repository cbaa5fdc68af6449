import { spawnSync } from 'node:child_process';
import type { Benchmark } from './harness.ts';

/**
 * The command's cold start: a new Node process per run, from its start to its exit, timed in turn
 * with a bare `node -e 0` so the ratio holds on a busy machine. Target from issue 13: a cold
 * `myotrophy icd M62.562 --json` within 1.3× of `node -e 0`. The first run builds the command
 * when its build is missing or stale (bin/myotrophy.js); warm-up runs absorb that.
 */
const TARGET_RATIO_TO_BARE_NODE = 1.3;

function run(args: string[]): () => void {
  return () => {
    const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (child.status !== 0) {
      throw new Error(`node ${args.join(' ')} exited with ${child.status}: ${child.stderr}`);
    }
  };
}

const bareNode = { description: 'node -e 0', work: run(['-e', '0']) };

export const benchmarks: Benchmark[] = [
  {
    name: 'cold start: myotrophy icd M62.562 --json',
    description:
      'A new process runs `myotrophy icd M62.562 --json` from its ahead-of-time build (bin/myotrophy.js); the baseline is a bare `node -e 0`.',
    targetRatioToBaseline: TARGET_RATIO_TO_BARE_NODE,
    runs: 21,
    baseline: bareNode,
    setup: () => run(['bin/myotrophy.js', 'icd', 'M62.562', '--json']),
  },
  {
    name: 'cold start: myotrophy simulate (ding2003, 1 contraction)',
    description:
      'A new process runs `myotrophy simulate --model ding2003 --frequency 30 --on 1 --off 1 --repetitions 1 --json`; the baseline is a bare `node -e 0`.',
    runs: 21,
    baseline: bareNode,
    setup: () =>
      run([
        'bin/myotrophy.js',
        ...'simulate --model ding2003 --frequency 30 --on 1 --off 1 --repetitions 1 --json'.split(' '),
      ]),
  },
];
