import {
  MAX_RECORDING_ROWS,
  type RawRecording,
  type RecordingChannel,
  RecordingFormatError,
} from './recording.ts';
import { lookUpUnit } from './units.ts';

/**
 * C3D files (the biomechanics standard for 3D points and analog channels): the analog channels,
 * scaled to their units, on one time base. Integer (16-bit) and floating-point (32-bit) data, in
 * Intel byte order (processor type 84); DEC and MIPS files are refused with a message.
 *
 * Layout read here (C3D.ORG, "The C3D File Format User Guide", Motion Lab Systems 2008, chapters 2–4):
 * - Header, the first 512-byte block, 16-bit words: word 1 = parameter block number and 0x50;
 *   word 2 = 3D points; word 3 = analog measurements per 3D frame; words 4–5 = first and last frame;
 *   words 7–8 = point scale (float; negative means floating-point data); word 9 = first data block;
 *   word 10 = analog samples per 3D frame; words 11–12 = 3D frame rate (float).
 * - Parameter section at the parameter block: 4 bytes (reserved, reserved, block count, processor
 *   type 83 + n), then records: name length (signed; negative = locked), group id (negative for a
 *   group, positive for a parameter of that group), name, 16-bit offset to the next record (0 = last),
 *   and for a parameter: data type (−1 char, 1 byte, 2 int16, 4 float), dimension count, dimensions, data.
 * - Data: per frame, POINT:USED × 4 point words, then analog samples × channels (sample by sample).
 *   A channel's value is (raw − ANALOG:OFFSET) × ANALOG:SCALE × ANALOG:GEN_SCALE, in ANALOG:UNITS.
 */

const BLOCK_BYTES = 512;
const PARAMETER_KEY = 0x50;
const INTEL = 84;
const PROCESSOR_NAMES: Record<number, string> = { 84: 'Intel', 85: 'DEC', 86: 'MIPS (SGI)' };

class Bytes {
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  private need(offset: number, size: number, what: string): void {
    if (offset < 0 || offset + size > this.bytes.length) {
      throw new RecordingFormatError(
        `byte ${offset}: the file ends (at ${this.bytes.length} bytes) where ${what} was expected; the file may be cut short`,
      );
    }
  }
  u8(offset: number, what: string): number {
    this.need(offset, 1, what);
    return this.view.getUint8(offset);
  }
  i8(offset: number, what: string): number {
    this.need(offset, 1, what);
    return this.view.getInt8(offset);
  }
  i16(offset: number, what: string): number {
    this.need(offset, 2, what);
    return this.view.getInt16(offset, true);
  }
  u16(offset: number, what: string): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, true);
  }
  f32(offset: number, what: string): number {
    this.need(offset, 4, what);
    return this.view.getFloat32(offset, true);
  }
  text(offset: number, length: number, what: string): string {
    this.need(offset, length, what);
    let out = '';
    for (let i = 0; i < length; i += 1) out += String.fromCharCode(this.bytes[offset + i] as number);
    return out;
  }
}

interface Parameter {
  type: number;
  dimensions: number[];
  offset: number;
}

function readParameters(bytes: Bytes, start: number): Map<string, Parameter> {
  const groups = new Map<number, string>();
  const pending: { groupId: number; name: string; parameter: Parameter }[] = [];
  let position = start + 4;
  for (let count = 0; count < 100_000; count += 1) {
    const nameLength = Math.abs(bytes.i8(position, 'a parameter name length'));
    if (nameLength === 0) break;
    const groupId = bytes.i8(position + 1, 'a group id');
    const name = bytes.text(position + 2, nameLength, 'a parameter name').toUpperCase();
    const offsetAt = position + 2 + nameLength;
    const next = bytes.u16(offsetAt, 'the offset to the next parameter');
    if (groupId < 0) {
      groups.set(-groupId, name);
    } else if (groupId > 0) {
      const type = bytes.i8(offsetAt + 2, `the data type of parameter ${name}`);
      if (![-1, 1, 2, 4].includes(type)) {
        throw new RecordingFormatError(
          `byte ${offsetAt + 2}: parameter ${name} has data type ${type}; expected −1 (char), 1 (byte), 2 (int16) or 4 (float)`,
        );
      }
      const dimensionCount = bytes.u8(offsetAt + 3, `the dimension count of parameter ${name}`);
      const dimensions: number[] = [];
      for (let d = 0; d < dimensionCount; d += 1)
        dimensions.push(bytes.u8(offsetAt + 4 + d, `a dimension of ${name}`));
      pending.push({ groupId, name, parameter: { type, dimensions, offset: offsetAt + 4 + dimensionCount } });
    }
    if (next === 0) break;
    position = offsetAt + next;
  }
  const parameters = new Map<string, Parameter>();
  for (const { groupId, name, parameter } of pending) {
    const group = groups.get(groupId);
    if (group !== undefined) parameters.set(`${group}:${name}`, parameter);
  }
  return parameters;
}

