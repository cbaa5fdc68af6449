/**
 * Loads the demo (./demo-data.ts) through the API's write paths: a demo clinician, one account per
 * demo patient, and each patient's record (diagnosis, screenings, strength–duration tests,
 * programmes planned by the clinic module and approved through the one safety gate, measurements,
 * sessions, notes), every write audited.
 */
import { type DraftProgramme, type PlanInput, planProgramme } from '../clinic/programme/plan.ts';
import { plannerImmobilisations } from '../clinic/safety/immobilisation.ts';
import { fitStrengthDuration } from '../physiology/strength-duration/strength-duration.ts';
import { DAY_MS, DAYS_PER_YEAR, HOUR_MS } from '../shared/time-units.ts';
import type { Db } from '../store/database.ts';
import { recordAudit } from '../store/records/audit.ts';
import { addCareTeamMember } from '../store/records/care-team.ts';
import { createPatient } from '../store/records/patients.ts';
import { sessionValues } from '../store/records/sessions.ts';
import { createUser, findUserByEmail } from '../store/records/users.ts';
import type { Actor } from './access.ts';
import {
  DEMO_EMAIL_DOMAIN,
  type DemoPatient,
  demoPatients,
  redFlagFindings,
  screeningAnswers,
} from './demo-data.ts';
import type { DemoProgramme } from './demo-series.ts';
import { hashPassword } from './passwords.ts';
import { conditionsKind } from './routes/conditions.ts';
import { measurementsKind } from './routes/measurements.ts';
import { notesKind } from './routes/notes.ts';
import type { PatientRecordKind } from './routes/patient-records.ts';
import { approveDraft, programmesKind } from './routes/programmes.ts';
import { screeningsKind } from './routes/screenings.ts';
import { sdTestsKind } from './routes/sd-tests.ts';

/** The demo accounts' passwords: published on purpose (the demo holds no real person's data). */
export const DEMO_CLINICIAN_EMAIL = `clinician@${DEMO_EMAIL_DOMAIN}`;
export const DEMO_CLINICIAN_PASSWORD = 'demo-clinician';
const DEMO_CLINICIAN_NAME = 'Sam Rivera (demo clinician)';
export const DEMO_PATIENT_PASSWORD = 'demo-patient';

export interface DemoLoadResult {
  loaded: boolean;
  reason?: string;
  clinician: { email: string; password: string };
  patients: { id: string; name: string; email: string; password: string; story: string; sessions: number }[];
}

export interface DemoLoadOptions {
  /** "Today" for the demo's stories (default: now). */
  today?: Date;
  /** Also put this user (e.g. the first admin) on every demo patient's care team. */
  alsoOnCareTeam?: string;
  /** Extra patients to load besides the four (the browser test's two-year patient). */
  extraPatients?: DemoPatient[];
  /** Leave the four standard patients out (load only extraPatients). */
  onlyExtra?: boolean;
  seed?: number;
  /** The clinic's IANA time zone (MYOTROPHY_CLINIC_TIME_ZONE), the demo patients' own; 'UTC' when unset. */
  timeZone?: string;
}

/**
 * The body stored for a planned programme: the plan as drafted. Adherence counts the sessions each
 * week against the plan's own schedule (the stimulation level in force that week plus the exercise
 * sessions; prescribedSessionsPerWeek), so the body carries no single weekly figure of its own.
 */
export function programmeBody(draft: DraftProgramme): Record<string, unknown> {
  return { ...draft };
}

/** The lowest block ceiling (mA) in a programme: no demo session logs a peak above it. */
function ceilingMa(draft: DraftProgramme): number {
  return Math.min(...draft.stimulation.levels.flatMap((l) => l.blocks.map((b) => b.maxIntensityMa)));
}

function at(today: Date, day: number, hour = 9): Date {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return new Date(midnight + day * DAY_MS + hour * HOUR_MS);
}

function dateOf(today: Date, day: number): string {
  return at(today, day, 0).toISOString().slice(0, 10);
}

/** The demo clinician as the write paths see the caller. */
function demoActor(userId: string, clinicId: string): Actor {
  return {
    userId,
    clinicId,
    email: DEMO_CLINICIAN_EMAIL,
    name: DEMO_CLINICIAN_NAME,
    role: 'clinician',
    patientId: null,
    clinicianRole: false,
    sessionId: 'demo',
    csrfToken: 'demo',
    via: 'bearer',
  };
}

/** One step of a demo patient's story: when it happened, and the write it makes. */
interface StoryStep {
  at: Date;
  write: () => Promise<unknown>;
}

