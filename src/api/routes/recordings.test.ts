import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiWorldForSuite, type Person } from '../../../test/api-world.ts';
import { testDatabases } from '../../../test/databases.ts';
import { identifiedModelBody } from '../../../test/identified-model-body.ts';
import { RECORDING_FIXTURE } from '../../recordings/testdata/fixture.ts';

const NOW = new Date('2025-03-01T12:00:00Z');
const sample = readFileSync(new URL('../../../examples/recordings/ding2003-person-int.c3d', import.meta.url));

describe.each(testDatabases)('recording → identify → save on $name', (kind) => {
  const world = apiWorldForSuite(kind, { now: () => NOW });
  let base: string;
  beforeAll(() => {
    base = `/api/patients/${world.patientOne}`;
  });
  /** Uploads a recording for `person` to identify Ding 2003 from. */
  const identify = (person: Person, upload: Record<string, string>) =>
    world.request(person, 'POST', `${base}/recordings/identify`, { model: 'ding2003', ...upload });
  const sampleC3d = { contentBase64: sample.toString('base64'), triggerChannel: 'TRIGGER' };

  it('identifies from an uploaded C3D file, returns the fit for review, and saves the model with the checksum', async () => {
    const response = await identify(world.clinicianOne, {
      fileName: 'ding2003-person-int.c3d',
      ...sampleC3d,
    });
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.recording).toMatchObject({ format: 'c3d', sizeBytes: sample.length });
    expect(answer.recording.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(answer.pulses).toBe(18);
    expect(answer.verdict.quality).toBe('good');
    expect(answer.verdict.words).toMatch(
      /^Good fit: the model follows the measured force to within 0\.\d % of the peak\./,
    );
    for (const p of answer.parameters) {
      const truth = RECORDING_FIXTURE.truth.base[p.name as keyof typeof RECORDING_FIXTURE.truth.base];
      expect(Math.abs(p.value / truth - 1), p.name).toBeLessThan(0.03);
      expect(p.low95).toBeLessThan(p.value);
      expect(p.high95).toBeGreaterThan(p.value);
    }
    expect(answer.fit.timesS.length).toBeLessThanOrEqual(2000);
    expect(answer.fit.timesS.length).toBe(answer.fit.fittedN.length);

    const saved = await world.request(
      world.clinicianOne,
      'POST',
      `${base}/identified-models`,
      identifiedModelBody(answer, NOW.toISOString()),
    );
    expect(saved.statusCode).toBe(201);
    const list = await world.request(world.clinicianOne, 'GET', `${base}/identified-models`);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0].recording.sha256).toBe(answer.recording.sha256);
    expect(list.json().items[0].model.id).toBe('ding2003-identified');
  });

  it('answers a bad file with 422 naming what is wrong, and keeps other care teams out', async () => {
    const bad = await identify(world.clinicianOne, {
      fileName: 'broken.csv',
      contentBase64: Buffer.from('t,force\n0,1\n0.1,abc\n').toString('base64'),
      triggerChannel: 'trigger',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toMatch(/line 3, column 'force': expected a number, got 'abc'/);
    const noPulses = await identify(world.clinicianOne, {
      fileName: 'x.c3d',
      contentBase64: sample.toString('base64'),
    });
    expect(noPulses.statusCode).toBe(400);
    expect(noPulses.json().detail).toMatch(/give the pulses: triggerChannel/);
    const outsider = await identify(world.clinicianTwo, { fileName: 'x.c3d', ...sampleC3d });
    expect(outsider.statusCode).toBe(403);
    const badModel = await world.request(world.clinicianOne, 'POST', `${base}/identified-models`, {
      identifiedAt: NOW.toISOString(),
      recording: { name: 'x.c3d', sha256: 'a'.repeat(64), format: 'c3d', sizeBytes: 10 },
      model: { id: 'nothing' },
      summary: {
        startModel: 'ding2003',
        parameters: [],
        undetermined: [],
        residual: { rmsN: 1, relativeToPeak: 0.01, samples: 10 },
        verdict: 'x',
      },
    });
    expect(badModel.statusCode).toBe(422);
  });
});