function count(parameter: Parameter): number {
  return parameter.dimensions.reduce((product, d) => product * d, 1);
}

function numbers(bytes: Bytes, parameters: Map<string, Parameter>, key: string): number[] | undefined {
  const p = parameters.get(key);
  if (!p) return undefined;
  if (p.type === -1)
    throw new RecordingFormatError(`byte ${p.offset}: parameter ${key} holds text; expected numbers`);
  const out: number[] = [];
  const n = count(p);
  for (let i = 0; i < n; i += 1) {
    const at = p.offset + i * Math.abs(p.type);
    out.push(p.type === 4 ? bytes.f32(at, key) : p.type === 2 ? bytes.i16(at, key) : bytes.u8(at, key));
  }
  return out;
}

function strings(bytes: Bytes, parameters: Map<string, Parameter>, key: string): string[] | undefined {
  const p = parameters.get(key);
  if (!p) return undefined;
  if (p.type !== -1)
    throw new RecordingFormatError(`byte ${p.offset}: parameter ${key} holds numbers; expected text`);
  const [length = 0, ...rest] = p.dimensions;
  const n = rest.reduce((product, d) => product * d, 1);
  return Array.from({ length: p.dimensions.length === 0 ? 1 : n }, (_, i) =>
    bytes
      .text(p.offset + i * length, length, key)
      .replace(/\0/g, ' ')
      .trim(),
  );
}

