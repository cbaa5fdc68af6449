import { setTimeout as sleep, setImmediate as yieldToRequests } from 'node:timers/promises';
import { BULK_EXPORT_TYPES, bulkExportLines } from '../../fhir/bulk-ndjson.ts';
import { parseTypeFilter } from '../../fhir/type-filter.ts';
import type { Db } from '../../store/database.ts';
import {
  type BulkExportChanges,
  type BulkExportJob,
  bulkExportChanges,
  claimBulkExportJob,
  commitBulkExportBatch,
  finishBulkExportJob,
  nextBulkExportPatients,
  readBulkExportChunks,
  releaseBulkExportJob,
  transactionsSettled,
} from '../../store/records/bulk-export-jobs.ts';
import { actAsOperator, actForClinic } from '../../store/tenancy.ts';
import { loadExportedRecords } from './bundle-export.ts';

/**
 * Runs FHIR Bulk Data export jobs inside the server (docs/bulk-export.md), one job at a time per
 * process, a batch of patients at a time: read the batch with the batched record reader, map and
 * validate (bulk-ndjson.ts), commit the lines with the job's cursor in one transaction. Memory
 * holds one batch, whatever the number of patients. A job whose process stopped (restart, crash)
 * is taken up again when its lease runs out: at start, and on a periodic sweep, by any process.
 */
export interface BulkExportRunnerOptions {
  now: () => Date;
  /** Patients read, mapped and committed together. */
  batchPatients?: number;
  /** How long a process holds a job between commits before another may take it over. */
  leaseMs?: number;
  /** How often to look for jobs no process is working on. */
  sweepMs?: number;
}

export const DEFAULT_BULK_EXPORT_BATCH = 250;
export const DEFAULT_BULK_EXPORT_LEASE_MS = 60_000;
export const DEFAULT_BULK_EXPORT_SWEEP_MS = 30_000;

export interface BulkExportRunner {
  /** Looks for work now (a job was just created). */
  wake(): void;
  /** Resolves when this process has no job left to work on. */
  idle(): Promise<void>;
  /** Stops after the batch in hand; the job's lease is released so the next start resumes it. */
  close(): Promise<void>;
}

/** How often a new job looks again for transactions older than its transaction time to end. */
const SETTLE_POLL_MS = 20;

/**
 * Whether a resource made from these stored entries belongs in the export (bulk-export-jobs.ts,
 * BulkExportChanges): none changed after the transaction time, and with `_since` one changed
 * after it, or the patient joined the scope after it.
 */
function keepChanged(changes: BulkExportChanges) {
  const { changedAfterTransaction: later, changedSince, joinedSince } = changes;
  return (patientId: string, sources: readonly string[]) =>
    !sources.some((s) => later.has(s)) &&
    (changedSince === null || joinedSince.has(patientId) || sources.some((s) => changedSince.has(s)));
}

/** The ids of the Practitioners a job has written so far (a resumed job writes each only once). */
async function practitionersWritten(db: Db, jobId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const chunk of readBulkExportChunks(db, jobId, 'Practitioner')) {
    for (const line of chunk.split('\n')) if (line) ids.add((JSON.parse(line) as { id: string }).id);
  }
  return ids;
}

/**
 * Runs one job this process has claimed to its end: batch after batch from its cursor, until no
 * patient is left (completed), it is cancelled, or `stopping` says so (the lease is released).
 */
export async function runBulkExportJob(
  db: Db,
  job: BulkExportJob,
  options: BulkExportRunnerOptions & { stopping?: () => boolean },
): Promise<void> {
  const batch = options.batchPatients ?? DEFAULT_BULK_EXPORT_BATCH;
  const lease = () => new Date(options.now().getTime() + (options.leaseMs ?? DEFAULT_BULK_EXPORT_LEASE_MS));
  const upTo = job.transactionTime ? new Date(job.transactionTime) : null;
  const since = job.since ? new Date(job.since) : null;
  const scope = { requestedBy: job.requestedBy, groupId: job.groupId, upTo };
  const types = new Set(job.resourceTypes.length > 0 ? job.resourceTypes : BULK_EXPORT_TYPES);
  const typeFilters = job.typeFilters.flatMap((query) => {
    const parsed = parseTypeFilter(query);
    return 'filter' in parsed ? [parsed.filter] : [];
  });
  // Bulk Data IG: the export holds everything changed up to its transaction time, so it first
  // waits for the transactions that may have written rows dated at or before it to end.
  while (job.settledXid && !(await transactionsSettled(db, job.settledXid))) {
    if (options.stopping?.()) return releaseBulkExportJob(db, job.id);
    await sleep(SETTLE_POLL_MS);
  }
  const written = job.cursorPatientId ? await practitionersWritten(db, job.id) : new Set<string>();
  let done = { id: job.id, patientsDone: job.patientsDone, cursor: job.cursorPatientId };
  for (;;) {
    if (options.stopping?.()) return releaseBulkExportJob(db, job.id);
    const ids = await nextBulkExportPatients(db, scope, done.cursor, batch);
    if (ids.length === 0) return finishBulkExportJob(db, job.id, options.now());
    const [records, changes] = await Promise.all([
      loadExportedRecords(db, ids),
      bulkExportChanges(db, scope, ids, { since, upTo }),
    ]);
    const lines = bulkExportLines(
      ids.flatMap((id) => records.get(id) ?? []),
      { types, practitionersWritten: written, typeFilters, keep: keepChanged(changes) },
    );
    const lastPatientId = ids.at(-1) as string;
    const committed = await commitBulkExportBatch(db, done, {
      chunks: [...lines].map(([resourceType, list]) => ({ resourceType, lines: list })),
      lastPatientId,
      patients: ids.length,
      leaseUntil: lease(),
    });
    if (!committed) return; // cancelled meanwhile
    done = { id: job.id, patientsDone: done.patientsDone + ids.length, cursor: lastPatientId };
    await yieldToRequests();
  }
}

export function startBulkExportRunner(db: Db, options: BulkExportRunnerOptions): BulkExportRunner {
  const batch = options.batchPatients ?? DEFAULT_BULK_EXPORT_BATCH;
  const leaseMs = options.leaseMs ?? DEFAULT_BULK_EXPORT_LEASE_MS;
  const lease = () => new Date(options.now().getTime() + leaseMs);
  let closing = false;
  let running: Promise<void> | undefined;
  let again = false;

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        if (closing) return;
        const job = await claimBulkExportJob(db, options.now(), lease());
        if (!job) break;
        try {
          await actForClinic(job.clinicId, () =>
            runBulkExportJob(db, job, {
              ...options,
              batchPatients: batch,
              leaseMs,
              stopping: () => closing,
            }),
          );
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          await finishBulkExportJob(db, job.id, options.now(), `the export stopped: ${reason}`).catch(
            () => {},
          );
        }
      }
    } while (again && !closing);
  }

  const wake = () => {
    if (closing) return;
    if (running) {
      again = true;
      return;
    }
    // Jobs of every clinic are claimed (an instance task); each runs for its own clinic.
    running = actAsOperator(drain)
      .catch(() => {})
      .finally(() => {
        running = undefined;
      });
  };
  const sweep = setInterval(wake, options.sweepMs ?? DEFAULT_BULK_EXPORT_SWEEP_MS);
  sweep.unref();
  wake();
  return {
    wake,
    idle: async () => {
      while (running) await running;
    },
    close: async () => {
      closing = true;
      clearInterval(sweep);
      await running;
    },
  };
}
