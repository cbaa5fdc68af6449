import type { Kysely } from 'kysely';
import { iso, json, type RowOf } from '../rows.ts';
import type { Schema } from '../schema.ts';
import {
  insertPatientRow,
  patientRecordFinder,
  patientRecordLister,
  readPatientRows,
} from './patient-rows.ts';

/** A force model identified from a recording, with what the fit said and the recording's checksum. */
export interface IdentifiedRecording {
  name: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  format: 'csv' | 'sto' | 'c3d';
  sizeBytes: number;
}

export interface IdentifiedParameterSummary {
  name: string;
  symbol: string;
  unit: string;
  value: number;
  /** null when the recording gives no standard error. */
  standardError: number | null;
}

export interface IdentifiedModelSummary {
  startModel: string;
  parameters: IdentifiedParameterSummary[];
  undetermined: { parameter: string; symbol: string; heldAt: number; reason: string }[];
  residual: { rmsN: number; relativeToPeak: number; samples: number };
  /** Fit quality in plain words. */
  verdict: string;
  /** The import's processing (channel, units, filter cut-off, offset): what was fitted. */
  processing: unknown;
}

export interface IdentifiedModelInput {
  identifiedAt: string;
  recording: IdentifiedRecording;
  /** The identified ForceModel (validated by the caller). */
  model: { id: string } & Record<string, unknown>;
  summary: IdentifiedModelSummary;
}

export interface IdentifiedModel extends IdentifiedModelInput {
  id: string;
  patientId: string;
  recordedBy: string;
}

function toIdentifiedModel(row: RowOf<'identified_models'>): IdentifiedModel {
  return {
    id: row.id,
    patientId: row.patient_id,
    identifiedAt: iso(row.identified_at),
    recording: row.recording as IdentifiedRecording,
    model: row.model as IdentifiedModelInput['model'],
    summary: row.summary as IdentifiedModelSummary,
    recordedBy: row.recorded_by,
  };
}

export async function createIdentifiedModel(
  db: Kysely<Schema>,
  patientId: string,
  input: IdentifiedModelInput,
  recordedBy: string,
): Promise<IdentifiedModel> {
  const row = await insertPatientRow(db, 'identified_models', patientId, {
    identified_at: input.identifiedAt,
    recording_sha256: input.recording.sha256,
    recording: json(input.recording),
    model_id: input.model.id,
    model: json(input.model),
    summary: json(input.summary),
    recorded_by: recordedBy,
  });
  return toIdentifiedModel(row);
}

/** A patient's identified models in time order: a window of them, or ('all') every one, for the record's export. */
export const listIdentifiedModels = patientRecordLister('identified_models', toIdentifiedModel);

/** Every model identified for these patients, oldest first, in one statement. */
export async function readIdentifiedModels(
  db: Kysely<Schema>,
  patientIds: readonly string[],
): Promise<IdentifiedModel[]> {
  return (await readPatientRows(db, 'identified_models', patientIds)).map(toIdentifiedModel);
}

/** One of a patient's identified models, or undefined when the patient has no model with that id. */
export const findIdentifiedModel = patientRecordFinder('identified_models', toIdentifiedModel);
