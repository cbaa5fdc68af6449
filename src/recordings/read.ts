import { InvalidInputError } from '../shared/invalid-input.ts';
import { readC3d } from './c3d.ts';
import { type DelimitedTextOptions, readDelimitedText } from './delimited-text.ts';
import { readOpenSimStorage } from './opensim.ts';
import { type RawRecording, RECORDING_FORMATS, type RecordingFormat } from './recording.ts';

export interface ReadRecordingOptions extends DelimitedTextOptions {
  /** The format; when absent it is taken from the file name's extension, else from the content. */
  format?: string;
  fileName?: string;
}

const EXTENSIONS: Record<string, RecordingFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  sto: 'sto',
  mot: 'sto',
  c3d: 'c3d',
};

/** The format of a file: declared, else by extension, else by content (C3D key byte, OpenSim 'endheader'). */
export function recordingFormat(bytes: Uint8Array, options: ReadRecordingOptions = {}): RecordingFormat {
  if (options.format !== undefined) {
    if (!(RECORDING_FORMATS as readonly string[]).includes(options.format)) {
      throw new InvalidInputError(
        `unknown recording format '${options.format}'; expected one of ${RECORDING_FORMATS.join(', ')}`,
      );
    }
    return options.format as RecordingFormat;
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(options.fileName ?? '')?.[1]?.toLowerCase();
  if (extension !== undefined && Object.hasOwn(EXTENSIONS, extension))
    return EXTENSIONS[extension] as RecordingFormat;
  if (bytes.length >= 512 && bytes[1] === 0x50 && bytes.includes(0)) return 'c3d';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64 * 1024)).toLowerCase();
  if (/^\s*endheader\s*$/m.test(head)) return 'sto';
  return 'csv';
}

/** Reads a force recording in any supported format. Errors are RecordingFormatError (or InvalidInputError) with where and what. */
export function readRecording(bytes: Uint8Array, options: ReadRecordingOptions = {}): RawRecording {
  const format = recordingFormat(bytes, options);
  if (format === 'c3d') return readC3d(bytes);
  if (format === 'sto') return readOpenSimStorage(bytes);
  return readDelimitedText(
    bytes,
    options.sampleRateHz !== undefined ? { sampleRateHz: options.sampleRateHz } : {},
  );
}
