import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { FORCE_MODELS, MODEL_IDS, type ModelId, validateForceModel } from '../../physiology/force/model.ts';
import { buildProgrammeTrain } from '../../physiology/force/programme-train.ts';
import type { PulseTrain } from '../../physiology/force/pulse-train.ts';
import { fitVerdict } from '../../recordings/fit-verdict.ts';
import { identifyFromRecording } from '../../recordings/identify-recording.ts';
import { type PrepareOptions, prepareRecording } from '../../recordings/prepare.ts';
import { readRecording } from '../../recordings/read.ts';
import { RECORDING_FORMATS } from '../../recordings/recording.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import {
  createIdentifiedModel,
  findIdentifiedModel,
  type IdentifiedModel,
  type IdentifiedModelInput,
  listIdentifiedModels,
} from '../../store/records/identified-models.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { badRequest } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { dateTime, shortText } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import type { PatientRecordKind } from './patient-records.ts';

/**
 * From a force recording to a patient's identified model: POST …/recordings/identify reads the file
 * (base64 in JSON), identifies the model and returns the fit for review without storing anything;
 * POST …/identified-models stores what the clinician reviewed, with the recording's SHA-256.
 */

/** Largest recording accepted by the identify route (bytes of the file, before base64). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;
/** Points of the fit returned for the plot: enough for a screen, small enough to send. */
export const FIT_PLOT_POINTS = 2000;

export interface IdentifyRecordingBody {
  fileName: string;
  contentBase64: string;
  format?: (typeof RECORDING_FORMATS)[number];
  model: ModelId;
  forceChannel?: string;
  forceUnit?: string;
  triggerChannel?: string;
  onsetS?: number;
  programme?: { frequencyHz: number; onS: number; offS: number; repetitions: number };
  pulseWidthUs?: number;
  intensityMa?: number;
  cutoffHz?: number;
  fatigue?: boolean;
}

const identifyBodySchema = {
  type: 'object',
  required: ['fileName', 'contentBase64', 'model'],
  additionalProperties: false,
  properties: {
    fileName: shortText(200),
    contentBase64: { type: 'string', minLength: 1, maxLength: Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 4 },
    format: { type: 'string', enum: [...RECORDING_FORMATS] },
    model: { type: 'string', enum: [...MODEL_IDS] },
    forceChannel: shortText(80),
    forceUnit: shortText(20),
    triggerChannel: shortText(80),
    onsetS: { type: 'number', minimum: 0, maximum: 1e6 },
    programme: {
      type: 'object',
      required: ['frequencyHz', 'onS', 'offS', 'repetitions'],
      additionalProperties: false,
      properties: {
        frequencyHz: { type: 'number', minimum: 0.1, maximum: 1000 },
        onS: { type: 'number', minimum: 0.001, maximum: 3600 },
        offS: { type: 'number', minimum: 0, maximum: 3600 },
        repetitions: { type: 'integer', minimum: 1, maximum: 100000 },
      },
    },
    pulseWidthUs: { type: 'number', minimum: 1, maximum: 100000 },
    intensityMa: { type: 'number', minimum: 0, maximum: 1000 },
    cutoffHz: { type: 'number', minimum: 0.1, maximum: 1e6 },
    fatigue: { type: 'boolean' },
  },
} as const;

/** Every k-th sample so that at most `points` remain (the last kept too). */
function decimate<T>(values: readonly T[], points: number): T[] {
  const step = Math.max(1, Math.ceil(values.length / points));
  const out: T[] = [];
  for (let i = 0; i < values.length; i += step) out.push(values[i] as T);
  return out;
}

