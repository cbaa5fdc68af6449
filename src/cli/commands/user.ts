import {
  type AuditBy,
  deactivateAccount,
  INVITABLE_ROLES,
  inviteAccount,
  issueResetLink,
  reactivateAccount,
} from '../../api/accounts.ts';
import { checkPasswordStrength, hashPassword } from '../../api/passwords.ts';
import { HttpProblem } from '../../api/problem.ts';
import type { Database } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createUser, findUserByEmail, listUsers } from '../../store/records/users.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { choice, optionalString, UsageError } from '../options.ts';

const ACTIONS = ['add', 'list', 'invite', 'reset', 'deactivate', 'reactivate'] as const;
type Action = (typeof ACTIONS)[number];

/** The command line acts as the operator of the database: audited with no user, from 'local'. */
const LOCAL: AuditBy = { userId: null, ip: 'local', userAgent: 'myotrophy user' };

function requiredEmail(values: Record<string, unknown>): string {
  const email = optionalString(values as never, 'email');
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
    throw new UsageError('--email is required: an email address');
  return email;
}

/** The link to hand over: absolute when --url names where the clinic reaches Myotrophy. */
function linkText(path: string, base: string | undefined): string {
  return base ? `${base.replace(/\/+$/, '')}${path}` : path;
}

async function withDatabase<T>(
  values: Record<string, unknown>,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  try {
    return await withConfiguredDatabase(values as OptionValues, work);
  } catch (error) {
    // The lifecycle rules answer HTTP problems; here they are usage errors with the same words.
    if (error instanceof HttpProblem) throw new UsageError(error.message);
    throw error;
  }
}

async function userByEmail(database: Database, email: string) {
  const user = await findUserByEmail(database.db, email);
  if (!user) throw new UsageError(`there is no user with email ${email}`);
  return user;
}

export const userCommand: Command = {
  name: 'user',
  summary:
    "Manage accounts in the configured database (DATABASE_URL or --data DIR): add staff, invite clinicians and patients by one-time link, reset, deactivate, reactivate. A password comes from MYOTROPHY_PASSWORD (or --password, visible to other local users). A patient's login is made only by invitation.",
  usage: [
    'user add --email EMAIL --name NAME --role admin|clinician [--clinic NAME|ID] [--data DIR] [--json]',
    'user list [--data DIR] [--json]',
    'user invite --role clinician|patient --email EMAIL --name NAME [--patient-id ID] [--clinic NAME|ID] [--url BASE] [--data DIR] [--json]',
    'user reset --email EMAIL [--url BASE] [--data DIR] [--json]',
    'user deactivate --email EMAIL [--reason TEXT] [--data DIR] [--json]',
    'user reactivate --email EMAIL [--reason TEXT] [--data DIR] [--json]',
  ],
  options: declareOptions([
    'email',
    'name',
    'role',
    'password',
    'patient-id',
    'reason',
    'url',
    'clinic',
    'data',
  ]),
  maxPositionals: 1,
  async run(values, positionals) {
    const action = positionals[0] as Action | undefined;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`give an action: ${ACTIONS.join(', ')}; got '${action ?? ''}'`);
    const now = new Date();
    const base = optionalString(values, 'url');
    const reason = optionalString(values, 'reason') ?? null;

    if (action === 'add') {
      const email = requiredEmail(values);
      const name = optionalString(values, 'name');
      if (!name) throw new UsageError('--name is required');
      const role = choice(values, 'role', ['admin', 'clinician', 'patient'] as const);
      if (role === 'patient' || optionalString(values, 'patient-id')) {
        throw new UsageError(
          "a patient's login is made only by an invitation bound to the patient: myotrophy user invite --role patient --patient-id ID --email EMAIL --name NAME",
        );
      }
      const password = optionalString(values, 'password') ?? process.env.MYOTROPHY_PASSWORD;
      if (!password) throw new UsageError('set MYOTROPHY_PASSWORD (or give --password)');
      checkPasswordStrength(password);
      return withDatabase(values, async (database) => {
        if (await findUserByEmail(database.db, email))
          throw new UsageError(`a user with email ${email} already exists`);
        const passwordHash = await hashPassword(password);
        const user = await database.db.transaction().execute(async (tx) => {
          const created = await createUser(tx, { email, name, role, passwordHash });
          await recordAudit(tx, { ...LOCAL, action: 'create', resource: 'user', recordId: created.id });
          return created;
        });
        const shown = {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          patientId: user.patientId,
        };
        return { json: { user: shown }, text: `created ${user.role} ${user.email} (${user.id})` };
      });
    }

    if (action === 'invite') {
      const email = requiredEmail(values);
      const name = optionalString(values, 'name');
      if (!name) throw new UsageError('--name is required');
      const role = choice(values, 'role', INVITABLE_ROLES);
      const patientId = optionalString(values, 'patient-id') ?? null;
      return withDatabase(values, async (database) => {
        const issued = await inviteAccount(database.db, LOCAL, { role, email, name, patientId }, now);
        const link = linkText(issued.path, base);
        return {
          json: { invitation: { ...issued.link, link } },
          text: `invitation for ${issued.link.email} (${role}), valid until ${issued.link.expiresAt}; hand over this link once, it is not shown again:\n${link}`,
        };
      });
    }

    if (action === 'reset') {
      const email = requiredEmail(values);
      return withDatabase(values, async (database) => {
        const user = await userByEmail(database, email);
        const issued = await issueResetLink(database.db, LOCAL, user.id, now);
        const link = linkText(issued.path, base);
        return {
          json: { reset: { ...issued.link, link } },
          text: `password reset for ${user.email}, valid until ${issued.link.expiresAt}; hand over this link once:\n${link}`,
        };
      });
    }

    if (action === 'deactivate' || action === 'reactivate') {
      const email = requiredEmail(values);
      return withDatabase(values, async (database) => {
        const found = await userByEmail(database, email);
        const user =
          action === 'deactivate'
            ? await deactivateAccount(database.db, LOCAL, found.id, reason, now)
            : await reactivateAccount(database.db, LOCAL, found.id, reason);
        return {
          json: { user },
          text: `${user.email} is ${user.deactivatedAt ? `deactivated since ${user.deactivatedAt}` : 'active'}`,
        };
      });
    }

    return withDatabase(values, async (database) => {
      const users = (await listUsers(database.db)).map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        patientId: u.patientId,
        clinicianRole: u.clinicianRole,
        deactivatedAt: u.deactivatedAt,
      }));
      return {
        json: { users },
        text:
          users
            .map(
              (u) =>
                `${u.role.padEnd(9)} ${u.email} ${u.id}${u.clinicianRole ? ' +clinician' : ''}${u.deactivatedAt ? ' (deactivated)' : ''}`,
            )
            .join('\n') || 'no users',
      };
    });
  },
};
