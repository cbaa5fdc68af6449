/**
 * The server of finding-03-memory.test.ts, in a process of its own so that its memory is its own:
 * started with --max-old-space-size (V8's heap limit, from which the heap ceiling follows) and
 * --expose-gc (so released ballast is really returned). It serves the test clinic over HTTP and,
 * on the test's word (IPC), holds real memory: a Buffer outside the JavaScript heap (resident
 * memory, as PGlite's WebAssembly memory is) or JavaScript arrays on V8's heap; then lets it go.
 * The resident ceiling is set RESIDENT_HEADROOM_MB above what the process uses once it is up.
 */
import { buildApp } from '../../src/api/app.ts';
import { MEMORY_SAMPLE_INTERVAL_MS, memoryCeiling } from '../../src/api/memory-guard.ts';
import { openDatabase } from '../../src/store/database.ts';
import { makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

export const RESIDENT_HEADROOM_MB = 256;
/** More than the headroom, so holding it passes the resident ceiling. */
export const RESIDENT_BALLAST_MB = 400;

export type MemoryCommand = 'hold-resident' | 'hold-heap' | 'release' | 'stop';

export interface MemoryReport {
  residentMb: number;
  heapUsedMb: number;
}

const MIB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('start this server with --expose-gc and an IPC channel');

const databaseName = process.env.MEMORY_TEST_DATABASE;
const dataDir = process.env.MEMORY_TEST_DATA_DIR;
const kind =
  databaseName === 'pglite'
    ? { name: 'pglite' as const, open: () => openDatabase(dataDir ? { dataDir } : {}) }
    : testDatabases.find((candidate) => candidate.name === databaseName);
if (!kind) throw new Error(`no test database '${databaseName}'`);

const world = await makeApiWorld(kind);
// The resident ceiling is fixed when an app is built: measure the process once it holds the clinic,
// then serve it with a second app over the same database (the people's tokens hold there too).
gc();
const residentCeilingMb = Math.ceil(process.memoryUsage().rss / MIB) + RESIDENT_HEADROOM_MB;
const app = await buildApp(world.database, { memoryCeilingMb: residentCeilingMb });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };

const heapCeilingMb = memoryCeiling().heapUsedBytes / MIB;
let ballast: unknown[] = [];
const report = (): MemoryReport => {
  const { rss, heapUsed } = process.memoryUsage();
  return { residentMb: rss / MIB, heapUsedMb: heapUsed / MIB };
};

/**
 * Fills JavaScript arrays of doubles (1 MiB each, on V8's heap) until the heap, once collected,
 * holds more than its ceiling.
 */
function holdHeap(): void {
  for (gc?.(); process.memoryUsage().heapUsed / MIB < heapCeilingMb + 8; gc?.()) {
    for (let i = 0; i < 16; i += 1) ballast.push(Array.from({ length: MIB / 8 }, (_, j) => j + 0.5));
  }
}

process.on('message', (command: { do: MemoryCommand }) => {
  if (command.do === 'hold-resident') {
    // fill() touches every page, so the memory is resident, not only reserved.
    ballast.push(Buffer.allocUnsafeSlow(RESIDENT_BALLAST_MB * MIB).fill(7));
  } else if (command.do === 'hold-heap') {
    holdHeap();
  } else if (command.do === 'release') {
    ballast = [];
    gc?.();
    // V8 frees the backing store of a collected Buffer on a background thread, a moment later.
    setTimeout(() => process.send?.({ done: command.do, ...report() }), 1_000);
    return;
  } else if (command.do === 'stop') {
    void app
      .close()
      .then(() => world.close())
      .then(() => process.exit(0));
    return;
  }
  // Answer once the guard's last sample, taken before the memory was held, has expired.
  setTimeout(() => process.send?.({ done: command.do, ...report() }), MEMORY_SAMPLE_INTERVAL_MS);
});

process.send({
  url: `http://127.0.0.1:${port}`,
  residentCeilingMb,
  heapCeilingMb,
  patientOne: world.patientOne,
  clinician: world.clinicianOne.token,
  patient: world.patientUserOne.token,
});
