import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { runBulkExportJob } from '../../api/fhir/bulk-export-runner.ts';
import { BULK_ERROR_TYPE } from '../../fhir/bulk-ndjson.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import * as jobs from '../../store/records/bulk-export-jobs.ts';
import { doesClinicalWork, findUserByEmail } from '../../store/records/users.ts';

/** A bulk export as files: what the manifest would list, with file paths instead of URLs. */
export interface BulkExportFiles {
  transactionTime: string;
  clinician: string;
  patients: number;
  output: { type: string; file: string; count: number }[];
  error: { type: string; file: string; count: number }[];
}

/**
 * `myotrophy export --bulk DIR --clinician EMAIL`: the clinician's caseload exported as the server's
 * $export would (docs/bulk-export.md), run in this process and written to DIR as Type.ndjson,
 * chunk by chunk; the job and its stored output are deleted once the files are written. Audited.
 */
export async function exportBulkToDirectory(
  db: Db,
  directory: string,
  clinicianEmail: string,
  now: () => Date,
): Promise<BulkExportFiles> {
  const clinician = await findUserByEmail(db, clinicianEmail);
  if (!clinician || !doesClinicalWork(clinician)) {
    throw new InvalidInputError(
      `--clinician must be the e-mail of a clinician (or an admin with the clinician role); got '${clinicianEmail}'`,
    );
  }
  const scope = { requestedBy: clinician.id, groupId: null };
  const created = await jobs.createBulkExportJob(db, {
    ...scope,
    requestUrl: 'myotrophy export --bulk',
    resourceTypes: [],
    patientsTotal: await jobs.countBulkExportPatients(db, scope),
    now: now(),
  });
  await recordAudit(db, {
    userId: null,
    action: 'export',
    resource: 'fhir-bulk-export',
    recordId: created.id,
    userAgent: 'myotrophy export',
    reason: `every patient on the care team of ${clinician.email}, to ${directory}`,
  });
  try {
    const job = await jobs.claimBulkExportJob(db, now(), new Date(now().getTime() + 60_000), created.id);
    if (!job) throw new Error(`bulk export ${created.id} was taken by another process`);
    await runBulkExportJob(db, job, { now });
    const finished = await jobs.findBulkExportJob(db, job.id);
    if (finished?.status !== 'completed') throw new Error(finished?.failure ?? 'the export did not complete');
    mkdirSync(directory, { recursive: true });
    const files: BulkExportFiles['output'] = [];
    for (const { type, count } of await jobs.bulkExportLineCounts(db, job.id)) {
      const file = join(directory, `${type}.ndjson`);
      await pipeline(Readable.from(jobs.readBulkExportChunks(db, job.id, type)), createWriteStream(file));
      files.push({ type, file, count });
    }
    return {
      transactionTime: job.requestedAt,
      clinician: clinician.email,
      patients: finished.patientsDone,
      output: files.filter((f) => f.type !== BULK_ERROR_TYPE),
      error: files.filter((f) => f.type === BULK_ERROR_TYPE),
    };
  } finally {
    await jobs.deleteBulkExportJob(db, created.id);
  }
}
