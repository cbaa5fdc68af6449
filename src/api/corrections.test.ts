import type { Bundle, Condition, Provenance, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, makeApiWorld, type Person } from '../../test/api-world.ts';
import { LEFT_LOWER_LEG_CAST } from '../../test/cast-condition.ts';
import { testDatabases } from '../../test/databases.ts';
import type { PatientRecord } from '../clinic/record/patient-record.ts';
import { SCREENING_KEYS } from '../clinic/screening/contraindications.ts';
import { RED_FLAG_KEYS } from '../clinic/screening/red-flags.ts';
import { carePlanIdOf } from '../fhir/care-plan.ts';
import { describeIssues, validateFhir } from '../fhir/validate.ts';
import { listAudit } from '../store/records/audit.ts';
import { loadPatientRecord } from '../store/records/patient-record.ts';
import { exportPatientBundle } from './fhir/bundle-export.ts';
import { importBundle } from './fhir/bundle-import.ts';

const NOW = new Date('2025-03-01T12:00:00Z');

describe.each(testDatabases)('corrections of the record on $name', (kind) => {
  let world: ApiWorld;
  let base: string;
  let conditionId: string;
  let programmeId: string;
  const corrected: { measurement?: string; amendedCondition?: string; session?: string } = {};
  const measured = async () =>
    (await world.request(world.clinicianOne, 'GET', `${base}/overview`))
      .json()
      .trajectory.model.measured.map((m: { day: number }) => m.day);
  /** `person` marks one of the patient's records (e.g. `sessions/ID`) entered in error, for `reason`. */
  const markEnteredInError = (person: Person, record: string, reason: string) =>
    world.request(person, 'POST', `${base}/${record}/entered-in-error`, { reason });

  beforeAll(async () => {
    world = await makeApiWorld(kind, { now: () => NOW });
    base = `/api/patients/${world.patientOne}`;
    const post = async (path: string, body: unknown) => {
      const response = await world.request(world.clinicianOne, 'POST', `${base}/${path}`, body);
      expect(response.statusCode).toBe(201);
      return response.json();
    };
    conditionId = (await post('conditions', LEFT_LOWER_LEG_CAST)).id;
    await post('screenings', {
      screenedAt: '2025-02-28T09:00:00Z',
      answers: Object.fromEntries(SCREENING_KEYS.map((k) => [k, false])),
      electrodeSites: [],
      redFlagFindings: Object.fromEntries(RED_FLAG_KEYS.map((k) => [k, false])),
    });
    programmeId = (await post('programmes', { body: { sessionsPerWeek: 5 } })).id;
    const approved = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/programmes/${programmeId}/approve`,
    );
    expect(approved.statusCode).toBe(200);
    for (const [measuredAt, value, side] of [
      ['2025-01-01T09:00:00Z', 38, 'left'],
      ['2025-01-29T09:00:00Z', 36.9, 'left'],
    ] as const) {
      await post('measurements', { kind: 'circumference', value, side, site: 'calf', measuredAt });
    }
  }, 60_000);
  afterAll(async () => world?.close());

  it('keeps a mistyped measurement entered in error, out of the trajectory, with its reason audited', async () => {
    const typo = await world.request(world.clinicianOne, 'POST', `${base}/measurements`, {
      kind: 'circumference',
      value: 33.6,
      side: 'left',
      site: 'calf',
      measuredAt: '2025-02-05T09:00:00Z',
    });
    const id = typo.json().id;
    corrected.measurement = id;
    expect(await measured()).toEqual([28, 35]);
    const url = `${base}/measurements/${id}/entered-in-error`;
    const withoutReason = await world.request(world.clinicianOne, 'POST', url, {});
    expect(withoutReason.statusCode).toBe(422);
    expect(withoutReason.json().detail).toMatch(/^reason is required/);
    expect((await world.request(world.clinicianOne, 'POST', url, { reason: '   ' })).statusCode).toBe(422);
    const marked = await world.request(world.clinicianOne, 'POST', url, { reason: 'mistyped: 36.3 cm' });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({ id, value: 33.6, status: 'entered-in-error', replacesId: null });
    expect(await measured()).toEqual([28]);
    const again = await world.request(world.clinicianOne, 'POST', url, { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    const read = (await world.request(world.clinicianOne, 'GET', `${base}/measurements/${id}`)).json();
    expect(read.status).toBe('entered-in-error');
    expect(read.history.versions.map((v: { id: string }) => v.id)).toEqual([id]);
    expect(read.history.corrections).toEqual([
      expect.objectContaining({
        action: 'entered-in-error',
        reason: 'mistyped: 36.3 cm',
        correctedBy: world.clinicianOne.id,
        correctedAt: NOW.toISOString(),
        replacementId: null,
      }),
    ]);
    // The list shows current records; with history=true it shows this one too, with its status.
    const current = (await world.request(world.clinicianOne, 'GET', `${base}/measurements`)).json().items;
    expect(current.map((m: { value: number }) => m.value)).toEqual([38, 36.9]);
    const list = (await world.request(world.clinicianOne, 'GET', `${base}/measurements?history=true`)).json()
      .items;
    expect(list.map((m: { value: number; status: string }) => [m.value, m.status])).toEqual([
      [38, 'current'],
      [36.9, 'current'],
      [33.6, 'entered-in-error'],
    ]);
    const audit = await listAudit(world.database.db, { patientId: world.patientOne });
    expect(audit.filter((e) => e.action === 'entered-in-error')).toEqual([
      expect.objectContaining({ resource: 'measurements', recordId: id, reason: 'mistyped: 36.3 cm' }),
    ]);
  });

  it('amends a diagnosis: a new version replaces it, both stay in the history', async () => {
    const response = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/conditions/${conditionId}/amend`,
      {
        reason: 'cast came off on 19 February',
        record: {
          site: 'lower-leg',
          side: 'left',
          cause: 'cast',
          onsetDate: '2025-01-01',
          immobilisedFrom: '2025-01-01',
          immobilisedTo: '2025-02-19',
        },
      },
    );
    expect(response.statusCode).toBe(201);
    const amended = response.json();
    corrected.amendedCondition = amended.id;
    expect(amended).toMatchObject({ icd10Code: 'M62.562', immobilisedTo: '2025-02-19', status: 'current' });
    expect(amended.replacesId).toBe(conditionId);
    expect(response.headers.location).toBe(`${base}/conditions/${amended.id}`);
    const history = (
      await world.request(world.clinicianOne, 'GET', `${base}/conditions/${conditionId}`)
    ).json().history;
    expect(
      history.versions.map((v: { immobilisedTo: string; status: string }) => [v.immobilisedTo, v.status]),
    ).toEqual([
      ['2025-02-12', 'superseded'],
      ['2025-02-19', 'current'],
    ]);
    expect(history.corrections).toEqual([
      expect.objectContaining({
        action: 'amend',
        replacementId: amended.id,
        reason: 'cast came off on 19 February',
      }),
    ]);
    const overview = (await world.request(world.clinicianOne, 'GET', `${base}/overview`)).json();
    expect(overview.conditions.map((c: { id: string }) => c.id)).toEqual([amended.id]);
    const stale = await world.request(world.clinicianOne, 'POST', `${base}/conditions/${conditionId}/amend`, {
      reason: 'again',
      record: { site: 'lower-leg', side: 'left' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe(
      `record ${conditionId} was already amended; correct its latest version instead`,
    );
    const noReason = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/conditions/${amended.id}/amend`,
      {
        record: { site: 'lower-leg', side: 'left' },
      },
    );
    expect(noReason.statusCode).toBe(422);
  });

  it('lets a patient withdraw only a session they logged, and counts only current sessions', async () => {
    const log = async (who: typeof world.patientUserOne, startedAt: string) =>
      (
        await world.request(who, 'POST', `${base}/sessions`, {
          kind: 'exercise',
          startedAt,
          minutes: 20,
          pain: 1,
          completed: true,
        })
      ).json().id;
    const own = await log(world.patientUserOne, '2025-02-24T08:00:00Z');
    corrected.session = own;
    await log(world.patientUserOne, '2025-02-25T08:00:00Z');
    const byClinician = await log(world.clinicianOne, '2025-02-26T08:00:00Z');
    const week = async () =>
      (await world.request(world.clinicianOne, 'GET', `${base}/overview`))
        .json()
        .adherence.find((w: { weekStart: string }) => w.weekStart === '2025-02-24');
    expect((await week()).logged).toBe(3);
    const refused = await markEnteredInError(world.patientUserOne, `sessions/${byClinician}`, 'not me');
    expect(refused.statusCode).toBe(403);
    const amend = await world.request(world.patientUserOne, 'POST', `${base}/sessions/${own}/amend`, {
      reason: 'pain was 2',
      record: { kind: 'exercise', startedAt: '2025-02-24T08:00:00Z', minutes: 20, pain: 2, completed: true },
    });
    expect(amend.statusCode).toBe(403);
    const withdrawn = await markEnteredInError(
      world.patientUserOne,
      `sessions/${own}`,
      'logged twice by mistake',
    );
    expect(withdrawn.statusCode).toBe(200);
    expect((await week()).logged).toBe(2);
    const other = await markEnteredInError(world.clinicianTwo, `sessions/${byClinician}`, 'not on the team');
    expect(other.statusCode).toBe(403);
  });

  it('takes a programme entered in error out of force: the patient has no approved programme', async () => {
    const before = (await world.request(world.clinicianOne, 'GET', `${base}/overview`)).json();
    expect(before.activeProgramme.id).toBe(programmeId);
    const marked = await markEnteredInError(
      world.clinicianOne,
      `programmes/${programmeId}`,
      'approved for the wrong patient',
    );
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({ status: 'entered-in-error', endedAt: NOW.toISOString() });
    const after = (await world.request(world.clinicianOne, 'GET', `${base}/overview`)).json();
    expect(after.activeProgramme).toBeNull();
    const amend = await world.request(world.clinicianOne, 'POST', `${base}/programmes/${programmeId}/amend`, {
      reason: 'x',
      record: { body: {} },
    });
    expect(amend.statusCode).toBe(404);
  });

  it('exports each status and a Provenance for each correction, valid R4, and an import keeps entered-in-error', async () => {
    const bundle = (await exportPatientBundle(world.database.db, world.patientOne, NOW)) as Bundle;
    expect(describeIssues(validateFhir(bundle).errors)).toEqual([]);
    const resources = (bundle.entry ?? []).map((e) => e.resource as Resource);
    const byId = (type: string, id: string | undefined) =>
      resources.find((r) => r.resourceType === type && r.id === id) as Record<string, unknown> | undefined;
    expect(byId('Observation', corrected.measurement)?.status).toBe('entered-in-error');
    expect(byId('Procedure', corrected.session)?.status).toBe('entered-in-error');
    expect(byId('CarePlan', carePlanIdOf(programmeId))?.status).toBe('entered-in-error');
    // The replaced diagnosis is history; its amendment is the one Condition, confirmed.
    const atrophy = resources.filter(
      (r): r is Condition => r.resourceType === 'Condition' && r.code?.coding?.[0]?.code === 'M62.562',
    );
    expect(atrophy.map((c) => [c.id, c.verificationStatus?.coding?.[0]?.code])).toEqual([
      [corrected.amendedCondition, 'confirmed'],
    ]);
    const provenances = resources.filter(
      (r): r is Provenance => r.resourceType === 'Provenance' && r.reason !== undefined,
    );
    expect(
      provenances.map((p) => [p.activity?.coding?.[0]?.code, p.target[0]?.reference, p.reason?.[0]?.text]),
    ).toEqual([
      // All made at NOW: ordered by content (the kind of record first), never by id.
      ['UPDATE', `urn:uuid:${corrected.amendedCondition}`, 'cast came off on 19 February'],
      ['NULLIFY', `urn:uuid:${corrected.measurement}`, 'mistyped: 36.3 cm'],
      ['NULLIFY', `urn:uuid:${carePlanIdOf(programmeId)}`, 'approved for the wrong patient'],
      ['NULLIFY', `urn:uuid:${corrected.session}`, 'logged twice by mistake'],
    ]);
    const imported = await importBundle(world.database.db, bundle, { now: NOW });
    const record = (await loadPatientRecord(world.database.db, imported.patientId, {
      history: true,
    })) as PatientRecord;
    expect(record.measurements.map((m) => [m.value, m.status])).toEqual([
      [38, 'current'],
      [36.9, 'current'],
      [33.6, 'entered-in-error'],
    ]);
    expect(record.sessions.filter((s) => s.status === 'entered-in-error')).toHaveLength(1);
    expect(record.programmes.map((p) => p.status)).toEqual(['entered-in-error']);
  });
});
