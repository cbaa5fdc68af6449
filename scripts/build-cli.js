/**
 * Builds the `myotrophy` command ahead of time, so a run starts without compiling TypeScript.
 *
 * Rolldown bundles src/cli/main.ts into dist/cli/<build>/: main.cjs, and a chunk per command that
 * main loads only when that command runs (src/cli/registry.ts imports each command lazily), with
 * the code commands share in further chunks. Packages stay in node_modules. The output is
 * CommonJS because Node starts a CommonJS program without loading its ES module machinery, which
 * would cost a cold start about a tenth more than a bare `node -e 0` (measured on Node 20); the
 * lazy imports become `require` calls. dist/cli/build.json names the current build, the sources
 * each run loads, and the modification time of each; bin/myotrophy.js runs that build while those
 * times still match, and builds again otherwise.
 *
 * Run by `npm install` (the `prepare` step), by bin/myotrophy.js when the build is missing or
 * stale, or by hand: `npm run build:cli`.
 *
 * Several processes may find the build stale at once (tests start many): each builds into its own
 * folder and then renames its build.json into place, which is atomic, so a reader always sees a
 * whole build. Superseded builds are removed an hour later, when no run is still loading them.
 */
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = 'dist/cli';
const ENTRY = 'src/cli/main.ts';
const THIS_SCRIPT = 'scripts/build-cli.js';
const KEEP_SUPERSEDED_MS = 60 * 60 * 1000;

/**
 * Builds the command and makes it current. Returns the path of its main module, relative to the
 * project root.
 */
export async function buildCli() {
  const { rolldown } = await import('rolldown');
  const started = Date.now();
  const id = `${started.toString(36)}-${process.pid}`;
  const outdir = `${OUT}/${id}`;
  const bundle = await rolldown({
    cwd: ROOT,
    input: { main: ENTRY },
    platform: 'node',
    // Packages and node builtins are loaded from node_modules and Node at run time.
    external: (source) => !source.startsWith('.') && !isAbsolute(source),
    logLevel: 'warn',
  });
  let chunks;
  try {
    ({ output: chunks } = await bundle.write({
      dir: `${ROOT}${outdir}`,
      format: 'cjs',
      dynamicImportInCjs: false,
      entryFileNames: '[name].cjs',
      chunkFileNames: 'chunks/[name]-[hash].cjs',
      sourcemap: true,
    }));
  } finally {
    await bundle.close();
  }
  const main = `${outdir}/main.cjs`;
  const { startup, commands } = sourcesByRun(chunks);
  const sources = [...new Set([...startup, ...Object.values(commands).flat()])];
  const manifest = {
    main,
    builtAt: new Date(started).toISOString(),
    startup,
    commands,
    // A file changed while it was being bundled may not be in the build: it gets a time that never
    // matches, so the next run builds again.
    mtimes: Object.fromEntries(
      sources.map((file) => {
        const { mtimeMs } = statSync(`${ROOT}${file}`);
        return [file, mtimeMs < started ? mtimeMs : -1];
      }),
    ),
  };
  const temporary = `${ROOT}${OUT}/build.json.${id}`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(temporary, `${ROOT}${OUT}/build.json`);
  removeSupersededBuilds(id);
  return main;
}

/**
 * The sources each run reads: `startup`, those of main.cjs and what it requires up front (with
 * this script); `commands[name]`, those of the command in src/cli/commands/<name>.ts and of every
 * chunk it requires, up front or later. So a run checks the times of only the files it loads.
 */
function sourcesByRun(output) {
  const chunks = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
  const reached = (fileName, followLazy, seen = new Set()) => {
    if (seen.has(fileName)) return seen;
    seen.add(fileName);
    const chunk = chunks.get(fileName);
    for (const next of [...(chunk?.imports ?? []), ...(followLazy ? (chunk?.dynamicImports ?? []) : [])]) {
      if (chunks.has(next)) reached(next, followLazy, seen);
    }
    return seen;
  };
  const sources = (fileNames) => [
    ...new Set(
      [...fileNames]
        .flatMap((f) => chunks.get(f)?.moduleIds ?? [])
        .filter((moduleId) => isAbsolute(moduleId))
        .map((moduleId) => relative(ROOT, moduleId).split('\\').join('/')),
    ),
  ];
  const commands = {};
  for (const chunk of chunks.values()) {
    const name =
      chunk.facadeModuleId &&
      relative(ROOT, chunk.facadeModuleId).match(/^src\/cli\/commands\/([^/]+)\.ts$/)?.[1];
    if (name) commands[name] = sources(reached(chunk.fileName, true));
  }
  return { startup: [...sources(reached('main.cjs', false)), THIS_SCRIPT], commands };
}

function removeSupersededBuilds(current) {
  const now = Date.now();
  for (const entry of readdirSync(`${ROOT}${OUT}`, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = `${ROOT}${OUT}/${entry.name}`;
    if (now - statSync(path).mtimeMs > KEEP_SUPERSEDED_MS) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const main = await buildCli();
  process.stdout.write(`myotrophy command built: ${main}\n`);
}
