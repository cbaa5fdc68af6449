import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { issueSession, revokeSession, SESSION_LIFETIME_HOURS } from '../../store/records/auth-sessions.ts';
import { patientLanguage } from '../../store/records/patients.ts';
import { findUserByEmail } from '../../store/records/users.ts';
import { actForClinic } from '../../store/tenancy.ts';
import { actorOf, CSRF_COOKIE, SESSION_COOKIE } from '../auth.ts';
import { claimLoginAttempt, settleLoginSuccess } from '../login-throttle.ts';
import { decoyHash, verifyPassword } from '../passwords.ts';
import { forbidden, unauthorized } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { noContent } from '../response-schemas.ts';
import { closedObject, passwordInput } from '../schemas.ts';
import type { AppOptions } from './context.ts';

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'clinician', 'patient'] },
    patientId: { type: ['string', 'null'] },
    clinicianRole: { type: 'boolean' },
    /** A patient's language (the app opens in it); null for clinicians and admins. */
    language: { type: ['string', 'null'] },
  },
} as const;

export function authRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.post<{ Body: { email: string; password: string } }>(
    '/api/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: options.loginAttemptsPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Log in: returns a bearer token and sets the HttpOnly session cookie',
        security: [],
        body: closedObject(
          { email: { type: 'string', minLength: 3, maxLength: 254 }, password: passwordInput },
          ['email', 'password'],
        ),
        response: {
          200: {
            type: 'object',
            properties: {
              token: { type: 'string' },
              csrfToken: { type: 'string' },
              expiresAt: { type: 'string' },
              user: userSchema,
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await claimLoginAttempt(db, reply, email, request.ip, options.now());
      const user = await findUserByEmail(db, email);
      const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      if (!user || !ok) {
        await recordAudit(db, {
          ...auditFrom(request, { action: 'login-failed', resource: 'auth', recordId: user?.id ?? null }),
          userId: user?.id ?? null,
        });
        throw unauthorized('the email or password is wrong');
      }
      if (user.deactivatedAt !== null) {
        await recordAudit(db, {
          ...auditFrom(request, { action: 'login-refused', resource: 'auth', recordId: user.id }),
          userId: user.id,
          reason: 'account deactivated',
        });
        throw forbidden('this account is deactivated; ask an admin of your clinic to reactivate it');
      }
      const now = options.now();
      const issued = await db.transaction().execute(async (tx) => {
        await settleLoginSuccess(tx, email, request.ip, now);
        const session = await issueSession(tx, user.id, request.ip, now);
        await recordAudit(tx, {
          ...auditFrom(request, { action: 'login', resource: 'auth', recordId: user.id }),
          userId: user.id,
        });
        return session;
      });
      const secure = options.secureCookies ?? request.protocol === 'https';
      const maxAge = SESSION_LIFETIME_HOURS * 3600;
      reply.setCookie(SESSION_COOKIE, issued.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure,
        path: '/',
        maxAge,
      });
      reply.setCookie(CSRF_COOKIE, issued.csrfToken, {
        httpOnly: false,
        sameSite: 'strict',
        secure,
        path: '/',
        maxAge,
      });
      return {
        token: issued.token,
        csrfToken: issued.csrfToken,
        expiresAt: issued.expiresAt,
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          patientId: user.patientId,
          clinicianRole: user.clinicianRole,
          // A login is anonymous until here: the patient's row is read in the account's clinic.
          language: user.patientId
            ? await actForClinic(user.clinicId, () => patientLanguage(db, user.patientId as string))
            : null,
        },
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        response: noContent('Logged out'),
        tags: ['auth'],
        summary: 'Log out: revokes this token or cookie session',
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await db.transaction().execute(async (tx) => {
        await revokeSession(tx, actor.sessionId, options.now());
        await recordAudit(
          tx,
          auditFrom(request, { action: 'logout', resource: 'auth', recordId: actor.userId }),
        );
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      reply.clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user (and, for the browser, the CSRF token to echo)',
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        user: {
          id: actor.userId,
          email: actor.email,
          name: actor.name,
          role: actor.role,
          patientId: actor.patientId,
          clinicianRole: actor.clinicianRole,
          language: actor.patientId ? await patientLanguage(db, actor.patientId) : null,
        },
        ...(actor.via === 'cookie' ? { csrfToken: actor.csrfToken } : {}),
      };
    },
  );
}
