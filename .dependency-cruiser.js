import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Myotrophy's layer rules, checked by `npm run lint:layers` (part of `npm test`).
 *
 * Imports point one way: shared ← physiology ← clinic ← {device, recordings, store, fhir} ← api ← cli,
 * and the browser app (web/src) uses only the pure core and the pure parts of src/device. The core
 * (shared, physiology, clinic) does no I/O. Type-only imports count: a type a layer may not import
 * belongs in a lower layer. Each rule's name is what a violation prints.
 */

/** The pure core: no I/O, no node: builtins. Tests beside the sources may read their fixtures. */
const CORE = '^src/(shared|physiology|clinic)/';
const TEST_FILE = '\\.test\\.ts$';
/** Packages that talk to disks, databases, networks or serial ports, installed or not. */
const IO_PACKAGE_NAMES =
  '(pg|pg-[^/]+|@electric-sql/pglite|kysely|fastify|@fastify/[^/]+|serialport|@serialport/[^/]+|@node-rs/[^/]+|undici|ws)';
const IO_PACKAGES = `(^|/)node_modules/${IO_PACKAGE_NAMES}/|^${IO_PACKAGE_NAMES}(/|$)`;
/** A node builtin as a dependency (dependency-cruiser names `node:fs` and `fs` alike). */
const NODE_BUILTIN_DEPENDENCY = { dependencyTypes: ['core'] };
/** A node builtin as a module on a path of dependencies (reachability rules match module names only). */
const NODE_BUILTIN_MODULE = `^(node:.+|${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`;
const SERIAL_PORT_MODULE =
  '(^|/)node_modules/(@serialport/[^/]+|serialport)/|^(@serialport/[^/]+|serialport)$';

const CORE_FOLDERS = ['shared', 'physiology', 'clinic'];

/**
 * A layer rule: files in src/<folders> (a `|`-separated list) may import, of our code, only files
 * in their own folder and in src/<allowed>.
 */
function onlyImports(name, comment, folders, allowed) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: `^src/(${folders})/` },
    to: { path: '^(src|web)/', pathNot: `^src/(${['$1', ...allowed].join('|')})/` },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    onlyImports(
      'shared-imports-nothing-of-ours',
      'src/shared is the bottom layer: it imports no other folder of ours.',
      'shared',
      [],
    ),
    onlyImports(
      'physiology-imports-only-shared',
      'src/physiology (the models) may import src/shared only.',
      'physiology',
      ['shared'],
    ),
    onlyImports(
      'clinic-imports-only-physiology-and-shared',
      'src/clinic (clinical rules and use cases) may import src/physiology and src/shared only.',
      'clinic',
      ['shared', 'physiology'],
    ),
    onlyImports(
      'device-and-recordings-import-only-the-core',
      'src/device and src/recordings are shells over the core: each imports itself, src/clinic, src/physiology and src/shared only.',
      'device|recordings',
      CORE_FOLDERS,
    ),
    {
      name: 'device-io-only-in-its-transports',
      comment:
        'In src/device only node transports (files named node-*.ts or *-transport.ts, e.g. node-serial.ts) and tests touch node builtins or serialport: the codecs, the virtual stimulator and the session controller stay pure, so the browser can use them.',
      severity: 'error',
      from: { path: '^src/device/', pathNot: ['^src/device/(node-[^/]*|[^/]*-transport)\\.ts$', TEST_FILE] },
      to: { path: [NODE_BUILTIN_MODULE, SERIAL_PORT_MODULE], reachable: true },
    },
    onlyImports(
      'store-and-fhir-import-only-the-core',
      'src/store (rows) and src/fhir (FHIR mapping) each import themselves and the core only; fhir never reads the store.',
      'store|fhir',
      CORE_FOLDERS,
    ),
    {
      name: 'api-imports-no-cli-or-web',
      comment: 'src/api (HTTP) sits below the command line and never imports the browser app.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^(src/cli|web)/' },
    },
    {
      name: 'cli-imports-no-web',
      comment: 'src/cli talks to the browser app only through the built files the server serves.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-imports-only-the-browser-safe-core',
      comment:
        'web/src may import src/shared, src/physiology, src/clinic and src/device (its pure parts: see web-reaches-no-node-builtins-or-serial-port); never src/store, src/api, src/fhir, src/cli or src/recordings.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^src/', pathNot: '^src/(shared|physiology|clinic|device)/' },
    },
    {
      name: 'web-reaches-no-node-builtins-or-serial-port',
      comment:
        'The browser has no node: builtins and no serialport: nothing web/src imports, directly or through other files, may import them. So web may use a src/device file only when it is pure (a codec, the session controller), never a node transport.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: [NODE_BUILTIN_MODULE, SERIAL_PORT_MODULE], reachable: true },
    },
    {
      name: 'core-imports-no-node-builtins',
      comment:
        'src/shared, src/physiology and src/clinic are pure: no node: builtins (tests beside them excepted).',
      severity: 'error',
      from: { path: CORE, pathNot: TEST_FILE },
      to: NODE_BUILTIN_DEPENDENCY,
    },
    {
      name: 'core-imports-no-io-packages',
      comment:
        'src/shared, src/physiology and src/clinic are pure: no database, HTTP, file or serial-port package.',
      severity: 'error',
      from: { path: CORE },
      to: { path: IO_PACKAGES },
    },
    {
      name: 'no-unresolvable-imports',
      comment:
        'Every import must resolve, so that no rule above passes by not knowing where an import leads (a broken @core/ alias, a missing file or package).',
      severity: 'error',
      from: { path: '^(src|web/src)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycle anywhere in src/ or web/src, type-only imports included.',
      severity: 'error',
      from: { path: '^(src|web/src)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a layer may not name another layer's types either.
    tsPreCompilationDeps: true,
    // web/tsconfig.json holds the one alias (@core/) through which the browser app imports the core.
    tsConfig: { fileName: fileURLToPath(new URL('web/tsconfig.json', import.meta.url)) },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      // Type-only packages (@medplum/fhirtypes) name their declarations in `types` alone.
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
