import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliDatabase, cliDatabases } from '../../../test/cli-database.ts';
import { makeClinicRecord } from '../../../test/clinic-record.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import { listAudit } from '../../store/records/audit.ts';
import { jsonOutput } from '../cli-test-fixtures.ts';
import type { BulkExportFiles } from './bulk-export.ts';

for (const make of cliDatabases()) {
  const database: CliDatabase = make();
  describe(`myotrophy export (${database.name})`, () => {
    let patientId: string;
    let otherPatientId: string;
    beforeAll(async () => {
      const db = await database.open();
      ({ patientId, otherPatientId } = await makeClinicRecord(db.db));
      await db.close();
    }, 180_000);
    afterAll(() => database.dispose());

    it('prints the patient’s record as one valid FHIR R4 Bundle and audits the export', async () => {
      const bundle = jsonOutput(
        database.run('export', '--patient', patientId, '--format', 'fhir', '--json'),
      ) as Bundle;
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      expect(bundle.entry).toHaveLength(68);
      expect(bundle.entry?.[0]?.resource).toMatchObject({ resourceType: 'Patient', id: patientId });
      expect(describeIssues(validateFhir(bundle).errors)).toEqual([]);
      const db = await database.open();
      try {
        const audit = await listAudit(db.db, { patientId });
        expect(audit[0]).toMatchObject({ action: 'export', resource: 'fhir-bundle', userId: null });
      } finally {
        await db.close();
      }
    });

    it('writes the Bundle to --out FILE and says so', () => {
      const file = join(process.cwd(), `.fhir-export-test-${process.pid}-${database.name}.json`);
      try {
        const { status, stdout } = database.run(
          'export',
          '--patient',
          patientId,
          '--format',
          'fhir',
          '--out',
          file,
          '--json',
        );
        expect(status).toBe(0);
        expect(JSON.parse(stdout)).toEqual({ patientId, file, resources: 68 });
        expect((JSON.parse(readFileSync(file, 'utf8')) as Bundle).entry).toHaveLength(68);
      } finally {
        rmSync(file, { force: true });
      }
    });

    it('refuses an unknown patient, a malformed id and another format with exit code 2', () => {
      const missing = database.run(
        'export',
        '--patient',
        '00000000-0000-4000-8000-000000000000',
        '--format',
        'fhir',
        '--json',
      );
      expect(missing.status).toBe(2);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toContain('there is no patient 00000000-0000-4000-8000-000000000000');
      const malformed = database.run('export', '--patient', 'pat-1', '--format', 'fhir', '--json');
      expect(malformed.status).toBe(2);
      expect(malformed.stderr).toContain("--patient must be a patient id (a UUID); got 'pat-1'");
      const csv = database.run('export', '--patient', patientId, '--format', 'csv', '--json');
      expect(csv.status).toBe(2);
      expect(csv.stderr).toContain("--format must be one of fhir; got 'csv'");
    });

    it("writes a clinician's caseload as Bulk Data ndjson files with --bulk DIR, each line valid, and audits it", async () => {
      const directory = join(process.cwd(), `.fhir-bulk-test-${process.pid}-${database.name}`);
      try {
        const result = jsonOutput(
          database.run('export', '--bulk', directory, '--clinician', 'casey@clinic.test', '--json'),
        ) as BulkExportFiles;
        expect(result).toMatchObject({ clinician: 'casey@clinic.test', patients: 2, error: [] });
        for (const file of result.output) {
          const lines = readFileSync(file.file, 'utf8').trim().split('\n');
          expect(lines).toHaveLength(file.count);
          for (const line of lines) {
            const resource = JSON.parse(line) as Resource;
            expect(resource.resourceType).toBe(file.type);
            expect(describeIssues(validateFhir(resource).errors)).toEqual([]);
          }
        }
        const patients = readFileSync(join(directory, 'Patient.ndjson'), 'utf8').trim().split('\n');
        expect(patients.map((l) => (JSON.parse(l) as Resource).id).sort()).toEqual(
          [patientId, otherPatientId].sort(),
        );
        const db = await database.open();
        try {
          expect(await db.db.selectFrom('bulk_export_jobs').select('id').execute()).toEqual([]);
          const audit = await listAudit(db.db, { resource: 'fhir-bulk-export' });
          expect(audit[0]).toMatchObject({ action: 'export', userId: null });
        } finally {
          await db.close();
        }
        const refused = database.run('export', '--bulk', directory, '--clinician', 'pat@home.test', '--json');
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain('--clinician must be the e-mail of a clinician');
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });
}
