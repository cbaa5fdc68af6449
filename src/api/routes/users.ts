import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createUser, findUserByEmail } from '../../store/records/users.ts';
import { ROLES, type Role } from '../../store/schema.ts';
import { authorizeAccount } from '../access.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import { conflict, HttpProblem } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { created } from '../response-schemas.ts';
import { shortText, uuid } from '../schemas.ts';

interface NewUserBody {
  email: string;
  name: string;
  role: Role;
  password: string;
  patientId?: string;
}

export function userRoutes(app: FastifyInstance, db: Db): void {
  app.post<{ Body: NewUserBody }>(
    '/api/users',
    {
      schema: {
        response: created('The account; Location is its address'),
        tags: ['users'],
        summary:
          'Create a clinician or admin account with a password (admin). Patient logins come only from invitations (POST /api/invitations).',
        body: {
          type: 'object',
          required: ['email', 'name', 'role', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: shortText(),
            role: {
              type: 'string',
              enum: [...ROLES],
              description: 'admin or clinician (patient: see /api/invitations)',
            },
            password: { type: 'string', minLength: 10, maxLength: 256 },
            patientId: uuid,
          },
        },
      },
    },
    async (request, reply) => {
      const actor = authorizeAccount(request.actor, 'create-user');
      const body = request.body;
      checkPasswordStrength(body.password);
      if (body.role === 'patient' || body.patientId) {
        throw new HttpProblem(
          422,
          "a patient's login is made only by an invitation bound to the patient, from their care team: POST /api/invitations with role patient and patientId",
        );
      }
      if (await findUserByEmail(db, body.email))
        throw conflict(`a user with email ${body.email} already exists`);
      const passwordHash = await hashPassword(body.password);
      const user = await db.transaction().execute(async (tx) => {
        const created = await createUser(tx, { ...body, passwordHash, patientId: body.patientId ?? null });
        await recordAudit(tx, {
          ...auditFrom(request, { action: 'create', resource: 'user', recordId: created.id }),
          userId: actor.userId,
        });
        return created;
      });
      return reply.code(201).header('location', `/api/users/${user.id}`).send(user);
    },
  );
}
