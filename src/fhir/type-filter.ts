import type { CodeableConcept, Resource } from '@medplum/fhirtypes';

/**
 * `_typeFilter` of a bulk export (docs/bulk-export.md): FHIR search queries such as
 * `Observation?code=http://loinc.org|8302-2&date=ge2025-01-01`, each narrowing one resource type.
 * Several queries for one type are alternatives (a resource is kept when any matches); the
 * parameters of one query must all match; comma-separated values of one parameter are
 * alternatives. Only the search parameters below are understood, evaluated on the mapped FHIR
 * resource; anything else is named as a problem so the caller can refuse or ignore it.
 */
export interface TypeFilter {
  resourceType: string;
  /** The query as the client wrote it. */
  query: string;
  matches(resource: Resource): boolean;
}

type Matcher = (resource: Resource, value: string) => boolean;
type Field = (resource: Resource) => unknown;

const field =
  (name: string): Field =>
  (resource) =>
    (resource as unknown as Record<string, unknown>)[name];

/** A query part percent-decoded; kept as written when it is not valid percent-encoding. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function concepts(value: unknown): CodeableConcept[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as CodeableConcept[];
}

/** A token parameter on a CodeableConcept: `code`, `system|code`, `|code` (no system) or `system|`. */
const conceptToken =
  (get: Field): Matcher =>
  (resource, value) => {
    const bar = value.indexOf('|');
    const system = bar < 0 ? undefined : value.slice(0, bar);
    const code = bar < 0 ? value : value.slice(bar + 1);
    return concepts(get(resource)).some((concept) =>
      (concept.coding ?? []).some(
        (coding) =>
          (code === '' || coding.code === code) &&
          (system === undefined || (system === '' ? !coding.system : coding.system === system)),
      ),
    );
  };

/** A token parameter on a code element (a status). */
const codeToken =
  (get: Field): Matcher =>
  (resource, value) =>
    get(resource) === value;

