import type { Kysely } from 'kysely';
import type { EntryStatus } from '../../clinic/record/correction.ts';
import { checkOutputSafety } from '../../clinic/safety/output-safety.ts';
import {
  type AuthorKey,
  FhirValidationError,
  IMPORT_ACCOUNT_DOMAIN,
  type ImportOptions,
  type ImportPlan,
  type ImportResult,
  NO_LOGIN_PASSWORD_HASH,
  planImport,
} from '../../fhir/bundle-import.ts';
import { InvalidInputError } from '../../shared/invalid-input.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { createCondition } from '../../store/records/conditions.ts';
import { closeEntry, programmeEnteredInError, type VersionedKind } from '../../store/records/corrections.ts';
import { createMeasurement } from '../../store/records/measurements.ts';
import { createPatient } from '../../store/records/patients.ts';
import { createProgramme } from '../../store/records/programmes.ts';
import { createQuestionnaireResponse } from '../../store/records/questionnaire-responses.ts';
import { createSdTest } from '../../store/records/sd-tests.ts';
import { createSession } from '../../store/records/sessions.ts';
import { createUser, findUserByEmail } from '../../store/records/users.ts';
import { newId } from '../../store/rows.ts';
import type { Schema } from '../../store/schema.ts';

/**
 * Stores a FHIR R4 Bundle the FHIR module checked and mapped (planImport): every record through
 * the store's write paths, in one transaction.
 */
export { FhirValidationError, NO_LOGIN_PASSWORD_HASH };

/** Validates, maps and stores a patient's Bundle in one transaction; nothing is stored on any error. */
export async function importBundle(db: Db, bundle: unknown, options: ImportOptions): Promise<ImportResult> {
  const plan = planImport(bundle, options.importedBy ? { importedBy: options.importedBy } : {});
  for (const programme of plan.programmes) {
    const stimulation = programme.body.stimulation;
    if (programme.status === 'ended' || stimulation === undefined) continue;
    const safety = checkOutputSafety(stimulation);
    if (!safety.ok) {
      throw new InvalidInputError(
        `programme version ${programme.version ?? '?'} breaks an output-safety limit: ${safety.violations.map((v) => v.message).join('; ')}`,
      );
    }
  }
  return db.transaction().execute((tx) => write(tx, plan, options));
}

