import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { apiWorldForSuite, PASSWORD, type Person } from '../../../test/api-world.ts';
import { ASYNC, bulkExportClient, type Manifest } from '../../../test/bulk-export-client.ts';
import { makeClinicRecord } from '../../../test/clinic-record.ts';
import { testDatabases } from '../../../test/databases.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import { listAudit } from '../../store/records/audit.ts';
import { findBulkExportJob } from '../../store/records/bulk-export-jobs.ts';
import { hashPassword } from '../passwords.ts';
import { BULK_EXPORT_KEPT_MS } from './bulk-export-routes.ts';
import { patientResources } from './bundle-export.ts';

for (const kind of testDatabases) {
  describe(`FHIR Bulk Data export (${kind.name})`, () => {
    const world = apiWorldForSuite(kind);
    const { as, path, kickOff, poll, download } = bulkExportClient(world);

    it("exports every resource of the clinician's care team as validated ndjson, once each, and audits it", async () => {
      const record = await makeClinicRecord(world.database.db, await hashPassword(PASSWORD));
      const login = await world.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'casey@clinic.test', password: PASSWORD },
      });
      const casey: Person = {
        id: record.clinicianId,
        email: 'casey@clinic.test',
        role: 'clinician',
        token: login.json().token,
      };
      const statusUrl = await kickOff(casey);
      expect(statusUrl).toMatch(/^http:\/\/localhost(:\d+)?\/fhir\/R4\/\$export-status\/[0-9a-f-]{36}$/);
      const answers = await poll(casey, statusUrl);
      for (const pending of answers.slice(0, -1)) {
        expect(pending.headers['x-progress']).toMatch(/^\d+% \(\d+ of 2 patients\)$/);
      }
      const done = answers.at(-1) as LightMyRequestResponse;
      expect(done.statusCode).toBe(200);
      const manifest = done.json() as Manifest;
      expect(manifest.requiresAccessToken).toBe(true);
      expect(manifest.request).toBe('http://localhost:80/fhir/R4/$export');
      expect(manifest.error).toEqual([]);
      const files = await download(casey, manifest.output);

      // The same resources as the two patients' own exports, each Practitioner once.
      const expected = new Map<string, Resource>();
      for (const id of [record.patientId, record.otherPatientId]) {
        for (const r of (await patientResources(world.database.db, id, 'relative')) ?? []) {
          expected.set(`${r.resourceType}/${r.id}`, r);
        }
      }
      const exported = [...files.values()].flat();
      expect(exported).toHaveLength(expected.size);
      expect(new Map(exported.map((r) => [`${r.resourceType}/${r.id}`, r]))).toEqual(expected);
      expect(manifest.output.map((f) => f.type)).toEqual(
        [...new Set(exported.map((r) => r.resourceType))].sort(),
      );
      expect(
        files
          .get('Patient')
          ?.map((p) => p.id)
          .sort(),
      ).toEqual([record.patientId, record.otherPatientId].sort());
      for (const resource of exported) expect(describeIssues(validateFhir(resource).errors)).toEqual([]);

      const audit = await listAudit(world.database.db, { userId: casey.id });
      expect(audit.filter((e) => e.resource === 'fhir-bulk-export').map((e) => e.action)).toEqual(['export']);
      expect(
        audit
          .filter((e) => e.resource === 'fhir-bulk-export-file')
          .map((e) => e.reason)
          .sort(),
      ).toEqual(manifest.output.map((f) => `${f.type}.ndjson`).sort());
    }, 60_000);

    it('lets only clinicians export, and only their own care team; a job is its requester’s alone', async () => {
      expect((await as(undefined, 'GET', '/fhir/R4/$export', ASYNC)).statusCode).toBe(401);
      for (const person of [world.patientUserOne, world.admin]) {
        const refused = await as(person, 'GET', '/fhir/R4/$export', ASYNC);
        expect(refused.statusCode).toBe(403);
        expect((refused.json() as OperationOutcome).issue[0]?.diagnostics).toContain('only clinicians');
      }
      const statusUrl = await kickOff(world.teamAdmin);
      const manifest = (await poll(world.teamAdmin, statusUrl)).at(-1)?.json() as Manifest;
      const files = await download(world.teamAdmin, manifest.output);
      expect(files.get('Patient')?.map((p) => p.id)).toEqual([world.patientOne]);

      const other = await as(world.clinicianTwo, 'GET', path(statusUrl));
      expect(other.statusCode).toBe(404);
      const otherFile = await as(world.clinicianTwo, 'GET', path(manifest.output[0]?.url as string));
      expect(otherFile.statusCode).toBe(404);
    });

    it("exports a Group, a clinician's caseload, narrowed to the patients the requester may see", async () => {
      const shared = await kickOff(
        world.clinicianOne,
        `/fhir/R4/Group/${world.teamAdmin.id}/$export?_type=Patient`,
      );
      const sharedManifest = (await poll(world.clinicianOne, shared)).at(-1)?.json() as Manifest;
      expect(sharedManifest.output.map((f) => [f.type, f.count])).toEqual([['Patient', 1]]);
      const files = await download(world.clinicianOne, sharedManifest.output);
      expect(files.get('Patient')?.map((p) => p.id)).toEqual([world.patientOne]);

      const none = await kickOff(world.clinicianOne, `/fhir/R4/Group/${world.clinicianTwo.id}/$export`);
      const noneManifest = (await poll(world.clinicianOne, none)).at(-1)?.json() as Manifest;
      expect(noneManifest.output).toEqual([]);

      const missing = await as(
        world.clinicianOne,
        'GET',
        `/fhir/R4/Group/${world.patientUserOne.id}/$export`,
        ASYNC,
      );
      expect(missing.statusCode).toBe(404);
      expect(missing.json().issue[0].diagnostics).toContain("a Group is a clinician's caseload");
    });

    it('refuses a kick-off that is not asynchronous or asks for what is not offered, saying what is allowed', async () => {
      const cases: [string, Record<string, string>, string][] = [
        ['/fhir/R4/$export', { accept: 'application/fhir+json' }, "send the header 'Prefer: respond-async'"],
        [
          '/fhir/R4/$export?_type=Patient,Encounter',
          ASYNC,
          "_type 'Encounter' is not exported; allowed: Patient,",
        ],
        [
          '/fhir/R4/$export?_outputFormat=text/csv',
          ASYNC,
          '_outputFormat must be one of application/fhir+ndjson',
        ],
        [
          '/fhir/R4/$export?patient=Patient/1',
          ASYNC,
          '$export parameter patient is not supported; supported: _outputFormat, _type, _since, _typeFilter',
        ],
        ['/fhir/R4/$export', { ...ASYNC, accept: 'text/html' }, 'Accept must be application/fhir+json'],
        [
          `/fhir/R4/$export?_typeFilter=${encodeURIComponent('Observation?code=1-1,').repeat(100)}`,
          ASYNC,
          'characters; at most 2000 (fewer _typeFilter queries)',
        ],
      ];
      for (const [url, headers, message] of cases) {
        const response = await as(world.clinicianOne, 'GET', url, headers);
        expect(response.statusCode, url).toBe(400);
        expect((response.json() as OperationOutcome).issue[0]?.diagnostics).toContain(message);
      }
    });

    it('cancels a job with DELETE: its status and files are gone, and the cancel is audited', async () => {
      const statusUrl = await kickOff(world.clinicianOne);
      const manifest = (await poll(world.clinicianOne, statusUrl)).at(-1)?.json() as Manifest;
      const cancelled = await as(world.clinicianOne, 'DELETE', path(statusUrl));
      expect(cancelled.statusCode).toBe(202);
      expect((await as(world.clinicianOne, 'GET', path(statusUrl))).statusCode).toBe(404);
      expect((await as(world.clinicianOne, 'GET', path(manifest.output[0]?.url as string))).statusCode).toBe(
        404,
      );
      expect((await as(world.clinicianOne, 'DELETE', path(statusUrl))).statusCode).toBe(404);
      const audit = await listAudit(world.database.db, { userId: world.clinicianOne.id });
      expect(audit.some((e) => e.resource === 'fhir-bulk-export' && e.action === 'cancel')).toBe(true);
    });

    it('says when a finished export expires and deletes it, files and all, at the next request after that', async () => {
      const db = world.database.db;
      const oldUrl = await kickOff(world.clinicianOne);
      const oldAnswer = (await poll(world.clinicianOne, oldUrl)).at(-1);
      expect(oldAnswer?.statusCode).toBe(200);
      const oldId = oldUrl.split('/').at(-1) as string;
      const finished = (await findBulkExportJob(db, oldId))?.finishedAt as string;
      expect(oldAnswer?.headers.expires).toBe(
        new Date(Date.parse(finished) + BULK_EXPORT_KEPT_MS).toUTCString(),
      );
      const chunksOf = async (id: string) =>
        (await db.selectFrom('bulk_export_chunks').select('job_id').where('job_id', '=', id).execute())
          .length;
      expect(await chunksOf(oldId)).toBeGreaterThan(0);
      const freshUrl = await kickOff(world.clinicianOne);
      expect((await poll(world.clinicianOne, freshUrl)).at(-1)?.statusCode).toBe(200);
      const freshId = freshUrl.split('/').at(-1) as string;

      // The first finished longer ago than the files are kept: the next status request deletes it.
      await db
        .updateTable('bulk_export_jobs')
        .set({ finished_at: new Date(Date.parse(finished) - BULK_EXPORT_KEPT_MS - 60_000) })
        .where('id', '=', oldId)
        .execute();
      expect((await as(world.clinicianOne, 'GET', path(freshUrl))).statusCode).toBe(200);
      expect(await findBulkExportJob(db, oldId)).toBeUndefined();
      expect(await chunksOf(oldId)).toBe(0);
      expect((await as(world.clinicianOne, 'GET', path(oldUrl))).statusCode).toBe(404);
      // The one finished within the day stays, with its files.
      expect((await findBulkExportJob(db, freshId))?.status).toBe('completed');
      expect(await chunksOf(freshId)).toBeGreaterThan(0);
    });
  });
}
