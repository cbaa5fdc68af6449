import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type {
  Bundle,
  CarePlan,
  Condition,
  DocumentReference,
  Goal,
  Observation,
  Procedure,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClinicRecord, WEISS_CHRONAXIE_MS, WEISS_RHEOBASE_MA } from '../../../test/clinic-record.ts';
import { testDatabases } from '../../../test/databases.ts';
import { identifiedModelBody } from '../../../test/identified-model-body.ts';
import { IDENTIFIED_FORCE_MODEL_CODE, recordingNiUri } from '../../fhir/identified-model.ts';
import { describeIssues, validateFhir } from '../../fhir/validate.ts';
import type { Database } from '../../store/database.ts';
import { createIdentifiedModel } from '../../store/records/identified-models.ts';
import { createUser } from '../../store/records/users.ts';
import { identifyUploadedRecording } from '../routes/recordings.ts';
import { exportPatientBundle, patientResources } from './bundle-export.ts';

const NOW = new Date('2024-06-01T00:00:00Z');

/** The author and the time a resource carries in its own fields (undefined for non-clinical resources). */
function authorAndTime(resource: Resource): [unknown, unknown] | undefined {
  switch (resource.resourceType) {
    case 'Condition':
      return [resource.recorder, resource.recordedDate];
    case 'Observation':
      return [resource.performer?.[0], resource.effectiveDateTime];
    case 'QuestionnaireResponse':
      return [resource.author, resource.authored];
    case 'CarePlan':
      return [resource.author, resource.created];
    case 'Goal':
      return [resource.expressedBy, resource.statusDate];
    case 'ServiceRequest':
      return [resource.requester, resource.authoredOn];
    case 'Procedure':
      return [resource.recorder, resource.performedPeriod?.start];
    case 'Provenance':
      return [resource.agent[0]?.who, resource.recorded];
    default:
      return undefined;
  }
}

