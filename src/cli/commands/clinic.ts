import { type AuditBy, inviteClinicAdmin } from '../../api/accounts.ts';
import { HttpProblem } from '../../api/problem.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  CLINIC_PHONE_LENGTH,
  CLINIC_PHONE_PATTERN,
  type ClinicContactInput,
  createClinic,
  findClinicByName,
  listClinics,
  updateClinicContact,
} from '../../store/records/clinics.ts';
import { enterClinic } from '../../store/tenancy.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import { namedClinic, withConfiguredDatabase } from '../configured-database.ts';
import { optionalString, UsageError } from '../options.ts';

const ACTIONS = ['create', 'contact', 'list'] as const;
type Action = (typeof ACTIONS)[number];

/** The instance's operator: audited with no user, from 'local'. */
const LOCAL: AuditBy = { userId: null, ip: 'local', userAgent: 'myotrophy clinic' };

export const clinicCommand: Command = {
  name: 'clinic',
  summary:
    "The instance operator's clinics (docs/tenancy.md): create a clinic with a one-time invitation for its first admin, set the name, phone and email its patients are told to contact, or list the clinics. Each clinic sees only its own patients and accounts.",
  usage: [
    'clinic create --name NAME --admin-email EMAIL [--admin-name NAME] [--phone PHONE] [--contact-email EMAIL] [--url BASE] [--data DIR] [--json]',
    'clinic contact --clinic NAME|ID [--name NAME] [--phone PHONE|none] [--contact-email EMAIL|none] [--data DIR] [--json]',
    'clinic list [--data DIR] [--json]',
  ],
  options: declareOptions([
    'name',
    'admin-email',
    'admin-name',
    'phone',
    'contact-email',
    'url',
    'clinic',
    'data',
  ]),
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
          text: clinics.map((c) => [c.id, c.name, c.phone, c.email].filter(Boolean).join(' ')).join('\n'),
        };
      });
    }
    if (action === 'contact') return setContact(values);
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
          const clinic = await createClinic(tx, name, contactOptions(values, false));
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

/**
 * --phone and --contact-email as the clinic's contact: what its patients are told to use when
 * stimulation is paused or a programme is on hold, and what their handout prints. With `clearable`,
 * "none" removes one.
 */
function contactOptions(
  values: OptionValues,
  clearable: boolean,
): Pick<ClinicContactInput, 'phone' | 'email'> {
  const read = (option: string, valid: RegExp, allowed: string): string | null | undefined => {
    const raw = optionalString(values, option)?.trim();
    if (raw === undefined) return undefined;
    if (clearable && raw === 'none') return null;
    if (!valid.test(raw)) throw new UsageError(`--${option} '${raw}' is not valid: ${allowed}`);
    return raw;
  };
  const phone = read(
    'phone',
    new RegExp(
      `^(?=.{${CLINIC_PHONE_LENGTH.min},${CLINIC_PHONE_LENGTH.max}}$)${CLINIC_PHONE_PATTERN.slice(1)}`,
    ),
    `a phone number of 3 to 40 characters (digits, spaces, + ( ) . / -)${clearable ? ", or 'none' to remove it" : ''}`,
  );
  const email = read(
    'contact-email',
    /^(?=.{3,254}$)[^@\s]+@[^@\s]+$/,
    `an email address such as desk@clinic.example${clearable ? ", or 'none' to remove it" : ''}`,
  );
  return { ...(phone !== undefined ? { phone } : {}), ...(email !== undefined ? { email } : {}) };
}

/** `clinic contact`: changes a clinic's name, phone or email, audited as the operator's work. */
async function setContact(values: OptionValues) {
  if (optionalString(values, 'clinic') === undefined)
    throw new UsageError('--clinic is required: the name or id of the clinic whose contact to set');
  const name = optionalString(values, 'name')?.trim();
  if (name !== undefined && (name.length === 0 || name.length > 200))
    throw new UsageError('--name is the clinic name, 1 to 200 characters');
  const change: ClinicContactInput = {
    ...(name !== undefined ? { name } : {}),
    ...contactOptions(values, true),
  };
  if (Object.keys(change).length === 0)
    throw new UsageError('give what to change: --name, --phone or --contact-email');
  return withConfiguredDatabase(values, async (database) => {
    const clinicId = (await namedClinic(database, optionalString(values, 'clinic'))) as string;
    const clinic = await database.db.transaction().execute(async (tx) => {
      if (name !== undefined) {
        const taken = await findClinicByName(tx, name);
        if (taken && taken.id !== clinicId)
          throw new UsageError(`a clinic named '${name}' already exists; choose another name`);
      }
      const updated = await updateClinicContact(tx, clinicId, change);
      await recordAudit(tx, {
        ...LOCAL,
        action: 'update',
        resource: 'clinic',
        recordId: clinicId,
        clinicId: null,
      });
      return updated;
    });
    if (!clinic) throw new UsageError(`there is no clinic ${clinicId}`);
    const ways = [clinic.phone, clinic.email].filter(Boolean).join(', ');
    return {
      json: { clinic },
      text: `clinic ${clinic.name} (${clinic.id}): its patients are told to contact ${clinic.name}${ways ? ` (${ways})` : ', without a phone number or email'}`,
    };
  });
}
