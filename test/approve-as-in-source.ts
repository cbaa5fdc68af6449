import type { Db } from '../src/store/database.ts';
import { approveProgramme, listProgrammes } from '../src/store/records/programmes.ts';
import { findUserByEmail } from '../src/store/records/users.ts';

/**
 * An imported active plan arrives as a draft (issue 14). For round-trip tests: approves the imported
 * draft the way the source's programme was approved — same version, same clinician (by email), same
 * time — as a clinician would in Myotrophy after the gate cleared it. Returns the version approved,
 * or null when the source had no approved programme.
 */
export async function approveAsInSource(
  source: Db,
  sourcePatientId: string,
  target: Db,
  targetPatientId: string,
): Promise<number | null> {
  const approved = (await listProgrammes(source, sourcePatientId)).find((p) => p.status === 'approved');
  if (!approved?.approvedBy || !approved.approvedAt) return null;
  const { email } = await source
    .selectFrom('users')
    .select('email')
    .where('id', '=', approved.approvedBy)
    .executeTakeFirstOrThrow();
  const clinician = await findUserByEmail(target, email);
  const draft = (await listProgrammes(target, targetPatientId)).find((p) => p.version === approved.version);
  if (!clinician || draft?.status !== 'draft') {
    throw new Error(`the imported record has no draft version ${approved.version} to approve as ${email}`);
  }
  await approveProgramme(
    target,
    targetPatientId,
    draft.id,
    clinician.id,
    draft.safety,
    new Date(approved.approvedAt),
  );
  return approved.version;
}
