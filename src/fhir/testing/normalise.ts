import type { Bundle } from '@medplum/fhirtypes';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A Bundle without what may differ between two exports of the same record: every `meta`, the
 * Bundle's id, and resource ids (each id, wherever it appears, becomes its order of first appearance).
 */
export function withoutIdsAndMeta(bundle: Bundle): unknown {
  const ids = new Map<string, string>();
  const label = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size}`);
    return ids.get(id) as string;
  };
  for (const entry of bundle.entry ?? []) if (entry.resource?.id) label(entry.resource.id);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => k !== 'meta')
          .map(([k, v]) => [k, walk(v)]),
      );
    }
    return typeof value === 'string' ? value.replace(UUID, label) : value;
  };
  const { id: _id, meta: _meta, ...rest } = bundle;
  return walk(rest);
}