/** Half-open interval [start, end) in ms since the epoch. */
type Span = [number, number];

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The span a FHIR date or dateTime stands for: a year, a month, a day, or the instant (to the ms). */
export function dateSpan(text: string): Span | undefined {
  const partial = PARTIAL_DATE.exec(text);
  if (partial) {
    const [, year, month, day] = partial;
    const y = Number(year);
    const m = month ? Number(month) - 1 : 0;
    const start = Date.UTC(y, m, day ? Number(day) : 1);
    const end = day ? Date.UTC(y, m, Number(day) + 1) : month ? Date.UTC(y, m + 1, 1) : Date.UTC(y + 1, 0, 1);
    const valid = m < 12 && new Date(start).getUTCFullYear() === y && new Date(start).getUTCMonth() === m;
    return valid && (!day || new Date(start).getUTCDate() === Number(day)) ? [start, end] : undefined;
  }
  if (!DATE_TIME.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : [at, at + 1];
}

const DATE_PREFIXES = ['eq', 'gt', 'ge', 'lt', 'le'] as const;
type DatePrefix = (typeof DATE_PREFIXES)[number];

/** FHIR search date comparison of the resource's span with the parameter's. */
const COMPARE: Record<DatePrefix, (target: Span, search: Span) => boolean> = {
  eq: ([ts, te], [ss, se]) => ts >= ss && te <= se,
  gt: ([, te], [, se]) => te > se,
  ge: ([, te], [ss]) => te > ss,
  lt: ([ts], [ss]) => ts < ss,
  le: ([ts], [, se]) => ts < se,
};

/** A date parameter on a dateTime or Period; the value is checked by `checkValue` first. */
const dateOf =
  (get: (resource: Resource) => { start?: string; end?: string } | undefined): Matcher =>
  (resource, value) => {
    const when = get(resource);
    const start = when?.start ? dateSpan(when.start) : undefined;
    if (!start) return false;
    const end = when?.end ? dateSpan(when.end) : when && 'end' in when ? undefined : start;
    const target: Span = [start[0], end ? end[1] : Number.POSITIVE_INFINITY];
    const { prefix, text } = datePrefix(value);
    return COMPARE[prefix](target, dateSpan(text) as Span);
  };

/** A FHIR choice of `[x]DateTime` or `[x]Period` (effective[x], performed[x]) as a period. */
const dateTimeOrPeriod =
  (name: string) =>
  (resource: Resource): { start?: string; end?: string } | undefined => {
    const fields = resource as unknown as Record<string, unknown>;
    const at = fields[`${name}DateTime`];
    if (typeof at === 'string') return { start: at, end: at };
    return fields[`${name}Period`] as { start?: string; end?: string } | undefined;
  };

function datePrefix(value: string): { prefix: DatePrefix; text: string } {
  const prefix = DATE_PREFIXES.find((p) => value.startsWith(p));
  return prefix ? { prefix, text: value.slice(2) } : { prefix: 'eq', text: value };
}

interface Parameter {
  kind: 'token' | 'date';
  match: Matcher;
}

const token = (match: Matcher): Parameter => ({ kind: 'token', match });
const date = (match: Matcher): Parameter => ({ kind: 'date', match });
const dateTimeField = (name: string) =>
  dateOf((r) => {
    const value = field(name)(r);
    return typeof value === 'string' ? { start: value, end: value } : undefined;
  });

/** The search parameters `_typeFilter` understands, by resource type. */
export const TYPE_FILTER_PARAMETERS: Record<string, Record<string, Parameter>> = {
  Observation: {
    code: token(conceptToken(field('code'))),
    category: token(conceptToken(field('category'))),
    status: token(codeToken(field('status'))),
    date: date(dateOf(dateTimeOrPeriod('effective'))),
  },
  Procedure: {
    code: token(conceptToken(field('code'))),
    status: token(codeToken(field('status'))),
    date: date(dateOf(dateTimeOrPeriod('performed'))),
  },
  Condition: {
    code: token(conceptToken(field('code'))),
    category: token(conceptToken(field('category'))),
    'clinical-status': token(conceptToken(field('clinicalStatus'))),
  },
  QuestionnaireResponse: {
    status: token(codeToken(field('status'))),
    authored: date(dateTimeField('authored')),
  },
};

/** What `_typeFilter` understands, in words, for a refusal or a warning. */
export function supportedTypeFilters(): string {
  const dates = DATE_PREFIXES.join('/');
  return Object.entries(TYPE_FILTER_PARAMETERS)
    .map(([type, parameters]) => `${type}?${Object.keys(parameters).join('|')}`)
    .join(', ')
    .concat(`; tokens as code, system|code or |code; dates as [${dates}]YYYY[-MM[-DD]] or a dateTime`);
}

function valueProblem(parameter: Parameter, name: string, value: string): string | undefined {
  if (value === '') return `${name} has an empty value`;
  if (parameter.kind === 'date' && !dateSpan(datePrefix(value).text)) {
    return `${name}=${value} is not a date with one of the prefixes ${DATE_PREFIXES.join(', ')}`;
  }
  return undefined;
}

/** One `_typeFilter` query parsed, or the reason it cannot be honoured. */
export function parseTypeFilter(query: string): { filter: TypeFilter } | { problem: string } {
  const question = query.indexOf('?');
  const resourceType = question < 0 ? query : query.slice(0, question);
  const parameters = TYPE_FILTER_PARAMETERS[resourceType];
  if (question < 0 || !parameters) {
    return {
      problem: `_typeFilter '${query}' is not a query on ${Object.keys(TYPE_FILTER_PARAMETERS).join(', ')}`,
    };
  }
  const tests: ((resource: Resource) => boolean)[] = [];
  for (const pair of query.slice(question + 1).split('&')) {
    const equals = pair.indexOf('=');
    const name = decoded(equals < 0 ? pair : pair.slice(0, equals));
    const parameter = parameters[name];
    if (!parameter || equals < 0) {
      return { problem: `_typeFilter '${query}': ${resourceType} cannot be filtered on '${name}'` };
    }
    const values = pair
      .slice(equals + 1)
      .split(',')
      .map(decoded);
    for (const value of values) {
      const problem = valueProblem(parameter, name, value);
      if (problem) return { problem: `_typeFilter '${query}': ${problem}` };
    }
    tests.push((resource) => values.some((value) => parameter.match(resource, value)));
  }
  return { filter: { resourceType, query, matches: (resource) => tests.every((test) => test(resource)) } };
}

/** True when no filter names the resource's type, or one of those that do matches it. */
export function passesTypeFilters(resource: Resource, filters: readonly TypeFilter[]): boolean {
  const own = filters.filter((f) => f.resourceType === resource.resourceType);
  return own.length === 0 || own.some((f) => f.matches(resource));
}
