import type { FastifyInstance } from 'fastify';
import { MUSCLE_SITES } from '../../clinic/anatomy/electrode-sites.ts';
import { catalogue } from '../../clinic/catalogue/catalogue.ts';
import { doseByEvokedForce } from '../../clinic/programme/force-dosing.ts';
import { planProgramme } from '../../clinic/programme/plan.ts';
import {
  MAX_SIMULATED_MINUTES,
  type SimulateBody,
  simulateSession,
} from '../../clinic/programme/session-simulation.ts';
import { GOALS } from '../../clinic/programme/stimulation-programme.ts';
import { forecastView } from '../../clinic/record-views/forecast-view.ts';
import { type PlanRequest, planInputFromRecord } from '../../clinic/record-views/plan-input.ts';
import { checkOutputSafety } from '../../clinic/safety/output-safety.ts';
import { WORK_BLOCK_FIELDS } from '../../shared/work-block-fields.ts';
import type { Db } from '../../store/database.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { findIdentifiedModel } from '../../store/records/identified-models.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { perUserHeavyComputationLimit } from '../heavy-computation-limit.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { closedObject, patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';
import { patientReadRoute, patientRecordOrNotFound } from './patient-read.ts';

/**
 * What the clinician's workspace needs from the clinic and physiology modules, over HTTP: the
 * catalogue of codes, questions and muscles; a planned programme for a patient from their record;
 * the output-safety check of an edited programme; the simulated force and fatigue of one session;
 * and the forecast scenarios (no treatment, stimulation, stimulation + exercise).
 */

export { MAX_SIMULATED_MINUTES };

const number = (min: number, max: number) => ({ type: 'number', minimum: min, maximum: max }) as const;

/** The plan request, and optionally what dosing by evoked force needs. */
interface PlanBody extends PlanRequest {
  identifiedModelId?: string;
  mvcN?: number;
  toleratedMa?: number;
}

