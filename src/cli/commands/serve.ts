import cluster from 'node:cluster';
import { buildApp } from '../../api/app.ts';
import { ensureAdminFromEnvironment } from '../../api/bootstrap.ts';
import { clinicContactFromEnvironment } from '../../api/clinic-contact.ts';
import { startMaintenance } from '../../api/maintenance.ts';
import { memoryCeilingMbFromSetting } from '../../api/memory-guard.ts';
import { vapidSubject } from '../../api/reminders/push-delivery.ts';
import { serverAddressOptions } from '../../api/server-address-options.ts';
import { clinicTimeZoneFromEnvironment } from '../../api/time-zone.ts';
import { openConfiguredDatabase } from '../../store/configured-database.ts';
import { countUsers } from '../../store/records/users.ts';
import { type Command, declareOptions } from '../command.ts';
import { optionalNumber, optionalString, UsageError } from '../options.ts';
import { startWorkers } from '../serve-workers.ts';

/** More processes than this on one host would only contend for its cores and the database's connections. */
const MAX_WORKERS = 64;

function serverUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Run the web app and API: embedded PGlite in --data DIR (default ./myotrophy-data), or PostgreSQL when DATABASE_URL is set; --workers N runs N server processes sharing the port (PostgreSQL only).',
  usage: ['serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--workers N] [--json]'],
  options: declareOptions(['port', 'host', 'data', 'workers']),
  async run(values) {
    const port = optionalNumber(values, 'port', { min: 0, max: 65535, integer: true }) ?? 3000;
    const host = optionalString(values, 'host') ?? '127.0.0.1';
    const workers = optionalNumber(values, 'workers', { min: 1, max: MAX_WORKERS, integer: true }) ?? 1;
    const pooled = workers > 1 && cluster.isPrimary;
    if (pooled && !process.env.DATABASE_URL?.trim()) {
      throw new UsageError(
        `--workers ${workers} needs PostgreSQL (set DATABASE_URL): the embedded database belongs to one process; leave out --workers to serve it`,
      );
    }
    const clinicTimeZone = clinicTimeZoneFromEnvironment();
    const memoryCeilingMb = memoryCeilingMbFromSetting(process.env.MYOTROPHY_MEMORY_CEILING_MB);
    const database = await openConfiguredDatabase(optionalString(values, 'data'));
    let admin: Awaited<ReturnType<typeof ensureAdminFromEnvironment>>;
    try {
      admin = await ensureAdminFromEnvironment(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
    if (pooled) {
      // The primary migrates and creates the admin once, then leaves the database to the workers.
      const firstVisitSetsUp = (await countUsers(database.db)) === 0;
      await database.close();
      const pool = await startWorkers(workers);
      const url = serverUrl(host, pool.port);
      return listeningAnswer(url, database, admin, firstVisitSetsUp, { workers, pids: pool.pids() });
    }
    const clinicContact = clinicContactFromEnvironment();
    let app: Awaited<ReturnType<typeof buildApp>>;
    try {
      app = await buildApp(database, {
        ...serverAddressOptions(host, process.env),
        ...(clinicContact ? { clinicContact } : {}),
        clinicTimeZone,
        ...(memoryCeilingMb !== undefined ? { memoryCeilingMb } : {}),
        reminderScheduler: { subject: vapidSubject(clinicContact?.email, process.env.MYOTROPHY_PUBLIC_URL) },
      });
    } catch (error) {
      await database.close();
      throw error;
    }
    const url = await app.listen({ port, host });
    // Every process ticks; the database lets one of them do each period's work.
    const maintenance = startMaintenance(database.db, { now: () => new Date() });
    // With no account at all, the first person to open the app sets up the clinic's admin.
    const firstVisitSetsUp = (await countUsers(database.db)) === 0;
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await maintenance.close();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // The command returns while the server keeps the process alive until a signal stops it.
    return listeningAnswer(url, database, admin, firstVisitSetsUp);
  },
};

/** What serve answers once it listens: one process, or a pool of them sharing the port. */
function listeningAnswer(
  url: string,
  database: Awaited<ReturnType<typeof openConfiguredDatabase>>,
  admin: Awaited<ReturnType<typeof ensureAdminFromEnvironment>>,
  firstVisitSetsUp: boolean,
  pool?: { workers: number; pids: number[] },
) {
  return {
    json: {
      url,
      database: database.kind,
      location: database.location,
      migrationsApplied: database.applied,
      admin,
      firstVisitSetsUp,
      ...(pool ? { workers: pool.pids } : {}),
    },
    text: [
      `Myotrophy is listening on ${url} (API docs: ${url}/api/docs)${pool ? ` with ${pool.workers} server processes` : ''}`,
      `database: ${database.kind} at ${database.location}`,
      firstVisitSetsUp
        ? `Open ${url} in a browser: the first visit creates the admin account.`
        : admin.created
          ? `created admin ${admin.email}`
          : `Sign in at ${url}.`,
      ...(pool ? [] : ['port and data directory: --port N --data DIR (or DATABASE_URL for PostgreSQL)']),
      'stop with Ctrl-C',
    ].join('\n'),
  };
}
