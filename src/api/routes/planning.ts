import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MUSCLE_SITES } from '../../clinic/anatomy/electrode-sites.ts';
import { CAUSES } from '../../clinic/coding/causes.ts';
import { BODY_SITES, codeForSite, SIDES } from '../../clinic/coding/icd10cm.ts';
import { type PlanInput, planProgramme } from '../../clinic/programme/plan.ts';
import { GOALS } from '../../clinic/programme/stimulation-programme.ts';
import { checkOutputSafety } from '../../clinic/safety/output-safety.ts';
import { LEFS_ITEMS, LEFS_MAX } from '../../clinic/scores/lefs.ts';
import { MRC_DESCRIPTIONS } from '../../clinic/scores/mrc-grade.ts';
import { parseScreeningAnswers, SCREENING_QUESTIONS } from '../../clinic/screening/contraindications.ts';
import { parseRedFlagFindings, RED_FLAG_RULES } from '../../clinic/screening/red-flags.ts';
import { FORCE_MODELS } from '../../physiology/force/model.ts';
import { buildProgrammeTrain } from '../../physiology/force/programme-train.ts';
import { simulateForce } from '../../physiology/force/simulate.ts';
import { compareScenarios, forecastMuscle } from '../../physiology/trajectory/forecast.ts';
import type { Db } from '../../store/database.ts';
import { forecastInputFor } from '../../store/derived/trajectory.ts';
import { MEASUREMENT_KINDS } from '../../store/measurement-kinds.ts';
import { recordAudit } from '../../store/records/audit.ts';
import { getPatient } from '../../store/records/patients.ts';
import { authorizePatient } from '../access.ts';
import { actorOf } from '../auth.ts';
import { HttpProblem, notFound } from '../problem.ts';
import { auditFrom } from '../request-audit.ts';
import { patientParams } from '../schemas.ts';
import type { AppOptions } from './context.ts';

/**
 * What the clinician's workspace needs from the clinic and physiology modules, over HTTP: the
 * catalogue of codes, questions and muscles; a planned programme for a patient from their record;
 * the output-safety check of an edited programme; the simulated force and fatigue of one session;
 * and the forecast scenarios (no treatment, stimulation, stimulation + exercise).
 */

/** The simulated session is capped at this many minutes of work so the designer answers at once. */
export const MAX_SIMULATED_MINUTES = 40;
/** Points in each force trace returned to the browser. */
const TRACE_POINTS = 240;

const DAY_MS = 86_400_000;

function catalogue() {
  const icdCodes: { site: string; side: string; code: string; title: string; billable: boolean }[] = [];
  for (const site of BODY_SITES) {
    for (const side of SIDES) {
      try {
        const coded = codeForSite(site, side);
        icdCodes.push({ site, side, code: coded.code, title: coded.title, billable: coded.billable });
      } catch {
        // A site without that laterality has no code for it; the list shows only the valid pairs.
      }
    }
  }
  return {
    bodySites: BODY_SITES,
    sides: SIDES,
    icdCodes,
    causes: CAUSES.map((c) => ({
      id: c.id,
      label: c.label,
      group: c.group,
      codes: c.codes,
      atrophyCoding: c.atrophyCoding,
      innervation: c.innervation,
      expectedCourse: c.expectedCourse,
      stimulation: c.stimulation,
    })),
    screeningQuestions: Object.entries(SCREENING_QUESTIONS).map(([key, q]) => ({
      key,
      question: q.question,
      reason: q.reason,
    })),
    redFlags: Object.entries(RED_FLAG_RULES).map(([key, r]) => ({ key, label: r.label })),
    muscles: MUSCLE_SITES.map((m) => ({
      id: m.id,
      label: m.label,
      bodySite: m.bodySite,
      region: m.region,
      electrodes: m.electrodes,
      electrodeCm2: m.electrodeCm2,
    })),
    goals: GOALS,
    measurementKinds: MEASUREMENT_KINDS,
    lefs: { items: LEFS_ITEMS, maxScore: LEFS_MAX, itemMax: 4 },
    mrcGrades: MRC_DESCRIPTIONS,
  };
}

