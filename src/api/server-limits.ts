import type { FastifyInstance } from 'fastify';

/**
 * How long a client may take, and how many may be connected at once. Without limits a client that
 * sends its headers a byte at a time (slow loris), or opens connections and sends nothing, holds
 * them for ever; enough such clients exhaust the server's sockets and memory.
 */
export interface ServerLimits {
  /** All request headers must have arrived within this time (ms); else 408 and the socket closes. */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this time (ms). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time (ms). */
  keepAliveTimeoutMs: number;
  /** A socket on which nothing at all happens for this long (ms) is destroyed. */
  idleSocketTimeoutMs: number;
  /** How often the server checks the header and request timeouts (ms); they are enforced this promptly. */
  timeoutCheckIntervalMs: number;
  /** Connections held at once; further ones are closed as they arrive. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 10_000,
  idleSocketTimeoutMs: 60_000,
  timeoutCheckIntervalMs: 1_000,
  maxConnections: 1_024,
};

/** Fastify's constructor options for the limits. */
export function fastifyServerOptions(limits: ServerLimits) {
  return {
    connectionTimeout: limits.idleSocketTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
  };
}

/** The connection cap, on the server Fastify created. */
export function applyConnectionCap(app: FastifyInstance, limits: ServerLimits): void {
  app.server.maxConnections = limits.maxConnections;
}
