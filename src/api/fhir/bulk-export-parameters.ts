import type { FastifyRequest } from 'fastify';
import { BULK_EXPORT_TYPES } from '../../fhir/bulk-ndjson.ts';
import { parseTypeFilter, supportedTypeFilters } from '../../fhir/type-filter.ts';
import { badRequest } from '../problem.ts';

/**
 * The parameters of a bulk export kick-off (HL7 Bulk Data Access IG, STU 2; docs/bulk-export.md):
 * `_outputFormat`, `_type`, `_since` and `_typeFilter`, with the headers the kick-off needs.
 * A `_typeFilter` query Myotrophy cannot evaluate is refused (400) when the client sends
 * `Prefer: handling=strict`, and otherwise ignored with a warning in the export's error file, as the
 * IG allows. Other parameters (`patient`, `_elements`, `includeAssociatedData`, …) are refused:
 * ignoring them would export something other than what was asked.
 */
export interface KickOffParameters {
  /** `_type`: [] for every type. */
  types: string[];
  /** `_since`: only what changed after it. */
  since: Date | null;
  /** The `_typeFilter` queries honoured. */
  typeFilters: string[];
  /** Why a `_typeFilter` query was ignored, one line each. */
  ignored: string[];
}

const NDJSON_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'];
const KNOWN_PARAMETERS = new Set(['_outputFormat', '_type', '_since', '_typeFilter']);
/** FHIR instant: seconds required, a time zone required, fractions optional. */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const INSTANT_HELP = 'a FHIR instant such as 2025-02-01T10:00:00Z or 2025-02-01T11:00:00.000+01:00';

function oneValue(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`give ${name} once (comma-separate several values)`);
  return value;
}

/** The resource types `_type` names, checked against what the export produces; [] for all. */
function requestedTypes(query: Record<string, unknown>): string[] {
  const raw = oneValue(query, '_type');
  if (raw === undefined) return [];
  const types = [...new Set(raw.split(',').map((t) => t.trim()))];
  const unknown = types.filter((t) => !(BULK_EXPORT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || types.length === 0) {
    throw badRequest(
      `_type ${unknown.map((t) => `'${t}'`).join(', ') || "''"} is not exported; allowed: ${BULK_EXPORT_TYPES.join(', ')}`,
    );
  }
  return types;
}

/** `_since` as an instant; a '+' of the offset that arrived unencoded (as a space) is read as '+'. */
export function parseSince(raw: string | undefined): Date | null {
  if (raw === undefined) return null;
  const text = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  const parts = INSTANT.exec(text);
  const at = parts ? Date.parse(text) : Number.NaN;
  // Date.parse rolls 2025-02-30 over to March: the date must read back as written.
  const [, year, month, day, hour, minute, second] = parts ?? [];
  const calendarOk =
    parts !== null &&
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate() &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59;
  if (!calendarOk || Number.isNaN(at)) {
    throw badRequest(`_since must be ${INSTANT_HELP} (seconds and a time zone required); got '${raw}'`);
  }
  return new Date(at);
}

/** `_typeFilter` values: the parameter repeated, or queries separated by commas. */
function typeFilterQueries(query: Record<string, unknown>): string[] {
  const raw = query._typeFilter;
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? (raw as string[]) : [String(raw)];
  return values.flatMap((v) => v.split(/,(?=[A-Z][A-Za-z]*\?)/)).filter((v) => v !== '');
}

/** The kick-off's parameters, or a 400 saying what is allowed. */
export function readKickOff(request: FastifyRequest): KickOffParameters {
  const prefer = String(request.headers.prefer ?? '');
  if (!/(^|[,;\s])respond-async($|[,;\s])/.test(prefer)) {
    throw badRequest("a bulk export is asynchronous: send the header 'Prefer: respond-async'");
  }
  const accept = request.headers.accept;
  if (accept && !/application\/(fhir\+)?json|\*\/\*/.test(accept)) {
    throw badRequest(`Accept must be application/fhir+json; got '${accept}'`);
  }
  const query = request.query as Record<string, unknown>;
  const unknown = Object.keys(query).filter((k) => !KNOWN_PARAMETERS.has(k));
  if (unknown.length > 0) {
    throw badRequest(
      `$export parameter ${unknown.join(', ')} is not supported; supported: ${[...KNOWN_PARAMETERS].join(', ')}`,
    );
  }
  const format = oneValue(query, '_outputFormat');
  if (format !== undefined && !NDJSON_FORMATS.includes(format)) {
    throw badRequest(`_outputFormat must be one of ${NDJSON_FORMATS.join(', ')}; got '${format}'`);
  }
  const types = requestedTypes(query);
  const since = parseSince(oneValue(query, '_since'));
  const strict = /(^|[,;\s])handling=strict($|[,;\s])/.test(prefer);
  const typeFilters: string[] = [];
  const ignored: string[] = [];
  for (const text of typeFilterQueries(query)) {
    const parsed = parseTypeFilter(text);
    const problem =
      'problem' in parsed
        ? parsed.problem
        : types.length > 0 && !types.includes(parsed.filter.resourceType)
          ? `_typeFilter '${text}' names ${parsed.filter.resourceType}, which _type does not ask for`
          : undefined;
    if (problem === undefined) typeFilters.push(text);
    else if (strict) throw badRequest(`${problem}; supported: ${supportedTypeFilters()}`);
    else ignored.push(`${problem}; it was ignored (send 'Prefer: handling=strict' to have it refused)`);
  }
  return { types, since, typeFilters, ignored };
}
