import { buildApp } from '../../api/app.ts';
import { ensureAdminFromEnvironment } from '../../api/bootstrap.ts';
import { clinicContactFromEnvironment } from '../../api/clinic-contact.ts';
import { memoryCeilingMbFromSetting } from '../../api/memory-guard.ts';
import { vapidSubject } from '../../api/reminders/push-delivery.ts';
import { serverAddressOptions } from '../../api/server-address-options.ts';
import { clinicTimeZoneFromEnvironment } from '../../api/time-zone.ts';
import { openConfiguredDatabase } from '../../store/configured-database.ts';
import { countUsers } from '../../store/records/users.ts';
import { type Command, declareOptions } from '../command.ts';
import { optionalNumber, optionalString } from '../options.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Run the web app and API: embedded PGlite in --data DIR (default ./myotrophy-data), or PostgreSQL when DATABASE_URL is set.',
  usage: ['serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--json]'],
  options: declareOptions(['port', 'host', 'data']),
  async run(values) {
    const port = optionalNumber(values, 'port', { min: 0, max: 65535, integer: true }) ?? 3000;
    const host = optionalString(values, 'host') ?? '127.0.0.1';
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
    // With no account at all, the first person to open the app sets up the clinic's admin.
    const firstVisitSetsUp = (await countUsers(database.db)) === 0;
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // The command returns while the server keeps the process alive until a signal stops it.
    return {
      json: {
        url,
        database: database.kind,
        location: database.location,
        migrationsApplied: database.applied,
        admin,
        firstVisitSetsUp,
      },
      text: [
        `Myotrophy is listening on ${url} (API docs: ${url}/api/docs)`,
        `database: ${database.kind} at ${database.location}`,
        firstVisitSetsUp
          ? `Open ${url} in a browser: the first visit creates the admin account.`
          : admin.created
            ? `created admin ${admin.email}`
            : `Sign in at ${url}.`,
        'port and data directory: --port N --data DIR (or DATABASE_URL for PostgreSQL)',
        'stop with Ctrl-C',
      ].join('\n'),
    };
  },
};
