import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.ts';
import type { MemoryCommand, MemoryReport } from './memory-pressure-server.ts';
import { expectNotesInDirectory } from './stored-notes.ts';

/**
 * Finding 3, memory: memory pressure gave 500s while health said ok. The server now runs in its own
 * process with a real V8 heap limit (--max-old-space-size=256), and really holds memory: first a
 * Buffer outside the JavaScript heap, past the resident ceiling (as PGlite's WebAssembly memory,
 * which that limit does not bound, would), then JavaScript arrays past the heap ceiling that follows
 * from V8's limit. Each time: writes get 503 "storage unavailable" with Retry-After, reads answer
 * 200, health is "degraded" with the reason "memory"; once the memory is released, writes succeed
 * and health is "ok". Every acknowledged note is still there afterwards (on PGlite, in the data
 * directory reopened after the server stopped).
 */
interface Hello {
  url: string;
  residentCeilingMb: number;
  heapCeilingMb: number;
  patientOne: string;
  clinician: string;
  patient: string;
}

const SERVER = join(import.meta.dirname, 'memory-pressure-server.ts');

describe.each(testDatabases)('finding 3, memory pressure on $name', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'myotrophy-memory-'));
  const dataDir = join(dir, 'data');
  let child: ChildProcess;
  let hello: Hello;
  const replies: ((report: MemoryReport) => void)[] = [];
  const acknowledged: string[] = [];

  const command = (what: MemoryCommand) =>
    new Promise<MemoryReport>((resolve) => {
      replies.push(resolve);
      child.send({ do: what });
    });

  beforeAll(async () => {
    child = fork(SERVER, [], {
      execArgv: ['--import', 'tsx', '--max-old-space-size=256', '--expose-gc'],
      env: { ...process.env, MEMORY_TEST_DATABASE: kind.name, MEMORY_TEST_DATA_DIR: dataDir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    hello = await new Promise<Hello>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Hello));
      child.once('exit', (code) => reject(new Error(`the memory-pressure server exited ${code}`)));
    });
    child.on('message', (message) => {
      if ((message as { done?: string }).done) replies.shift()?.(message as MemoryReport);
    });
  }, 120_000);
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ do: 'stop' });
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dataDir}.lock`, { force: true });
  });

  const call = async (token: string | undefined, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${hello.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, checked field by field below
    const answer: any = await response.json();
    return { status: response.status, headers: response.headers, body: answer };
  };
  const writeNote = () =>
    call(hello.clinician, 'POST', `/api/patients/${hello.patientOne}/notes`, { text: 'memory test' });
  const readNotes = () => call(hello.clinician, 'GET', `/api/patients/${hello.patientOne}/notes`);
  const health = async () => (await call(undefined, 'GET', '/api/health')).body;

  async function expectWritesRefusedReadsServed(over: RegExp): Promise<void> {
    const refused = await writeNote();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body.type).toBe('urn:myotrophy:problem:storage-unavailable');
    expect(refused.body.detail).toMatch(over);
    expect(refused.body.detail).toMatch(/; nothing was written, try again later$/);
    // A heavy computation is refused too: it would allocate.
    const simulation = await call(hello.patient, 'POST', '/api/clinic/simulate-session', {
      frequencyHz: 30,
      phaseWidthUs: 300,
      minutes: 0.5,
      onS: 5,
      offS: 10,
    });
    expect(simulation.status).toBe(503);

    const read = await readNotes();
    expect(read.status).toBe(200);
    expect((read.body.items as { id: string }[]).map((note) => note.id).sort()).toEqual(
      [...acknowledged].sort(),
    );
    expect((await call(hello.patient, 'GET', `/api/patients/${hello.patientOne}`)).status).toBe(200);

    const degraded = await health();
    expect(degraded).toMatchObject({ status: 'degraded', reason: 'memory', database: kind.name });
    expect(degraded.detail).toMatch(over);
    expect(degraded.memory.residentCeilingMb).toBe(hello.residentCeilingMb);
    if (kind.name === 'pglite') expect(degraded.memory.databaseWasmMb).toBeGreaterThan(0);
  }

  async function expectRecovered(): Promise<void> {
    // Released memory goes back to the system within moments; health follows it without a write.
    let status = (await health()).status;
    for (let wait = 0; status !== 'ok' && wait < 20; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await health()).status;
    }
    expect(status).toBe('ok');
    const written = await writeNote();
    expect(written.status).toBe(201);
    acknowledged.push(written.body.id);
  }

  it('writes and reports ok below the ceilings', async () => {
    expect(hello.heapCeilingMb).toBeCloseTo(0.7 * 304, 0);
    await expectRecovered();
  });

  it('refuses writes above the resident ceiling, serves reads, says degraded, and recovers', async () => {
    const held = await command('hold-resident');
    expect(held.residentMb).toBeGreaterThan(hello.residentCeilingMb);
    await expectWritesRefusedReadsServed(/MiB resident, ceiling \d+ MiB/);
    await command('release');
    await expectRecovered();
  }, 60_000);

  it('refuses writes above the heap ceiling that follows V8’s limit, and recovers', async () => {
    const held = await command('hold-heap');
    expect(held.heapUsedMb).toBeGreaterThan(hello.heapCeilingMb);
    await expectWritesRefusedReadsServed(/MiB of JavaScript heap, ceiling \d+ MiB/);
    const released = await command('release');
    expect(released.heapUsedMb).toBeLessThan(hello.heapCeilingMb);
    await expectRecovered();
  }, 60_000);

  it('loses nothing acknowledged', async () => {
    const read = await readNotes();
    expect((read.body.items as { id: string }[]).map((note) => note.id).sort()).toEqual(
      [...acknowledged].sort(),
    );
    expect(acknowledged).toHaveLength(3);
    if (kind.name !== 'pglite') return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ do: 'stop' });
    await exited;
    await expectNotesInDirectory(dataDir, acknowledged);
  }, 60_000);
});
