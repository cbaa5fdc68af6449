import { type AuditBy, inviteClinicAdmin } from '../../api/accounts.ts';
import { HttpProblem } from '../../api/problem.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createClinic, findClinicByName, listClinics } from '../../store/records/clinics.ts';
import { enterClinic } from '../../store/tenancy.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { optionalString, UsageError } from '../options.ts';

const ACTIONS = ['create', 'list'] as const;
type Action = (typeof ACTIONS)[number];

/** The instance's operator: audited with no user, from 'local'. */
const LOCAL: AuditBy = { userId: null, ip: 'local', userAgent: 'myotrophy clinic' };

export const clinicCommand: Command = {
  name: 'clinic',
  summary:
    "The instance operator's clinics (docs/tenancy.md): create a clinic with a one-time invitation for its first admin, or list the clinics. Each clinic sees only its own patients and accounts.",
  usage: [
    'clinic create --name NAME --admin-email EMAIL [--admin-name NAME] [--url BASE] [--data DIR] [--json]',
    'clinic list [--data DIR] [--json]',
  ],
  options: declareOptions(['name', 'admin-email', 'admin-name', 'url', 'data']),
  maxPositionals: 1,
  async run(values, positionals) {
    const action = positionals[0] as Action | undefined;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`give an action: ${ACTIONS.join(', ')}; got '${action ?? ''}'`);
    if (action === 'list') {
      return withConfiguredDatabase(values as OptionValues, async (database) => {
        const clinics = await listClinics(database.db);
        return {
          json: { clinics },
          text: clinics.map((c) => `${c.id} ${c.name}`).join('\n'),
        };
      });
    }
    const name = optionalString(values, 'name')?.trim();
    if (!name || name.length > 200)
      throw new UsageError('--name is required: the clinic name, 1 to 200 characters');
    const email = optionalString(values, 'admin-email');
    if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
      throw new UsageError("--admin-email is required: the email address of the clinic's first admin");
    const adminName = optionalString(values, 'admin-name') ?? 'Administrator';
    const base = optionalString(values, 'url');
    return withConfiguredDatabase(values as OptionValues, async (database) => {
      // One transaction: a clinic without its admin would be unreachable, so if the invitation
      // fails nothing of the clinic remains.
      const { clinic, issued } = await database.db
        .transaction()
        .execute(async (tx) => {
          if (await findClinicByName(tx, name))
            throw new UsageError(`a clinic named '${name}' already exists; choose another name`);
          const clinic = await createClinic(tx, name);
          // The instance's event, in no clinic: no clinic's admin reads the operator's work.
          await recordAudit(tx, {
            ...LOCAL,
            action: 'create',
            resource: 'clinic',
            recordId: clinic.id,
            clinicId: null,
          });
          // The invitation and its event belong to the new clinic.
          await enterClinic(tx, clinic.id);
          const issued = await inviteClinicAdmin(tx, LOCAL, { email, name: adminName }, new Date());
          return { clinic, issued };
        })
        .catch((error: unknown) => {
          throw error instanceof HttpProblem ? new UsageError(error.message) : error;
        });
      const link = base ? `${base.replace(/\/+$/, '')}${issued.path}` : issued.path;
      return {
        json: { clinic, invitation: { ...issued.link, link } },
        text: `clinic ${clinic.name} (${clinic.id}); invitation for its admin ${issued.link.email}, valid until ${issued.link.expiresAt}; hand over this link once, it is not shown again:\n${link}`,
      };
    });
  },
};
