import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../src/api/passwords.ts';
import { type Database, openDatabase } from '../../src/store/database.ts';
import { issueSession } from '../../src/store/records/auth-sessions.ts';
import { createClinicianAndAdmin, createPatientWithLogin } from '../clinic-people.ts';
import { dropSchema } from '../postgres-schema.ts';
import type { ServerSpec } from './server-process.ts';

/**
 * A clinic seeded straight into a database before a server starts on it: an admin, a clinician,
 * and `patients` patients each with their own account, plus a bearer token for every account
 * issued in the store (so a load test does not spend its time, or the login rate limit, logging in).
 */
export interface SeededClinic {
  adminToken: string;
  clinicianToken: string;
  patients: { patientId: string; token: string }[];
}

export interface StressDatabase {
  kind: 'pglite' | 'postgres';
  /** The embedded database's directory (PGlite). */
  dataDir?: string;
  /** Environment for the server process (PostgreSQL: DATABASE_URL and the schema). */
  env: Record<string, string | undefined>;
  open(): Promise<Database>;
  /** Removes the PostgreSQL schema, or the PGlite directory. */
  drop(): Promise<void>;
}

/** How a server process (the real command, unless `args` names another) reaches `target`. */
export function serverSpecOn(target: StressDatabase, args?: string[]): ServerSpec {
  return {
    env: target.env,
    ...(args ? { args } : {}),
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
  };
}

/** A fresh embedded database in a new temporary directory, which `drop` removes. */
export function pgliteDatabase(label: string): StressDatabase {
  const root = mkdtempSync(join(tmpdir(), `myotrophy-${label}-`));
  const dataDir = join(root, 'data');
  return {
    kind: 'pglite',
    dataDir,
    env: { DATABASE_URL: undefined },
    open: () => openDatabase({ dataDir }),
    drop: async () => rmSync(root, { recursive: true, force: true }),
  };
}

export function postgresDatabase(databaseUrl: string, label: string): StressDatabase {
  const schema = `${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: databaseUrl, MYOTROPHY_DB_SCHEMA: schema },
    open: () => openDatabase({ databaseUrl, schema, poolSize: 4 }),
    drop: () => dropSchema(databaseUrl, schema),
  };
}

export async function seedClinic(target: StressDatabase, patients: number): Promise<SeededClinic> {
  const database = await target.open();
  try {
    const db = database.db;
    const now = new Date();
    const passwordHash = await hashPassword(randomBytes(16).toString('hex'));
    const { clinician, admin } = await createClinicianAndAdmin(db, passwordHash, {
      clinician: { email: 'clinician@stress.test', name: 'Stress Clinician' },
      admin: { email: 'admin@stress.test', name: 'Stress Admin' },
    });
    const seeded: SeededClinic = {
      adminToken: (await issueSession(db, admin.id, '127.0.0.1', now)).token,
      clinicianToken: (await issueSession(db, clinician.id, '127.0.0.1', now)).token,
      patients: [],
    };
    for (let i = 0; i < patients; i += 1) {
      const { patient, user } = await createPatientWithLogin(
        db,
        passwordHash,
        { name: `Stress Patient ${i + 1}`, sex: 'female' },
        { email: `patient${i + 1}@stress.test`, name: `Stress Patient ${i + 1}` },
        { clinicianId: clinician.id, addedBy: admin.id },
      );
      seeded.patients.push({
        patientId: patient.id,
        token: (await issueSession(db, user.id, '127.0.0.1', now)).token,
      });
    }
    return seeded;
  } finally {
    await database.close();
  }
}
