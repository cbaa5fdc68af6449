import type { FastifyInstance } from 'fastify';
import type { Database } from '../../store/database.ts';
import type { AppOptions } from './context.ts';
import { setupRoutes } from './setup.ts';
import { webAppRoutes } from './web-app.ts';

/** Everything the browser app adds to the API: first-run setup and the app itself at `/`. */
export function webRoutes(app: FastifyInstance, database: Database, options: AppOptions): void {
  setupRoutes(app, database.db, options);
  webAppRoutes(app);
}
