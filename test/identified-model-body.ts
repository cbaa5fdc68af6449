import type { identifyUploadedRecording } from '../src/api/routes/recordings.ts';
import type { IdentifiedModelInput } from '../src/store/records/identified-models.ts';

/**
 * What saving an identification sends (POST /api/patients/:id/identified-models, or
 * createIdentifiedModel): the recording's name, checksum, format and size, the model and the
 * summary, from the identify answer as the web app keeps it.
 */
export function identifiedModelBody(
  answer: ReturnType<typeof identifyUploadedRecording>,
  identifiedAt: string,
): IdentifiedModelInput {
  return {
    identifiedAt,
    recording: {
      name: answer.recording.name,
      sha256: answer.recording.sha256,
      format: answer.recording.format,
      sizeBytes: answer.recording.sizeBytes,
    },
    model: answer.model as unknown as IdentifiedModelInput['model'],
    summary: {
      startModel: answer.startModel,
      parameters: answer.parameters,
      undetermined: answer.undetermined,
      residual: answer.residual,
      verdict: answer.verdict.words,
      processing: answer.processing,
    },
  };
}
