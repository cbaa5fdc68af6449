import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { expectNotesInDirectory } from './stored-notes.ts';

/**
 * Finding 3 (PGlite, full disk): the data directory lives on a real 48 MiB tmpfs, and the disk is
 * really filled (a file takes every free byte) — no stubbed error. A write then gets 503 "storage
 * unavailable" with Retry-After, reads go on, health says "degraded" with the reason, and after
 * space is freed a write succeeds, health is "ok" again, and every acknowledged note is still there
 * when the directory is reopened. Mounting a tmpfs needs root (or an unprivileged user namespace);
 * without it this test fails loudly rather than skip.
 */
const TMPFS_SIZE = '48m';
const mountPoint = mkdtempSync(join(tmpdir(), 'myotrophy-full-disk-'));
const dataDir = join(mountPoint, 'pgdata');
const filler = join(mountPoint, 'filler');

function mountSmallDisk(): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mountPoint], {
      stdio: 'pipe',
    });
  } catch (error) {
    throw new Error(
      `finding 3 needs a real small file system: 'mount -t tmpfs -o size=${TMPFS_SIZE}' failed (run as root): ${String(error)}`,
    );
  }
}

/** Takes every free byte of the tmpfs, as a full disk does. */
function fillDisk(): void {
  const free = statfsSync(mountPoint);
  try {
    writeFileSync(filler, Buffer.alloc(Number(free.bavail * free.bsize)));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  }
  expect(statfsSync(mountPoint).bavail).toBe(0);
}

describe('finding 3, a full disk under PGlite', () => {
  let world: ApiWorld;
  let worldOpen = false;
  const acknowledged: string[] = [];
  // Incompressible text, so each note takes real pages (PostgreSQL compresses long repetitive text).
  const noteText = () => randomBytes(3_000).toString('base64');

  beforeAll(async () => {
    mountSmallDisk();
    world = await makeApiWorld({ name: 'pglite', open: () => openDatabase({ dataDir }) });
    worldOpen = true;
  }, 120_000);
  afterAll(async () => {
    try {
      rmSync(filler, { force: true });
      if (worldOpen) await world.close();
    } finally {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  const writeNote = () =>
    world.request(world.clinicianOne, 'POST', `/api/patients/${world.patientOne}/notes`, {
      text: noteText(),
    });

  it('answers writes 503 storage unavailable with Retry-After while reads go on and health says degraded', async () => {
    const before = await writeNote();
    expect(before.statusCode).toBe(201);
    acknowledged.push(before.json().id);
    expect((await world.request(undefined, 'GET', '/api/health')).json().status).toBe('ok');

    fillDisk();
    // Small writes may still fit in pages PostgreSQL already holds; keep writing until the disk refuses one.
    let refused: Awaited<ReturnType<typeof writeNote>> | undefined;
    for (let attempt = 0; attempt < 400 && !refused; attempt += 1) {
      const response = await writeNote();
      if (response.statusCode === 201) acknowledged.push(response.json().id);
      else refused = response;
    }
    expect(refused?.statusCode).toBe(503);
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused?.headers['retry-after']).toBe('60');
    expect(refused?.json()).toMatchObject({
      type: 'urn:myotrophy:problem:storage-unavailable',
      detail: 'storage unavailable: the database disk is full; nothing was written, try again later',
    });

    const health = await world.request(undefined, 'GET', '/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'degraded',
      reason: 'disk-full',
      detail: 'the database disk is full: writes fail with 503 until space is freed; reads go on',
    });
    expect(Date.now() - Date.parse(health.json().since)).toBeLessThan(60_000);

    const read = await world.request(world.clinicianOne, 'GET', `/api/patients/${world.patientOne}/notes`);
    expect(read.statusCode).toBe(200);
    const readIds = (read.json().items as { id: string }[]).map((note) => note.id);
    expect(readIds).toEqual(expect.arrayContaining(acknowledged));
    // A read is not a write: the disk is still full and health still says so.
    expect((await world.request(undefined, 'GET', '/api/health')).json().status).toBe('degraded');
    // Nor is a POST that stores nothing (a simulation): it succeeds, and health still says degraded.
    const simulated = await world.request(world.clinicianOne, 'POST', '/api/clinic/simulate-session', {
      frequencyHz: 30,
      phaseWidthUs: 300,
      minutes: 1,
    });
    expect(simulated.statusCode).toBe(200);
    expect((await world.request(undefined, 'GET', '/api/health')).json().status).toBe('degraded');
  }, 120_000);

  it('recovers when space is freed, and keeps every acknowledged note across a reopen', async () => {
    rmSync(filler);
    const after = await writeNote();
    expect(after.statusCode).toBe(201);
    acknowledged.push(after.json().id);
    expect((await world.request(undefined, 'GET', '/api/health')).json()).toMatchObject({ status: 'ok' });

    await world.close();
    worldOpen = false;
    await expectNotesInDirectory(dataDir, acknowledged);
  }, 120_000);
});
