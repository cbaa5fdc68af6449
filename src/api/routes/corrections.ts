import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import {
  CORRECTABLE_KINDS,
  type CorrectableKind,
  type RecordCorrection,
} from '../../clinic/record/correction.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  closeEntry,
  linkAmendment,
  listCorrections,
  programmeEnteredInError,
  recordCorrection,
  VERSIONED_TABLE,
  type VersionedKind,
  versionIds,
} from '../../store/records/corrections.ts';
import type { Schema } from '../../store/schema.ts';
import { type Actor, authorizePatient, Denied } from '../access.ts';
import { actorOf } from '../auth.ts';
import { conflict, HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { anyBody, created } from '../response-schemas.ts';
import { uuid } from '../schemas.ts';
import type { AppOptions } from './context.ts';

/** What a kind of record (./patient-records.ts PatientRecordKind) offers for writing and reading one. */
export interface RecordKindWriter<Input, Output extends { id: string }> {
  /** The path segment under /api/patients/:id/ and the audit resource name. */
  path: string;
  /** What one record is, for the OpenAPI summaries. */
  noun: string;
  bodySchema: Record<string, unknown>;
  create(
    tx: Kysely<Schema>,
    context: { patientId: string; actor: Actor; now: Date; db: Db },
    body: Input,
  ): Promise<Output>;
  /**
   * Optional: how an amendment is written, where it differs from a create (a session's amendment
   * corrects a past log, so the gate for logging a new one does not apply).
   */
  amend?(
    tx: Kysely<Schema>,
    context: { patientId: string; actor: Actor; now: Date; db: Db },
    body: Input,
  ): Promise<Output>;
  /** One record of the patient by id: what a create's Location header points to. */
  find(db: Db, patientId: string, id: string): Promise<Output | undefined>;
}

/** The patient and one of their records, in a record's address. */
export const recordParams = {
  type: 'object',
  required: ['id', 'recordId'],
  additionalProperties: false,
  properties: { id: uuid, recordId: uuid },
} as const;

const reasonSchema = {
  type: 'string',
  maxLength: 2000,
  description: 'Why the record is corrected, in words the care team will read later (required).',
} as const;

export const isCorrectable = (path: string): path is CorrectableKind =>
  (CORRECTABLE_KINDS as readonly string[]).includes(path);
export const isVersioned = (kind: string): kind is VersionedKind => kind in VERSIONED_TABLE;

/** The reason a correction must give: present and not blank (a plain 422 otherwise). */
function reasonOf(body: { reason?: string } | undefined): string {
  const reason = body?.reason?.trim();
  if (!reason) {
    throw new HttpProblem(
      422,
      'reason is required: say why this record is corrected, e.g. "mistyped: 43.5 cm, not 34.5 cm"',
    );
  }
  return reason;
}

/** A record's status should be current to be corrected; a record corrected already is a 409 naming what happened. */
function refuseClosed(record: { status?: string }, recordId: string): void {
  if (record.status === 'superseded') {
    throw conflict(`record ${recordId} was already amended; correct its latest version instead`);
  }
  if (record.status === 'entered-in-error') {
    throw conflict(`record ${recordId} is already marked entered in error`);
  }
}

/**
 * Who may correct: a clinician on the care team, for every kind. A patient may mark only a
 * session log they wrote themselves entered in error — their own report of a session they did
 * not do (a double tap, the wrong day) is theirs to withdraw, as patient portals let people
 * withdraw what they reported; amending it, or anything a clinician recorded, stays with the care
 * team so the record the team judged by cannot change under them.
 */
async function authorizeCorrection(
  db: Db,
  actor: Actor,
  patientId: string,
  kind: CorrectableKind,
  action: 'amend' | 'entered-in-error',
  record: { recordedBy?: string } | undefined,
): Promise<void> {
  if (actor.role === 'patient' && kind === 'sessions' && action === 'entered-in-error') {
    await authorizePatient(db, actor, patientId, 'log-session');
    if (record && record.recordedBy !== actor.userId) {
      throw new Denied(
        'a patient may mark only a session they logged themselves as entered in error',
        patientId,
      );
    }
    return;
  }
  await authorizePatient(db, actor, patientId, 'correct-record');
}

/** Every version of one record, oldest first, and the corrections that made them. */
export async function recordHistory<Output extends { id: string }>(
  db: Db,
  kind: RecordKindWriter<never, Output>,
  patientId: string,
  record: Output,
): Promise<{ versions: Output[]; corrections: RecordCorrection[] }> {
  const path = kind.path as CorrectableKind;
  const ids = isVersioned(path) ? await versionIds(db, path, patientId, record.id) : [record.id];
  const versions = (await Promise.all(ids.map((id) => kind.find(db, patientId, id)))).filter(
    (v): v is Awaited<Output> => v !== undefined,
  );
  const corrections = (await listCorrections(db, patientId)).filter((c) => ids.includes(c.recordId));
  return { versions, corrections };
}

/**
 * POST …/:recordId/amend (a new version replacing the record; not for programmes, whose new
 * version is an edit) and POST …/:recordId/entered-in-error, each with a reason, in one
 * transaction with its correction and audit event.
 */
export function correctionRoutes<Input, Output extends { id: string; status?: string; recordedBy?: string }>(
  app: FastifyInstance,
  db: Db,
  options: AppOptions,
  kind: RecordKindWriter<Input, Output>,
): void {
  const path = kind.path;
  if (!isCorrectable(path)) return;
  const url = `/api/patients/:id/${path}/:recordId`;
  const found = async (patientId: string, recordId: string) => {
    const record = await kind.find(db, patientId, recordId);
    if (!record) throw notFound(`this patient has no ${path} record ${recordId}`);
    return record;
  };

  if (isVersioned(path)) {
    app.post<{ Params: { id: string; recordId: string }; Body: { reason?: string; record: Input } }>(
      `${url}/amend`,
      {
        schema: {
          tags: ['records'],
          summary: `Amend a ${kind.noun}: a new version replaces it, the original stays in the history`,
          params: recordParams,
          body: {
            type: 'object',
            required: ['record'],
            additionalProperties: false,
            properties: { reason: reasonSchema, record: kind.bodySchema },
          },
          response: created('The amendment; Location is its address'),
        },
      },
      async (request, reply) => {
        const { id: patientId, recordId } = request.params;
        const actor = actorOf(request);
        await authorizeCorrection(db, actor, patientId, path, 'amend', undefined);
        const reason = reasonOf(request.body);
        refuseClosed(await found(patientId, recordId), recordId);
        const now = options.now();
        const amendment = await db.transaction().execute(async (tx) => {
          // Closed first, so the amendment's own checks (one diagnosis per code) see it as replaced.
          if (!(await closeEntry(tx, path, patientId, recordId, 'superseded'))) {
            throw conflict(`record ${recordId} was corrected by someone else a moment ago; reload it`);
          }
          const write = kind.amend ?? kind.create;
          const written = await write(tx, { patientId, actor, now, db }, request.body.record);
          await linkAmendment(tx, path, written.id, recordId);
          await recordCorrection(tx, {
            patientId,
            kind: path,
            recordId,
            action: 'amend',
            replacementId: written.id,
            reason,
            correctedBy: actor.userId,
            correctedAt: now,
          });
          await recordAudit(tx, {
            ...auditFrom(request, { action: 'amend', resource: path, recordId, patientId }),
            reason: `amended by ${written.id}: ${reason}`,
          });
          return { ...written, status: 'current', replacesId: recordId };
        });
        return reply
          .code(201)
          .header('location', `/api/patients/${patientId}/${path}/${amendment.id}`)
          .send(amendment);
      },
    );
  }

  app.post<{ Params: { id: string; recordId: string }; Body: { reason?: string } }>(
    `${url}/entered-in-error`,
    {
      schema: {
        tags: ['records'],
        summary: `Mark a ${kind.noun} entered in error: it stays in the history and counts for nothing`,
        params: recordParams,
        body: { type: 'object', additionalProperties: false, properties: { reason: reasonSchema } },
        response: { 200: anyBody('The record, now entered in error') },
      },
    },
    async (request) => {
      const { id: patientId, recordId } = request.params;
      const actor = actorOf(request);
      await authorizeCorrection(db, actor, patientId, path, 'entered-in-error', undefined);
      const reason = reasonOf(request.body);
      const record = await found(patientId, recordId);
      if (actor.role === 'patient')
        await authorizeCorrection(db, actor, patientId, path, 'entered-in-error', record);
      refuseClosed(record, recordId);
      const now = options.now();
      await db.transaction().execute(async (tx) => {
        const closed = isVersioned(path)
          ? await closeEntry(tx, path, patientId, recordId, 'entered-in-error')
          : await programmeEnteredInError(tx, patientId, recordId, now);
        if (!closed)
          throw conflict(`record ${recordId} was corrected by someone else a moment ago; reload it`);
        await recordCorrection(tx, {
          patientId,
          kind: path,
          recordId,
          action: 'entered-in-error',
          replacementId: null,
          reason,
          correctedBy: actor.userId,
          correctedAt: now,
        });
        await recordAudit(tx, {
          ...auditFrom(request, { action: 'entered-in-error', resource: path, recordId, patientId }),
          reason,
        });
      });
      return found(patientId, recordId);
    },
  );
}
