import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { identifiedModelBody } from '../../../test/identified-model-body.ts';
import { buildApp } from '../app.ts';

/**
 * The routes the browser app adds: first-run setup, the clinic catalogue, planning from the record,
 * the live safety check, the simulated session, the forecast scenarios, and the app at `/`.
 */
const NOW = new Date('2025-03-10T12:00:00Z');
const ADMIN = { email: 'first@clinic.test', name: 'First Admin', password: 'first admin password' };

for (const kind of testDatabases) {
  describe(`web routes on ${kind.name}`, () => {
    let webDir: string;
    let close: () => Promise<void>;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let adminToken: string;
    let clinicianToken: string;

    const call = (
      token: string | undefined,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      payload?: unknown,
    ) =>
      app.inject({
        method,
        url,
        ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });

    beforeAll(async () => {
      webDir = await mkdtemp(join(tmpdir(), 'myotrophy-web-'));
      await writeFile(join(webDir, 'index.html'), '<!doctype html><title>app shell</title>');
      await writeFile(join(webDir, 'app.js'), 'console.log(1)');
      process.env.MYOTROPHY_WEB_DIR = webDir;
      const database = await kind.open();
      app = await buildApp(database, { now: () => NOW, loginAttemptsPerMinute: 1000 });
      close = async () => {
        await app.close();
        await database.close();
      };
    }, 60_000);

    afterAll(async () => {
      await close();
      delete process.env.MYOTROPHY_WEB_DIR;
      await rm(webDir, { recursive: true, force: true });
    });

    it('opens setup on an empty database, creates the first admin with the demo, and then closes it', async () => {
      expect((await call(undefined, 'GET', '/api/setup')).json()).toEqual({ needsSetup: true });
      const weak = await call(undefined, 'POST', '/api/setup', { ...ADMIN, password: 'short' });
      expect(weak.statusCode).toBe(422);
      expect(weak.json().detail).toContain('10 to 256 characters');
      const created = await call(undefined, 'POST', '/api/setup', { ...ADMIN, loadDemo: true });
      expect(created.statusCode).toBe(201);
      const body = created.json();
      expect(body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });
      expect(body.demo.patients.map((p: { name: string }) => p.name)).toEqual([
        'Alex Morgan',
        'Brigitte Okafor',
        'Daniel Reyes',
        'Margaret Ellis',
      ]);
      expect(created.cookies.map((c) => c.name).sort()).toEqual(['myotrophy_csrf', 'myotrophy_session']);
      adminToken = body.token;
      expect((await call(undefined, 'GET', '/api/setup')).json()).toEqual({ needsSetup: false });
      const again = await call(undefined, 'POST', '/api/setup', { ...ADMIN, email: 'second@clinic.test' });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toContain('already done');
      // The admin is on the demo care teams, so the dashboard is alive at once.
      const patients = await call(adminToken, 'GET', '/api/patients');
      expect(patients.json().items).toHaveLength(4);
      const login = await call(undefined, 'POST', '/api/auth/login', {
        email: body.demo.clinician.email,
        password: body.demo.clinician.password,
      });
      clinicianToken = login.json().token;
    }, 60_000);

    it('serves the catalogue: left lower leg codes M62.562, a cast brings its cause code Z74.09', async () => {
      const response = await call(clinicianToken, 'GET', '/api/clinic/catalogue');
      expect(response.statusCode).toBe(200);
      const catalogue = response.json();
      expect(catalogue.icdCodes).toContainEqual(
        expect.objectContaining({ site: 'lower-leg', side: 'left', code: 'M62.562', billable: true }),
      );
      expect(catalogue.icdCodes).toContainEqual(
        expect.objectContaining({ site: 'thigh', side: 'right', code: 'M62.551' }),
      );
      const cast = catalogue.causes.find((c: { id: string }) => c.id === 'cast');
      expect(cast.codes.map((c: { code: string }) => c.code)).toContain('Z74.09');
      expect(catalogue.lefs.items).toHaveLength(20);
      expect(catalogue.muscles.map((m: { id: string }) => m.id)).toContain('tibialis-anterior');
      expect((await call(undefined, 'GET', '/api/clinic/catalogue')).statusCode).toBe(401);
    });

    it("plans from the patient's record, refuses a red-flagged patient, and only for a clinician", async () => {
      const patients = (await call(clinicianToken, 'GET', '/api/patients')).json().items;
      const alex = patients.find((p: { name: string }) => p.name === 'Alex Morgan');
      const plan = await call(clinicianToken, 'POST', `/api/patients/${alex.id}/plan`, {
        goal: 'prevent-disuse-atrophy',
        muscle: 'triceps-surae',
        side: 'left',
      });
      expect(plan.statusCode).toBe(200);
      const draft = plan.json();
      expect(draft.status).toBe('draft');
      // The record supplies the screening, the diagnosis and the strength–duration test.
      expect(draft.approval.blockers).toEqual([]);
      expect(draft.diagnosis.codes[0].code).toBe('M62.562');
      expect(draft.innervation.basis).toBe('stated');
      expect(draft.innervation.status).toBe('normal');
      expect(draft.safety.ok).toBe(true);
      const margaret = patients.find((p: { name: string }) => p.name === 'Margaret Ellis');
      const refused = await call(clinicianToken, 'POST', `/api/patients/${margaret.id}/plan`, {
        goal: 'reverse-atrophy',
        muscle: 'quadriceps',
        side: 'left',
      });
      // Her latest screening found a red flag: refer first.
      expect(refused.json().status).toBe('refused');
      expect(refused.json().reasons[0].rule).toBe('red-flag');
      // The setup admin works on the demo care teams through the clinician role it took
      // explicitly; withdrawn, planning is refused.
      const adminId = (await call(adminToken, 'GET', '/api/me')).json().user.id;
      const planAsAdmin = () =>
        call(adminToken, 'POST', `/api/patients/${alex.id}/plan`, {
          goal: 'prevent-disuse-atrophy',
          muscle: 'triceps-surae',
          side: 'left',
        });
      expect((await planAsAdmin()).statusCode).toBe(200);
      const withdrawn = await call(adminToken, 'PUT', `/api/users/${adminId}/clinician-role`, {
        granted: false,
        reason: 'the demo is over',
      });
      expect(withdrawn.statusCode).toBe(200);
      expect((await planAsAdmin()).statusCode).toBe(403);
    });

    it('doses the plan by evoked force with an identified model of the patient and the MVC', async () => {
      const patients = (await call(clinicianToken, 'GET', '/api/patients')).json().items;
      const alex = patients.find((p: { name: string }) => p.name === 'Alex Morgan');
      const base = `/api/patients/${alex.id}`;
      const csv = readFileSync(new URL('../../../examples/recordings/ding2003-person.csv', import.meta.url));
      // Ben Hmed 2018 (force grows with current) identified from the sample recorded at 60 mA.
      const identified = (
        await call(clinicianToken, 'POST', `${base}/recordings/identify`, {
          fileName: 'ding2003-person.csv',
          contentBase64: csv.toString('base64'),
          model: 'hmed2018',
          triggerChannel: 'Trigger',
          intensityMa: 60,
        })
      ).json();
      const saved = await call(
        clinicianToken,
        'POST',
        `${base}/identified-models`,
        identifiedModelBody(identified, NOW.toISOString()),
      );
      expect(saved.statusCode).toBe(201);
      const request = { goal: 'prevent-disuse-atrophy', muscle: 'triceps-surae', side: 'left' };
      const plan = await call(clinicianToken, 'POST', `${base}/plan`, {
        ...request,
        identifiedModelId: saved.json().id,
        mvcN: 300,
      });
      expect(plan.statusCode).toBe(200);
      const draft = plan.json();
      const dose = draft.forceDose;
      expect(dose.model).toBe('hmed2018-identified');
      expect(dose.basis).toBe('intensity');
      expect(dose.targetN).toBeCloseTo((dose.targetPercentMvc / 100) * 300, 9);
      expect(dose.predicted.perContractionN.length).toBeGreaterThan(1);
      expect(dose.predicted.perContractionN[0]).toBe(dose.predicted.firstContractionN);
      expect(dose.predicted.firstPercentMvc).toBeCloseTo((100 * dose.predicted.firstContractionN) / 300, 9);
      if (dose.status === 'dosed') {
        // Reached on the first contraction, at the lowest whole mA that does.
        expect(dose.predicted.firstContractionN).toBeGreaterThanOrEqual(dose.targetN * 0.998);
        expect(Number.isInteger(dose.intensityMa)).toBe(true);
      } else {
        expect(dose.status).toBe('target-not-reachable');
        expect(dose.intensityMa).toBe(dose.ceilingMa);
      }
      // The draft carries the dosed programme, checked by output safety again.
      expect(draft.safety).toEqual(dose.safety);
      expect(draft.safety.ok).toBe(true);
      expect(draft.stimulation.levels[0].blocks.some((b: { kind: string }) => b.kind === 'work')).toBe(true);
      // Both or neither; and only the patient's own models.
      expect((await call(clinicianToken, 'POST', `${base}/plan`, { ...request, mvcN: 300 })).statusCode).toBe(
        400,
      );
      const unknown = await call(clinicianToken, 'POST', `${base}/plan`, {
        ...request,
        identifiedModelId: '00000000-0000-4000-8000-000000000000',
        mvcN: 300,
      });
      expect(unknown.statusCode).toBe(404);
    });

    it('checks an edited programme live: 250 mA, 1000 µs, 100 Hz breaks the r.m.s. limit', async () => {
      const patients = (await call(clinicianToken, 'GET', '/api/patients')).json().items;
      const alex = patients.find((p: { name: string }) => p.name === 'Alex Morgan');
      const draft = (
        await call(clinicianToken, 'POST', `/api/patients/${alex.id}/plan`, {
          goal: 'prevent-disuse-atrophy',
          muscle: 'triceps-surae',
          side: 'left',
        })
      ).json();
      const stimulation = structuredClone(draft.stimulation);
      const work = stimulation.levels[0].blocks.find((b: { kind: string }) => b.kind === 'work');
      Object.assign(work, { maxIntensityMa: 250, phaseWidthUs: 1000, frequencyHz: 100 });
      const report = (await call(clinicianToken, 'POST', '/api/clinic/safety-check', { stimulation })).json();
      expect(report.ok).toBe(false);
      // I_rms = 250 mA · √(2 · 1000 µs · 100 Hz · 1e-6) = 250 · √0.2 = 111.80 mA.
      expect(report.rmsCurrentMa).toBeCloseTo(250 * Math.sqrt(0.2), 6);
      expect(report.violations.map((v: { rule: string }) => v.rule)).toContain('rms-current');
    });

    it('simulates one session: 34 min of 9.5 s on / 14 s off is 86 contractions', async () => {
      const response = await call(clinicianToken, 'POST', '/api/clinic/simulate-session', {
        frequencyHz: 30,
        phaseWidthUs: 300,
        minutes: 34,
        onS: 9.5,
        offS: 14,
        rampUpS: 3,
        rampDownS: 1.5,
      });
      expect(response.statusCode).toBe(200);
      const simulation = response.json();
      expect(simulation.contractions).toHaveLength(Math.floor((34 * 60) / 23.5));
      expect(simulation.model).toBe('ding2007-fatigue');
      const peaks = simulation.contractions.map((c: { peakForceN: number }) => c.peakForceN);
      expect(simulation.fatigueIndex).toBeCloseTo(peaks[peaks.length - 1] / peaks[0], 12);
      expect(simulation.peakForceN).toBeCloseTo(Math.max(...peaks), 9);
      expect(simulation.firstContraction).toHaveLength(240);
      const ramps = await call(clinicianToken, 'POST', '/api/clinic/simulate-session', {
        frequencyHz: 30,
        phaseWidthUs: 300,
        minutes: 10,
        onS: 2,
        rampUpS: 2,
        rampDownS: 1,
      });
      expect(ramps.statusCode).toBe(422);
    });

    it('forecasts three scenarios for a cast, and says why there is none for a nerve injury', async () => {
      const patients = (await call(clinicianToken, 'GET', '/api/patients')).json().items;
      const alex = patients.find((p: { name: string }) => p.name === 'Alex Morgan');
      const forecast = (await call(clinicianToken, 'GET', `/api/patients/${alex.id}/forecast`)).json();
      expect(forecast.available).toBe(true);
      expect(forecast.scenario).toBe('cast');
      const end = (points: { changePct: number }[]) => points[points.length - 1]?.changePct;
      // The curves end where the comparison says.
      expect(end(forecast.scenarios.noTreatment)).toBeCloseTo(
        forecast.comparison.noTreatment.changePctAtEnd,
        6,
      );
      expect(end(forecast.scenarios.stimulationAndExercise)).toBeCloseTo(
        forecast.comparison.stimulationAndExercise.changePctAtEnd,
        6,
      );
      expect(forecast.comparison.stimulation.changePctAtEnd).toBeGreaterThan(
        forecast.comparison.noTreatment.changePctAtEnd,
      );
      const daniel = patients.find((p: { name: string }) => p.name === 'Daniel Reyes');
      const none = (await call(clinicianToken, 'GET', `/api/patients/${daniel.id}/forecast`)).json();
      expect(none.available).toBe(false);
      expect(none.reason).toContain('disuse');
    });

    it('serves the app at / with fallback to index.html, never for /api or outside its directory', async () => {
      const root = await call(undefined, 'GET', '/');
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('app shell');
      expect((await call(undefined, 'GET', '/patients/123')).body).toContain('app shell');
      const script = await call(undefined, 'GET', '/app.js');
      expect(script.headers['content-type']).toContain('text/javascript');
      const unknownApi = await call(undefined, 'GET', '/api/no-such-thing');
      expect(unknownApi.statusCode).toBe(404);
      expect(unknownApi.headers['content-type']).toContain('application/problem+json');
      const traversal = await call(undefined, 'GET', '/..%2f..%2fetc%2fpasswd');
      expect(traversal.body).toContain('app shell');
    });
  });
}
