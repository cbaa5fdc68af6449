/**
 * Loads the demo (./demo-data.ts) through the store: a demo clinician, one account per demo
 * patient, and each patient's record (diagnosis, screenings, strength–duration tests, programmes
 * planned by the clinic module and approved, measurements, sessions, notes), every write audited.
 */
import { type DraftProgramme, planProgramme } from '../clinic/programme/plan.ts';
import { fitStrengthDuration } from '../physiology/strength-duration/strength-duration.ts';
import { DAY_MS, DAYS_PER_YEAR, HOUR_MS } from '../shared/time-units.ts';
import type { Db } from '../store/database.ts';
import { recordAudit } from '../store/records/audit.ts';
import { addCareTeamMember } from '../store/records/care-team.ts';
import { createCondition } from '../store/records/conditions.ts';
import { createMeasurement } from '../store/records/measurements.ts';
import { createNote } from '../store/records/notes.ts';
import { createPatient } from '../store/records/patients.ts';
import { approveProgramme, createProgramme } from '../store/records/programmes.ts';
import { createScreening } from '../store/records/screenings.ts';
import { createSdTest } from '../store/records/sd-tests.ts';
import { sessionValues } from '../store/records/sessions.ts';
import { createUser, findUserByEmail } from '../store/records/users.ts';
import { programmeSafety, screeningVerdict } from './clinical-verdicts.ts';
import {
  DEMO_EMAIL_DOMAIN,
  type DemoPatient,
  demoPatients,
  redFlagFindings,
  screeningAnswers,
} from './demo-data.ts';
import { hashPassword } from './passwords.ts';

/** The demo accounts' passwords: published on purpose (the demo holds no real person's data). */
export const DEMO_CLINICIAN_EMAIL = `clinician@${DEMO_EMAIL_DOMAIN}`;
export const DEMO_CLINICIAN_PASSWORD = 'demo-clinician';
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

