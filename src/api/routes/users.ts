import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { patientExists } from '../../store/records/patients.ts';
import { createUser, findUserByEmail } from '../../store/records/users.ts';
import { ROLES, type Role } from '../../store/schema.ts';
import { authorizeAccount } from '../access.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import { conflict, HttpProblem } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
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
        tags: ['users'],
        summary: 'Create a user (admin). A patient account names the patient record it belongs to.',
        body: {
          type: 'object',
          required: ['email', 'name', 'role', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            name: shortText(),
            role: { type: 'string', enum: [...ROLES] },
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
      if (body.role === 'patient' && !body.patientId) {
        throw new HttpProblem(422, 'a patient account needs patientId: the patient record it belongs to');
      }
      if (body.role !== 'patient' && body.patientId) {
        throw new HttpProblem(422, `patientId is only for patient accounts, not for role ${body.role}`);
      }
      if (body.patientId && !(await patientExists(db, body.patientId))) {
        throw new HttpProblem(422, `there is no patient ${body.patientId}`);
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