export function planningRoutes(app: FastifyInstance, db: Db, options: AppOptions): void {
  const cached = catalogue();
  app.get(
    '/api/clinic/catalogue',
    {
      schema: {
        tags: ['clinic'],
        summary:
          'Body sites with their ICD-10-CM codes, causes, screening questions, red flags, muscles, goals, measurement kinds, LEFS items',
      },
    },
    async () => cached,
  );

  app.post<{ Params: { id: string }; Body: PlanBody }>(
    '/api/patients/:id/plan',
    {
      schema: {
        tags: ['clinic'],
        summary:
          "Plan a programme from the patient's record (diagnosis, screening, strength–duration test, tolerance): a draft or a refusal naming each reason. With identifiedModelId and mvcN, the draft is dosed by evoked force (forceDose: the setting, and the predicted force of each contraction). Saves nothing.",
        params: patientParams,
        body: {
          ...closedObject(
            {
              goal: { type: 'string', enum: [...GOALS] },
              muscle: { type: 'string', enum: MUSCLE_SITES.map((m) => m.id) },
              side: { type: 'string', enum: ['left', 'right'] },
              spareInnervatedNeighbours: { type: 'boolean' },
              weightKg: number(20, 400),
              identifiedModelId: { type: 'string', format: 'uuid' },
              mvcN: number(1, 10_000),
              toleratedMa: number(1, 200),
            },
            ['goal', 'muscle', 'side'],
          ),
          dependencies: { identifiedModelId: ['mvcN'], mvcN: ['identifiedModelId'] },
        },
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'record-clinical');
      const now = options.now();
      const { identifiedModelId, mvcN, toleratedMa, ...planRequest } = request.body;
      const record = await patientRecordOrNotFound(db, patientId, {
        without: ['careTeam', 'notes', 'authors', 'sessionWeeks'],
      });
      const identified =
        identifiedModelId === undefined
          ? undefined
          : await findIdentifiedModel(db, patientId, identifiedModelId);
      if (identifiedModelId !== undefined && !identified) {
        throw notFound(`the patient has no identified model ${identifiedModelId}`);
      }
      const outcome = planProgramme(planInputFromRecord(record, planRequest, now));
      await recordAudit(db, auditFrom(request, { action: 'read', resource: 'plan', patientId }));
      if (outcome.status === 'refused' || !identified || mvcN === undefined) return outcome;
      // Dosed by evoked force: the dosed programme replaces the draft's, checked by output safety again.
      const { programme, ...forceDose } = doseByEvokedForce({
        draft: outcome,
        model: identified.model,
        mvcN,
        ...(toleratedMa !== undefined ? { toleratedMa } : {}),
      });
      return { ...outcome, stimulation: programme, safety: forceDose.safety, forceDose };
    },
  );

  app.post<{ Body: { stimulation: unknown } }>(
    '/api/clinic/safety-check',
    {
      schema: {
        tags: ['clinic'],
        summary: 'Check a (possibly edited) stimulation programme against every output-safety limit',
        body: {
          type: 'object',
          required: ['stimulation'],
          additionalProperties: false,
          properties: { stimulation: { type: 'object', maxProperties: 50 } },
        },
      },
    },
    async (request) => {
      const report = checkOutputSafety(request.body.stimulation);
      // A verdict is for a programme Myotrophy can read: an electrode site it does not know is bad
      // input (422 naming the allowed sites), like every other enumerated input, not a 200 verdict.
      const unknownSites = report.violations.filter((v) => v.rule === 'unknown-site');
      if (unknownSites.length > 0) {
        throw new HttpProblem(
          422,
          unknownSites.map((v) => `stimulation ${v.where}: ${v.message}`).join('; '),
          {
            violations: report.violations,
          },
        );
      }
      return report;
    },
  );

  app.post<{ Body: SimulateBody }>(
    '/api/clinic/simulate-session',
    {
      config: {
        heavyComputation: true,
        rateLimit: perUserHeavyComputationLimit(options.heavyComputationsPerMinute),
      },
      schema: {
        tags: ['clinic'],
        summary: `Simulated force and fatigue of one session's work block (Ding 2007 with fatigue; at most ${MAX_SIMULATED_MINUTES} min)`,
        body: {
          type: 'object',
          required: ['frequencyHz', 'phaseWidthUs', 'minutes'],
          additionalProperties: false,
          properties: {
            frequencyHz: WORK_BLOCK_FIELDS.frequencyHz.schema,
            phaseWidthUs: WORK_BLOCK_FIELDS.phaseWidthUs.schema,
            minutes: WORK_BLOCK_FIELDS.minutes.schema,
            onS: WORK_BLOCK_FIELDS.onS.schema,
            offS: WORK_BLOCK_FIELDS.offS.schema,
            rampUpS: WORK_BLOCK_FIELDS.rampUpS.schema,
            rampDownS: WORK_BLOCK_FIELDS.rampDownS.schema,
          },
        },
      },
    },
    async (request) => {
      const b = request.body;
      if (b.onS !== undefined && (b.rampUpS ?? 0) + (b.rampDownS ?? 0) > b.onS) {
        throw new HttpProblem(422, 'the ramps (rampUpS + rampDownS) must fit within the on time onS');
      }
      const started = performance.now();
      // Off the event loop when the app has a compute pool (the server always does).
      const simulated = options.compute
        ? await options.compute.run<ReturnType<typeof simulateSession>>('simulate-session', b)
        : simulateSession(b);
      return { ...simulated, elapsedMs: performance.now() - started };
    },
  );

  patientReadRoute(
    app,
    db,
    {
      path: '/forecast',
      tags: ['clinic'],
      summary:
        "The patient's forecast under three scenarios (no treatment, stimulation, stimulation + exercise) with 80 % bands, and their comparison",
      resource: 'forecast',
    },
    async (patientId) => {
      const now = options.now();
      const record = await patientRecordOrNotFound(db, patientId, {
        without: ['careTeam', 'notes', 'sdTests', 'authors', 'sessions', 'sessionWeeks'],
      });
      return forecastView(record, now);
    },
  );
}
