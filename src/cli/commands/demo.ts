import { loadDemo } from '../../api/demo-loader.ts';
import { clinicTimeZoneFromEnvironment } from '../../api/time-zone.ts';
import { type Command, declareOptions } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { optionalString, UsageError } from '../options.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const demoCommand: Command = {
  name: 'demo',
  summary:
    'Load synthetic demo patients (a cast on day 10, an ICU patient, a denervated foot drop, a sedentary older adult) with months of history.',
  usage: [
    'demo [--clinic NAME|ID] [--data DIR] [--today YYYY-MM-DD] [--json]  (the same database as serve: DATABASE_URL, or PGlite in --data, default ./myotrophy-data)',
  ],
  options: declareOptions(['clinic', 'data', 'today']),
  async run(values) {
    const rawToday = optionalString(values, 'today');
    let today = new Date();
    if (rawToday !== undefined) {
      today = new Date(`${rawToday}T12:00:00Z`);
      if (
        !DATE.test(rawToday) ||
        Number.isNaN(today.getTime()) ||
        today.toISOString().slice(0, 10) !== rawToday
      ) {
        throw new UsageError(`--today must be a calendar date YYYY-MM-DD; got '${rawToday}'`);
      }
    }
    return withConfiguredDatabase(values, async (database) => {
      const result = await loadDemo(database.db, { today, timeZone: clinicTimeZoneFromEnvironment() });
      const json = { ...result, database: database.kind, location: database.location };
      const text = result.loaded
        ? [
            `Loaded ${result.patients.length} demo patients into ${database.location}.`,
            `Clinician: ${result.clinician.email} / ${result.clinician.password}`,
            ...result.patients.map(
              (p) => `Patient ${p.name}: ${p.email} / ${p.password} (${p.sessions} sessions) — ${p.story}`,
            ),
            'Start the server with `npm start` and log in at http://localhost:3000.',
          ].join('\n')
        : `Nothing loaded: ${result.reason}. Clinician login: ${result.clinician.email} / ${result.clinician.password}`;
      return { json, text };
    });
  },
};
