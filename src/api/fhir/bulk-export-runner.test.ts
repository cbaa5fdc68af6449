import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCaseload } from '../../../test/bulk-caseload.ts';
import { testDatabases } from '../../../test/databases.ts';
import { type BulkExportRecord, bulkExportLines } from '../../fhir/bulk-ndjson.ts';
import { describeIssues, loadR4Definitions, validateFhir } from '../../fhir/validate.ts';
import type { Database } from '../../store/database.ts';
import {
  bulkExportLineCounts,
  claimBulkExportJob,
  commitBulkExportBatch,
  createBulkExportJob,
  findBulkExportJob,
  nextBulkExportPatients,
  readBulkExportChunks,
} from '../../store/records/bulk-export-jobs.ts';
import { createUser } from '../../store/records/users.ts';
import { startBulkExportRunner } from './bulk-export-runner.ts';
import { loadExportedRecords } from './bundle-export.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const NOW = new Date('2025-02-01T10:00:00Z');

async function lines(database: Database, jobId: string, type: string): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of readBulkExportChunks(database.db, jobId, type)) {
    all.push(...chunk.split('\n').filter((l) => l !== ''));
  }
  return all;
}

for (const kind of testDatabases) {
  describe(`bulk export jobs in the server (${kind.name})`, () => {
    let database: Database;
    let clinicianId: string;
    beforeAll(async () => {
      database = await kind.open();
      loadR4Definitions();
      clinicianId = (
        await createUser(database.db, {
          email: 'bulk@clinic.test',
          name: 'Bulk Clinician',
          role: 'clinician',
          passwordHash: '!test-no-login',
        })
      ).id;
    });
    afterAll(async () => database.close());

    const newJob = async (patientsTotal: number, requestedBy = clinicianId) =>
      createBulkExportJob(database.db, {
        requestedBy,
        groupId: null,
        requestUrl: 'http://localhost/fhir/R4/$export',
        resourceTypes: [],
        patientsTotal,
        now: NOW,
      });

    /**
     * Runs a job to its end; the most live heap seen while it ran, in bytes: the heap just after a
     * full collection, taken every second (what the export holds, not garbage waiting for the GC).
     */
    async function runAndWatchHeap(): Promise<number> {
      const live = () => {
        collectGarbage();
        return process.memoryUsage().heapUsed;
      };
      let peak = live();
      const watch = setInterval(() => {
        peak = Math.max(peak, live());
      }, 1000);
      const runner = startBulkExportRunner(database.db, { now: () => NOW });
      await runner.idle();
      await runner.close();
      clearInterval(watch);
      return peak;
    }

    it('resumes a job a stopped process left half done, writing every patient and the Practitioner once', async () => {
      await seedCaseload(database.db, clinicianId, 7);
      const job = await newJob(7);
      // A process took the job, committed the first three patients, and died: its lease runs out.
      const taken = await claimBulkExportJob(database.db, NOW, new Date(NOW.getTime() + 60_000));
      expect(taken?.id).toBe(job.id);
      expect(await claimBulkExportJob(database.db, NOW, new Date(NOW.getTime() + 60_000))).toBeUndefined();
      const scope = { requestedBy: clinicianId, groupId: null };
      const firstThree = await nextBulkExportPatients(database.db, scope, null, 3);
      const records = await loadExportedRecords(database.db, firstThree);
      const batch = bulkExportLines(
        firstThree.map((id) => records.get(id) as BulkExportRecord),
        { types: new Set(), practitionersWritten: new Set() },
      );
      const committed = await commitBulkExportBatch(database.db, job, {
        chunks: [...batch].map(([resourceType, list]) => ({ resourceType, lines: list })),
        lastPatientId: firstThree.at(-1) as string,
        patients: 3,
        leaseUntil: new Date(NOW.getTime() - 1),
      });
      expect(committed).toBe(true);

      const next = startBulkExportRunner(database.db, { now: () => NOW, batchPatients: 2 });
      await next.idle();
      await next.close();
      const finished = await findBulkExportJob(database.db, job.id);
      expect(finished).toMatchObject({ status: 'completed', patientsDone: 7, patientsTotal: 7 });
      const patients = (await lines(database, job.id, 'Patient')).map((l) => (JSON.parse(l) as Resource).id);
      expect(new Set(patients).size).toBe(7);
      expect(patients.slice(0, 3)).toEqual(firstThree);
      expect(patients).toEqual([...patients].sort());
      expect(await lines(database, job.id, 'Practitioner')).toHaveLength(1);
      expect(await lines(database, job.id, 'Observation')).toHaveLength(7);
      // The finished job takes no more batches (a process that lost the job commits nothing).
      expect(
        await commitBulkExportBatch(
          database.db,
          { id: job.id, patientsDone: 7 },
          {
            chunks: [{ resourceType: 'Patient', lines: ['{}'] }],
            lastPatientId: finished?.cursorPatientId as string,
            patients: 1,
            leaseUntil: NOW,
          },
        ),
      ).toBe(false);
    });
    it('holds memory flat from 1,000 to 10,000 patients, and every line it writes validates', async () => {
      const clinician = async (email: string) =>
        (
          await createUser(database.db, {
            email,
            name: email,
            role: 'clinician',
            passwordHash: '!test-no-login',
          })
        ).id;
      const small = await clinician('thousand@clinic.test');
      const large = await clinician('ten-thousand@clinic.test');
      await seedCaseload(database.db, small, 1_000);
      await seedCaseload(database.db, large, 10_000);

      const smallJob = await newJob(1_000, small);
      const smallPeak = await runAndWatchHeap();
      const largeJob = await newJob(10_000, large);
      const largePeak = await runAndWatchHeap();
      const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
      console.log(
        `bulk export heap peak: 1,000 patients ${mib(smallPeak)} MiB, 10,000 patients ${mib(largePeak)} MiB`,
      );
      // Ten times the patients, the same batch in memory: the peak may differ by GC noise only.
      expect(mib(largePeak - smallPeak)).toBeLessThan(48);

      for (const [job, patients] of [
        [smallJob, 1_000],
        [largeJob, 10_000],
      ] as const) {
        expect(await findBulkExportJob(database.db, job.id)).toMatchObject({
          status: 'completed',
          patientsDone: patients,
        });
      }
      // The job validated every resource before writing it (an invalid one goes to the error file):
      // none failed, and every resource of the 10,000 records is there.
      const counts: Record<string, number> = {};
      for (const { type, count } of await bulkExportLineCounts(database.db, largeJob.id))
        counts[type] = count;
      expect(counts).toEqual({
        Patient: 10_000,
        Provenance: 10_000,
        Practitioner: 1,
        CareTeam: 10_000,
        Observation: 10_000,
      });
      // And each line read back validates on its own (the 1,000-patient job's, to keep the test short).
      let checked = 0;
      for (const type of Object.keys(counts)) {
        for (const line of await lines(database, smallJob.id, type)) {
          const issues = validateFhir(JSON.parse(line) as Resource).errors;
          if (issues.length > 0) expect(describeIssues(issues), line).toEqual([]);
          checked += 1;
        }
      }
      expect(checked).toBe(4 * 1_000 + 1);
    }, 300_000);
  });
}