export function readC3d(data: Uint8Array): RawRecording {
  const bytes = new Bytes(data);
  if (bytes.length < BLOCK_BYTES) {
    throw new RecordingFormatError(
      `the file has ${bytes.length} bytes; a C3D file has at least a 512-byte header`,
    );
  }
  if (bytes.u8(1, 'the C3D key') !== PARAMETER_KEY) {
    throw new RecordingFormatError(
      `byte 1 is ${bytes.u8(1, 'the C3D key')}; a C3D file has 0x50 (80) there. This is not a C3D file`,
    );
  }
  const parameterBlock = bytes.u8(0, 'the parameter block number');
  const parameterStart = (parameterBlock - 1) * BLOCK_BYTES;
  if (parameterBlock < 2 || parameterStart + 4 > bytes.length) {
    throw new RecordingFormatError(
      `byte 0: the parameter section is said to start at block ${parameterBlock}, outside the file`,
    );
  }
  const processor = bytes.u8(parameterStart + 3, 'the processor type');
  if (processor !== INTEL) {
    throw new RecordingFormatError(
      `byte ${parameterStart + 3}: processor type ${processor} (${PROCESSOR_NAMES[processor] ?? 'unknown'}); only Intel-format C3D files (type 84) are read. Re-save the file in Intel format (most C3D tools can)`,
    );
  }
  const parameters = readParameters(bytes, parameterStart);
  const pointCount = bytes.u16(2, 'the number of 3D points');
  const analogPerFrame = bytes.u16(4, 'the analog measurements per frame');
  const firstFrame = bytes.u16(6, 'the first frame');
  const lastFrameInHeader = bytes.u16(8, 'the last frame');
  const pointScale = numbers(bytes, parameters, 'POINT:SCALE')?.[0] ?? bytes.f32(12, 'the point scale');
  const dataBlock =
    numbers(bytes, parameters, 'POINT:DATA_START')?.[0] ?? bytes.u16(16, 'the data start block');
  const samplesPerFrame = bytes.u16(18, 'the analog samples per frame');
  const frameRateHz = numbers(bytes, parameters, 'POINT:RATE')?.[0] ?? bytes.f32(20, 'the frame rate');
  const isFloat = pointScale < 0;
  const channelCount =
    numbers(bytes, parameters, 'ANALOG:USED')?.[0] ??
    (samplesPerFrame > 0 ? analogPerFrame / samplesPerFrame : 0);
  if (!Number.isInteger(channelCount) || channelCount <= 0) {
    throw new RecordingFormatError(
      'byte 4: the file has no analog channels (ANALOG:USED is 0); a force recording needs at least one analog channel',
    );
  }
  if (samplesPerFrame <= 0 || analogPerFrame !== channelCount * samplesPerFrame) {
    throw new RecordingFormatError(
      `bytes 4 and 18: ${analogPerFrame} analog measurements per frame do not match ${channelCount} channel(s) × ${samplesPerFrame} sample(s) per frame`,
    );
  }
  if (!(frameRateHz > 0 && Number.isFinite(frameRateHz))) {
    throw new RecordingFormatError(
      `byte 20: the frame rate is ${frameRateHz}; expected a positive number of Hz`,
    );
  }
  const analogRateHz = numbers(bytes, parameters, 'ANALOG:RATE')?.[0] ?? frameRateHz * samplesPerFrame;
  const labels = strings(bytes, parameters, 'ANALOG:LABELS') ?? [];
  const units = strings(bytes, parameters, 'ANALOG:UNITS') ?? [];
  const scales = numbers(bytes, parameters, 'ANALOG:SCALE') ?? [];
  const offsets = numbers(bytes, parameters, 'ANALOG:OFFSET') ?? [];
  const generalScale = numbers(bytes, parameters, 'ANALOG:GEN_SCALE')?.[0] ?? 1;
  const unsigned = (strings(bytes, parameters, 'ANALOG:FORMAT')?.[0] ?? '').toUpperCase() === 'UNSIGNED';

  const wordBytes = isFloat ? 4 : 2;
  const frameBytes = (pointCount * 4 + analogPerFrame) * wordBytes;
  const dataStart = (dataBlock - 1) * BLOCK_BYTES;
  const framesInHeader = lastFrameInHeader >= firstFrame ? lastFrameInHeader - firstFrame + 1 : 0;
  const framesParameter = numbers(bytes, parameters, 'POINT:FRAMES')?.[0];
  // POINT:FRAMES is an int16 in many files and wraps above 32767 frames; the header's count is then used.
  const frames =
    framesParameter !== undefined && framesParameter > framesInHeader ? framesParameter : framesInHeader;
  if (frames <= 0)
    throw new RecordingFormatError('bytes 6–9: the file holds no frames (last frame before first frame)');
  if (frames * samplesPerFrame > MAX_RECORDING_ROWS) {
    throw new RecordingFormatError(
      `the file holds ${frames * samplesPerFrame} analog samples per channel; at most ${MAX_RECORDING_ROWS} are accepted`,
    );
  }
  const needed = dataStart + frames * frameBytes;
  if (dataBlock < 2 || needed > bytes.length) {
    throw new RecordingFormatError(
      `byte ${Math.min(needed, bytes.length)}: ${frames} frame(s) of ${frameBytes} bytes from block ${dataBlock} need ${needed} bytes; the file has ${bytes.length} (cut short?)`,
    );
  }
  const samples = frames * samplesPerFrame;
  const raw = Array.from({ length: channelCount }, () => new Float64Array(samples));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let frame = 0; frame < frames; frame += 1) {
    const analogStart = dataStart + frame * frameBytes + pointCount * 4 * wordBytes;
    for (let s = 0; s < samplesPerFrame; s += 1) {
      for (let c = 0; c < channelCount; c += 1) {
        const at = analogStart + (s * channelCount + c) * wordBytes;
        const value = isFloat
          ? view.getFloat32(at, true)
          : unsigned
            ? view.getUint16(at, true)
            : view.getInt16(at, true);
        (raw[c] as Float64Array)[frame * samplesPerFrame + s] = value;
      }
    }
  }
  const startS = (firstFrame - 1) / frameRateHz;
  const timesS = Float64Array.from({ length: samples }, (_, i) => startS + i / analogRateHz);
  const channels: RecordingChannel[] = raw.map((values, c) => {
    const scale = (scales[c] ?? 1) * generalScale;
    const offset = offsets[c] ?? 0;
    const unitInFile = units[c] ?? '';
    const conversion = unitInFile === '' ? undefined : lookUpUnit(unitInFile);
    const factor = scale * (conversion?.factor ?? 1);
    return {
      label: labels[c] || `analog ${c + 1}`,
      unit: conversion?.canonical ?? '',
      unitInFile,
      values: values.map((v) => (v - offset) * factor),
    };
  });
  const notes = [
    `C3D ${isFloat ? 'floating-point' : 'integer'} file: ${channelCount} analog channel(s) at ${analogRateHz} Hz, ${frames} frame(s) from frame ${firstFrame}.`,
  ];
  return { format: 'c3d', timesS, channels, notes };
}
