import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../store/database.ts';
import { findOpenLink } from '../../store/records/account-links.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { getUser, listUsers } from '../../store/records/users.ts';
import { authorizeAccount, authorizePatient } from '../access.ts';
import {
  type AuditBy,
  acceptInvitation,
  deactivateAccount,
  INVITABLE_ROLES,
  type InvitableRole,
  type IssuedLink,
  inviteAccount,
  issueResetLink,
  reactivateAccount,
  resetPassword,
  setAdminClinicianRole,
} from '../accounts.ts';
import { notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { created, noContent } from '../response-schemas.ts';
import { closedObject, passwordInput, shortText, uuid } from '../schemas.ts';
import type { AppOptions } from './context.ts';

/** The account lifecycle over HTTP: invitations, resets, deactivation, the admin's clinician role. */
const userParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: uuid },
} as const;
const token = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{43}$',
  description: 'the token from the link',
} as const;
const newPassword = passwordInput;
const reason = { type: 'string', minLength: 1, maxLength: 500 } as const;

function by(request: FastifyRequest): AuditBy {
  return {
    userId: request.actor?.userId ?? null,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  };
}

function linkAnswer(issued: IssuedLink) {
  return {
    id: issued.link.id,
    kind: issued.link.kind,
    email: issued.link.email,
    name: issued.link.name,
    role: issued.link.role,
    patientId: issued.link.patientId,
    expiresAt: issued.link.expiresAt,
    token: issued.token,
    path: issued.path,
  };
}

/** What a one-time link's page sends: the token and the password to set. */
const linkAndPassword = {
  type: 'object',
  required: ['token', 'password'],
  additionalProperties: false,
  properties: { token, password: newPassword },
} as const;

export function accountRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  const publicLimit = { max: options.loginAttemptsPerMinute, timeWindow: 60_000 };
  /** A route reached from an e-mailed link: no login, rate-limited per address like the login. */
  const linkRoute = (schema: { summary: string; body: object; response?: object }) => ({
    config: { public: true, rateLimit: publicLimit },
    schema: { tags: ['accounts'], security: [], ...schema },
  });

  app.post<{ Body: { role: InvitableRole; email: string; name: string; patientId?: string } }>(
    '/api/invitations',
    {
      schema: {
        response: created('The invitation and its one-time link (shown once)'),
        tags: ['accounts'],
        summary:
          "Invite a clinician, or a patient to their record's one login (a clinician on the patient's care team). The answer holds the one-time link; it is shown once.",
        body: closedObject(
          {
            role: { type: 'string', enum: [...INVITABLE_ROLES] },
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: shortText(),
            patientId: uuid,
          },
          ['role', 'email', 'name'],
        ),
      },
    },
    async (request, reply) => {
      const actor = authorizeAccount(request.actor, 'invite');
      // A patient's login is offered by their care team only: an admin holding the link could
      // otherwise log in as the patient and read the record.
      if (request.body.patientId) await authorizePatient(db, actor, request.body.patientId, 'update');
      const issued = await inviteAccount(db, by(request), request.body, options.now());
      return reply.code(201).header('cache-control', 'no-store').send(linkAnswer(issued));
    },
  );

  app.post<{ Body: { token: string } }>(
    '/api/invitations/inspect',
    linkRoute({
      summary: 'Who an open invitation is for (the page greets the invitee); does not use it',
      body: { type: 'object', required: ['token'], additionalProperties: false, properties: { token } },
    }),
    async (request) => {
      const link = await findOpenLink(db, 'invitation', request.body.token, options.now());
      if (!link) throw notFound('this invitation link is unknown, already used, revoked or expired');
      return { email: link.email, name: link.name, role: link.role, expiresAt: link.expiresAt };
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/api/invitations/accept',
    linkRoute({
      response: created('The new account; Location is /api/me, readable once logged in'),
      summary: 'Accept an invitation: set a password and create the account (then log in)',
      body: linkAndPassword,
    }),
    async (request, reply) => {
      const user = await acceptInvitation(
        db,
        by(request),
        request.body.token,
        request.body.password,
        options.now(),
      );
      return reply.code(201).header('location', '/api/me').send({ user });
    },
  );

  app.post<{ Body: { token: string; password: string } }>(
    '/api/password-reset',
    linkRoute({
      response: noContent('The password is set'),
      summary: 'Set a new password with a reset link; every session of the account ends',
      body: linkAndPassword,
    }),
    async (request, reply) => {
      await resetPassword(db, by(request), request.body.token, request.body.password, options.now());
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/users',
    { schema: { tags: ['accounts'], summary: 'Every account (admin)' } },
    async (request) => {
      const actor = authorizeAccount(request.actor, 'manage-users');
      const items = await listUsers(db);
      await recordAudit(db, {
        ...auditFrom(request, { action: 'read', resource: 'user' }),
        userId: actor.userId,
      });
      return { items };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/users/:id',
    { schema: { tags: ['accounts'], summary: 'One account (admin)', params: userParams } },
    async (request) => {
      const actor = authorizeAccount(request.actor, 'manage-users');
      const user = await getUser(db, request.params.id);
      if (!user) throw notFound(`no account ${request.params.id}`);
      await recordAudit(db, {
        ...auditFrom(request, { action: 'read', resource: 'user', recordId: user.id }),
        userId: actor.userId,
      });
      return user;
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/users/:id/reset-link',
    {
      schema: {
        response: created('The reset link (shown once)'),
        tags: ['accounts'],
        summary: 'A one-time password reset link for an account (admin); shown once',
        params: userParams,
      },
    },
    async (request, reply) => {
      authorizeAccount(request.actor, 'manage-users');
      const issued = await issueResetLink(db, by(request), request.params.id, options.now());
      return reply.code(201).header('cache-control', 'no-store').send(linkAnswer(issued));
    },
  );

  const accountStatusChanges = [
    {
      path: 'deactivate',
      summary: 'Deactivate an account (admin): it cannot log in and its sessions end at once',
      change: (request: FastifyRequest, userId: string, reason: string | null) =>
        deactivateAccount(db, by(request), userId, reason, options.now()),
    },
    {
      path: 'reactivate',
      summary: 'Reactivate an account (admin)',
      change: (request: FastifyRequest, userId: string, reason: string | null) =>
        reactivateAccount(db, by(request), userId, reason),
    },
  ];
  for (const { path, summary, change } of accountStatusChanges) {
    app.post<{ Params: { id: string }; Body: { reason?: string } }>(
      `/api/users/:id/${path}`,
      {
        schema: {
          tags: ['accounts'],
          summary,
          params: userParams,
          body: { type: 'object', additionalProperties: false, properties: { reason } },
        },
      },
      async (request) => {
        authorizeAccount(request.actor, 'manage-users');
        return { user: await change(request, request.params.id, request.body?.reason ?? null) };
      },
    );
  }

  app.put<{ Params: { id: string }; Body: { granted: boolean; reason: string } }>(
    '/api/users/:id/clinician-role',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "Grant or withdraw an admin account's clinician role (admin), with a reason: the only way an admin does clinical work",
        params: userParams,
        body: {
          type: 'object',
          required: ['granted', 'reason'],
          additionalProperties: false,
          properties: { granted: { type: 'boolean' }, reason },
        },
      },
    },
    async (request) => {
      authorizeAccount(request.actor, 'manage-users');
      const user = await setAdminClinicianRole(
        db,
        by(request),
        request.params.id,
        request.body.granted,
        request.body.reason,
      );
      return { user };
    },
  );
}
