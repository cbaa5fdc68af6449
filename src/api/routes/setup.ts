import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { issueSession, SESSION_LIFETIME_HOURS } from '../../store/records/auth-sessions.ts';
import { firstClinic } from '../../store/records/clinics.ts';
import { countUsers, createUser } from '../../store/records/users.ts';
import { actForClinic, enterClinic } from '../../store/tenancy.ts';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth.ts';
import { loadDemo } from '../demo-loader.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import { conflict } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { created } from '../response-schemas.ts';
import { shortText } from '../schemas.ts';
import type { AppOptions } from './context.ts';

/**
 * First run: on a database with no users at all (no admin configured through the environment or
 * `myotrophy user add`), the browser opens on a one-time page that creates the first admin, logs
 * them in and, if asked, loads the demo with the admin on the demo patients' care teams (the admin
 * then holds the clinician role, explicitly). Once any user exists, setup answers 409 and the page
 * is never shown again; the admin then invites the clinic's clinicians from the web app.
 */
interface SetupBody {
  email: string;
  name: string;
  password: string;
  loadDemo?: boolean;
}

export function setupRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.get(
    '/api/setup',
    {
      config: { public: true },
      schema: {
        response: created('The first admin account'),
        tags: ['auth'],
        summary: 'Whether the one-time first-run setup is still open (no user exists yet)',
        security: [],
      },
    },
    async () => ({ needsSetup: (await countUsers(db)) === 0 }),
  );

  app.post<{ Body: SetupBody }>(
    '/api/setup',
    {
      config: { public: true, rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'First run only: create the first admin, log them in, and optionally load the demo patients',
        security: [],
        body: {
          type: 'object',
          required: ['email', 'name', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: shortText(),
            password: { type: 'string', minLength: 1, maxLength: 256 },
            loadDemo: { type: 'boolean' },
          },
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      checkPasswordStrength(body.password);
      const passwordHash = await hashPassword(body.password);
      const now = options.now();
      const { admin, issued } = await db.transaction().execute(async (tx) => {
        // Two browsers racing through setup: the lock makes the second see the first's admin.
        await sql`lock table users in share row exclusive mode`.execute(tx);
        if ((await countUsers(tx)) > 0) {
          throw conflict('setup is already done: an account exists; log in instead');
        }
        // A fresh instance has one clinic; its first admin, and the demo, belong to it.
        await enterClinic(tx, (await firstClinic(tx)).id);
        // With the demo, the admin joins the demo patients' care teams: that is clinical work,
        // so the admin takes the clinician role explicitly, here, and the audit says so.
        const created = await createUser(tx, {
          email: body.email,
          name: body.name,
          role: 'admin',
          passwordHash,
          clinicianRole: body.loadDemo === true,
        });
        await recordAudit(tx, {
          ...auditFrom(request, { action: 'create', resource: 'user', recordId: created.id }),
          userId: created.id,
        });
        if (created.clinicianRole) {
          await recordAudit(tx, {
            ...auditFrom(request, { action: 'grant-clinician-role', resource: 'user', recordId: created.id }),
            userId: created.id,
            reason: "first-run setup with the demo: the admin joins the demo patients' care teams",
          });
        }
        const session = await issueSession(tx, created.id, request.ip, now);
        return { admin: created, issued: session };
      });
      const demo = body.loadDemo
        ? await actForClinic(admin.clinicId, () =>
            loadDemo(db, {
              today: now,
              alsoOnCareTeam: admin.id,
              ...(options.clinicTimeZone ? { timeZone: options.clinicTimeZone } : {}),
            }),
          )
        : null;
      const secure = options.secureCookies ?? request.protocol === 'https';
      const cookie = {
        sameSite: 'strict' as const,
        secure,
        path: '/',
        maxAge: SESSION_LIFETIME_HOURS * 3600,
      };
      reply.setCookie(SESSION_COOKIE, issued.token, { ...cookie, httpOnly: true });
      reply.setCookie(CSRF_COOKIE, issued.csrfToken, { ...cookie, httpOnly: false });
      return reply.code(201).send({
        user: {
          id: admin.id,
          email: admin.email,
          name: admin.name,
          role: admin.role,
          patientId: null,
          clinicianRole: admin.clinicianRole,
        },
        token: issued.token,
        csrfToken: issued.csrfToken,
        expiresAt: issued.expiresAt,
        demo,
      });
    },
  );
}
