import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './cli.ts';

/**
 * The layer rules in .dependency-cruiser.js, run the way `npm run lint:layers` runs them, on a small
 * tree that breaks each rule once and also holds imports every rule allows. Each rule must fire on
 * its own breach, by name, and on nothing else.
 */
const CONFIG = resolve('.dependency-cruiser.js');
const DEPCRUISE = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** file → its source; every import is one the rules allow unless a rule is named in `breaches`. */
const TREE: Record<string, string> = {
  'src/shared/ok.ts': 'export const shared = 1;',
  'src/physiology/ok.ts': "import { shared } from '../shared/ok.ts';\nexport const model = shared;",
  'src/clinic/ok.ts': "import { model } from '../physiology/ok.ts';\nexport const rule = model;",
  'src/clinic/reads-its-fixture.test.ts':
    "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;",
  'src/device/codec.ts': "import { rule } from '../clinic/ok.ts';\nexport const frame = rule;",
  'src/device/node-transport.ts': "import { open } from 'node:fs';\nexport const port = open;",
  'src/device/serial-transport.ts':
    "import { SerialPort } from 'serialport';\nexport const port = SerialPort;",
  'src/recordings/ok.ts': "import { rule } from '../clinic/ok.ts';\nexport const reader = rule;",
  'src/store/ok.ts': "import { rule } from '../clinic/ok.ts';\nexport const rows = rule;",
  'src/fhir/ok.ts': "import { rule } from '../clinic/ok.ts';\nexport const resource = rule;",
  'src/api/ok.ts':
    "import { rows } from '../store/ok.ts';\nimport { resource } from '../fhir/ok.ts';\nexport const route = [rows, resource];",
  'src/cli/ok.ts': "import { route } from '../api/ok.ts';\nexport const command = route;",
  'web/src/ok.ts':
    "import { rule } from '../../src/clinic/ok.ts';\nimport { frame } from '../../src/device/codec.ts';\nexport const page = [rule, frame];",
  'node_modules/pg/package.json': '{"name":"pg","main":"index.js"}',
  'node_modules/pg/index.js': 'module.exports = {};',
  'node_modules/serialport/package.json': '{"name":"serialport","main":"index.js"}',
  'node_modules/serialport/index.js': 'module.exports = {};',
};

/** Each rule's breach: the file that breaks it, what it imports, and the rule that must name it. */
const BREACHES = [
  ['shared-imports-nothing-of-ours', 'src/shared/up.ts', '../physiology/ok.ts', 'src/physiology/ok.ts'],
  ['physiology-imports-only-shared', 'src/physiology/up.ts', '../clinic/ok.ts', 'src/clinic/ok.ts'],
  ['clinic-imports-only-physiology-and-shared', 'src/clinic/up.ts', '../store/ok.ts', 'src/store/ok.ts'],
  ['device-and-recordings-import-only-the-core', 'src/device/up.ts', '../store/ok.ts', 'src/store/ok.ts'],
  [
    'device-and-recordings-import-only-the-core',
    'src/recordings/up.ts',
    '../device/codec.ts',
    'src/device/codec.ts',
  ],
  ['store-and-fhir-import-only-the-core', 'src/fhir/up.ts', '../store/ok.ts', 'src/store/ok.ts'],
  ['store-and-fhir-import-only-the-core', 'src/store/up.ts', '../api/ok.ts', 'src/api/ok.ts'],
  ['api-imports-no-cli-or-web', 'src/api/up.ts', '../cli/ok.ts', 'src/cli/ok.ts'],
  ['cli-imports-no-web', 'src/cli/up.ts', '../../web/src/ok.ts', 'web/src/ok.ts'],
  ['web-imports-only-the-browser-safe-core', 'web/src/up.ts', '../../src/store/ok.ts', 'src/store/ok.ts'],
  ['web-reaches-no-node-builtins-or-serial-port', 'web/src/fs.ts', 'node:fs', 'fs'],
  [
    'web-reaches-no-node-builtins-or-serial-port',
    'web/src/node-device.ts',
    '../../src/device/node-transport.ts',
    'fs',
  ],
  [
    'web-reaches-no-node-builtins-or-serial-port',
    'web/src/serial-device.ts',
    '../../src/device/serial-transport.ts',
    'node_modules/serialport/index.js',
  ],
  ['core-imports-no-node-builtins', 'src/clinic/io.ts', 'node:fs', 'fs'],
  ['core-imports-no-io-packages', 'src/physiology/db.ts', 'pg', 'node_modules/pg/index.js'],
  ['no-unresolvable-imports', 'src/clinic/typo.ts', './no-such-file.ts', './no-such-file.ts'],
] as const;

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

describe('layer rules (.dependency-cruiser.js)', () => {
  let root: string;
  let violations: Violation[];

  beforeAll(() => {
    root = tempDir('layers');
    const files = { ...TREE };
    for (const [, file, target] of BREACHES)
      files[file] = `import * as breach from '${target}';\nexport { breach };`;
    // A cycle of two files, each import allowed by the layers.
    files['src/clinic/cycle-a.ts'] = "import { b } from './cycle-b.ts';\nexport const a = () => b;";
    files['src/clinic/cycle-b.ts'] = "import { a } from './cycle-a.ts';\nexport const b = () => a;";
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), `${text}\n`);
    }
    const run = spawnSync(
      process.execPath,
      [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', 'src', 'web/src'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    violations = JSON.parse(run.stdout).summary.violations;
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(BREACHES)('%s fires on %s importing %s', (rule, file, _target, reached) => {
    expect(violations).toContainEqual(
      expect.objectContaining({ rule: expect.objectContaining({ name: rule }) }),
    );
    const named = violations.filter((v) => v.from === file);
    expect(named.map((v) => [v.rule.name, v.to])).toEqual([[rule, reached]]);
  });

  it('no-cycles fires on two files that import each other', () => {
    const cycles = violations.filter((v) => v.rule.name === 'no-cycles');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.cycle?.map((step) => step.name).sort()).toEqual([
      'src/clinic/cycle-a.ts',
      'src/clinic/cycle-b.ts',
    ]);
  });

  it('allows every import the layers permit: nothing else is a violation', () => {
    const breachFiles = new Set<string>([
      ...BREACHES.map(([, file]) => file),
      'src/clinic/cycle-a.ts',
      'src/clinic/cycle-b.ts',
    ]);
    expect(violations.filter((v) => !breachFiles.has(v.from))).toEqual([]);
  });

  it('names the rule in what `npm run lint:layers` prints, and fails', () => {
    const run = spawnSync(
      process.execPath,
      [DEPCRUISE, '--config', CONFIG, '--output-type', 'err-long', 'src/shared'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('shared-imports-nothing-of-ours: src/shared/up.ts → src/physiology/ok.ts');
  });
});