/** The input the planner would have had on `day`: the record as it stood then. */
/** The cast or brace the planner must respect in a programme starting on `startDate`, as real planning reads it. */
function wornOn(c: DemoPatient['condition'], startDate: string, today: Date): Partial<PlanInput> {
  const immobilisations = plannerImmobilisations(
    [
      {
        cause: c.cause,
        site: c.site,
        immobilisedFrom: c.immobilisedFromDay === null ? null : dateOf(today, c.immobilisedFromDay),
        immobilisedTo: c.immobilisedToDay === null ? null : dateOf(today, c.immobilisedToDay),
      },
    ],
    startDate,
  );
  return immobilisations.length > 0 ? { immobilisations, startDate } : {};
}

function planInputOn(demo: DemoPatient, p: DemoProgramme, today: Date, icd10Code: string): PlanInput {
  const screening = demo.screenings.findLast((s) => s.day <= p.approvedDay);
  const sd = demo.sdTests.findLast((s) => s.day <= p.approvedDay);
  const sdFit = sd ? fitStrengthDuration(sd.points) : undefined;
  const birth = Date.parse(`${demo.birthDate}T00:00:00Z`);
  return {
    goal: p.goal,
    muscle: p.muscle,
    side: p.side,
    patient: {
      ageYears: Math.floor((at(today, p.approvedDay).getTime() - birth) / (DAYS_PER_YEAR * DAY_MS)),
      sex: demo.sex,
    },
    diagnosis: { causeId: demo.condition.cause, icd10Code },
    ...wornOn(demo.condition, dateOf(today, p.approvedDay), today),
    ...(screening
      ? { screening: screeningAnswers(screening.yes), redFlags: redFlagFindings(screening.redFlags) }
      : {}),
    ...(sdFit
      ? {
          strengthDuration: {
            chronaxieMs: sdFit.chronaxieMs,
            rheobaseMa: sdFit.rheobaseMa,
            innervation: sdFit.innervation,
          },
        }
      : {}),
  };
}

/**
 * Writes one demo patient's story in time order, each record through the API's own write path at
 * the moment it happened (the route kinds' `create`, audited as the routes audit it), so that each
 * programme is planned from, and approved by the safety gate against, the record as it stood that
 * day. Sessions, the bulk of the history, go in last through the session writer's row values.
 */
