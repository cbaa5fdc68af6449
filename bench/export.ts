import { startBulkExportRunner } from '../src/api/fhir/bulk-export-runner.ts';
import { loadR4Definitions } from '../src/fhir/validate.ts';
import { openDatabase } from '../src/store/database.ts';
import { bulkExportLineCounts, createBulkExportJob } from '../src/store/records/bulk-export-jobs.ts';
import { createUser } from '../src/store/records/users.ts';
import { seedCaseload } from '../test/bulk-caseload.ts';
import type { Benchmark } from './harness.ts';

/**
 * FHIR Bulk Data export throughput (issue 19 item 4): one $export job of a clinician's caseload of
 * PATIENTS patients (test/bulk-caseload.ts: each a Patient, its Provenance, a CareTeam and an
 * Observation) run to its end by the server's job runner on an in-memory PGlite: batched record
 * reads, mapping, validation of every resource, ndjson chunks committed with the cursor.
 */
const PATIENTS = 2_000;
const NOW = new Date('2025-02-01T10:00:00Z');

function exportBenchmark(): Benchmark {
  let resources = 0;
  return {
    name: 'export.bulk-caseload',
    description: `A bulk $export job of ${PATIENTS} patients on PGlite, from kick-off row to completed manifest counts`,
    runs: 3,
    setup: async () => {
      loadR4Definitions();
      const database = await openDatabase();
      const clinician = await createUser(database.db, {
        email: 'bulk@bench.test',
        name: 'Bulk Clinician',
        role: 'clinician',
        passwordHash: '!bench-no-login',
      });
      await seedCaseload(database.db, clinician.id, PATIENTS);
      return async () => {
        const job = await createBulkExportJob(database.db, {
          requestedBy: clinician.id,
          groupId: null,
          requestUrl: 'http://localhost/fhir/R4/$export',
          resourceTypes: [],
          patientsTotal: PATIENTS,
          now: NOW,
        });
        const runner = startBulkExportRunner(database.db, { now: () => NOW });
        await runner.idle();
        await runner.close();
        resources = (await bulkExportLineCounts(database.db, job.id)).reduce((sum, c) => sum + c.count, 0);
      };
    },
    derived: (medianMs) => ({
      patients: PATIENTS,
      resources,
      patientsPerSecond: Math.round(PATIENTS / (medianMs / 1000)),
      resourcesPerSecond: Math.round(resources / (medianMs / 1000)),
    }),
  };
}

export const benchmarks: Benchmark[] = [exportBenchmark()];
