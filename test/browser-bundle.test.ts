import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserBundleGuard, serverOnlyReason } from '../scripts/browser-bundle-guard.ts';
import { tempDir } from './cli.ts';

/**
 * The web app's production bundle holds the core it imports and no server-only code
 * (scripts/browser-bundle-guard.ts, installed in vite.config.ts), and the guard fails a build that
 * an intruder reaches.
 */
const SRC = resolve('src');

function collectModules(into: string[]): Plugin {
  return {
    name: 'collect-modules',
    buildEnd() {
      into.push(...this.getModuleIds());
    },
  };
}

describe('the browser bundle', () => {
  let out: string;

  beforeAll(() => {
    out = tempDir('bundle');
  });

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds the web app with the core it imports and nothing server-only', async () => {
    const modules: string[] = [];
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: resolve('vite.config.ts'),
        build: { outDir: join(out, 'app'), emptyOutDir: true },
        plugins: [collectModules(modules)],
        logLevel: 'warn',
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    expect(modules).toContain(join(SRC, 'physiology/strength-duration/strength-duration.ts'));
    expect(modules).toContain(join(SRC, 'clinic/programme/suggestions.ts'));
    expect(modules.filter((id) => serverOnlyReason(id, SRC))).toEqual([]);
  }, 120_000);

  /**
   * A one-file app that imports `target`, over a small src/ of its own that holds one file in each
   * folder, built with the project's alias and guard.
   */
  async function buildIntruder(name: string, target: string): Promise<unknown> {
    const root = join(out, name);
    const src = join(root, 'src');
    for (const folder of ['store', 'api', 'fhir', 'cli', 'recordings', 'clinic']) {
      mkdirSync(join(src, folder), { recursive: true });
      writeFileSync(join(src, folder, 'part.ts'), `export const part = '${folder}';\n`);
    }
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><script type="module" src="./main.ts"></script>\n',
    );
    writeFileSync(join(root, 'main.ts'), `import * as intruder from '${target}';\nconsole.log(intruder);\n`);
    return build({
      configFile: false,
      root,
      logLevel: 'silent',
      resolve: { alias: { '@core': src } },
      plugins: [browserBundleGuard({ srcDir: src })],
      build: { outDir: join(root, 'dist'), write: false },
    });
  }

  it.each([
    ['store', '@core/store/part.ts', 'server code src/store/part.ts'],
    ['api', '@core/api/part.ts', 'server code src/api/part.ts'],
    ['fhir', '@core/fhir/part.ts', 'server code src/fhir/part.ts'],
    ['cli', '@core/cli/part.ts', 'server code src/cli/part.ts'],
    ['recordings', '@core/recordings/part.ts', 'server code src/recordings/part.ts'],
    ['node', 'node:fs', 'node builtin node:fs'],
  ])(
    'fails the build when %s code reaches it (%s)',
    async (name, target, reason) => {
      await expect(buildIntruder(name, target)).rejects.toThrow(reason);
    },
    60_000,
  );

  it('says which file brought the intruder in', async () => {
    await expect(buildIntruder('named', '@core/store/part.ts')).rejects.toThrow(
      /server code src\/store\/part\.ts \(imported by [^)]*named\/main\.ts\)/,
    );
  }, 60_000);

  it('lets the browser-safe core through', async () => {
    await expect(buildIntruder('core', '@core/clinic/part.ts')).resolves.toBeDefined();
  }, 60_000);
});
