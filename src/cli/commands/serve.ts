import { buildApp } from '../../api/app.ts';
import { ensureAdminFromEnvironment } from '../../api/bootstrap.ts';
import { clinicContactFromEnvironment } from '../../api/clinic-contact.ts';
import { openConfiguredDatabase } from '../../store/configured-database.ts';
import type { Command } from '../command.ts';
import { optionalNumber, optionalString } from '../options.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Run the web app and API: embedded PGlite in --data DIR (default ./myotrophy-data), or PostgreSQL when DATABASE_URL is set.',
  usage: ['serve [--port 3000] [--host 127.0.0.1] [--data DIR] [--json]'],
  options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' } },
  async run(values) {
    const port = optionalNumber(values, 'port', { min: 0, max: 65535, integer: true }) ?? 3000;
    const host = optionalString(values, 'host') ?? '127.0.0.1';
    const database = await openConfiguredDatabase(optionalString(values, 'data'));
    let admin: Awaited<ReturnType<typeof ensureAdminFromEnvironment>>;
    try {
      admin = await ensureAdminFromEnvironment(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
    const clinicContact = clinicContactFromEnvironment();
    const app = await buildApp(database, {
      trustProxy: process.env.MYOTROPHY_TRUST_PROXY === '1',
      ...(clinicContact ? { clinicContact } : {}),
    });
    const url = await app.listen({ port, host });
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
      },
      text: [
        `Myotrophy is listening on ${url} (API docs: ${url}/api/docs)`,
        `database: ${database.kind} at ${database.location}`,
        admin.created ? `created admin ${admin.email}` : `no admin created: ${admin.reason}`,
        'stop with Ctrl-C',
      ].join('\n'),
    };
  },
};
