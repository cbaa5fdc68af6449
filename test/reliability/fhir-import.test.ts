import type { Bundle } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPatientBundle } from '../../src/api/fhir/bundle-export.ts';
import { importBundle } from '../../src/api/fhir/bundle-import.ts';
import { InvalidInputError } from '../../src/shared/invalid-input.ts';
import type { Database, Db } from '../../src/store/database.ts';
import { createPatient } from '../../src/store/records/patients.ts';
import { makeClinicRecord } from '../clinic-record.ts';
import { testDatabases } from '../databases.ts';
import { countChanges, storedCounts } from './response-check.ts';
import { editAt, hostileValue } from './schema-arbitrary.ts';

/**
 * Bad input to the FHIR import: a real exported Bundle with one to three hostile edits (wrong
 * types, huge strings, injection text, invalid Unicode, removed or duplicated parts), or no Bundle
 * at all. The import either loads it or refuses it with an InvalidInputError that says what is
 * wrong; a refusal stores nothing. Anything else (a TypeError, a database error) is a failure.
 */
type Importer = (db: Db, bundle: unknown) => Promise<unknown>;

const path = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.nat(60),
        fc.array(fc.oneof(fc.nat(30), fc.constantFrom('id', 'code', 'subject', 'value')), { maxLength: 5 }),
      )
      .map(([entry, rest]) => ['entry', entry, 'resource', ...rest] as (string | number)[]),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(fc.nat(10), fc.constantFrom('resourceType', 'type', 'entry')), {
      maxLength: 2,
    }),
  },
);

function bundles(base: Bundle): fc.Arbitrary<unknown> {
  const edit = fc.tuple(path, fc.oneof(hostileValue, fc.constant(undefined)));
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .array(edit, { minLength: 1, maxLength: 3 })
        .map((edits) => edits.reduce<unknown>((b, [p, v]) => editAt(b, p, v), base)),
    },
    {
      weight: 1,
      arbitrary: fc.nat(60).map((n) => ({
        ...base,
        entry: [...(base.entry ?? []), (base.entry ?? [])[n % (base.entry?.length ?? 1)]],
      })),
    },
    { weight: 1, arbitrary: hostileValue.map((entry) => ({ ...base, entry })) },
    { weight: 1, arbitrary: hostileValue },
  );
}

async function fuzzImport(
  importer: Importer,
  db: Db,
  base: Bundle,
  numRuns: number,
): Promise<{ loaded: number; refused: number }> {
  let loaded = 0;
  let refused = 0;
  const details = await fc.check(
    fc.asyncProperty(bundles(base), async (bundle) => {
      const before = await storedCounts(db);
      try {
        await importer(db, bundle);
        loaded += 1;
      } catch (error) {
        if (!(error instanceof InvalidInputError)) {
          throw new Error(
            `the import failed with ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`,
          );
        }
        if (error.message.trim().length < 10)
          throw new Error(`the import refused without a clear reason: '${error.message}'`);
        const changed = countChanges(before, await storedCounts(db));
        if (Object.keys(changed).length > 0)
          throw new Error(`a refused import stored ${JSON.stringify(changed)}`);
        refused += 1;
      }
    }),
    { numRuns },
  );
  if (details.failed) {
    const reason =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const shown = JSON.stringify(details.counterexample?.[0]) ?? 'undefined';
    throw new Error(
      `${reason}\n  input: ${shown.length > 400 ? `${shown.slice(0, 400)}… (${shown.length} characters)` : shown}\n  (fast-check seed ${details.seed}, path "${details.counterexamplePath}")`,
    );
  }
  return { loaded, refused };
}

describe.each(testDatabases)('FHIR import of bad input on $name', (kind) => {
  let database: Database;
  let base: Bundle;
  let importedBy: string;
  const runs = Number(process.env.MYOTROPHY_FUZZ_RUNS ?? 60) / (kind.name === 'pglite' ? 1 : 2);

  beforeAll(async () => {
    database = await kind.open();
    const record = await makeClinicRecord(database.db);
    importedBy = record.clinicianId;
    base = (await exportPatientBundle(database.db, record.patientId, new Date())) as Bundle;
  }, 60_000);
  afterAll(async () => database?.close());

  const importer: Importer = (db, bundle) => importBundle(db, bundle, { now: new Date(), importedBy });

  it('loads the unedited export', async () => {
    const result = await importBundle(database.db, base, { now: new Date(), importedBy });
    expect(result.created.sessions).toBeGreaterThan(0);
  });

  it('loads or refuses with a clear InvalidInputError every edited Bundle, storing nothing when it refuses', async () => {
    const { loaded, refused } = await fuzzImport(importer, database.db, base, Math.round(runs));
    expect(refused).toBeGreaterThan(0);
    expect(loaded + refused).toBe(Math.round(runs));
  }, 300_000);

  it('the checker reports an import that stores before it validates, or fails with a TypeError', async () => {
    const partial: Importer = async (db, bundle) => {
      await createPatient(db, { name: 'Half Imported' }, importedBy);
      return importer(db, bundle);
    };
    await expect(fuzzImport(partial, database.db, base, 50)).rejects.toThrow(
      /a refused import stored .*patients/,
    );
    const careless: Importer = async (_db, bundle) => (bundle as { entry: unknown[] }).entry.length;
    await expect(fuzzImport(careless, database.db, base, 100)).rejects.toThrow(/TypeError/);
  });
});
