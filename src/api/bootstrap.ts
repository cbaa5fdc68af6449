import { InvalidInputError } from '../shared/invalid-input.ts';
import type { Db } from '../store/database.ts';
import { recordAudit } from '../store/records/audit.ts';
import { createUser, findUserByEmail } from '../store/records/users.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';

export type AdminBootstrap = { created: true; email: string } | { created: false; reason: string };

/**
 * The first start creates an admin from MYOTROPHY_ADMIN_EMAIL and MYOTROPHY_ADMIN_PASSWORD, once:
 * only while the database has no admin at all. Later starts leave accounts alone.
 */
export async function ensureAdminFromEnvironment(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AdminBootstrap> {
  const email = env.MYOTROPHY_ADMIN_EMAIL?.trim();
  const password = env.MYOTROPHY_ADMIN_PASSWORD;
  if (!email && !password)
    return { created: false, reason: 'MYOTROPHY_ADMIN_EMAIL and MYOTROPHY_ADMIN_PASSWORD are not set' };
  if (!email || !password) {
    throw new InvalidInputError('set both MYOTROPHY_ADMIN_EMAIL and MYOTROPHY_ADMIN_PASSWORD, or neither');
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new InvalidInputError(`MYOTROPHY_ADMIN_EMAIL '${email}' is not an email address`);
  checkPasswordStrength(password);
  const anyAdmin = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .limit(1)
    .executeTakeFirst();
  if (anyAdmin) return { created: false, reason: 'an admin already exists' };
  if (await findUserByEmail(db, email)) return { created: false, reason: `${email} is already a user` };
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    const user = await createUser(tx, { email, name: 'Administrator', role: 'admin', passwordHash });
    await recordAudit(tx, {
      userId: null,
      action: 'create',
      resource: 'user',
      recordId: user.id,
      ip: 'local',
    });
  });
  return { created: true, email: email.toLowerCase() };
}