export function identifyUploadedRecording(body: IdentifyRecordingBody) {
  const bytes = new Uint8Array(Buffer.from(body.contentBase64, 'base64'));
  if (bytes.length === 0)
    throw badRequest("contentBase64 is empty or not base64: send the file's bytes in base64");
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const start = FORCE_MODELS[body.model];
  const raw = readRecording(bytes, {
    fileName: body.fileName,
    ...(body.format ? { format: body.format } : {}),
  });
  const prepare: PrepareOptions = {};
  if (body.forceChannel !== undefined) prepare.forceChannel = body.forceChannel;
  if (body.forceUnit !== undefined) prepare.forceUnit = body.forceUnit;
  if (body.cutoffHz !== undefined) prepare.cutoffHz = body.cutoffHz;
  let train: PulseTrain;
  let prepared: ReturnType<typeof prepareRecording>;
  if (body.triggerChannel !== undefined) {
    prepared = prepareRecording(raw, { ...prepare, triggerChannel: body.triggerChannel });
    const timesS = prepared.pulseTimesS as number[];
    train = { timesS };
    if (body.pulseWidthUs !== undefined) train.widthsUs = timesS.map(() => body.pulseWidthUs as number);
    if (body.intensityMa !== undefined) train.intensitiesMa = timesS.map(() => body.intensityMa as number);
  } else if (body.programme !== undefined) {
    const programme = buildProgrammeTrain(
      {
        ...body.programme,
        ...(body.pulseWidthUs !== undefined ? { pulseWidthUs: body.pulseWidthUs } : {}),
        ...(body.intensityMa !== undefined ? { intensityMa: body.intensityMa } : {}),
      },
      start,
    );
    train = programme.train;
    prepared = prepareRecording(raw, {
      ...prepare,
      ...(body.onsetS !== undefined ? { onsetS: body.onsetS } : {}),
      pulseTimesS: train.timesS,
    });
  } else {
    throw badRequest(
      'give the pulses: triggerChannel (a channel of the recording), or programme with onsetS',
    );
  }
  const started = performance.now();
  const { result, undetermined, fit } = identifyFromRecording(start, train, prepared, {
    fatigue: body.fatigue === true,
  });
  const elapsedMs = performance.now() - started;
  const verdict = fitVerdict(result, undetermined);
  return {
    recording: {
      name: body.fileName,
      sha256,
      format: raw.format,
      sizeBytes: bytes.length,
      channels: raw.channels.map((c) => ({ label: c.label, unit: c.unit, unitInFile: c.unitInFile })),
    },
    processing: prepared.processing,
    notes: [...prepared.notes, ...result.notes],
    startModel: start.id,
    pulses: train.timesS.length,
    parameters: result.parameters.map((p) => ({
      name: p.name,
      symbol: p.symbol,
      unit: p.unit,
      value: p.value,
      standardError: Number.isFinite(p.standardError) ? p.standardError : null,
      // 95 % interval of a normal estimate: ±1.96 standard errors.
      low95: Number.isFinite(p.standardError) ? p.value - 1.96 * p.standardError : null,
      high95: Number.isFinite(p.standardError) ? p.value + 1.96 * p.standardError : null,
    })),
    undetermined,
    poorlyDetermined: result.poorlyDetermined,
    residual: {
      rmsN: result.residual.rmsN,
      relativeToPeak: result.residual.relativeToPeak,
      samples: result.residual.samples,
    },
    converged: result.converged,
    verdict,
    model: result.model,
    fit: {
      timesS: decimate(fit.timesS, FIT_PLOT_POINTS),
      measuredN: decimate(fit.measuredN, FIT_PLOT_POINTS),
      fittedN: decimate(fit.fittedN, FIT_PLOT_POINTS),
      residualN: decimate(fit.residualN, FIT_PLOT_POINTS),
    },
    elapsedMs,
  };
}

export function recordingRoutes(app: FastifyInstance, db: Db, _options: AppOptions): void {
  app.post<{ Params: { id: string }; Body: IdentifyRecordingBody }>(
    '/api/patients/:id/recordings/identify',
    {
      bodyLimit: Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags: ['records'],
        summary:
          "Identify the patient's force model from a force recording (CSV/TSV, OpenSim .sto/.mot or C3D, base64); nothing is stored",
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } },
        body: identifyBodySchema,
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'record-clinical');
      const answer = identifyUploadedRecording(request.body);
      await recordAudit(db, auditFrom(request, { action: 'read', resource: 'recordings', patientId }));
      return answer;
    },
  );
}

const parameterSummary = {
  type: 'object',
  required: ['name', 'symbol', 'unit', 'value', 'standardError'],
  additionalProperties: true,
  properties: {
    name: shortText(40),
    symbol: shortText(20),
    unit: shortText(20),
    value: { type: 'number' },
    standardError: { type: ['number', 'null'] },
  },
} as const;

export const identifiedModelsKind: PatientRecordKind<IdentifiedModelInput, IdentifiedModel> = {
  path: 'identified-models',
  noun: 'identified force model',
  createAction: 'record-clinical',
  bodySchema: {
    type: 'object',
    required: ['identifiedAt', 'recording', 'model', 'summary'],
    additionalProperties: false,
    properties: {
      identifiedAt: dateTime,
      recording: {
        type: 'object',
        required: ['name', 'sha256', 'format', 'sizeBytes'],
        additionalProperties: false,
        properties: {
          name: shortText(200),
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          format: { type: 'string', enum: [...RECORDING_FORMATS] },
          sizeBytes: { type: 'integer', minimum: 1, maximum: MAX_UPLOAD_BYTES },
        },
      },
      model: { type: 'object' },
      summary: {
        type: 'object',
        required: ['startModel', 'parameters', 'undetermined', 'residual', 'verdict'],
        additionalProperties: false,
        properties: {
          startModel: shortText(80),
          parameters: { type: 'array', maxItems: 20, items: parameterSummary },
          undetermined: { type: 'array', maxItems: 20, items: { type: 'object' } },
          residual: {
            type: 'object',
            required: ['rmsN', 'relativeToPeak', 'samples'],
            properties: {
              rmsN: { type: 'number', minimum: 0 },
              relativeToPeak: { type: 'number', minimum: 0 },
              samples: { type: 'integer', minimum: 1 },
            },
          },
          verdict: shortText(2000),
          processing: { type: 'object' },
        },
      },
    },
  },
  create: (tx, { patientId, actor }, body) => {
    // The model must be one the simulator accepts; validateForceModel says what is wrong (422).
    const model = validateForceModel(body.model);
    return createIdentifiedModel(
      tx,
      patientId,
      { ...body, model: model as unknown as IdentifiedModelInput['model'] },
      actor.userId,
    );
  },
  list: listIdentifiedModels,
  find: findIdentifiedModel,
};