async function write(tx: Kysely<Schema>, plan: ImportPlan, options: ImportOptions): Promise<ImportResult> {
  const created = {
    conditions: 0,
    measurements: 0,
    sdTests: 0,
    programmes: 0,
    sessions: 0,
    questionnaireResponses: 0,
    careTeam: 0,
    accounts: 0,
  };
  const matchedAccounts: string[] = [];
  const practitionerUsers = new Map<string, string>();
  for (const [key, practitioner] of plan.practitioners) {
    const existing = await findUserByEmail(tx, practitioner.email);
    if (existing) {
      if (existing.role === 'patient') {
        throw new InvalidInputError(
          `Practitioner ${practitioner.email} is a patient's account here, not a clinician's`,
        );
      }
      practitionerUsers.set(key, existing.id);
      matchedAccounts.push(existing.email);
    } else {
      const user = await createUser(tx, {
        email: practitioner.email,
        name: practitioner.name,
        role: 'clinician',
        passwordHash: NO_LOGIN_PASSWORD_HASH,
      });
      practitionerUsers.set(key, user.id);
      created.accounts += 1;
    }
  }
  // The patient record is created by its creator (or the importer, or the first author found).
  const creatorKey = plan.patientCreated?.by;
  const practitionerUser = (key: string) => {
    const id = practitionerUsers.get(key);
    if (!id) throw new InvalidInputError(`author ${key} is not a Practitioner in the Bundle`);
    return id;
  };
  const creator =
    creatorKey?.kind === 'practitioner'
      ? practitionerUser(creatorKey.key)
      : (options.importedBy ?? practitionerUsers.values().next().value ?? newId());
  const patientId = (await createPatient(tx, plan.patient, creator)).id;
  if (plan.patientCreated) {
    await tx
      .updateTable('patients')
      .set({ created_at: plan.patientCreated.at, updated_at: plan.patientCreated.at })
      .where('id', '=', patientId)
      .execute();
  }
  let patientAccount: string | undefined;
  const userFor = async (by: AuthorKey): Promise<string> => {
    if (by.kind === 'practitioner') return practitionerUser(by.key);
    if (by.kind === 'importer') return options.importedBy as string;
    if (!patientAccount) {
      const user = await createUser(tx, {
        email: `patient-${patientId}@${IMPORT_ACCOUNT_DOMAIN}`,
        name: plan.patient.name,
        role: 'patient',
        passwordHash: NO_LOGIN_PASSWORD_HASH,
        patientId,
      });
      patientAccount = user.id;
      created.accounts += 1;
    }
    return patientAccount;
  };

  for (const member of plan.careTeam) {
    const userId = practitionerUsers.get(member.member);
    if (!userId) continue;
    await tx
      .insertInto('care_team')
      .values({
        patient_id: patientId,
        user_id: userId,
        added_by: options.importedBy ?? userId,
        ...(member.addedAt ? { added_at: member.addedAt } : {}),
      })
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'user_id']).doNothing())
      .execute();
    created.careTeam += 1;
  }
  for (const condition of plan.conditions) {
    const stored = await createCondition(
      tx,
      patientId,
      condition.input,
      await userFor(condition.by),
      new Date(condition.at),
    );
    await keepEnteredInError(tx, 'conditions', patientId, stored.id, condition.status);
    created.conditions += 1;
  }
  for (const measurement of plan.measurements) {
    const stored = await createMeasurement(tx, patientId, measurement.input, await userFor(measurement.by));
    await keepEnteredInError(tx, 'measurements', patientId, stored.id, measurement.status);
    created.measurements += 1;
  }
  for (const test of plan.sdTests) {
    const stored = await createSdTest(tx, patientId, test.input, test.summary, await userFor(test.by));
    await keepEnteredInError(tx, 'sd-tests', patientId, stored.id, test.status);
    created.sdTests += 1;
  }
  const programmeIds = new Map<string, string>();
  for (const programme of plan.programmes) {
    const safety =
      programme.body.stimulation !== undefined ? checkOutputSafety(programme.body.stimulation) : null;
    const stored = await createProgramme(
      tx,
      patientId,
      {
        body: programme.body,
        supersedesId: programme.supersedes ? (programmeIds.get(programme.supersedes) ?? null) : null,
        safety: safety ?? { ok: true, violations: [], warnings: [], evaluated: false },
      },
      await userFor(programme.by),
      new Date(programme.createdAt),
    );
    // An imported active plan arrives as a draft: approval happens here, through the safety gate
    // (POST …/programmes/:pid/approve), never by a status another system wrote.
    if (programme.status === 'approved') {
      plan.warnings.push(
        `programme version ${programme.version ?? '?'} was active in the Bundle; it arrives as a draft: approve it in Myotrophy, where the safety gate checks the screening, red flags, diagnosis and output limits`,
      );
    }
    if (programme.status === 'entered-in-error') {
      await programmeEnteredInError(tx, patientId, stored.id, options.now);
    }
    if (programme.status === 'ended') {
      await tx
        .updateTable('programmes')
        .set({
          status: programme.status,
          approved_at: programme.approvedAt,
          approved_by: programme.approvedBy ? await userFor(programme.approvedBy) : null,
          ended_at: programme.status === 'ended' ? (programme.endedAt ?? options.now) : null,
        })
        .where('id', '=', stored.id)
        .execute();
    }
    programmeIds.set(programme.key, stored.id);
    created.programmes += 1;
  }
  for (const session of plan.sessions) {
    const input = {
      ...session.input,
      programmeId: session.programme ? (programmeIds.get(session.programme) ?? null) : null,
    };
    const stored = await createSession(tx, patientId, input, await userFor(session.by), options.now);
    await keepEnteredInError(tx, 'sessions', patientId, stored.id, session.status);
    created.sessions += 1;
  }
  for (const answer of plan.questionnaireResponses) {
    await createQuestionnaireResponse(
      tx,
      patientId,
      {
        answers: answer.answers,
        score: answer.score,
        answeredAt: answer.answeredAt,
        recordedBy: await userFor(answer.by),
        clientKey: null,
      },
      null,
    );
    created.questionnaireResponses += 1;
  }
  await recordAudit(tx, {
    userId: options.importedBy ?? null,
    action: 'import',
    resource: 'fhir-bundle',
    recordId: patientId,
    patientId,
  });
  return { patientId, created, matchedAccounts, skipped: plan.skipped, warnings: plan.warnings };
}

/** An entry the Bundle marks entered in error arrives so: kept, counting for nothing. */
async function keepEnteredInError(
  tx: Kysely<Schema>,
  kind: VersionedKind,
  patientId: string,
  id: string,
  status: EntryStatus,
): Promise<void> {
  if (status === 'entered-in-error') await closeEntry(tx, kind, patientId, id, 'entered-in-error');
}
