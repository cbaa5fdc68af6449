import { writeFileSync } from 'node:fs';
import { exportPatientBundle } from '../../api/fhir/bundle-export.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { type Command, declareOptions, type OptionValues } from '../command.ts';
import { withConfiguredDatabase } from '../configured-database.ts';
import { choice, optionalPatientId, optionalString, UsageError } from '../options.ts';

/** `--bulk DIR --clinician EMAIL`: the clinician's caseload as FHIR Bulk Data ndjson files in DIR. */
async function bulkExport(values: OptionValues, directory: string) {
  const clinician = optionalString(values, 'clinician');
  if (!clinician) throw new UsageError('--bulk needs --clinician EMAIL: whose care team to export');
  if (optionalString(values, 'patient') !== undefined)
    throw new UsageError('give --patient or --bulk, not both');
  const { exportBulkToDirectory } = await import('./bulk-export.ts');
  return withConfiguredDatabase(values, async (database) => {
    const result = await exportBulkToDirectory(database.db, directory, clinician, () => new Date());
    const lines = result.output.map((f) => `${f.count} ${f.type} → ${f.file}`);
    return {
      json: result,
      text: [`exported ${result.patients} patients of ${result.clinician}`, ...lines].join('\n'),
    };
  });
}

export const exportCommand: Command = {
  name: 'export',
  summary:
    "Export a patient's record as a FHIR R4 Bundle (type collection): to stdout, or to --out FILE. Embedded database in --data DIR, or PostgreSQL when DATABASE_URL is set.",
  usage: [
    'export --patient ID --format fhir [--out FILE] [--data DIR] [--json]',
    'export --bulk DIR --clinician EMAIL [--data DIR] [--json]',
  ],
  options: declareOptions(['patient', 'format', 'out', 'data', 'bulk', 'clinician']),
  async run(values) {
    const bulk = optionalString(values, 'bulk');
    if (bulk !== undefined) return bulkExport(values, bulk);
    const patientId = optionalPatientId(values);
    if (!patientId)
      throw new UsageError('--patient is required: the patient id (a UUID); or --bulk DIR --clinician EMAIL');
    choice(values, 'format', ['fhir'] as const);
    const out = optionalString(values, 'out');
    return withConfiguredDatabase(values, async (database) => {
      const now = new Date();
      const bundle = await exportPatientBundle(database.db, patientId, now);
      if (!bundle) throw new InvalidInputError(`there is no patient ${patientId} in ${database.location}`);
      await recordAudit(database.db, {
        userId: null,
        action: 'export',
        resource: 'fhir-bundle',
        recordId: patientId,
        patientId,
        userAgent: 'myotrophy export',
      });
      const resources = bundle.entry?.length ?? 0;
      if (out) {
        writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
        return {
          json: { patientId, file: out, resources },
          text: `wrote ${resources} resources for patient ${patientId} to ${out}`,
        };
      }
      return { json: bundle, text: JSON.stringify(bundle, null, 2) };
    });
  },
};
