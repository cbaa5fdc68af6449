import type { Bundle, Observation, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveAsInSource } from '../../../test/approve-as-in-source.ts';
import { makeClinicRecord } from '../../../test/clinic-record.ts';
import { testDatabases } from '../../../test/databases.ts';
import { withoutIdsAndMeta } from '../../fhir/testing/normalise.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Database, Db } from '../../store/database.ts';
import { listMeasurements } from '../../store/records/measurements.ts';
import { findUserByEmail } from '../../store/records/users.ts';
import { exportPatientBundle } from './bundle-export.ts';
import { FhirValidationError, importBundle, NO_LOGIN_PASSWORD_HASH } from './bundle-import.ts';

const NOW = new Date('2024-06-01T00:00:00Z');
const clone = <T>(value: T): T => structuredClone(value);

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'patients',
    'users',
    'care_team',
    'conditions',
    'measurements',
    'sd_tests',
    'programmes',
    'sessions',
    'audit_events',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

function resources(bundle: Bundle): Resource[] {
  return (bundle.entry ?? []).map((e) => e.resource as Resource);
}

for (const kind of testDatabases) {
  describe(`FHIR import (${kind.name})`, () => {
    let source: Database;
    let target: Database;
    let exported: Bundle;
    let sourcePatientId: string;

    beforeAll(async () => {
      source = await kind.open();
      target = await kind.open();
      const record = await makeClinicRecord(source.db);
      sourcePatientId = record.patientId;
      exported = (await exportPatientBundle(source.db, record.patientId, NOW)) as Bundle;
    }, 60_000);
    afterAll(async () => {
      await source.close();
      await target.close();
    });

    it('export → import → export gives the same Bundle apart from ids and meta, into the same database', async () => {
      const result = await importBundle(source.db, clone(exported), { now: NOW });
      expect(result.created).toEqual({
        conditions: 2,
        measurements: 12,
        sdTests: 1,
        programmes: 3,
        sessions: 3,
        questionnaireResponses: 0,
        careTeam: 2,
        accounts: 1,
      });
      expect(result.matchedAccounts.sort()).toEqual(['ada@clinic.test', 'casey@clinic.test']);
      expect(result.skipped).toEqual([]);
      // The active plan arrived as a draft, and the import said so; approved as in the source, the
      // record is the same again.
      expect(result.warnings).toEqual([
        expect.stringMatching(/was active in the Bundle; it arrives as a draft/),
      ]);
      expect(await approveAsInSource(source.db, sourcePatientId, source.db, result.patientId)).not.toBeNull();
      const again = (await exportPatientBundle(source.db, result.patientId, NOW)) as Bundle;
      expect(withoutIdsAndMeta(again)).toEqual(withoutIdsAndMeta(exported));
      expect(again.entry?.[0]?.resource?.id).not.toBe(exported.entry?.[0]?.resource?.id);
    });

    it('export → import → export gives the same Bundle into an empty database, making login-less accounts', async () => {
      const result = await importBundle(target.db, clone(exported), { now: NOW });
      expect(result.created.accounts).toBe(3);
      await approveAsInSource(source.db, sourcePatientId, target.db, result.patientId);
      const again = (await exportPatientBundle(target.db, result.patientId, NOW)) as Bundle;
      expect(withoutIdsAndMeta(again)).toEqual(withoutIdsAndMeta(exported));
      const clinician = await target.db
        .selectFrom('users')
        .select(['role', 'password_hash'])
        .where('email', '=', 'casey@clinic.test')
        .executeTakeFirstOrThrow();
      expect(clinician).toEqual({ role: 'clinician', password_hash: NO_LOGIN_PASSWORD_HASH });
      expect(
        await findUserByEmail(target.db, `patient-${result.patientId}@import.myotrophy.invalid`),
      ).toMatchObject({
        role: 'patient',
        patientId: result.patientId,
      });
    });

    it('refuses an invalid Bundle with the validator’s messages and stores nothing', async () => {
      const broken = clone(exported);
      const observation = resources(broken).find((r) => r.resourceType === 'Observation') as Observation;
      (observation as unknown as Record<string, unknown>).effectiveDateTime = 'last Tuesday';
      delete (observation as Partial<Observation>).status;
      const before = await rowCounts(target.db);
      const error = await importBundle(target.db, broken, { now: NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FhirValidationError);
      const messages = (error as FhirValidationError).message;
      expect(messages).toContain('Bundle.entry[8].resource.status: Missing required property');
      expect(messages).toContain('Bundle.entry[8].resource.effective[x]: Invalid dateTime format');
      expect((error as FhirValidationError).issues.length).toBeGreaterThanOrEqual(2);
      expect(await rowCounts(target.db)).toEqual(before);
    });

    it('is all or nothing: a record refused half-way leaves no row behind', async () => {
      const broken = clone(exported);
      // Valid FHIR, but the header M62.56 is not a billable diagnosis: refused after the patient row is written.
      const condition = resources(broken).find((r) => r.resourceType === 'Condition');
      const coding = (condition as { code: { coding: { code: string }[] } }).code.coding[0] as {
        code: string;
      };
      coding.code = 'M62.56';
      (condition as { bodySite?: unknown }).bodySite = undefined;
      const before = await rowCounts(target.db);
      await expect(importBundle(target.db, broken, { now: NOW })).rejects.toThrow(/M62\.56 is a header/);
      expect(await rowCounts(target.db)).toEqual(before);
    });

    it('scores a LEFS response from its twenty items and converts grip in pounds-force', async () => {
      const bundle = clone(exported);
      const entries = bundle.entry ?? [];
      const response = entries.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')
        ?.resource as QuestionnaireResponse;
      const items = [4, 3, 2, 4, 3, 2, 1, 4, 2, 3, 3, 1, 2, 2, 4, 1, 1, 1, 0, 4];
      response.item = items.map((v, i) => ({ linkId: `item-${i + 1}`, answer: [{ valueInteger: v }] }));
      // The Observation's total (47) agrees with the items (sum 47).
      expect(items.reduce((a, b) => a + b, 0)).toBe(47);
      const grip = entries.find((e) =>
        (e.resource as Observation).code?.coding?.some((c) => c.code === '83173-5'),
      )?.resource as Observation;
      grip.valueQuantity = { value: 50, unit: 'lbf', system: 'http://unitsofmeasure.org', code: '[lbf_av]' };
      const result = await importBundle(target.db, bundle, { now: NOW });
      const stored = await listMeasurements(target.db, result.patientId);
      expect(stored.filter((m) => m.kind === 'lefs').map((m) => m.value)).toEqual([47, 58]);
      const leftGrip = stored.find((m) => m.kind === 'grip' && m.side === 'left');
      expect(leftGrip?.value).toBeCloseTo(50 * 0.45359237, 12);
    });

    it('refuses a LEFS response whose items disagree with the total', async () => {
      const bundle = clone(exported);
      const response = resources(bundle).find(
        (r) => r.resourceType === 'QuestionnaireResponse',
      ) as QuestionnaireResponse;
      response.item = Array.from({ length: 20 }, (_, i) => ({
        linkId: `item-${i + 1}`,
        answer: [{ valueInteger: 4 }],
      }));
      await expect(importBundle(target.db, bundle, { now: NOW })).rejects.toThrow(
        /LEFS total of 47.*gives 80/,
      );
    });

    it('skips and lists what Myotrophy does not keep, and refuses what it cannot attribute', async () => {
      const bundle = clone(exported);
      const patientUrl = bundle.entry?.[0]?.fullUrl as string;
      bundle.entry?.push({
        fullUrl: 'urn:uuid:11111111-2222-4333-8444-555555555555',
        resource: {
          resourceType: 'Observation',
          id: '11111111-2222-4333-8444-555555555555',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
          subject: { reference: patientUrl },
          valueQuantity: { value: 72, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
        },
      });
      const result = await importBundle(target.db, bundle, { now: NOW });
      expect(result.skipped).toEqual([
        {
          resource: 'Observation/11111111-2222-4333-8444-555555555555',
          reason: 'not a measurement Myotrophy keeps',
        },
      ]);

      const anonymous = clone(exported);
      const grip = resources(anonymous).find((r) =>
        (r as Observation).code?.coding?.some((c) => c.code === '83174-3'),
      ) as Observation;
      delete grip.performer;
      const error = await importBundle(target.db, anonymous, { now: NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(/names no author/);
    });

    it('refuses what is not a Bundle, and a Bundle without exactly one Patient', async () => {
      await expect(importBundle(target.db, { resourceType: 'Patient' }, { now: NOW })).rejects.toThrow(
        /not a FHIR Bundle/,
      );
      await expect(
        importBundle(target.db, { resourceType: 'Bundle', type: 'collection', entry: [] }, { now: NOW }),
      ).rejects.toThrow(/exactly one Patient; it holds 0/);
    });
  });
}
