import fc from 'fast-check';

/**
 * fast-check arbitraries for the bad-input suite: values that follow a route's JSON Schema (as the
 * OpenAPI document publishes it), hostile values, and bodies that are one hostile edit away from
 * valid. Following the schema matters: a body that fails the first keyword never reaches the
 * handler, the store or the database, which is where 5xx errors hide.
 */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  maxProperties?: number;
};

/** Strings that have broken other systems: SQL and HTML injection, template and path tricks. */
export const INJECTION_STRINGS = [
  "'; drop table patients; --",
  "' or '1'='1",
  "1' union select password_hash from users --",
  '"); delete from sessions; --',
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  '${process.exit(1)}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u202d',
  '\ufeff',
  'ǅ'.repeat(3),
  '🧪'.repeat(20),
  '__proto__',
  'constructor',
] as const;

/** A value of a wrong or hostile kind, whatever the schema asked for. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    5e-324,
    '',
    ' ',
    [],
    {},
    [[[]]],
    { __proto__: { admin: true } },
    JSON.parse('{"__proto__": {"polluted": true}}'),
  ),
  fc.string({ minLength: 1000, maxLength: 70_000 }).map((s) => s.padEnd(1000, 'x')),
  fc.integer({ min: 5, max: 12 }).map((n) => 'x'.repeat(2 ** n)),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }),
  fc.double(),
  fc.bigInt().map((b) => Number(b)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2025-02-30',
    '2025-13-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '275760-09-13T00:00:00Z',
    '1970-01-01',
  ),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v ?? null)) as unknown),
);

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 64, 64);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e6;
  const inRange = integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  return inRange.filter(
    (n) =>
      (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
      (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum),
  );
}

/** Values that (mostly) satisfy the schema. Unknown keywords are ignored, so some fail: also wanted. */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, depth + 1)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0 && schema.properties) types.push('object');
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringFor(schema);
        case 'integer':
          return numberFor(schema, true);
        case 'number':
          return numberFor(schema, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(fromSchema(schema.items, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
          });
        case 'object': {
          const properties = schema.properties ?? {};
          const required = new Set(schema.required ?? []);
          const shape: Record<string, fc.Arbitrary<unknown>> = {};
          for (const [name, sub] of Object.entries(properties)) shape[name] = fromSchema(sub, depth + 1);
          if (Object.keys(shape).length === 0)
            return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }));
          return fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
        }
        default:
          return fc.jsonValue({ maxDepth: 2 });
      }
    }),
  );
}

/** Replaces the value at one path of a JSON value (or adds a key), returning a copy. */
export function editAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head) % Math.max(1, copy.length)] = editAt(
      copy[Number(head) % Math.max(1, copy.length)],
      rest,
      replacement,
    );
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key =
      typeof head === 'number' && keys.length > 0 ? (keys[head % keys.length] as string) : String(head);
    copy[key] = editAt(copy[key], rest, replacement);
    return copy;
  }
  return replacement;
}

/** A body one hostile edit away from the schema: a valid value with one place replaced. */
export function oneEditAway(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      fromSchema(schema),
      fc.array(fc.oneof(fc.nat(20), fc.constantFrom('__proto__', 'constructor', 'extra', 'id')), {
        minLength: 1,
        maxLength: 4,
      }),
      hostileValue,
    )
    .map(([valid, path, hostile]) => editAt(valid, path, hostile));
}

/** JSON text that nests `depth` levels deep (built as text: JSON.stringify itself overflows). */
export function deeplyNestedJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/** Raw request bodies that are not valid JSON, or not valid UTF-8. */
export const rawHostileBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    'null',
    '[]',
    '"text"',
    '{"a":1,"a":2}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    "{'single':'quotes'}",
    '{"a":NaN}',
    '{"a":1e999999}',
    '\ufeff{}',
  ),
  fc.string(),
  fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    Buffer.from([0xff, 0xfe]),
  ),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => deeplyNestedJson(depth, 'object')),
  fc.integer({ min: 100, max: 30_000 }).map((depth) => deeplyNestedJson(depth, 'array')),
);
