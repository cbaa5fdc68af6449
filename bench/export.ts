import { startBulkExportRunner } from '../src/api/fhir/bulk-export-runner.ts';
import { loadR4Definitions } from '../src/fhir/validate.ts';
import { openDatabase } from '../src/store/database.ts';
import { bulkExportLineCounts, createBulkExportJob } from '../src/store/records/bulk-export-jobs.ts';
import { createUser } from '../src/store/records/users.ts';
import { seedCaseload } from '../test/bulk-caseload.ts';
import { type Benchmark, figuresBenchmark } from './harness.ts';

/**
 * FHIR Bulk Data export throughput (issue 19 item 4): $export jobs of a clinician's caseload of
 * PATIENTS patients (test/bulk-caseload.ts: each a Patient, its Provenance, a CareTeam and an
 * Observation) run to their end by the server's job runner on an in-memory PGlite: batched record
 * reads, mapping, validation of every resource, ndjson chunks committed with the cursor. Figures:
 * the median wall time of RUNS jobs and the process CPU time of each (which a busy machine
 * disturbs less), as patients and resources per second.
 */
const PATIENTS = 2_000;
const RUNS = 3;
const NOW = new Date('2025-02-01T10:00:00Z');

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function measure(): Promise<Record<string, unknown>> {
  loadR4Definitions();
  const database = await openDatabase();
  try {
    const clinician = await createUser(database.db, {
      email: 'bulk@bench.test',
      name: 'Bulk Clinician',
      role: 'clinician',
      passwordHash: '!bench-no-login',
    });
    await seedCaseload(database.db, clinician.id, PATIENTS);
    const wall: number[] = [];
    const cpu: number[] = [];
    let resources = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const job = await createBulkExportJob(database.db, {
        requestedBy: clinician.id,
        groupId: null,
        requestUrl: 'http://localhost/fhir/R4/$export',
        resourceTypes: [],
        patientsTotal: PATIENTS,
        now: NOW,
      });
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const runner = startBulkExportRunner(database.db, { now: () => NOW });
      await runner.idle();
      await runner.close();
      const used = process.cpuUsage(cpuStarted);
      wall.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
      resources = (await bulkExportLineCounts(database.db, job.id)).reduce((sum, c) => sum + c.count, 0);
    }
    const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
    return {
      patients: PATIENTS,
      resources,
      runs: RUNS,
      wallMedianMs: Math.round(median(wall)),
      cpuMedianMs: Math.round(median(cpu)),
      patientsPerSecond: perSecond(PATIENTS, median(wall)),
      patientsPerCpuSecond: perSecond(PATIENTS, median(cpu)),
      resourcesPerSecond: perSecond(resources, median(wall)),
    };
  } finally {
    await database.close();
  }
}

export const benchmarks: Benchmark[] = [
  figuresBenchmark(
    'export.bulk-caseload',
    `$export jobs of ${PATIENTS} patients on PGlite, run by the server's job runner to completion (median of ${RUNS}).`,
    measure,
  ),
];