interface PlanBody {
  goal: string;
  muscle: string;
  side: 'left' | 'right';
  spareInnervatedNeighbours?: boolean;
  weightKg?: number;
}

/** The planner's input from the patient's record: age and sex, latest diagnosis, screening, S–D test, tolerance. */
async function planInputFromRecord(db: Db, patientId: string, body: PlanBody, now: Date): Promise<PlanInput> {
  const [patient, condition, screening, sdTest, sessions, mrc] = await Promise.all([
    getPatient(db, patientId),
    db
      .selectFrom('conditions')
      .select(['icd10_code', 'cause'])
      .where('patient_id', '=', patientId)
      .orderBy('recorded_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('screenings')
      .select(['answers', 'red_flag_findings'])
      .where('patient_id', '=', patientId)
      .orderBy('screened_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('sd_tests')
      .select(['rheobase_ma', 'chronaxie_ms', 'innervation'])
      .where('patient_id', '=', patientId)
      .orderBy('tested_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('sessions')
      .select(['peak_intensity_ma', 'pain', 'completed'])
      .where('patient_id', '=', patientId)
      .where('kind', '=', 'stimulation')
      .orderBy('started_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('measurements')
      .select(['value'])
      .where('patient_id', '=', patientId)
      .where('kind', '=', 'mrc-grade')
      .where('side', '=', body.side)
      .orderBy('measured_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!patient) throw notFound(`there is no patient ${patientId}`);
  const input: PlanInput = {
    goal: body.goal as PlanInput['goal'],
    muscle: body.muscle,
    side: body.side,
  };
  const age = patient.birthDate
    ? Math.floor((now.getTime() - Date.parse(`${patient.birthDate}T00:00:00Z`)) / (365.2425 * DAY_MS))
    : undefined;
  input.patient = {
    ...(age !== undefined && age >= 18 && age <= 110 ? { ageYears: age } : {}),
    ...(patient.sex === 'female' || patient.sex === 'male' ? { sex: patient.sex } : {}),
    ...(body.weightKg !== undefined ? { weightKg: body.weightKg } : {}),
  };
  if (condition) {
    input.diagnosis = {
      ...(condition.cause ? { causeId: condition.cause } : {}),
      icd10Code: condition.icd10_code,
    };
  }
  if (screening) {
    input.screening = parseScreeningAnswers(screening.answers);
    input.redFlags = parseRedFlagFindings(screening.red_flag_findings);
  }
  if (sdTest && sdTest.chronaxie_ms !== null && sdTest.rheobase_ma !== null) {
    input.strengthDuration = {
      chronaxieMs: sdTest.chronaxie_ms,
      rheobaseMa: sdTest.rheobase_ma,
      ...(sdTest.innervation ? { innervation: sdTest.innervation as 'normal' } : {}),
    };
  }
  const completed = sessions.filter((s) => s.completed);
  if (completed.length > 0) {
    const peaks = completed.map((s) => s.peak_intensity_ma).filter((v): v is number => v !== null);
    const lastPain = completed[0]?.pain;
    input.tolerance = {
      sessionsCompleted: completed.length,
      ...(peaks.length > 0 ? { highestToleratedMa: Math.max(...peaks) } : {}),
      ...(lastPain !== null && lastPain !== undefined ? { lastPainScore: lastPain } : {}),
    };
  }
  if (mrc) input.mrcGrade = mrc.value;
  if (body.spareInnervatedNeighbours !== undefined)
    input.spareInnervatedNeighbours = body.spareInnervatedNeighbours;
  return input;
}

export interface SimulateBody {
  frequencyHz: number;
  phaseWidthUs: number;
  minutes: number;
  onS?: number;
  offS?: number;
  rampUpS?: number;
  rampDownS?: number;
}

function sampleTimes(fromS: number, toS: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => fromS + ((toS - fromS) * i) / (n - 1));
}

/**
 * One session's work block through the force engine: Ding 2007 with fatigue (pulse width matters),
 * whole session up to MAX_SIMULATED_MINUTES. Continuous blocks (no cycle) count as one train.
 */
export function simulateSession(body: SimulateBody) {
  const model = FORCE_MODELS['ding2007-fatigue'];
  const minutes = Math.min(body.minutes, MAX_SIMULATED_MINUTES);
  const sessionS = minutes * 60;
  const onS = body.onS ?? sessionS;
  const offS = body.offS ?? 0;
  const cycleS = onS + offS;
  const repetitions = Math.max(1, Math.floor(sessionS / cycleS));
  const programme = buildProgrammeTrain(
    {
      frequencyHz: body.frequencyHz,
      onS,
      offS,
      repetitions,
      pulseWidthUs: body.phaseWidthUs,
      ...(body.rampUpS ? { rampUpS: body.rampUpS } : {}),
      ...(body.rampDownS ? { rampDownS: body.rampDownS } : {}),
    },
    model,
  );
  const lastStart = programme.contractionStartsS[programme.contractionStartsS.length - 1] ?? 0;
  const firstWindow = Math.min(cycleS, programme.endS);
  const firstTimes = sampleTimes(0, firstWindow, TRACE_POINTS);
  const lastTimes = sampleTimes(lastStart, Math.min(lastStart + cycleS, programme.endS), TRACE_POINTS);
  const started = performance.now();
  const result = simulateForce(model, programme.train, {
    endS: programme.endS,
    contractionStartsS: programme.contractionStartsS,
    sampleTimesS: lastStart > firstWindow ? [...firstTimes, ...lastTimes] : firstTimes,
  });
  const elapsedMs = performance.now() - started;
  const forces = result.sampledForceN;
  return {
    model: model.id,
    source: model.source,
    minutesSimulated: minutes,
    pulses: programme.train.timesS.length,
    contractions: result.contractions.map((c) => ({ startS: c.startS, peakForceN: c.peakForceN })),
    peakForceN: result.peakForceN,
    fatigueIndex: Number.isFinite(result.fatigueIndex) ? result.fatigueIndex : null,
    firstContraction: firstTimes.map((t, i) => ({ tS: t, forceN: forces[i] ?? 0 })),
    lastContraction:
      lastStart > firstWindow
        ? lastTimes.map((t, i) => ({ tS: t - lastStart, forceN: forces[TRACE_POINTS + i] ?? 0 }))
        : null,
    elapsedMs,
  };
}

const number = (min: number, max: number) => ({ type: 'number', minimum: min, maximum: max }) as const;

/** Per user (per address before login), checked once the caller is known. */
function heavyComputationLimit(options: AppOptions) {
  return {
    max: options.heavyComputationsPerMinute,
    timeWindow: 60_000,
    hook: 'preHandler' as const,
    keyGenerator: (request: FastifyRequest) => request.actor?.userId ?? request.ip,
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; ttl: number }) =>
      new HttpProblem(
        429,
        `at most ${context.max} simulations a minute per user; try again in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  };
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
          "Plan a programme from the patient's record (diagnosis, screening, strength–duration test, tolerance): a draft or a refusal naming each reason. Saves nothing.",
        params: patientParams,
        body: {
          type: 'object',
          required: ['goal', 'muscle', 'side'],
          additionalProperties: false,
          properties: {
            goal: { type: 'string', enum: [...GOALS] },
            muscle: { type: 'string', enum: MUSCLE_SITES.map((m) => m.id) },
            side: { type: 'string', enum: ['left', 'right'] },
            spareInnervatedNeighbours: { type: 'boolean' },
            weightKg: number(20, 400),
          },
        },
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'record-clinical');
      const now = options.now();
      const input = await planInputFromRecord(db, patientId, request.body, now);
      const outcome = planProgramme(input);
      await recordAudit(db, auditFrom(request, { action: 'read', resource: 'plan', patientId }));
      return outcome;
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
    async (request) => checkOutputSafety(request.body.stimulation),
  );

  app.post<{ Body: SimulateBody }>(
    '/api/clinic/simulate-session',
    {
      config: { rateLimit: heavyComputationLimit(options) },
      schema: {
        tags: ['clinic'],
        summary: `Simulated force and fatigue of one session's work block (Ding 2007 with fatigue; at most ${MAX_SIMULATED_MINUTES} min)`,
        body: {
          type: 'object',
          required: ['frequencyHz', 'phaseWidthUs', 'minutes'],
          additionalProperties: false,
          properties: {
            frequencyHz: number(1, 100),
            phaseWidthUs: number(50, 1000),
            minutes: number(0.1, 120),
            onS: number(0.5, 60),
            offS: number(0, 120),
            rampUpS: number(0, 10),
            rampDownS: number(0, 10),
          },
        },
      },
    },
    async (request) => {
      const b = request.body;
      if (b.onS !== undefined && (b.rampUpS ?? 0) + (b.rampDownS ?? 0) > b.onS) {
        throw new HttpProblem(422, 'the ramps (rampUpS + rampDownS) must fit within the on time onS');
      }
      return options.compute ? options.compute.run('simulate-session', b) : simulateSession(b);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/patients/:id/forecast',
    {
      schema: {
        tags: ['clinic'],
        summary:
          "The patient's forecast under three scenarios (no treatment, stimulation, stimulation + exercise) with 80 % bands, and their comparison",
        params: patientParams,
      },
    },
    async (request) => {
      const patientId = request.params.id;
      await authorizePatient(db, actorOf(request), patientId, 'read');
      const now = options.now();
      const [patient, condition, sizes] = await Promise.all([
        getPatient(db, patientId),
        db
          .selectFrom('conditions')
          .select(['site', 'side', 'cause', 'onset_date', 'immobilised_from', 'immobilised_to'])
          .where('patient_id', '=', patientId)
          .orderBy('recorded_at', 'desc')
          .limit(1)
          .executeTakeFirst(),
        db
          .selectFrom('measurements')
          .select(['kind', 'side', 'value', 'measured_at'])
          .where('patient_id', '=', patientId)
          .where('kind', 'in', ['circumference', 'ultrasound-thickness'])
          .orderBy('measured_at')
          .execute(),
      ]);
      if (!patient) throw notFound(`there is no patient ${patientId}`);
      await recordAudit(db, auditFrom(request, { action: 'read', resource: 'forecast', patientId }));
      const prepared = condition
        ? forecastInputFor(
            {
              site: condition.site,
              side: condition.side,
              cause: condition.cause,
              onsetDate: condition.onset_date,
              immobilisedFrom: condition.immobilised_from,
              immobilisedTo: condition.immobilised_to,
            },
            { birthDate: patient.birthDate, sex: patient.sex },
            sizes.map((m) => ({
              kind: m.kind,
              side: m.side,
              value: m.value,
              measuredAt: new Date(m.measured_at).toISOString(),
            })),
            now,
          )
        : undefined;
      if (!prepared) {
        return {
          available: false,
          reason:
            'the forecast covers disuse (cast, brace, bed rest, ICU, sedentary, spaceflight) of the thigh or lower leg with a start date; this record has no such condition',
        };
      }
      const { input, start } = prepared;
      const comparison = compareScenarios(input);
      const base = { ...input, resistanceExercise: false };
      delete base.nmesSessionsPerDay;
      delete base.nmesMinutesPerSession;
      const stimulated = {
        ...base,
        nmesSessionsPerDay: comparison.nmesSessionsPerDay,
        nmesMinutesPerSession: comparison.nmesMinutesPerSession,
      };
      const curve = (f: ReturnType<typeof forecastMuscle>) =>
        f.days
          .filter((d) => d.day <= 180 || d.day % 7 === 0 || d.day === input.days)
          .map((d) => ({
            day: d.day,
            date: new Date(start + d.day * DAY_MS).toISOString().slice(0, 10),
            changePct: d.changePct,
            lowPct: d.lowPct,
            highPct: d.highPct,
          }));
      return {
        available: true,
        scenario: input.scenario,
        muscle: input.muscle,
        startDate: new Date(start).toISOString().slice(0, 10),
        days: input.days,
        comparison,
        scenarios: {
          noTreatment: curve(forecastMuscle(base)),
          stimulation: curve(forecastMuscle(stimulated)),
          stimulationAndExercise: curve(forecastMuscle({ ...stimulated, resistanceExercise: true })),
        },
      };
    },
  );
}
