import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveAsInSource } from '../../../test/approve-as-in-source.ts';
import { type CliDatabase, cliDatabases } from '../../../test/cli-database.ts';
import { makeClinicRecord } from '../../../test/clinic-record.ts';
import { withoutIdsAndMeta } from '../../fhir/testing/normalise.ts';
import { jsonOutput } from '../cli-test-fixtures.ts';

async function patientCount(database: CliDatabase): Promise<number> {
  const db = await database.open();
  try {
    const row = await db.db
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await db.close();
  }
}

for (const make of cliDatabases()) {
  const database: CliDatabase = make();
  describe(`myotrophy import (${database.name})`, () => {
    let patientId: string;
    const files: string[] = [];
    const file = (name: string, content: unknown) => {
      const path = join(process.cwd(), `.fhir-import-test-${process.pid}-${database.name}-${name}.json`);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      files.push(path);
      return path;
    };
    const exportBundle = (id: string) => {
      const { status, stdout, stderr } = database.run(
        'export',
        '--patient',
        id,
        '--format',
        'fhir',
        '--json',
      );
      if (status !== 0) throw new Error(stderr);
      return JSON.parse(stdout) as Bundle;
    };

    beforeAll(async () => {
      const db = await database.open();
      patientId = (await makeClinicRecord(db.db)).patientId;
      await db.close();
    }, 180_000);
    afterAll(async () => {
      for (const path of files) rmSync(path, { force: true });
      await database.dispose();
    });

    it('export → import → export through the command gives the same Bundle apart from ids and meta', async () => {
      const first = exportBundle(patientId);
      const result = jsonOutput(database.run('import', file('first', first), '--json'));
      expect(result.created).toMatchObject({
        conditions: 2,
        measurements: 12,
        sdTests: 1,
        programmes: 3,
        sessions: 3,
      });
      expect(result.patientId).not.toBe(patientId);
      expect(result.warnings.join(' ')).toMatch(/was active in the Bundle; it arrives as a draft/);
      // Approved in Myotrophy as in the source, the record exports the same again.
      const db = await database.open();
      try {
        expect(await approveAsInSource(db.db, patientId, db.db, result.patientId)).not.toBeNull();
      } finally {
        await db.close();
      }
      const second = exportBundle(result.patientId);
      expect(withoutIdsAndMeta(second)).toEqual(withoutIdsAndMeta(first));
    });

    it('refuses an invalid Bundle with the validator’s messages, exit code 2, and stores nothing', async () => {
      const bundle = exportBundle(patientId);
      const grip = bundle.entry?.find((e) =>
        (e.resource as Observation).code?.coding?.some((c) => c.code === '83173-5'),
      )?.resource as Observation;
      (grip as unknown as Record<string, unknown>).valueQuantity = { value: 'strong' };
      const before = await patientCount(database);
      const { status, stdout, stderr } = database.run('import', file('invalid', bundle), '--json');
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('the Bundle is not valid FHIR R4; nothing was stored');
      expect(stderr).toMatch(
        /Bundle\.entry\[\d+\]\.resource\.value\[x\]\.value: Invalid JSON type: expected number, but got string/,
      );
      expect(await patientCount(database)).toBe(before);
    });

    it('refuses what is not JSON, and a missing file, with exit code 2', () => {
      const notJson = database.run('import', file('text', 'not json'), '--json');
      expect(notJson.status).toBe(2);
      expect(notJson.stderr).toMatch(/is not JSON/);
      const missing = database.run('import', '/nonexistent/bundle.json', '--json');
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('/nonexistent/bundle.json: cannot read the file (ENOENT)');
      const noAccount = database.run(
        'import',
        file('again', exportBundle(patientId)),
        '--as',
        'nobody@clinic.test',
      );
      expect(noAccount.status).toBe(2);
      expect(noAccount.stderr).toContain("--as nobody@clinic.test is not a clinician's or admin's account");
    });
  });
}
