import type { Bundle, CapabilityStatement, OperationOutcome, Patient, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinicRecord } from '../../../test/clinic-record.ts';
import { testDatabases } from '../../../test/databases.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import type { Database } from '../../store/database.ts';
import { listAudit } from '../../store/records/audit.ts';
import { createUser } from '../../store/records/users.ts';
import { buildApp } from '../app.ts';
import { hashPassword } from '../passwords.ts';

const PASSWORD = 'correct horse battery';

interface FhirError {
  response: { status: number; data: OperationOutcome };
}

async function failure(promise: Promise<unknown>): Promise<FhirError['response']> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as FhirError | undefined;
  if (!error?.response) throw new Error('expected the request to fail');
  return error.response;
}

for (const kind of testDatabases) {
  describe(`FHIR R4 read API through fhir-kit-client (${kind.name})`, () => {
    let database: Database;
    let app: FastifyInstance;
    let baseUrl: string;
    let patientId: string;
    let otherPatientId: string;
    const tokens: Record<string, string> = {};
    const client = (who?: string) =>
      new Client({ baseUrl, ...(who ? { bearerToken: tokens[who] as string } : {}) });

    beforeAll(async () => {
      database = await kind.open();
      const record = await makeClinicRecord(database.db, await hashPassword(PASSWORD));
      patientId = record.patientId;
      otherPatientId = record.otherPatientId;
      await createUser(database.db, {
        email: 'stranger@clinic.test',
        name: 'Stranger',
        role: 'clinician',
        passwordHash: await hashPassword(PASSWORD),
      });
      app = await buildApp(database, { loginAttemptsPerMinute: 1000 });
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      baseUrl = `${address}/fhir/R4`;
      for (const [who, email] of [
        ['clinician', 'casey@clinic.test'],
        ['patient', 'pat@home.test'],
        ['stranger', 'stranger@clinic.test'],
      ] as const) {
        const response = await fetch(`${address}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: PASSWORD }),
        });
        if (!response.ok) throw new Error(`login ${email}: ${await response.text()}`);
        tokens[who] = ((await response.json()) as { token: string }).token;
      }
    }, 60_000);
    afterAll(async () => {
      await app.close();
      await database.close();
    });

    it('serves a CapabilityStatement that passes R4 validation, without logging in', async () => {
      const statement = (await client().capabilityStatement()) as unknown as CapabilityStatement;
      expect(statement.fhirVersion).toBe('4.0.1');
      expect(statement.rest?.[0]?.resource?.map((r) => r.type)).toEqual([
        'Patient',
        'Condition',
        'Observation',
        'Procedure',
        'CarePlan',
        'Group',
      ]);
      // A Bulk Data client finds the three kick-offs: system, Patient and Group $export.
      expect(statement.instantiates).toEqual([
        'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data',
      ]);
      const exports = [
        ...(statement.rest?.[0]?.operation ?? []),
        ...(statement.rest?.[0]?.resource ?? []).flatMap((r) => r.operation ?? []),
      ].filter((o) => o.name === 'export');
      expect(exports.map((o) => o.definition)).toEqual([
        'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
        'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
        'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export',
      ]);
      expect(describeIssues(validateFhir(statement).errors)).toEqual([]);
      const response = await fetch(`${baseUrl}/metadata`);
      expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    });

    it('reads the Patient for the care team and for the patient, and audits each read', async () => {
      const patient = (await client('clinician').read({ resourceType: 'Patient', id: patientId })) as Patient;
      expect(patient).toMatchObject({ id: patientId, birthDate: '1961-04-12', gender: 'female' });
      expect(patient.name?.[0]?.text).toBe('Pat Example');
      const own = (await client('patient').read({ resourceType: 'Patient', id: patientId })) as Patient;
      expect(own.id).toBe(patientId);
      const audit = await listAudit(database.db, { patientId });
      expect(audit.filter((e) => e.resource === 'fhir-patient')).toHaveLength(2);
    });

    it('pages an Observation search with _count and next links until every match is read', async () => {
      const fhir = client('clinician');
      let page = (await fhir.search({
        resourceType: 'Observation',
        searchParams: { patient: patientId, _count: 10 },
      })) as unknown as Bundle;
      expect(page.type).toBe('searchset');
      expect(page.total).toBe(29);
      const seen: Resource[] = [];
      const sizes: number[] = [];
      for (;;) {
        sizes.push(page.entry?.length ?? 0);
        seen.push(...(page.entry ?? []).map((e) => e.resource as Resource));
        const next = fhir.nextPage({ bundle: page as never });
        if (!next) break;
        page = (await next) as unknown as Bundle;
      }
      expect(sizes).toEqual([10, 10, 9]);
      expect(new Set(seen.map((r) => r.id)).size).toBe(29);
      for (const resource of seen) {
        expect(resource.resourceType).toBe('Observation');
        expect(describeIssues(validateFhir(resource).errors)).toEqual([]);
      }
    });

    it('searches Condition, Procedure and CarePlan by patient, as Patient/ID too', async () => {
      const fhir = client('clinician');
      const totals: Record<string, number | undefined> = {};
      for (const resourceType of ['Condition', 'Procedure', 'CarePlan']) {
        const bundle = (await fhir.search({
          resourceType,
          searchParams: { patient: `Patient/${patientId}` },
        })) as unknown as Bundle;
        totals[resourceType] = bundle.total;
        expect(bundle.entry?.every((e) => e.resource?.resourceType === resourceType)).toBe(true);
        expect(bundle.entry?.[0]?.fullUrl).toBe(
          `${baseUrl}/${resourceType}/${bundle.entry?.[0]?.resource?.id}`,
        );
      }
      expect(totals).toEqual({ Condition: 3, Procedure: 3, CarePlan: 3 });
    });

    it('returns the whole record from Patient/$everything, each resource valid', async () => {
      const bundle = (await client('patient').operation({
        name: '$everything',
        resourceType: 'Patient',
        id: patientId,
        method: 'GET',
      })) as unknown as Bundle;
      expect(bundle.total).toBe(68);
      expect(bundle.entry).toHaveLength(50);
      expect(bundle.link?.find((l) => l.relation === 'next')?.url).toContain('_offset=50');
      for (const entry of bundle.entry ?? []) {
        const result = validateFhir(entry.resource as Resource);
        expect(describeIssues([...result.errors, ...result.warnings])).toEqual([]);
      }
    });

    it('applies the /api access control and answers errors as OperationOutcome', async () => {
      const anonymous = await failure(client().read({ resourceType: 'Patient', id: patientId }));
      expect(anonymous.status).toBe(401);
      expect(anonymous.data.issue[0]?.code).toBe('login');

      const stranger = await failure(client('stranger').read({ resourceType: 'Patient', id: patientId }));
      expect(stranger.status).toBe(403);
      expect(stranger.data).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'forbidden' }],
      });
      expect(stranger.data.issue[0]?.diagnostics).toBe(
        "only the patient and the patient's care team may read this record",
      );

      const otherPatient = await failure(
        client('patient').search({ resourceType: 'Condition', searchParams: { patient: otherPatientId } }),
      );
      expect(otherPatient.status).toBe(403);

      const missing = await failure(
        client('clinician').read({ resourceType: 'Patient', id: '00000000-0000-4000-8000-000000000000' }),
      );
      expect(missing.status).toBe(404);
      expect(missing.data.issue[0]?.code).toBe('not-found');

      const noPatient = await failure(
        client('clinician').search({ resourceType: 'Observation', searchParams: {} }),
      );
      expect(noPatient.status).toBe(400);
      expect(noPatient.data.issue[0]?.diagnostics).toMatch(/needs patient=ID/);

      const badCount = await failure(
        client('clinician').search({
          resourceType: 'Observation',
          searchParams: { patient: patientId, _count: 'many' },
        }),
      );
      expect(badCount.status).toBe(400);
      expect(badCount.data.issue[0]?.diagnostics).toBe(
        "_count must be a whole number from 0 to 1000; got 'many'",
      );

      const unsupported = await failure(
        client('clinician').read({ resourceType: 'Encounter', id: patientId }),
      );
      expect(unsupported.status).toBe(404);
      expect(unsupported.data.resourceType).toBe('OperationOutcome');
      for (const outcome of [anonymous, stranger, missing, noPatient, badCount, unsupported]) {
        expect(describeIssues(validateFhir(outcome.data).errors)).toEqual([]);
      }
    });
  });
}
