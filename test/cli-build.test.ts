import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_DIR } from '../src/api/routes/web-app.ts';
import { tempDir } from './cli.ts';

/**
 * bin/myotrophy.js and scripts/build-cli.js on a small project of their own shape: a main that
 * loads each command lazily, two commands sharing a module, and one command that reads where the
 * web app's files are. The real command is exercised by every CLI test (test/cli.ts).
 */
const SOURCES: Record<string, string> = {
  'package.json': '{"type":"module"}',
  'src/cli/main.ts': `export async function main(argv: string[]): Promise<number> {
  const loaders: Record<string, () => Promise<{ run(): string }>> = {
    hello: async () => (await import('./commands/hello.ts')).command,
    bye: async () => (await import('./commands/bye.ts')).command,
    where: async () => (await import('./commands/where.ts')).command,
  };
  const load = loaders[argv[0] ?? ''];
  if (!load) return 2;
  process.stdout.write(\`\${(await load()).run()}\\n\`);
  return 0;
}`,
  'src/cli/shared.ts': "export const greeting = (who: string): string => 'hello ' + who;",
  'src/cli/commands/hello.ts':
    "import { greeting } from '../shared.ts';\nexport const command = { run: () => greeting('world') };",
  'src/cli/commands/bye.ts': "export const command = { run: (): string => 'bye' };",
  'src/cli/commands/where.ts': `import { DEFAULT_WEB_DIR } from '${resolve('src/api/routes/web-app.ts')}';\nexport const command = { run: () => DEFAULT_WEB_DIR };`,
};

describe('the command built ahead of time', () => {
  let root: string;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin/myotrophy.js'), ...args], { encoding: 'utf8' });
  const build = () => JSON.parse(readFileSync(join(root, 'dist/cli/build.json'), 'utf8'));
  /** Marks a source as touched: another modification time (a minute back), the same text. */
  const touch = (file: string) => {
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(join(root, file), earlier, earlier);
  };

  beforeAll(() => {
    root = tempDir('cli-build');
    for (const [file, text] of Object.entries(SOURCES)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), `${text}\n`);
    }
    for (const file of ['bin/myotrophy.js', 'bin/package.json', 'scripts/build-cli.js']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(file, join(root, file));
    }
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds on the first run, then runs that build while its sources are unchanged', () => {
    const first = run('hello');
    expect(first.stdout).toBe('hello world\n');
    const { main, commands, startup } = build();
    expect(main).toMatch(/^dist\/cli\/[^/]+\/main\.cjs$/);
    expect(startup).toEqual(['src/cli/main.ts', 'scripts/build-cli.js']);
    expect(commands.hello.sort()).toEqual(['src/cli/commands/hello.ts', 'src/cli/shared.ts']);
    expect(run('bye').stdout).toBe('bye\n');
    expect(build().main).toBe(main);
  });

  it('builds again when a source of the code a run loads has changed, and only then', () => {
    const before = build().main;
    touch('src/cli/shared.ts');
    // `bye` loads nothing from shared.ts: its build is still current for it.
    expect(run('bye').stdout).toBe('bye\n');
    expect(build().main).toBe(before);
    writeFileSync(
      join(root, 'src/cli/shared.ts'),
      "export const greeting = (who: string): string => 'hi ' + who;\n",
    );
    expect(run('hello').stdout).toBe('hi world\n');
    const after = build().main;
    expect(after).not.toBe(before);
    touch('src/cli/main.ts');
    expect(run('bye').stdout).toBe('bye\n');
    expect(build().main).not.toBe(after);
  });

  it('builds again when the build is missing, and when several runs find it stale at once each gets a whole build', async () => {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    const outputs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((done) => {
            const child = spawn(process.execPath, [join(root, 'bin/myotrophy.js'), 'hello']);
            let out = '';
            child.stdout.on('data', (chunk) => {
              out += chunk;
            });
            child.on('exit', (code) => done(`${code} ${out}`));
          }),
      ),
    );
    expect(outputs).toEqual(Array(4).fill('0 hi world\n'));
    expect(run('hello').stdout).toBe('hi world\n');
  });

  it("finds the web app's files in dist/web of the project, from the build as from the sources", () => {
    expect(run('where').stdout).toBe(`${join(root, 'dist', 'web')}\n`);
    expect(DEFAULT_WEB_DIR).toBe(resolve('dist/web'));
  });
});
