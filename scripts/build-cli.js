/**
 * Builds the `myotrophy` command ahead of time, so a run starts without compiling TypeScript.
 *
 * esbuild bundles src/cli/main.ts into dist/cli/<build>/: main.js, and a chunk per command that
 * main loads only when that command runs (src/cli/registry.ts imports each command lazily), with
 * the code commands share in further chunks. Packages stay in node_modules. dist/cli/build.json
 * names the current build and the modification time of every file it was made from;
 * bin/myotrophy.js runs that build while those times still match, and builds again otherwise.
 *
 * Run by `npm install` (the `prepare` step), by bin/myotrophy.js when the build is missing or
 * stale, or by hand: `node scripts/build-cli.js`.
 *
 * Several processes may find the build stale at once (tests start many): each builds into its own
 * folder and then renames its build.json into place, which is atomic, so a reader always sees a
 * whole build. Superseded builds are removed an hour later, when no run is still loading them.
 */
import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = 'dist/cli';
export const MANIFEST = `${OUT}/build.json`;
const ENTRY = 'src/cli/main.ts';
const THIS_SCRIPT = 'scripts/build-cli.js';
const KEEP_SUPERSEDED_MS = 60 * 60 * 1000;

/**
 * Builds the command and makes it current. Returns the path of its main module, relative to the
 * project root.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const started = Date.now();
  const id = `${started.toString(36)}-${process.pid}`;
  const outdir = `${OUT}/${id}`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: ENTRY },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const main = `${outdir}/main.js`;
  const manifest = {
    main,
    builtAt: new Date(started).toISOString(),
    // A file changed while it was being bundled may not be in the build: it gets a time that never
    // matches, so the next run builds again.
    mtimes: Object.fromEntries(
      [...Object.keys(result.metafile.inputs), THIS_SCRIPT].map((file) => {
        const { mtimeMs } = statSync(`${ROOT}${file}`);
        return [file, mtimeMs < started ? mtimeMs : -1];
      }),
    ),
    ...sourcesByCommand(result.metafile, main),
  };
  const temporary = `${ROOT}${MANIFEST}.${id}`;
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(temporary, `${ROOT}${MANIFEST}`);
  removeSupersededBuilds(id);
  return main;
}

/**
 * The sources each run reads: `startup`, those of main.js and what it imports up front (with this
 * script); `commands[name]`, those of the command in src/cli/commands/<name>.ts and every chunk it
 * imports, up front or later. So a run checks the times of only the files it will load.
 */
function sourcesByCommand(metafile, main) {
  const reached = (output, followDynamic, seen = new Set()) => {
    if (seen.has(output)) return seen;
    seen.add(output);
    for (const { path, kind } of metafile.outputs[output]?.imports ?? []) {
      if (path in metafile.outputs && (followDynamic || kind !== 'dynamic-import')) {
        reached(path, followDynamic, seen);
      }
    }
    return seen;
  };
  const sources = (outputs) => [
    ...new Set([...outputs].flatMap((o) => Object.keys(metafile.outputs[o].inputs))),
  ];
  const commands = {};
  for (const [output, { entryPoint }] of Object.entries(metafile.outputs)) {
    const name = entryPoint?.match(/^src\/cli\/commands\/([^/]+)\.ts$/)?.[1];
    if (name) commands[name] = sources(reached(output, true));
  }
  return { startup: [...sources(reached(main, false)), THIS_SCRIPT], commands };
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
