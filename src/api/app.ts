import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../store/database.ts';
import { installAuthentication, SESSION_COOKIE } from './auth.ts';
import { installBodyDepthLimit } from './body-depth.ts';
import { installCompressedAnswers } from './compressed-answers.ts';
import type { ComputePoolOptions } from './compute-pool.ts';
import { createComputePool } from './compute-tasks.ts';
import { useStrictDateFormats } from './date-time-input.ts';
import { installDenialAudit } from './denial-audit.ts';
import { installHeavyComputationLimit } from './heavy-computation-limit.ts';
import { createMemoryGuard, installMemoryGuard, memoryCeiling } from './memory-guard.ts';
import { frameworkErrorProblem, HttpProblem, installProblemHandlers } from './problem.ts';
import {
  allowedHostNames,
  fastifyTrustProxy,
  installHostCheck,
  type TrustedProxies,
} from './public-address.ts';
import { type ReminderSchedulerOptions, startReminderScheduler } from './reminders/scheduler.ts';
import { installResponseSchemas } from './response-schemas.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { clinicRoutes } from './routes/clinic.ts';
import { conditionsKind } from './routes/conditions.ts';
import type { AppOptions } from './routes/context.ts';
import { healthRoutes } from './routes/health.ts';
import { measurementsKind } from './routes/measurements.ts';
import { myAccountRoutes } from './routes/my-account.ts';
import { notesKind } from './routes/notes.ts';
import { overviewRoutes } from './routes/overview.ts';
import { patientRecordRoutes } from './routes/patient-records.ts';
import { patientRoutes } from './routes/patients.ts';
import { planningRoutes } from './routes/planning.ts';
import { programmeApprovalRoute, programmesKind } from './routes/programmes.ts';
import { questionnaireRoutes, questionnaireSchedulesKind } from './routes/questionnaires.ts';
import { identifiedModelsKind, recordingRoutes } from './routes/recordings.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { safetyRoutes } from './routes/safety.ts';
import { screeningsKind } from './routes/screenings.ts';
import { sdTestsKind } from './routes/sd-tests.ts';
import { sessionPlayerRoutes } from './routes/session-player.ts';
import { sessionsKindFor } from './routes/sessions.ts';
import { userRoutes } from './routes/users.ts';
import { installSecurityHeaders } from './security-headers.ts';
import {
  applyConnectionCap,
  DEFAULT_SERVER_LIMITS,
  fastifyServerOptions,
  type ServerLimits,
} from './server-limits.ts';
import { sharedRateLimitStore } from './shared-rate-limit.ts';
import { installStorageHealth } from './storage-health.ts';
import { installWellFormedText } from './well-formed-text.ts';

