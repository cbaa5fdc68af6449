import type { CareTeam, Observation, OperationOutcome, Provenance, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { apiWorldForSuite } from '../../../test/api-world.ts';
import { ASYNC, bulkExportClient } from '../../../test/bulk-export-client.ts';
import { testDatabases } from '../../../test/databases.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import { addCareTeamMember } from '../../store/records/care-team.ts';
import { createMeasurement } from '../../store/records/measurements.ts';
import { updatePatient } from '../../store/records/patients.ts';

const keys = (files: Map<string, Resource[]>) =>
  [...files.values()]
    .flat()
    .map((r) => `${r.resourceType}/${r.id}`)
    .sort();

for (const kind of testDatabases) {
  describe(`FHIR Bulk Data export parameters: _since, _typeFilter (${kind.name})`, () => {
    const world = apiWorldForSuite(kind);
    const client = bulkExportClient(world);

    it('exports, with _since = the last transactionTime, exactly what changed since: nothing missed, nothing twice', async () => {
      const db = world.database.db;
      const casey = world.clinicianOne;
      // 1. A full export; a measurement written right after the kick-off is after its
      //    transaction time, so it is not in it, whether or not the job had read the patient yet.
      const statusUrl = await client.kickOff(casey);
      const late = await createMeasurement(
        db,
        world.patientOne,
        { kind: 'grip', value: 24.5, site: 'hand', side: 'left', measuredAt: '2025-01-10T10:00:00.000Z' },
        casey.id,
      );
      const first = (await client.poll(casey, statusUrl)).at(-1)?.json();
      expect(first.transactionTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const firstFiles = await client.download(casey, first.output);
      expect(keys(firstFiles)).toContain(`Patient/${world.patientOne}`);
      expect(keys(firstFiles)).not.toContain(`Observation/${late.id}`);

      // 2. Changes after it: the patient's name.
      await updatePatient(db, world.patientOne, { name: 'Ada Onesimus' }, new Date());

      // 3. _since = the first transactionTime: the late measurement and the changed patient (with
      //    its creation Provenance, made from the same row), nothing else.
      const since = encodeURIComponent(first.transactionTime);
      const second = await client.exportAll(casey, `/fhir/R4/$export?_since=${since}`);
      expect(keys(second.files).filter((k) => !k.startsWith('Provenance/'))).toEqual([
        `Observation/${late.id}`,
        `Patient/${world.patientOne}`,
      ]);
      expect(second.files.get('Provenance')?.map((p) => (p as Provenance).target[0]?.reference)).toEqual([
        `Patient/${world.patientOne}`,
      ]);
      expect(JSON.stringify(second.files.get('Patient'))).toContain('Onesimus');
      expect(second.manifest.request).toBe(`http://localhost:80/fhir/R4/$export?_since=${since}`);
      expect(Date.parse(second.manifest.transactionTime)).toBeGreaterThan(Date.parse(first.transactionTime));
      for (const resource of [...second.files.values()].flat()) {
        expect(describeIssues(validateFhir(resource).errors)).toEqual([]);
      }

      // 4. Nothing changed since the second: the third is empty.
      const third = await client.exportAll(
        casey,
        `/fhir/R4/$export?_since=${encodeURIComponent(second.manifest.transactionTime)}`,
      );
      expect(third.manifest.output).toEqual([]);

      // 5. A patient who joins the caseload (or a Group) after _since comes whole: their record
      //    predates _since, but it is new to the client.
      await addCareTeamMember(db, world.patientTwo, casey.id, world.admin.id);
      const sinceThird = encodeURIComponent(third.manifest.transactionTime);
      const caseload = await client.exportAll(casey, `/fhir/R4/$export?_since=${sinceThird}`);
      expect(caseload.files.get('Patient')?.map((p) => p.id)).toEqual([world.patientTwo]);
      expect(caseload.files.get('CareTeam')?.map((c) => (c as CareTeam).subject?.reference)).toEqual([
        `Patient/${world.patientTwo}`,
      ]);
      expect(keys(caseload.files).filter((k) => k.includes(world.patientOne))).toEqual([]);
      const group = await client.exportAll(
        casey,
        `/fhir/R4/Group/${world.clinicianTwo.id}/$export?_type=Patient&_since=${sinceThird}`,
      );
      expect(keys(group.files)).toEqual([`Patient/${world.patientTwo}`]);
    }, 120_000);

    it('refuses a malformed _since, saying what an instant is', async () => {
      for (const value of ['2025-01-01', '2025-01-01T10:00:00', '2025-02-30T10:00:00Z', 'yesterday']) {
        const response = await client.as(
          world.clinicianOne,
          'GET',
          `/fhir/R4/$export?_since=${encodeURIComponent(value)}`,
          ASYNC,
        );
        expect(response.statusCode, value).toBe(400);
        expect((response.json() as OperationOutcome).issue[0]?.diagnostics).toBe(
          `_since must be a FHIR instant such as 2025-02-01T10:00:00Z or 2025-02-01T11:00:00.000+01:00 (seconds and a time zone required); got '${value}'`,
        );
      }
      // An offset's '+' sent unencoded arrives as a space, and is read as '+'.
      const unencoded = await client.as(
        world.clinicianOne,
        'GET',
        '/fhir/R4/$export?_since=2025-01-01T10:00:00+01:00',
        ASYNC,
      );
      expect(unencoded.statusCode).toBe(202);
    });

    it('narrows a type with _typeFilter; an unsupported query is refused under handling=strict, else ignored with a warning', async () => {
      const db = world.database.db;
      const casey = world.clinicianOne;
      await createMeasurement(
        db,
        world.patientOne,
        { kind: 'gait-speed', value: 0.92, measuredAt: '2024-03-01T10:00:00.000Z' },
        casey.id,
      );
      const all = await client.exportAll(casey, '/fhir/R4/$export?_type=Observation');
      const observations = (all.files.get('Observation') ?? []) as Observation[];
      const gait = observations.find((o) => o.effectiveDateTime === '2024-03-01T10:00:00.000Z');
      const coding = gait?.code.coding?.[0];
      expect(coding?.code).toBeDefined();
      const byCode = encodeURIComponent(`Observation?code=${coding?.system}|${coding?.code}`);
      const filtered = await client.exportAll(
        casey,
        `/fhir/R4/$export?_type=Observation&_typeFilter=${byCode}`,
      );
      const expected = observations.filter((o) =>
        o.code.coding?.some((c) => c.system === coding?.system && c.code === coding?.code),
      );
      expect(expected.length).toBeLessThan(observations.length);
      expect(keys(filtered.files)).toEqual(keys(new Map([['Observation', expected]])));
      // Two queries for one type are alternatives; a date prefix narrows by when.
      const before2025 = encodeURIComponent('Observation?date=lt2025');
      const byDate = await client.exportAll(
        casey,
        `/fhir/R4/$export?_type=Observation&_typeFilter=${before2025}`,
      );
      expect(keys(byDate.files)).toEqual(
        keys(
          new Map([
            [
              'Observation',
              observations.filter((o) => Date.parse(o.effectiveDateTime ?? '') < Date.UTC(2025, 0, 1)),
            ],
          ]),
        ),
      );
      expect(byDate.manifest.error).toEqual([]);

      const unsupported = encodeURIComponent('Observation?value-quantity=gt5');
      const strict = await client.as(
        casey,
        'GET',
        `/fhir/R4/$export?_type=Observation&_typeFilter=${unsupported}`,
        { ...ASYNC, prefer: 'respond-async, handling=strict' },
      );
      expect(strict.statusCode).toBe(400);
      const refusal = (strict.json() as OperationOutcome).issue[0]?.diagnostics;
      expect(refusal).toContain(
        "_typeFilter 'Observation?value-quantity=gt5': Observation cannot be filtered on 'value-quantity'",
      );
      expect(refusal).toContain(
        'supported: Observation?code|category|status|date, Procedure?code|status|date',
      );

      const lenient = await client.exportAll(
        casey,
        `/fhir/R4/$export?_type=Observation&_typeFilter=${unsupported}`,
      );
      expect(keys(lenient.files)).toEqual(keys(all.files));
      const errors = await client.download(casey, lenient.manifest.error);
      const warnings = (errors.get('OperationOutcome') ?? []) as OperationOutcome[];
      expect(warnings.map((w) => w.issue.map((i) => [i.severity, i.code]))).toEqual([
        [['warning', 'not-supported']],
      ]);
      expect(warnings[0]?.issue[0]?.diagnostics).toContain(
        "cannot be filtered on 'value-quantity'; it was ignored",
      );
      for (const warning of warnings) expect(describeIssues(validateFhir(warning).errors)).toEqual([]);
    }, 120_000);
  });
}
