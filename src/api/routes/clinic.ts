import type { FastifyInstance } from 'fastify';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  CLINIC_PHONE_LENGTH,
  CLINIC_PHONE_PATTERN,
  findClinicByName,
  findClinicForContact,
  updateClinicContact,
} from '../../store/records/clinics.ts';
import { authorizeAccount } from '../access.ts';
import { conflict, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { closedObject, shortText } from '../schemas.ts';

interface ContactBody {
  name: string;
  phone: string | null;
  email: string | null;
}

/**
 * The caller's own clinic: its name and the phone and email its patients are told to contact when
 * stimulation is paused or a programme is on hold, and that their handout prints (docs/tenancy.md,
 * "The clinic's contact"). Staff read it; the clinic's admin changes it.
 */
export function clinicRoutes(app: FastifyInstance, db: Db): void {
  app.get(
    '/api/clinic',
    { schema: { tags: ['users'], summary: "The caller's clinic: its name, phone and email (staff)" } },
    async (request) => {
      const actor = authorizeAccount(request.actor, 'read-clinic');
      const clinic = await findClinicForContact(db, actor.clinicId);
      if (!clinic) throw notFound('your clinic is not on this instance any more');
      return { id: clinic.id, name: clinic.name, phone: clinic.phone, email: clinic.email };
    },
  );

  app.put<{ Body: ContactBody }>(
    '/api/clinic',
    {
      schema: {
        tags: ['users'],
        summary:
          "Change the clinic's name, phone and email, as its patients read them (the clinic's admin); null removes a phone or email",
        body: closedObject(
          {
            name: shortText(),
            phone: {
              type: ['string', 'null'],
              minLength: CLINIC_PHONE_LENGTH.min,
              maxLength: CLINIC_PHONE_LENGTH.max,
              pattern: CLINIC_PHONE_PATTERN,
              description: 'e.g. 020 7946 0000',
            },
            email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
          },
          ['name', 'phone', 'email'],
        ),
      },
    },
    async (request) => {
      const actor = authorizeAccount(request.actor, 'manage-clinic');
      const body = request.body;
      const name = body.name.trim();
      return db.transaction().execute(async (tx) => {
        const taken = await findClinicByName(tx, name);
        if (taken && taken.id !== actor.clinicId)
          throw conflict(`another clinic on this instance is named '${name}'; choose another name`);
        const clinic = await updateClinicContact(tx, actor.clinicId, {
          name,
          phone: body.phone?.trim() || null,
          email: body.email?.trim() || null,
        });
        if (!clinic) throw notFound('your clinic is not on this instance any more');
        await recordAudit(
          tx,
          auditFrom(request, { action: 'update', resource: 'clinic', recordId: clinic.id }),
        );
        return { id: clinic.id, name: clinic.name, phone: clinic.phone, email: clinic.email };
      });
    },
  );
}
