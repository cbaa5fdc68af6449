import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A push service on 127.0.0.1 for tests: it takes Web Push requests as a browser vendor's service
 * would, keeps each with its headers, and decrypts the payload with the subscriber's keys (RFC 8291,
 * aes128gcm) so a test reads the words the patient would see. `answer` sets the status per endpoint.
 */
export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
  /** The decrypted payload, parsed as JSON. */
  message: unknown;
}

export interface TestBrowser {
  /** What PushManager.subscribe would hand the page. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

export interface TestPushService {
  received: ReceivedPush[];
  /** A browser subscribed at this service, with its own keys. */
  browser(name: string): TestBrowser;
  /** The status answered for a browser's endpoint (default 201). */
  answer(name: string, status: number): void;
  close(): Promise<void>;
}

function decrypt(body: Buffer, uaPrivate: ReturnType<typeof createECDH>, auth: Buffer): unknown {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const cipher = body.subarray(21 + idLength);
  const shared = uaPrivate.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPrivate.getPublicKey(), serverPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipher.subarray(cipher.length - 16));
  const plain = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and zero padding.
  return JSON.parse(plain.subarray(0, plain.lastIndexOf(2)).toString('utf8'));
}

export async function startTestPushService(): Promise<TestPushService> {
  const keys = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  const statuses = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const name = path.replace('/push/', '');
      const subscriber = keys.get(name);
      const body = Buffer.concat(chunks);
      const status = statuses.get(name) ?? 201;
      if (status === 201 && subscriber) {
        received.push({
          path,
          headers: request.headers,
          bodyBytes: body.length,
          message: decrypt(body, subscriber.ecdh, subscriber.auth),
        });
      }
      response.writeHead(subscriber ? status : 404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    browser(name) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      keys.set(name, { ecdh, auth });
      return {
        subscription: {
          endpoint: `http://127.0.0.1:${port}/push/${name}`,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      };
    },
    answer(name, status) {
      statuses.set(name, status);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
