/**
 * A JSON body may not carry a key that would reach an object's prototype: `__proto__` anywhere, or
 * `constructor` holding a `prototype`. The JSON parser refuses such a body (400) before any route
 * runs; this module finds the key and what the route allows in its place, so the answer names both
 * instead of a bare "not valid JSON".
 */

/** Where a prototype key sits: the path (body.answers) of the object holding it, and the key. */
export interface PrototypeKeyAt {
  path: string;
  /** The object's keys on the way from the body down, for finding the route's schema there. */
  segments: (string | number)[];
  key: '__proto__' | 'constructor';
}

/** The first `__proto__` key, or `constructor` holding a `prototype`, in a parsed JSON value; or null. */
export function prototypeKeyAt(value: unknown, where = 'body'): PrototypeKeyAt | null {
  const stack: [unknown, string, (string | number)[]][] = [[value, where, []]];
  while (stack.length > 0) {
    const [item, path, segments] = stack.pop() as [unknown, string, (string | number)[]];
    if (Array.isArray(item)) {
      item.forEach((child, i) => {
        stack.push([child, `${path}[${i}]`, [...segments, i]]);
      });
    } else if (item !== null && typeof item === 'object') {
      if (Object.hasOwn(item, '__proto__')) return { path, segments, key: '__proto__' };
      const ctor = (item as Record<string, unknown>).constructor;
      if (Object.hasOwn(item, 'constructor') && ctor !== null && typeof ctor === 'object') {
        if (Object.hasOwn(ctor, 'prototype')) return { path, segments, key: 'constructor' };
      }
      for (const [key, child] of Object.entries(item))
        stack.push([child, `${path}.${key}`, [...segments, key]]);
    }
  }
  return null;
}

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The property names a JSON schema allows for the object at `segments`, or null when it names none. */
export function allowedNamesAt(schema: unknown, segments: readonly (string | number)[]): string[] | null {
  let at: unknown = schema;
  for (const segment of segments) {
    if (!isSchema(at)) return null;
    if (typeof segment === 'number') at = at.items;
    else if (isSchema(at.properties) && Object.hasOwn(at.properties, segment)) at = at.properties[segment];
    else at = at.additionalProperties;
  }
  if (!isSchema(at)) return null;
  const names =
    isSchema(at.propertyNames) && Array.isArray(at.propertyNames.enum) ? at.propertyNames.enum : null;
  if (names) return names.map(String);
  return isSchema(at.properties) ? Object.keys(at.properties) : null;
}

/**
 * The 400's words for a body the parser refused, when the refusal was a prototype key: the key, where
 * it is, and what is allowed there (from the route's body schema). Null when the text is not JSON
 * at all or holds no such key.
 */
export function prototypeKeyDetail(text: string, bodySchema: unknown): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const found = prototypeKeyAt(parsed);
  if (found === null) return null;
  const what =
    found.key === '__proto__'
      ? `${found.path} has the key '__proto__'`
      : `${found.path} has a key 'constructor' holding 'prototype'`;
  const names = allowedNamesAt(bodySchema, found.segments)?.filter((n) => n !== '__proto__');
  const allowed =
    names && names.length > 0
      ? `allowed there: ${names.join(', ')}`
      : "use any other property name ('__proto__', and 'constructor' holding 'prototype', are never allowed)";
  return `${what}, which could change an object's prototype and is refused; ${allowed}`;
}