async function loadPatient(
  db: Db,
  demo: DemoPatient,
  today: Date,
  clinicianId: string,
  clinicId: string,
  alsoOnCareTeam: string | undefined,
  patientPasswordHash: string,
  timeZone: string | undefined,
): Promise<{ id: string; sessions: number }> {
  return db.transaction().execute(async (tx) => {
    const actor = demoActor(clinicianId, clinicId);
    const audit = (action: string, resource: string, patientId: string, recordId: string | null = null) =>
      recordAudit(tx, {
        userId: clinicianId,
        action,
        resource,
        recordId,
        patientId,
        ip: null,
        userAgent: 'myotrophy demo',
      });
    const patient = await createPatient(
      tx,
      { name: demo.name, birthDate: demo.birthDate, sex: demo.sex, ...(timeZone ? { timeZone } : {}) },
      clinicianId,
    );
    const patientId = patient.id;
    await addCareTeamMember(tx, patientId, clinicianId, clinicianId);
    if (alsoOnCareTeam) await addCareTeamMember(tx, patientId, alsoOnCareTeam, clinicianId);
    await createUser(tx, {
      email: demo.email,
      name: demo.name,
      role: 'patient',
      passwordHash: patientPasswordHash,
      patientId,
    });
    await audit('create', 'patient', patientId, patientId);
    /** A record written through its kind's create path at `now`, and audited as the route audits it. */
    const create = async <Input, Output extends { id: string }>(
      kind: PatientRecordKind<Input, Output>,
      body: Input,
      now: Date,
    ): Promise<Output> => {
      const created = await kind.create(tx, { patientId, actor, now, db: tx }, body);
      await audit('create', kind.path, patientId, created.id);
      return created;
    };
    const c = demo.condition;
    let icd10Code = '';
    const steps: StoryStep[] = [
      {
        at: at(today, c.onsetDay + 1),
        write: async () => {
          const condition = await create(
            conditionsKind,
            {
              site: c.site,
              side: c.side,
              cause: c.cause,
              onsetDate: dateOf(today, c.onsetDay),
              immobilisedFrom: c.immobilisedFromDay === null ? null : dateOf(today, c.immobilisedFromDay),
              immobilisedTo: c.immobilisedToDay === null ? null : dateOf(today, c.immobilisedToDay),
            },
            at(today, c.onsetDay + 1),
          );
          icd10Code = condition.icd10Code;
        },
      },
      ...demo.screenings.map((s) => ({
        at: at(today, s.day),
        write: () =>
          create(
            screeningsKind,
            {
              screenedAt: at(today, s.day).toISOString(),
              answers: screeningAnswers(s.yes),
              electrodeSites: s.electrodeSites,
              redFlagFindings: redFlagFindings(s.redFlags),
            },
            at(today, s.day),
          ),
      })),
      ...demo.sdTests.map((t) => ({
        at: at(today, t.day, 10),
        write: () =>
          create(
            sdTestsKind,
            { testedAt: at(today, t.day, 10).toISOString(), site: t.site, side: t.side, points: t.points },
            at(today, t.day, 10),
          ),
      })),
      ...demo.measurements.map((m) => ({
        at: at(today, m.day, 10),
        write: () =>
          create(
            measurementsKind,
            {
              kind: m.kind,
              value: m.value,
              measuredAt: at(today, m.day, 10).toISOString(),
              site: m.site,
              side: m.side,
              note: m.note ?? null,
            },
            at(today, m.day, 10),
          ),
      })),
      ...demo.notes.map((n) => ({
        at: at(today, n.day, 16),
        write: () => create(notesKind, { text: n.text }, at(today, n.day, 16)),
      })),
    ];
    const programmeIds: string[] = [];
    const ceilings: number[] = [];
    for (const p of demo.programmes) {
      const when = at(today, p.approvedDay, 11);
      steps.push({
        at: when,
        write: async () => {
          const outcome = planProgramme(planInputOn(demo, p, today, icd10Code));
          if (outcome.status !== 'draft') {
            throw new Error(
              `demo programme for ${demo.name} was refused: ${outcome.reasons.map((r) => r.message).join('; ')}`,
            );
          }
          const draft = await create(programmesKind, { body: programmeBody(outcome) }, when);
          await approveDraft(tx, patientId, draft.id, clinicianId, when, (action, recordId) =>
            audit(action, 'programmes', patientId, recordId),
          );
          programmeIds.push(draft.id);
          ceilings.push(ceilingMa(outcome));
        },
      });
    }
    // In time order; steps at the same moment keep the order above (the condition first).
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.write();
    const rows = demo.sessions.map((s) => {
      const ceiling = s.programme === null ? Number.POSITIVE_INFINITY : (ceilings[s.programme] ?? 0);
      return sessionValues(
        patientId,
        {
          kind: s.kind,
          startedAt: at(today, s.day, s.hour).toISOString(),
          minutes: s.minutes,
          peakIntensityMa: s.peakIntensityMa === null ? null : Math.min(s.peakIntensityMa, ceiling),
          comfort: s.comfort,
          pain: s.pain,
          completed: s.completed,
          notes: s.notes,
          programmeId: s.programme === null ? null : (programmeIds[s.programme] ?? null),
        },
        clinicianId,
        at(today, s.day, s.hour + 1),
      );
    });
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insertInto('sessions')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    if (rows.length > 0) await audit('create', 'sessions', patientId);
    return { id: patientId, sessions: rows.length };
  });
}

/**
 * Loads the demo patients. Loading twice is refused politely (the demo clinician exists), so
 * running `myotrophy demo` again never duplicates the patients.
 */
export async function loadDemo(db: Db, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const today = options.today ?? new Date();
  const clinicianCredentials = { email: DEMO_CLINICIAN_EMAIL, password: DEMO_CLINICIAN_PASSWORD };
  const patients = [
    ...(options.onlyExtra ? [] : demoPatients(today, options.seed)),
    ...(options.extraPatients ?? []),
  ];
  const existing = await findUserByEmail(db, DEMO_CLINICIAN_EMAIL);
  if (existing && !options.onlyExtra) {
    return {
      loaded: false,
      reason: `the demo is already loaded (${DEMO_CLINICIAN_EMAIL} exists)`,
      clinician: clinicianCredentials,
      patients: [],
    };
  }
  const clinician =
    existing ??
    (await createUser(db, {
      email: DEMO_CLINICIAN_EMAIL,
      name: DEMO_CLINICIAN_NAME,
      role: 'clinician',
      passwordHash: await hashPassword(DEMO_CLINICIAN_PASSWORD),
    }));
  const patientHash = await hashPassword(DEMO_PATIENT_PASSWORD);
  const loaded: DemoLoadResult['patients'] = [];
  for (const demo of patients) {
    const { id, sessions } = await loadPatient(
      db,
      demo,
      today,
      clinician.id,
      clinician.clinicId,
      options.alsoOnCareTeam,
      patientHash,
      options.timeZone,
    );
    loaded.push({
      id,
      name: demo.name,
      email: demo.email,
      password: DEMO_PATIENT_PASSWORD,
      story: demo.story,
      sessions,
    });
  }
  return { loaded: true, clinician: clinicianCredentials, patients: loaded };
}
