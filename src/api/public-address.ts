import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem.ts';

/**
 * Where the server is reached from and whom it believes about the client's address.
 *
 * - Proxies: only a configured number of hops, or proxies at configured addresses (CIDR), are
 *   believed when they report the client's address (X-Forwarded-For) or the host asked for
 *   (X-Forwarded-Host). Believing every hop would let any client forge its address (escaping the
 *   login limit, forging audit IPs) and the host that FHIR links are built from.
 * - Absolute links (FHIR Bundle links) are built from the configured public URL, never from a
 *   header the client wrote.
 * - A request naming a host the server does not serve is refused (DNS rebinding, cache and link
 *   poisoning through the Host header).
 */

/** The proxies believed: a hop count, or addresses and CIDR ranges (and proxy-addr's names). */
export type TrustedProxies = number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * MYOTROPHY_TRUST_PROXY: unset or '' or '0' trusts no proxy; a whole number trusts that many hops
 * (1: the one reverse proxy in front); otherwise a comma-separated list of addresses or CIDR
 * ranges of the proxies. Anything else (true, *, a host name) is refused with what is allowed.
 */
export function trustedProxiesFromSetting(setting: string | undefined): TrustedProxies | undefined {
  const text = setting?.trim() ?? '';
  if (text === '' || text === '0') return undefined;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (wrong !== undefined) {
    throw new Error(
      `MYOTROPHY_TRUST_PROXY entry '${wrong}' is not allowed: give the number of proxy hops (e.g. 1) or the proxies' addresses and CIDR ranges, comma-separated (e.g. 10.0.0.0/8,::1)`,
    );
  }
  return entries;
}

/** Fastify's trustProxy: nothing, the first `hops` proxies counted from the server, or the listed ones. */
export function fastifyTrustProxy(
  trusted: TrustedProxies | undefined,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (trusted === undefined) return false;
  if (typeof trusted === 'number') return (_address, hop) => hop < trusted;
  return trusted;
}

/** MYOTROPHY_PUBLIC_URL: an http(s) origin, with an optional path, without query or fragment. */
export function publicUrlFromSetting(setting: string | undefined): string | undefined {
  const text = setting?.trim() ?? '';
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `MYOTROPHY_PUBLIC_URL '${text}' is not a URL; give e.g. https://myotrophy.clinic.example`,
    );
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new Error(
      `MYOTROPHY_PUBLIC_URL '${text}' must be an http or https URL without credentials, query or fragment`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The host names the server answers for: the public URL's and the others configured. */
export function allowedHostNames(publicUrl: string | undefined, others: readonly string[]): Set<string> {
  const names = new Set(others.map((name) => name.toLowerCase().replace(/^\[|\]$/g, '')));
  if (publicUrl) names.add(new URL(publicUrl).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  return names;
}

/** Refuses, before anything else, a request whose Host (or trusted X-Forwarded-Host) is not served here. */
export function installHostCheck(app: FastifyInstance, allowed: Set<string>): void {
  if (allowed.size === 0) return;
  const shown = [...allowed].sort().join(', ');
  app.addHook('onRequest', async (request) => {
    const hostname = request.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    if (!allowed.has(hostname)) {
      throw badRequest(
        `this server does not answer for host '${request.hostname.slice(0, 100)}'; it answers for ${shown}`,
      );
    }
  });
}
