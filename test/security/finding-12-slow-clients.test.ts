import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS } from '../../src/api/server-limits.ts';
import { type ApiWorld, makeApiWorld } from '../api-world.ts';
import { testDatabases } from '../databases.ts';

/**
 * Finding 12: no request timeout or connection limit. The server now cuts a client that has not
 * sent its headers in time (slow loris), bounds the whole request and idle keep-alive sockets, and
 * caps its connections; while slow clients hang, everyone else is answered.
 */
interface Held {
  socket: Socket;
  received: string;
  closed: Promise<void>;
}

function hold(port: number, drip: boolean): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const held: Held = { socket, received: '', closed: Promise.resolve() };
    held.closed = new Promise((done) => socket.on('close', () => done()));
    socket.on('data', (chunk) => {
      held.received += chunk.toString('latin1');
    });
    socket.on('error', () => {});
    socket.once('connect', () => {
      if (drip) {
        socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
        const timer = setInterval(() => {
          if (socket.destroyed) clearInterval(timer);
          else socket.write('a');
        }, 200);
        socket.on('close', () => clearInterval(timer));
      }
      resolve(held);
    });
    socket.once('error', reject);
  });
}

describe.each(testDatabases)('finding 12: slow clients on $name', (kind) => {
  let world: ApiWorld;
  let port: number;
  beforeAll(async () => {
    world = await makeApiWorld(kind, {
      serverLimits: { headersTimeoutMs: 1_500, timeoutCheckIntervalMs: 250, maxConnections: 60 },
    });
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    port = (world.app.server.address() as { port: number }).port;
  }, 60_000);
  afterAll(async () => world?.close());

  it('sets header, request and keep-alive timeouts and a connection cap by default', async () => {
    expect(DEFAULT_SERVER_LIMITS).toMatchObject({
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 10_000,
      maxConnections: 1_024,
    });
    expect(world.app.server.headersTimeout).toBe(1_500);
    expect(world.app.server.requestTimeout).toBe(60_000);
    expect(world.app.server.keepAliveTimeout).toBe(10_000);
    expect(world.app.server.maxConnections).toBe(60);
  });

  it('answers others while 40 slow-loris clients drip their headers, then cuts the slow ones with 408', async () => {
    const slow = await Promise.all(Array.from({ length: 40 }, () => hold(port, true)));
    for (let i = 0; i < 5; i += 1) {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(response.status).toBe(200);
    }
    expect(slow.every((s) => !s.socket.destroyed)).toBe(true);
    await Promise.all(slow.map((s) => s.closed));
    expect(slow.every((s) => s.received === '' || s.received.startsWith('HTTP/1.1 408'))).toBe(true);
    const after = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(after.status).toBe(200);
  }, 30_000);

  it('closes connections beyond the cap as they arrive, and serves again once the idle ones are cut', async () => {
    const idle = await Promise.all(Array.from({ length: 60 }, () => hold(port, false)));
    const beyond = await hold(port, false);
    await beyond.closed;
    expect(beyond.received).toBe('');
    await Promise.all(idle.map((s) => s.closed));
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(response.status).toBe(200);
  }, 30_000);
});
