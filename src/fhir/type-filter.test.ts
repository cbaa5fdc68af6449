import type { Observation, Procedure, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { dateSpan, parseTypeFilter, passesTypeFilters, type TypeFilter } from './type-filter.ts';

const LOINC = 'http://loinc.org';
const grip: Observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '83174-2' }] },
  effectiveDateTime: '2024-03-01T10:00:00.000Z',
};
const session: Procedure = {
  resourceType: 'Procedure',
  status: 'completed',
  subject: { reference: 'Patient/p' },
  performedPeriod: { start: '2024-12-31T23:30:00.000Z', end: '2025-01-01T00:10:00.000Z' },
};

function filter(query: string): TypeFilter {
  const parsed = parseTypeFilter(query);
  if (!('filter' in parsed)) throw new Error(parsed.problem);
  return parsed.filter;
}
const matches = (query: string, resource: Resource) => filter(query).matches(resource);

describe('_typeFilter queries', () => {
  it('matches tokens as code, system|code, |code and system|, and comma-separated alternatives', () => {
    expect(matches('Observation?code=83174-2', grip)).toBe(true);
    expect(matches(`Observation?code=${LOINC}|83174-2`, grip)).toBe(true);
    expect(matches('Observation?code=http://snomed.info/sct|83174-2', grip)).toBe(false);
    expect(matches('Observation?code=|83174-2', grip)).toBe(false);
    expect(matches(`Observation?code=${LOINC}|`, grip)).toBe(true);
    expect(matches('Observation?code=1-1,83174-2', grip)).toBe(true);
    expect(matches('Observation?code=1-1', grip)).toBe(false);
    expect(matches(`Observation?code=${encodeURIComponent(`${LOINC}|83174-2`)}`, grip)).toBe(true);
    expect(matches('Observation?status=final&code=83174-2', grip)).toBe(true);
    expect(matches('Observation?status=amended&code=83174-2', grip)).toBe(false);
  });

  it('compares dates by the span each stands for: a year, a month, a day, an instant, a period', () => {
    expect(dateSpan('2024')).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)]);
    expect(dateSpan('2024-02')).toEqual([Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)]);
    expect(dateSpan('2024-02-30')).toBeUndefined();
    expect(matches('Observation?date=2024-03', grip)).toBe(true);
    expect(matches('Observation?date=eq2024-03-02', grip)).toBe(false);
    expect(matches('Observation?date=gt2024-02-29', grip)).toBe(true);
    expect(matches('Observation?date=gt2024-03-01', grip)).toBe(false);
    expect(matches('Observation?date=ge2024-03-01', grip)).toBe(true);
    expect(matches('Observation?date=lt2024-03-01', grip)).toBe(false);
    expect(matches('Observation?date=le2024-03-01', grip)).toBe(true);
    // The session runs over midnight into 2025: it overlaps both years, lies within neither.
    expect(matches('Procedure?date=gt2024', session)).toBe(true);
    expect(matches('Procedure?date=lt2025', session)).toBe(true);
    expect(matches('Procedure?date=2024', session)).toBe(false);
    expect(matches('Procedure?date=ge2025-01-01T00:05:00Z', session)).toBe(true);
  });

  it('keeps a resource whose type no filter names, or that one of its type’s filters matches', () => {
    const filters = [filter('Observation?code=1-1'), filter('Observation?date=2024')];
    expect(passesTypeFilters(grip, filters)).toBe(true);
    expect(passesTypeFilters(grip, [filter('Observation?code=1-1')])).toBe(false);
    expect(passesTypeFilters(session, [filter('Observation?code=1-1')])).toBe(true);
  });

  it('names what it cannot evaluate', () => {
    expect(parseTypeFilter('Observation?value-quantity=gt5')).toEqual({
      problem:
        "_typeFilter 'Observation?value-quantity=gt5': Observation cannot be filtered on 'value-quantity'",
    });
    expect(parseTypeFilter('Observation?code:text=grip')).toEqual({
      problem: "_typeFilter 'Observation?code:text=grip': Observation cannot be filtered on 'code:text'",
    });
    expect(parseTypeFilter('Observation?date=sa2024')).toEqual({
      problem:
        "_typeFilter 'Observation?date=sa2024': date=sa2024 is not a date with one of the prefixes eq, gt, ge, lt, le",
    });
    expect(parseTypeFilter('Encounter?date=2024')).toEqual({
      problem:
        "_typeFilter 'Encounter?date=2024' is not a query on Observation, Procedure, Condition, QuestionnaireResponse",
    });
  });
});