export interface BuildAppOptions extends Partial<AppOptions> {
  /** Largest request body accepted, in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Fastify's logger; off by default. */
  logger?: boolean;
  /** The proxies believed about the client (X-Forwarded-For/-Host): a hop count or their addresses/CIDRs; none by default. */
  trustProxy?: TrustedProxies;
  /** Worker threads, queue bound and time budget of heavy computations. */
  computePool?: ComputePoolOptions;
  /** Header, request and keep-alive timeouts and the connection cap (defaults: DEFAULT_SERVER_LIMITS). */
  serverLimits?: Partial<ServerLimits>;
  /** Host names answered besides the public URL's; with neither, any Host is answered. */
  allowedHosts?: string[];
  /** Resident memory (MiB) above which writes get 503 (default: 90 % of the machine's memory). */
  memoryCeilingMb?: number;
  /** Run the reminder scheduler in this process (`serve` does; docs/reminders.md). */
  reminderScheduler?: Omit<ReminderSchedulerOptions, 'now'>;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE = 10;
/** A clinician tuning a session simulates it a few times a minute; a flood is a hundred. */
export const DEFAULT_HEAVY_COMPUTATIONS_PER_MINUTE = 60;

/** The Myotrophy HTTP API over an open database. */
export async function buildApp(database: Database, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const appOptions: AppOptions = {
    now: options.now ?? (() => new Date()),
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE,
    heavyComputationsPerMinute: options.heavyComputationsPerMinute ?? DEFAULT_HEAVY_COMPUTATIONS_PER_MINUTE,
    compute: createComputePool(options.computePool),
    ...(options.secureCookies !== undefined ? { secureCookies: options.secureCookies } : {}),
    ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    ...(options.clinicContact ? { clinicContact: options.clinicContact } : {}),
    ...(options.clinicTimeZone ? { clinicTimeZone: options.clinicTimeZone } : {}),
    ...(options.allowLoopbackPush ? { allowLoopbackPush: true } : {}),
  };
  const limits = { ...DEFAULT_SERVER_LIMITS, ...options.serverLimits };
  const app = Fastify({
    ...fastifyServerOptions(limits),
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: fastifyTrustProxy(options.trustProxy),
    return503OnClosing: true,
    frameworkErrors: frameworkErrorProblem,
    // No type coercion: a JSON body must carry the types the schema names (query numbers are parsed by hand).
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
      onCreate: useStrictDateFormats,
    },
  });
  applyConnectionCap(app, limits);
  app.addHook('onClose', async () => appOptions.compute?.close());
  installProblemHandlers(app);
  const memory = createMemoryGuard(memoryCeiling(options.memoryCeilingMb), database.wasmMemoryBytes);
  // First of the request hooks: a write refused for memory costs no body parse or session lookup.
  installMemoryGuard(app, memory);
  installResponseSchemas(app);
  installStorageHealth(app, database.storage, appOptions.now);
  installSecurityHeaders(app);
  installHostCheck(app, allowedHostNames(appOptions.publicUrl, options.allowedHosts ?? []));
  installBodyDepthLimit(app);
  installWellFormedText(app);
  await installCompressedAnswers(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    store: sharedRateLimitStore(database.db, appOptions.now),
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        `too many login attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Myotrophy API',
        version: '1',
        description:
          'The clinic system of record: patients, care teams, conditions, screenings, measurements, strength–duration tests, programmes, sessions, notes, derived overview and alerts. Errors are RFC 9457 application/problem+json.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  // The docs page sends its own policy (its scripts' hashes; framing by this origin only).
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  installHeavyComputationLimit(app, appOptions.heavyComputationsPerMinute);
  installAuthentication(app, database.db, appOptions.now, database.accountChanges);
  installDenialAudit(app, database.db);

  const db = database.db;
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  healthRoutes(app, database, memory);
  authRoutes(app, db, appOptions);
  userRoutes(app, db);
  clinicRoutes(app, db);
  accountRoutes(app, db, appOptions);
  myAccountRoutes(app, db, appOptions);
  patientRoutes(app, db, appOptions);
  for (const kind of [
    conditionsKind,
    screeningsKind,
    measurementsKind,
    sdTestsKind,
    programmesKind,
    sessionsKindFor(appOptions.clinicContact),
    notesKind,
    identifiedModelsKind,
    questionnaireSchedulesKind,
  ]) {
    patientRecordRoutes(app, db, appOptions, kind as never);
  }
  programmeApprovalRoute(app, db, appOptions);
  safetyRoutes(app, db, appOptions);
  sessionPlayerRoutes(app, db, appOptions);
  recordingRoutes(app, db, appOptions);
  overviewRoutes(app, db, appOptions);
  questionnaireRoutes(app, db, appOptions);
  planningRoutes(app, db, appOptions);
  reminderRoutes(app, db, appOptions);
  if (options.reminderScheduler) {
    const scheduler = startReminderScheduler(db, { ...options.reminderScheduler, now: appOptions.now });
    app.addHook('onClose', () => scheduler.close());
  }
  auditRoutes(app, db);
  await (await import('./fhir/routes.ts')).registerFhirApi(app, db, appOptions);
  (await import('./routes/web.ts')).webRoutes(app, database, appOptions);
  await app.ready();
  return app;
}