for (const kind of testDatabases) {
  describe(`FHIR export (${kind.name})`, () => {
    let database: Database;
    let bundle: Bundle;
    let patientId: string;
    const all = <T extends Resource>(type: T['resourceType']) =>
      (bundle.entry ?? []).map((e) => e.resource as Resource).filter((r): r is T => r.resourceType === type);
    const byCode = (code: string) =>
      all<Observation>('Observation').filter((o) => o.code.coding?.some((c) => c.code === code));

    beforeAll(async () => {
      database = await kind.open();
      const record = await makeClinicRecord(database.db);
      patientId = record.patientId;
      bundle = (await exportPatientBundle(database.db, patientId, NOW)) as Bundle;
    }, 60_000);
    afterAll(() => database.close());

    it('writes a collection Bundle that passes R4 validation, entry by entry', () => {
      expect(bundle.type).toBe('collection');
      const counts: Record<string, number> = {};
      for (const e of bundle.entry ?? []) {
        const type = e.resource?.resourceType as string;
        counts[type] = (counts[type] ?? 0) + 1;
        expect(e.fullUrl).toBe(`urn:uuid:${e.resource?.id}`);
      }
      expect(counts).toEqual({
        Patient: 1,
        Provenance: 3,
        Practitioner: 2,
        CareTeam: 1,
        Condition: 3,
        Observation: 29,
        QuestionnaireResponse: 2,
        CarePlan: 3,
        Goal: 3,
        ServiceRequest: 15,
        Binary: 3,
        Procedure: 3,
      });
      const result = validateFhir(bundle);
      expect(describeIssues(result.errors)).toEqual([]);
      // The validator cannot see a urn:uuid's target type; those are its only remarks on the Bundle.
      for (const warning of result.warnings)
        expect(warning.details?.text).toMatch(/^Invalid reference: got "urn:uuid:/);
    });

    it('maps to resources that pass R4 validation without a single issue when served with relative references', async () => {
      const resources = (await patientResources(database.db, patientId, 'relative')) as Resource[];
      expect(resources).toHaveLength(bundle.entry?.length ?? 0);
      for (const resource of resources) {
        const result = validateFhir(resource);
        expect([resource.resourceType, ...describeIssues([...result.errors, ...result.warnings])]).toEqual([
          resource.resourceType,
        ]);
      }
    });

    it('codes the diagnosis in ICD-10-CM and SNOMED CT with the side, and links the cause as evidence', () => {
      const [leg, cause, thigh] = all<Condition>('Condition');
      expect(leg?.code?.coding?.map((c) => [c.system, c.code])).toEqual([
        ['http://hl7.org/fhir/sid/icd-10-cm', 'M62.562'],
        ['http://snomed.info/sct', '88092000'],
      ]);
      expect(leg?.bodySite?.[0]?.coding?.[0]).toMatchObject({
        system: 'http://snomed.info/sct',
        code: '48979004',
      });
      expect(leg?.onsetDateTime).toBe('2024-03-01');
      expect(leg?.evidence?.[0]?.detail?.[0]?.reference).toBe(`urn:uuid:${cause?.id}`);
      expect(cause?.code?.coding?.map((c) => c.code)).toEqual(['Z74.09', 'cast']);
      expect(thigh?.code?.coding?.[0]?.code).toBe('M62.551');
      expect(thigh?.bodySite?.[0]?.coding?.[0]?.code).toBe('11207009');
    });

    it('uses LOINC for grip by side, SNOMED CT for lower-limb circumference, and UCUM units', () => {
      const [left, right] = byCode('grip');
      expect(left?.code.coding?.[0]?.code).toBe('83173-5');
      expect(right?.code.coding?.[0]?.code).toBe('83174-3');
      expect(left?.valueQuantity).toEqual({
        value: 24.5,
        unit: 'kgf',
        system: 'http://unitsofmeasure.org',
        code: 'kgf',
      });
      const circumference = byCode('413171006');
      expect(circumference.map((o) => o.valueQuantity?.value)).toEqual([36.5, 38.9, 51.2]);
      expect(circumference[0]?.bodySite?.coding?.[0]?.code).toBe('48979004');
      const hand = left?.bodySite;
      expect(hand?.coding?.[0]?.code).toBe('85562004');
      expect(hand?.extension?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('7771000');
      expect(byCode('gait-speed')[0]?.valueQuantity?.code).toBe('m/s');
    });

    it('writes each LEFS score as a QuestionnaireResponse and an Observation derived from it', () => {
      const totals = byCode('lefs');
      expect(totals.map((o) => o.valueQuantity?.value)).toEqual([47, 58]);
      const responses = all<QuestionnaireResponse>('QuestionnaireResponse');
      expect(totals.map((o) => o.derivedFrom?.[0]?.reference)).toEqual(
        responses.map((r) => `urn:uuid:${r.id}`),
      );
      expect(responses.map((r) => r.item?.[0]?.answer?.[0]?.valueInteger)).toEqual([47, 58]);
    });

    it('recovers the rheobase and chronaxie of a Weiss curve in the strength–duration Observations', () => {
      const [rheobase] = byCode('rheobase');
      const [chronaxie] = byCode('chronaxie');
      expect(rheobase?.valueQuantity?.code).toBe('mA');
      expect(Math.abs((rheobase?.valueQuantity?.value as number) / WEISS_RHEOBASE_MA - 1)).toBeLessThan(1e-6);
      expect(Math.abs((chronaxie?.valueQuantity?.value as number) / WEISS_CHRONAXIE_MS - 1)).toBeLessThan(
        1e-6,
      );
      const [panel] = byCode('innervation');
      expect(panel?.valueCodeableConcept?.coding?.[0]?.code).toBe('normal');
      expect(panel?.hasMember).toHaveLength(10);
    });

    it('writes each programme version as a CarePlan with a Goal and timed ServiceRequest activities', () => {
      const plans = all<CarePlan>('CarePlan');
      expect(plans.map((p) => p.status)).toEqual(['completed', 'active', 'draft']);
      expect(plans[1]?.replaces?.[0]?.reference).toBe(`urn:uuid:${plans[0]?.id}`);
      const goals = all<Goal>('Goal');
      expect(goals.map((g) => g.description.coding?.[0]?.code)).toEqual([
        'prevent-disuse-atrophy',
        'reverse-atrophy',
        'reverse-atrophy',
      ]);
      const [level1] = all<ServiceRequest>('ServiceRequest');
      expect(level1?.occurrenceTiming?.repeat).toMatchObject({
        frequency: 14,
        period: 1,
        periodUnit: 'wk',
        duration: 40,
        durationUnit: 'min',
        boundsDuration: { value: 2, code: 'wk' },
      });
      expect(level1?.bodySite?.[0]?.coding?.[0]?.code).toBe('quadriceps|left');
    });

    it('writes each session as a Procedure with its period and status', () => {
      const procedures = all<Procedure>('Procedure');
      expect(procedures.map((p) => [p.status, p.performedPeriod?.start, p.performedPeriod?.end])).toEqual([
        ['completed', '2024-04-16T07:00:00.000Z', '2024-04-16T07:40:00.000Z'],
        ['stopped', '2024-05-02T07:00:00.000Z', '2024-05-02T07:12:30.000Z'],
        ['completed', '2024-05-02T15:00:00.000Z', '2024-05-02T15:25:00.000Z'],
      ]);
      expect(byCode('pain').map((o) => o.valueQuantity?.value)).toEqual([2, 6]);
    });

    it('puts an author and a time on every clinical resource', () => {
      for (const entry of bundle.entry ?? []) {
        const resource = entry.resource as Resource;
        const pair = authorAndTime(resource);
        if (!pair) continue;
        const [author, time] = pair;
        expect(author, `${resource.resourceType} author`).toBeTruthy();
        expect(time, `${resource.resourceType} time`).toBeTruthy();
      }
    });

    it('has no Bundle for a patient that does not exist', async () => {
      expect(
        await exportPatientBundle(database.db, '00000000-0000-4000-8000-000000000000', NOW),
      ).toBeUndefined();
    });
  });
}

const SAMPLE_CSV = new URL('../../../examples/recordings/ding2003-person.csv', import.meta.url);

for (const kind of testDatabases) {
  describe(`FHIR export of an identified force model (${kind.name})`, () => {
    let database: Database;
    let patientId: string;
    let answer: ReturnType<typeof identifyUploadedRecording>;
    const bytes = readFileSync(SAMPLE_CSV);

    beforeAll(async () => {
      database = await kind.open();
      patientId = (await makeClinicRecord(database.db)).patientId;
      // Saved by a clinician who wrote nothing else in the record: the export must still name them.
      const physiologist = await createUser(database.db, {
        email: 'pat@lab.test',
        name: 'Pat Physiologist',
        role: 'clinician',
        passwordHash: '!test-no-login',
      });
      answer = identifyUploadedRecording({
        fileName: 'ding2003-person.csv',
        contentBase64: bytes.toString('base64'),
        model: 'ding2003',
        triggerChannel: 'Trigger',
      });
      await createIdentifiedModel(
        database.db,
        patientId,
        identifiedModelBody(answer, '2024-04-02T10:00:00.000Z'),
        physiologist.id,
      );
    }, 60_000);
    afterAll(() => database.close());

    it('is an Observation derived from the DocumentReference of its recording, both in the Bundle and valid', async () => {
      const bundle = (await exportPatientBundle(database.db, patientId, NOW)) as Bundle;
      const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
      const models = resources.filter(
        (r): r is Observation =>
          r.resourceType === 'Observation' &&
          r.code.coding?.some((c) => c.code === IDENTIFIED_FORCE_MODEL_CODE.code) === true,
      );
      expect(models).toHaveLength(1);
      const observation = models[0] as Observation;
      const documents = resources.filter(
        (r): r is DocumentReference => r.resourceType === 'DocumentReference',
      );
      expect(documents).toHaveLength(1);
      const document = documents[0] as DocumentReference;
      // The reference resolves inside the Bundle, and the document names the file by its SHA-256.
      expect(observation.derivedFrom?.[0]?.reference).toBe(`urn:uuid:${document.id}`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(document.identifier?.[0]?.value).toBe(recordingNiUri(sha256));
      expect(document.content[0]?.attachment).toEqual({
        contentType: 'text/csv',
        title: 'ding2003-person.csv',
        size: bytes.length,
      });
      // One component per identified parameter (and its standard error), with the fitted values.
      const a = answer.parameters.find((p) => p.name === 'forceScalingNPerS');
      expect(a?.value).toBeGreaterThan(3500);
      const aComponent = observation.component?.find((c) => c.code.coding?.[0]?.code === 'forceScalingNPerS');
      expect(aComponent?.valueQuantity).toEqual({
        value: a?.value,
        unit: 'N/s',
        system: 'http://unitsofmeasure.org',
        code: 'N/s',
      });
      expect(observation.component).toHaveLength(2 * answer.parameters.length + 1);
      // Its performer is the Practitioner who saved it, present in the Bundle.
      const practitioner = resources.find(
        (r) => r.resourceType === 'Practitioner' && r.name?.[0]?.text === 'Pat Physiologist',
      );
      expect(practitioner).toBeDefined();
      expect(observation.performer?.[0]?.reference).toBe(`urn:uuid:${practitioner?.id}`);
      const result = validateFhir(bundle);
      expect(describeIssues(result.errors)).toEqual([]);

      // Served with relative references ($everything, searches), both pass validation without an issue.
      const served = (await patientResources(database.db, patientId, 'relative')) as Resource[];
      for (const resource of served.filter((r) => r.id === observation.id || r.id === document.id)) {
        const check = validateFhir(resource);
        expect([resource.resourceType, ...describeIssues([...check.errors, ...check.warnings])]).toEqual([
          resource.resourceType,
        ]);
      }
      expect(served.filter((r) => r.id === observation.id || r.id === document.id)).toHaveLength(2);
    });
  });
}