async function loadPatient(
  db: Db,
  demo: DemoPatient,
  today: Date,
  clinicianId: string,
  alsoOnCareTeam: string | undefined,
  patientPasswordHash: string,
): Promise<{ id: string; sessions: number }> {
  return db.transaction().execute(async (tx) => {
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
      { name: demo.name, birthDate: demo.birthDate, sex: demo.sex },
      clinicianId,
    );
    await addCareTeamMember(tx, patient.id, clinicianId, clinicianId);
    if (alsoOnCareTeam) await addCareTeamMember(tx, patient.id, alsoOnCareTeam, clinicianId);
    await createUser(tx, {
      email: demo.email,
      name: demo.name,
      role: 'patient',
      passwordHash: patientPasswordHash,
      patientId: patient.id,
    });
    await audit('create', 'patient', patient.id, patient.id);
    const c = demo.condition;
    const condition = await createCondition(
      tx,
      patient.id,
      {
        site: c.site,
        side: c.side,
        cause: c.cause,
        onsetDate: dateOf(today, c.onsetDay),
        immobilisedFrom: c.immobilisedFromDay === null ? null : dateOf(today, c.immobilisedFromDay),
        immobilisedTo: c.immobilisedToDay === null ? null : dateOf(today, c.immobilisedToDay),
      },
      clinicianId,
      at(today, c.onsetDay + 1),
    );
    await audit('create', 'conditions', patient.id, condition.id);
    for (const s of demo.screenings) {
      const body = {
        screenedAt: at(today, s.day).toISOString(),
        answers: screeningAnswers(s.yes),
        electrodeSites: s.electrodeSites,
        redFlagFindings: redFlagFindings(s.redFlags),
      };
      const screening = await createScreening(tx, patient.id, body, screeningVerdict(body), clinicianId);
      await audit('create', 'screenings', patient.id, screening.id);
    }
    for (const t of demo.sdTests) {
      const fit = fitStrengthDuration(t.points);
      const test = await createSdTest(
        tx,
        patient.id,
        { testedAt: at(today, t.day, 10).toISOString(), site: t.site, side: t.side, points: t.points },
        { rheobaseMa: fit.rheobaseMa, chronaxieMs: fit.chronaxieMs, innervation: fit.innervation, fit },
        clinicianId,
      );
      await audit('create', 'sd-tests', patient.id, test.id);
    }
    const programmeIds: string[] = [];
    const ceilings: number[] = [];
    for (const p of demo.programmes) {
      const screening = [...demo.screenings].reverse().find((s) => s.day <= p.approvedDay);
      const sd = [...demo.sdTests].reverse().find((s) => s.day <= p.approvedDay);
      const sdFit = sd ? fitStrengthDuration(sd.points) : undefined;
      const birth = Date.parse(`${demo.birthDate}T00:00:00Z`);
      const outcome = planProgramme({
        goal: p.goal,
        muscle: p.muscle,
        side: p.side,
        patient: {
          ageYears: Math.floor((at(today, p.approvedDay).getTime() - birth) / (DAYS_PER_YEAR * DAY_MS)),
          sex: demo.sex,
        },
        diagnosis: { causeId: c.cause, icd10Code: condition.icd10Code },
        ...(screening
          ? {
              screening: screeningAnswers(screening.yes),
              redFlags: redFlagFindings(screening.redFlags),
            }
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
      });
      if (outcome.status !== 'draft') {
        throw new Error(
          `demo programme for ${demo.name} was refused: ${outcome.reasons.map((r) => r.message).join('; ')}`,
        );
      }
      const body = programmeBody(outcome);
      const safety = programmeSafety(body);
      if (!safety.ok) throw new Error(`demo programme for ${demo.name} fails the output-safety gate`);
      const when = at(today, p.approvedDay, 11);
      const created = await createProgramme(tx, patient.id, { body, safety }, clinicianId, when);
      const { ended } = await approveProgramme(tx, patient.id, created.id, clinicianId, safety, when);
      await audit('create', 'programmes', patient.id, created.id);
      await audit('approve', 'programmes', patient.id, created.id);
      if (ended) await audit('end', 'programmes', patient.id, ended.id);
      programmeIds.push(created.id);
      ceilings.push(ceilingMa(outcome));
    }
    for (const m of demo.measurements) {
      const measurement = await createMeasurement(
        tx,
        patient.id,
        {
          kind: m.kind as 'circumference',
          value: m.value,
          measuredAt: at(today, m.day, 10).toISOString(),
          site: m.site,
          side: m.side,
          note: m.note ?? null,
        },
        clinicianId,
      );
      await audit('create', 'measurements', patient.id, measurement.id);
    }
    const rows = demo.sessions.map((s) => {
      const ceiling = s.programme === null ? Number.POSITIVE_INFINITY : (ceilings[s.programme] ?? 0);
      return sessionValues(
        patient.id,
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
    if (rows.length > 0) await audit('create', 'sessions', patient.id);
    for (const n of demo.notes) {
      const note = await createNote(tx, patient.id, n.text, clinicianId, at(today, n.day, 16));
      await audit('create', 'notes', patient.id, note.id);
    }
    return { id: patient.id, sessions: rows.length };
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
  const clinicianId =
    existing?.id ??
    (
      await createUser(db, {
        email: DEMO_CLINICIAN_EMAIL,
        name: 'Sam Rivera (demo clinician)',
        role: 'clinician',
        passwordHash: await hashPassword(DEMO_CLINICIAN_PASSWORD),
      })
    ).id;
  const patientHash = await hashPassword(DEMO_PATIENT_PASSWORD);
  const loaded: DemoLoadResult['patients'] = [];
  for (const demo of patients) {
    const { id, sessions } = await loadPatient(
      db,
      demo,
      today,
      clinicianId,
      options.alsoOnCareTeam,
      patientHash,
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
