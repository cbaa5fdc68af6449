import { checkPasswordStrength, hashPassword } from '../../api/passwords.ts';
import { openConfiguredDatabase } from '../../store/configured-database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { patientExists } from '../../store/records/patients.ts';
import { createUser, findUserByEmail } from '../../store/records/users.ts';
import { ROLES } from '../../store/schema.ts';
import type { Command } from '../command.ts';
import { choice, optionalString, UsageError } from '../options.ts';

export const userCommand: Command = {
  name: 'user',
  summary:
    'Manage accounts in the configured database (DATABASE_URL or --data DIR). The password comes from MYOTROPHY_PASSWORD (or --password, visible to other local users).',
  usage: [
    'user add --email EMAIL --name NAME --role admin|clinician|patient [--patient-id ID] [--data DIR] [--json]',
    'user list [--data DIR] [--json]',
  ],
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
    'patient-id': { type: 'string' },
    data: { type: 'string' },
  },
  maxPositionals: 1,
  async run(values, positionals) {
    const action = positionals[0];
    if (action !== 'add' && action !== 'list')
      throw new UsageError(`give an action: add or list; got '${action ?? ''}'`);
    if (action === 'add') {
      const email = optionalString(values, 'email');
      const name = optionalString(values, 'name');
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
        throw new UsageError('--email is required: an email address');
      if (!name) throw new UsageError('--name is required');
      const role = choice(values, 'role', ROLES);
      const patientId = optionalString(values, 'patient-id');
      if (role === 'patient' && !patientId) throw new UsageError('a patient account needs --patient-id');
      if (role !== 'patient' && patientId) throw new UsageError('--patient-id is only for --role patient');
      const password = optionalString(values, 'password') ?? process.env.MYOTROPHY_PASSWORD;
      if (!password) throw new UsageError('set MYOTROPHY_PASSWORD (or give --password)');
      checkPasswordStrength(password);
      const database = await openConfiguredDatabase(optionalString(values, 'data'));
      try {
        if (await findUserByEmail(database.db, email))
          throw new UsageError(`a user with email ${email} already exists`);
        if (patientId && !(await patientExists(database.db, patientId))) {
          throw new UsageError(`--patient-id ${patientId}: there is no such patient`);
        }
        const passwordHash = await hashPassword(password);
        const user = await database.db.transaction().execute(async (tx) => {
          const created = await createUser(tx, {
            email,
            name,
            role,
            passwordHash,
            patientId: patientId ?? null,
          });
          await recordAudit(tx, {
            userId: null,
            action: 'create',
            resource: 'user',
            recordId: created.id,
            ip: 'local',
          });
          return created;
        });
        return { json: { user }, text: `created ${user.role} ${user.email} (${user.id})` };
      } finally {
        await database.close();
      }
    }
    const database = await openConfiguredDatabase(optionalString(values, 'data'));
    try {
      const rows = await database.db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'patient_id'])
        .orderBy('email')
        .execute();
      const users = rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.name,
        role: r.role,
        patientId: r.patient_id,
      }));
      return {
        json: { users },
        text: users.map((u) => `${u.role.padEnd(9)} ${u.email} ${u.id}`).join('\n') || 'no users',
      };
    } finally {
      await database.close();
    }
  },
};
