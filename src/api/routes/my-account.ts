import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  listActiveSessions,
  revokeOwnSession,
  revokeUserSessions,
} from '../../store/records/auth-sessions.ts';
import { changePassword } from '../accounts.ts';
import { actorOf } from '../auth.ts';
import { claimLoginAttempt, settleLoginSuccess } from '../login-throttle.ts';
import { notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { noContent } from '../response-schemas.ts';
import { closedObject, passwordInput, uuid } from '../schemas.ts';
import type { AppOptions } from './context.ts';

/** What a logged-in user does to their own account: change the password, see and end sessions. */
export function myAccountRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/api/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password (the current one is required); your other sessions end',
        body: closedObject({ currentPassword: passwordInput, newPassword: passwordInput }, [
          'currentPassword',
          'newPassword',
        ]),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = options.now();
      // Guessing the current password through this route counts like guessing it at login.
      await claimLoginAttempt(db, reply, actor.email, request.ip, now);
      const result = await changePassword(
        db,
        {
          userId: actor.userId,
          sessionId: actor.sessionId,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        request.body.currentPassword,
        request.body.newPassword,
        now,
      );
      await settleLoginSuccess(db, actor.email, request.ip, now);
      return result;
    },
  );

  app.get(
    '/api/me/sessions',
    { schema: { tags: ['auth'], summary: 'Your live sessions, newest first' } },
    async (request) => {
      const actor = actorOf(request);
      const sessions = await listActiveSessions(db, actor.userId, options.now());
      return { items: sessions.map((s) => ({ ...s, current: s.id === actor.sessionId })) };
    },
  );

  app.post(
    '/api/me/sessions/end-others',
    { schema: { tags: ['auth'], summary: 'End every session of yours except this one' } },
    async (request) => {
      const actor = actorOf(request);
      const now = options.now();
      const ended = await db.transaction().execute(async (tx) => {
        const count = await revokeUserSessions(tx, actor.userId, now, actor.sessionId);
        await recordAudit(tx, {
          ...auditFrom(request, { action: 'end-other-sessions', resource: 'auth', recordId: actor.userId }),
          reason: `${count} session(s) ended`,
        });
        return count;
      });
      return { endedSessions: ended };
    },
  );

  app.delete<{ Params: { sessionId: string } }>(
    '/api/me/sessions/:sessionId',
    {
      schema: {
        response: noContent('The session has ended'),
        tags: ['auth'],
        summary: 'End one of your sessions',
        params: {
          type: 'object',
          required: ['sessionId'],
          additionalProperties: false,
          properties: { sessionId: uuid },
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ended = await db.transaction().execute(async (tx) => {
        const done = await revokeOwnSession(tx, actor.userId, request.params.sessionId, options.now());
        if (done) {
          await recordAudit(
            tx,
            auditFrom(request, {
              action: 'end-session',
              resource: 'auth',
              recordId: request.params.sessionId,
            }),
          );
        }
        return done;
      });
      if (!ended) throw notFound(`you have no live session ${request.params.sessionId}`);
      return reply.code(204).send();
    },
  );
}
